/**
 * The call-flow map in the call console, in a real browser (Debian's Chromium through
 * playwright-core) against `npm run dev` as a real process: the panel draws the map the explorer
 * finds, and a click (or Enter) on a box places a call that goes there and then waits for the person.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../../examples/app.js'
import { exploreCalls, toMermaid } from '../../src/testing/index.js'
import { docsScreenshot, type OpenConsole, openConsole } from '../support/browser.js'

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 50 })

let console_: OpenConsole
let page: Page

beforeAll(async () => {
  console_ = await openConsole({ viewport: { width: 1280, height: 900 } })
  page = console_.page
}, 60_000)

afterAll(async () => {
  expect(await console_?.close()).toBe(0)
})

const map = () => page.getByRole('group', { name: 'Call-flow map from /ivr' })
const phoneStatus = () => page.getByRole('status').first().textContent()

test('the panel draws every node and edge of the map the explorer finds from the selected route', async () => {
  const panel = page.getByRole('region', { name: 'Call-flow map' })
  await poll(() => panel.getByLabel('Start at').inputValue()).toBe('/ivr')
  await panel.getByRole('button', { name: 'Draw the map' }).click()
  await map().waitFor()
  const expected = await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN })
  // What a drawing shows (toMermaid's nodes and edges) is what the panel shows.
  const drawn = toMermaid(expected)
  const shownIds = [...drawn.matchAll(/^ {2}(n\d+)[[{(>]/gm)].map((m) => m[1])
  const panelIds = await map()
    .locator('g.node')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node')))
  expect(panelIds.sort()).toEqual(shownIds.sort())
  expect(await map().locator('path.edge').count()).toBe([...drawn.matchAll(/ --> | -->\|/g)].length)
  await poll(() => panel.getByRole('status').textContent()).toBe(
    `${expected.nodes.length} nodes from /ivr. Click a box to place a call that goes there.`,
  )
  const png = await docsScreenshot(panel, 'console-map.png')
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
}, 60_000)

test('clicking the Record places a call along its path: it waits at the voicemail, and goes on from there', async () => {
  await map().getByRole('button', { name: 'Place a call to: Record (max 120s)' }).click()
  await poll(phoneStatus).toBe('/voicemail — waiting: recording')
  const log = page.getByRole('log')
  await poll(() => log.textContent()).toContain('Our support team is busy. Please leave a message.')
  await page.getByRole('button', { name: 'End with #' }).click()
  await poll(phoneStatus).toBe('Call ended: hangup')
  await poll(() => log.locator('li[data-type="say"] .text').last().textContent()).toBe(
    'Thanks, we got your 10 second message. Goodbye.',
  )
}, 60_000)

test('Enter on a focused box does the same: the opening hours, to the end of the call', async () => {
  const hours = map().getByRole('button', { name: /^Place a call to: POST \/ivr\/hours/ })
  await hours.focus()
  await page.keyboard.press('Enter')
  await poll(phoneStatus).toBe('Call ended: hangup')
  await poll(() => page.getByRole('log').locator('li[data-type="say"] .text').last().textContent()).toBe(
    'We are open Monday to Friday, nine to five.',
  )
  expect(console_.outside).toEqual([])
  expect(console_.errors).toEqual([])
}, 60_000)
