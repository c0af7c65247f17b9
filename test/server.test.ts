/**
 * `npm start` really serves the examples: start examples/server.tsx (as `npm start` does, with
 * tsx) on a free port of 127.0.0.1, POST a route over HTTP, stop the server. Without
 * TWILIO_AUTH_TOKEN it checks the development token; with it, that token (read by the middleware).
 */
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { afterEach, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN } from '../examples/app.js'
import { type ExampleServer, startExampleServer } from './support/processes.js'

let server: ExampleServer | undefined
afterEach(() => {
  server?.stop()
  server = undefined
})

/** Starts examples/server.tsx with `token` as TWILIO_AUTH_TOKEN; resolves to its origin and first output. */
async function startServer(token: string): Promise<{ origin: string; stdout: string }> {
  server = await startExampleServer({ TWILIO_AUTH_TOKEN: token, NODE_ENV: 'production' })
  return { origin: server.origin, stdout: server.output() }
}

const SIP_BASIC = '<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Sip>kate@example.com</Sip></Dial></Response>'

test('examples/server.tsx answers a signed POST /sip/basic with TwiML on 127.0.0.1, and 403 unsigned', async () => {
  const { origin } = await startServer('')
  const url = `${origin}/sip/basic`
  expect((await fetch(url, { method: 'POST' })).status).toBe(403)
  const res = await fetch(await signTwilioRequest(DEV_AUTH_TOKEN, { url }))
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8')
  expect(await res.text()).toBe(SIP_BASIC)
}, 30_000)

test('with TWILIO_AUTH_TOKEN set, that token is checked and the development token refused', async () => {
  const { origin, stdout } = await startServer('a-real-looking-token')
  expect(stdout).not.toContain('development token')
  const url = `${origin}/sip/basic`
  const genuine = await fetch(await signTwilioRequest('a-real-looking-token', { url }))
  expect([genuine.status, await genuine.text()]).toEqual([200, SIP_BASIC])
  const dev = await fetch(await signTwilioRequest(DEV_AUTH_TOKEN, { url }))
  expect(dev.status).toBe(403)
}, 30_000)
