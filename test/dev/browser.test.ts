/**
 * The call console in a real browser (Debian's Chromium through playwright-core), against the
 * repository's `npm run dev` — the example flows — as a real process: a person places calls and
 * steers them through the page alone, keyboard only for the IVR, hears them as speech requests, and
 * keeps them as a test (run by vitest) and as a session file. The screenshots in docs/ come from here.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { GREETING, HOURS, MENU } from '../../examples/agent.js'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../../examples/app.js'
import { type CallInput, prettyXml, simulateCall } from '../../src/testing/index.js'
import { docsScreenshot, type OpenConsole, openConsole } from '../support/browser.js'
import { REPO, runVitest } from '../support/processes.js'

/** Waits for the page (CI machines are slow): expect.poll with a generous timeout. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 })

const SCRATCH = `test/dev/.tmp-browser-${process.pid}`
const SUPPORT = 'Our support team is busy. Please leave a message.'

let console_: OpenConsole
let page: Page
let outside: string[]
let errors: string[]

beforeAll(async () => {
  mkdirSync(join(REPO, SCRATCH), { recursive: true })
  console_ = await openConsole(
    {
      viewport: { width: 1100, height: 760 },
      permissions: ['clipboard-read', 'clipboard-write'],
      acceptDownloads: true,
    },
    // Headless Chromium has no voices: note what the page asks it to say.
    () => {
      const spoken: { text: string; lang: string }[] = []
      Object.assign(window, { spoken })
      const synth = window.speechSynthesis
      const speak = synth.speak.bind(synth)
      synth.speak = (utterance) => {
        spoken.push({ text: utterance.text, lang: utterance.lang })
        speak(utterance)
      }
    },
  )
  ;({ page, outside, errors } = console_)
}, 60_000)

afterAll(async () => {
  expect(await console_?.close()).toBe(0)
  rmSync(join(REPO, SCRATCH), { recursive: true, force: true })
})

function spoken(): Promise<{ text: string; lang: string }[]> {
  return page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken.slice())
}

/** The page from its top, as README shows it (see docsScreenshot). */
async function screenshot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  const png = await docsScreenshot(page, name)
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
}

/** Presses Tab until the focused element is the one `name` describes (its id, label or text). */
async function tabTo(name: string): Promise<void> {
  for (let n = 0; n < 40; n++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null
      return [e?.id ?? '', e?.getAttribute('aria-label') ?? '', e?.textContent?.trim() ?? '']
    })
    if (focused.includes(name)) return
  }
  throw new Error(`Tab never reached "${name}"`)
}

/** The timeline as a person reads it: each Say, each webhook (method, URL, status) and its TwiML, in order. */
function timeline(): Promise<string[]> {
  return page.$$eval('#timeline > li', (items) =>
    items.flatMap((item) => {
      const type = item.getAttribute('data-type')
      const text = (selector: string) => item.querySelector(selector)?.textContent ?? ''
      if (type === 'say') return [`say ${text('.text')}`]
      if (type === 'request' || type === 'callback') {
        const line = `${type} ${text('.method')} ${text('.url')} ${text('.status')}`
        return item.querySelector('pre.twiml') === null ? [line] : [line, text('pre.twiml')]
      }
      return []
    }),
  )
}

/** The same, from the simulator in this process: what the page must show, in this order. */
async function expected(url: string, inputs: CallInput[]): Promise<string[]> {
  const call = await simulateCall(exampleApp, { url, authToken: DEV_AUTH_TOKEN, decide: () => inputs.shift() })
  return call.events.flatMap((event) => {
    if (event.type === 'say') return [`say ${event.text}`]
    if (event.type !== 'request' && event.type !== 'callback') return []
    const { method, url, status, body } = event.request
    const line = `${event.type} ${method} ${url} ${status}`
    return event.type === 'request' && body ? [line, prettyXml(body)] : [line]
  })
}

