/**
 * "Copy as test" output is a test that passes: written to a file and run by vitest as its own
 * process, whatever the call held — quotes, backticks, `${…}`, backslashes, a Dial steered by hand,
 * custom parameters — and it fails once the app says something else.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { devConsole } from '../../src/dev/index.js'
import { REPO, runVitest } from '../support/processes.js'

const NAME = `.tmp-copy-${process.pid}`
const DIR = join(REPO, 'test', 'dev', NAME)

/** What the app says: everything a template literal or a snapshot must escape. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the text holds a placeholder on purpose
const TRICKY = 'Type `npm ${x}` \\ then "pound".'

const APP = `/** @jsxRuntime automatic @jsxImportSource twiml-jsx */
import { Hono } from 'hono'
import { Dial, Gather, Response, Say, Sip } from 'twiml-jsx'
import { twilioParams, twilioWebhook, twiml } from 'twiml-jsx/hono'

const TRICKY = ${JSON.stringify(TRICKY)}
export const DEV_AUTH_TOKEN = 'copy-test-token'
export const app = new Hono()
app.use('*', twilioWebhook({ authToken: DEV_AUTH_TOKEN }))
app.post('/voice', (c) => {
  const { CallerName } = twilioParams(c)
  return twiml(c, (
    <Response>
      <Gather numDigits={3} finishOnKey="#" action="/dial">
        <Say>Hi {CallerName}. {TRICKY}</Say>
      </Gather>
    </Response>
  ))
})
app.post('/dial', (c) => twiml(c, (
  <Response>
    <Dial action="/after"><Sip>sip:ann@example.com</Sip></Dial>
  </Response>
)))
app.post('/after', (c) => {
  const { DialCallStatus, DialSipResponseCode } = twilioParams(c)
  return twiml(c, <Response><Say>Dial: {DialCallStatus} {DialSipResponseCode}.</Say></Response>)
})
`

beforeAll(() => {
  mkdirSync(DIR, { recursive: true })
  writeFileSync(join(DIR, 'app.tsx'), APP)
})
afterAll(() => rmSync(DIR, { recursive: true, force: true }))

async function post(console_: ReturnType<typeof devConsole>, path: string, body: unknown) {
  const response = await console_.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return response.json()
}

test('the copied test passes under vitest, and fails when the app changes what it says', async () => {
  const { app, DEV_AUTH_TOKEN } = await import(join(DIR, 'app.tsx'))
  const console_ = devConsole(app, {
    authToken: DEV_AUTH_TOKEN,
    test: { module: `test/dev/${NAME}/app.tsx`, app: 'app', token: 'DEV_AUTH_TOKEN' },
  })
  const { id } = await post(console_, '/api/calls', {
    call: { url: '/voice', from: '+15550001111', params: { CallerName: `Ada "the first" O'Hara` } },
  })
  await post(console_, `/api/calls/${id}/input`, { input: { kind: 'press', digits: '42#' } })
  await post(console_, `/api/calls/${id}/input`, { input: { kind: 'advance', seconds: 4 } })
  const last = await post(console_, `/api/calls/${id}/input`, { input: { kind: 'decline', sipResponseCode: 486 } })
  expect(last.state).toMatchObject({ ended: true })
  const file = `test/dev/${NAME}/session.test.ts`
  const { code } = await post(console_, `/api/calls/${id}/test`, { file })
  expect(code).toContain(`import { app, DEV_AUTH_TOKEN } from './app.js'`)
  expect(code).toContain(`    params: { CallerName: 'Ada "the first" O\\'Hara' },`)
  expect(code).toContain(
    `    { kind: 'decline', sipResponseCode: 486 }, // /dial: waiting: sip:ann@example.com ringing`,
  )
  // The transcript's own escapes (JSON quotes), then the template literal's: the snapshot vitest would write.
  expect(code).toContain(
    String.raw`        Say "Hi Ada \\"the first\\" O'Hara. Type \`npm \${x}\` \\\\ then \\"pound\\"."`,
  )
  writeFileSync(join(REPO, file), code)

  const passed = await runVitest(file)
  expect(passed.stdout).toMatch(/Tests {2}1 passed \(1\)/)
  expect(passed.code).toBe(0)
  expect(readFileSync(join(REPO, file), 'utf8')).toBe(code) // vitest found nothing to rewrite

  // The regression it guards: the app now answers differently, and the test says so.
  writeFileSync(join(DIR, 'app.tsx'), APP.replace('Dial: {DialCallStatus}', 'Dialed: {DialCallStatus}'))
  const failed = await runVitest(file)
  expect(failed.code).toBe(1)
  expect(failed.stdout + failed.stderr).toContain('Say "Dialed: busy 486."')
}, 120_000)