describe('the IVR, by keyboard alone', () => {
  test('call, press 2, hear that support is busy, leave a voicemail: every Say, request and TwiML in order', async () => {
    // What a keyboard and a screen reader meet: named buttons, a live log.
    await poll(() => page.getByRole('log', { name: 'Call timeline' }).getAttribute('aria-live')).toBe('polite')
    await tabTo('call')
    await page.keyboard.press('Enter')
    const keypad = page.getByRole('group', { name: 'Keypad' })
    await keypad.waitFor()
    for (const key of '123456789*0#')
      await poll(() => keypad.getByRole('button', { name: key, exact: true }).count()).toBe(1)
    await page.getByRole('log').getByText('Thanks for calling Example Corp.', { exact: true }).waitFor()
    await screenshot('console.png')

    await page.keyboard.press('2')
    await page.getByRole('log').getByText(SUPPORT, { exact: true }).waitFor()
    await poll(async () => (await spoken()).find((s) => s.text === SUPPORT)).toEqual({ text: SUPPORT, lang: 'en-US' })
    await page.getByRole('button', { name: 'End with #' }).waitFor()

    await tabTo('record-seconds')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('14')
    await tabTo('End with #')
    await page.keyboard.press('Enter')
    await poll(() => page.getByRole('status').first().textContent()).toBe('Call ended: hangup')

    expect(await timeline()).toEqual(
      await expected('/ivr', [
        { kind: 'press', digits: '2' },
        { kind: 'record', seconds: 14, key: '#' },
      ]),
    )
    const said = (await spoken()).map((s) => s.text)
    expect(said).toContain('Thanks for calling Example Corp.')
    expect(said.at(-1)).toBe('Thanks, we got your 14 second message. Goodbye.')
    expect(outside).toEqual([]) // the page and the call needed no network
    expect(errors).toEqual([])
  }, 60_000)

  test('Copy as test: the session as a vitest test, which passes when vitest runs it', async () => {
    await page.getByRole('button', { name: 'Copy as test' }).click()
    const dialog = page.getByRole('dialog', { name: 'The session as a vitest test' })
    await dialog.waitFor()
    const file = `${SCRATCH}/ivr.test.ts`
    await dialog.getByLabel('Test file').fill(file)
    await dialog.getByLabel('Test file').press('Tab')
    const code = dialog.getByRole('textbox', { name: 'Test code' })
    await poll(() => code.inputValue()).toContain("from '../../../examples/app.js'")
    await dialog.getByRole('button', { name: 'Copy to clipboard' }).click()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    const shown = await code.inputValue()
    await dialog.getByRole('button', { name: 'Close' }).click()
    expect(copied).toBe(shown)
    expect(copied).toContain("    { kind: 'press', digits: '2' }, // /ivr: waiting for input\n")
    expect(copied).toContain("    { kind: 'record', seconds: 14, key: '#' }, // /voicemail: waiting: recording\n")

    writeFileSync(join(REPO, file), copied)
    const run = await runVitest(file)
    expect(run.stdout).toMatch(/Tests {2}1 passed \(1\)/)
    expect(run.code).toBe(0)
  }, 90_000)
})

describe('dialing', () => {
  test('a SIP party answers busy: the Dial action hears DialSipResponseCode 486', async () => {
    await page.getByLabel('Route').selectOption('/sip/screened')
    await page.getByRole('button', { name: 'Call', exact: true }).click()
    await page.getByRole('button', { name: 'sip:kate@example.com is busy' }).click()
    await poll(() => page.getByRole('status').first().textContent()).toBe('Call ended: hangup')
    const log = page.getByRole('log')
    await poll(() => log.textContent()).toContain('sip:kate@example.com: busy (SIP 486)')
    await poll(() => log.locator('li[data-type="say"] .text').last().textContent()).toBe('The line is busy. Goodbye.')
    await log.getByText('http://localhost/sip/after-dial').click() // the webhook's parameters unfold
    await poll(() => log.locator('table.params').last().textContent()).toContain('DialSipResponseCode486')
  }, 60_000)

  test('sequential SIP dialing: a SIP code, no answer, an answer, then the callee hangs up', async () => {
    await page.getByLabel('Route').selectOption('/sip/sequential')
    await page.getByRole('button', { name: 'Call', exact: true }).click()
    await page.getByRole('button', { name: 'Answer sip:alice@example.com' }).waitFor()
    await screenshot('console-dial.png')
    await page.locator('#sip-code-0').fill('603')
    await page.getByRole('button', { name: 'sip:alice@example.com answers with the SIP code' }).click()
    await page.getByRole('button', { name: 'sip:bob@example.com does not answer' }).click()
    await page.getByRole('button', { name: 'Answer sip:charlie@example.com' }).click()
    await page.getByLabel('Talk for').fill('12')
    await page.getByRole('button', { name: 'Callee hangs up' }).click()
    await poll(() => page.getByRole('status').first().textContent()).toBe('Call ended: hangup')
    expect(await timeline()).toEqual(
      await expected('/sip/sequential', [
        { kind: 'decline', party: 0, sipResponseCode: 603 },
        { kind: 'decline', party: 1, status: 'no-answer' },
        { kind: 'answer', party: 2 },
        { kind: 'advance', seconds: 12 },
        { kind: 'hangup', leg: 'callee' },
      ]),
    )
    await poll(() => page.locator('#clock').textContent()).toBe('12 s')
  }, 60_000)

  test('save the session as JSON, load it back: the same call replays, silently', async () => {
    const before = await timeline()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save session' }).click(),
    ])
    const saved = join(REPO, SCRATCH, 'session.json')
    await download.saveAs(saved)
    const session = JSON.parse(readFileSync(saved, 'utf8'))
    expect(session).toMatchObject({ format: 'twiml-jsx-call-session', version: 1, call: { url: '/sip/sequential' } })
    expect(session.inputs).toHaveLength(5)

    await page.getByLabel('Route').selectOption('/ivr/hours') // another call in between
    await page.getByRole('button', { name: 'Call', exact: true }).click()
    await poll(() => page.getByRole('status').first().textContent()).toBe('Call ended: hangup')
    await poll(async () => (await spoken()).at(-1)?.text).toBe('We are open Monday to Friday, nine to five.')
    const heard = (await spoken()).length
    await page.locator('#load-session').setInputFiles(saved)
    await poll(() => page.getByRole('log').locator('li.note').first().textContent()).toBe(
      'Replaying a saved call to POST /sip/sequential',
    )
    await poll(() => page.getByRole('status').first().textContent()).toBe('Call ended: hangup')
    expect(await timeline()).toEqual(before)
    expect(await page.getByLabel('Route').inputValue()).toBe('/sip/sequential')
    expect((await spoken()).length).toBe(heard)
  }, 60_000)
})

describe('what the caller hears', () => {
  test('muted: no speech, the text still shown; a Pause counts down; a Play that cannot be reached shows its URL', async () => {
    await page.getByLabel('Mute').check()
    const heard = (await spoken()).length
    await page.getByLabel('Route').selectOption('/ivr/hours')
    await page.getByRole('button', { name: 'Call', exact: true }).click()
    const pause = page.getByRole('log').locator('li[data-type="pause"]')
    await poll(() => pause.textContent()).toBe('0:00Pause1 sdone')
    await poll(() => page.getByRole('log').locator('li[data-type="say"] .text').textContent()).toBe(
      'We are open Monday to Friday, nine to five.',
    )
    expect((await spoken()).length).toBe(heard)
    await page.getByLabel('Mute').uncheck()

    await page.getByLabel('Route').selectOption('/queue/sales')
    await page.getByRole('button', { name: 'Call', exact: true }).click()
    const music = 'https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3'
    const play = page.getByRole('log').locator('li[data-type="play"]')
    await poll(() => play.textContent()).toBe(`0:00Play${music}could not be played (unreachable or not audio)`)
    expect(outside).toEqual([music])
    await page.getByRole('button', { name: 'Agent answers (bridge)' }).click()
    await page.getByRole('button', { name: 'Hang up', exact: true }).click()
    await poll(() => page.getByRole('status').first().textContent()).toBe('Call ended: caller hung up')
    expect(errors).toEqual([])
  }, 60_000)
})

describe('the chat view of a ConversationRelay call', () => {
  test('the caller types turns and presses a key; the agent streams its tokens; an interrupt leads to the handoff', async () => {
    const heard = (await spoken()).length
    await page.getByLabel('Route').selectOption('/agent')
    await page.getByRole('button', { name: 'Call', exact: true }).click()
    const chat = page.getByRole('log', { name: 'Conversation' })
    const bubbles = chat.locator('li.bubble')
    await poll(() => bubbles.first().textContent()).toBe(`Agent0:00${GREETING}welcome greeting`)
    // At the caller's turn the typing goes to the chat; the phone points there.
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('chat-text')
    await page.getByText('The caller talks to the agent in the chat view.').waitFor()
    await page.keyboard.type('menu')
    await page.keyboard.press('Enter')
    await poll(() => bubbles.nth(2).locator('.text').textContent()).toBe(MENU)
    expect(await bubbles.nth(1).textContent()).toBe('Caller0:00menu')
    // The reply came token by token: one element per `text` message, as it streamed in.
    expect(await bubbles.nth(2).locator('.token').allTextContents()).toEqual(
      MENU.split(' ').map((word, i, all) => (i < all.length - 1 ? `${word} ` : word)),
    )
    await page.getByRole('group', { name: 'Chat keypad' }).getByRole('button', { name: 'Key 1' }).click()
    await poll(() => bubbles.nth(3).locator('.text').textContent()).toBe(HOURS)
    await page.getByLabel('The caller says').fill('I want a human')
    await page.getByRole('button', { name: 'Interrupt the agent' }).click()
    await poll(() => chat.locator('li.chat-note.end').textContent()).toBe(
      `Session ended by the appHandoff data${JSON.stringify({ reasonCode: 'live-agent-handoff', reason: 'The caller asked for a human' }, null, 2)}`,
    )
    await poll(() => chat.locator('li').allTextContents()).toEqual([
      'ConversationRelay session started (caller=+15017122661)',
      `Agent0:00${GREETING}welcome greeting`,
      'Caller0:00menu',
      `Agent0:00${MENU}`,
      'The caller pressed 1',
      `Agent0:00${HOURS}`,
      `Caller interrupts the agent after "${HOURS}"`,
      'Caller0:00I want a human',
      `Session ended by the appHandoff data${JSON.stringify({ reasonCode: 'live-agent-handoff', reason: 'The caller asked for a human' }, null, 2)}`,
      'Then the Connect action: POST /agent/handoff',
    ])
    // The timeline has the same call; the agent's turns were spoken, as the caller hears them.
    await page
      .getByRole('log', { name: 'Call timeline' })
      .getByText('Connecting you to a person now.', { exact: true })
      .waitFor()
    await poll(async () => (await spoken()).slice(heard).map((s) => s.text)).toEqual(
      expect.arrayContaining([GREETING, MENU, 'Connecting you to a person now.']),
    )
    await page.getByRole('button', { name: 'Answer sip:support@example.com' }).waitFor()
    // Tall enough for the whole conversation without scrolling it (a scrolled log paints differently
    // from run to run; the picture in docs/ must not).
    await page.setViewportSize({ width: 1440, height: 1300 })
    await page.getByRole('log', { name: 'Call timeline' }).locator('li.speaking').waitFor({ state: 'detached' })
    await screenshot('console-chat.png')
    await page.setViewportSize({ width: 1100, height: 760 })
    await page.getByRole('button', { name: 'Hang up', exact: true }).click()
    await poll(() => page.getByRole('status').first().textContent()).toBe('Call ended: caller hung up')
    expect(await page.getByRole('button', { name: 'Interrupt the agent' }).isDisabled()).toBe(true)
    expect(errors).toEqual([])
    expect(outside.filter((url) => !url.includes('twilio.music'))).toEqual([])
  }, 60_000)
})
