/**
 * twilioWebhook() without `authToken` finds the token itself: the request's env binding
 * TWILIO_AUTH_TOKEN (Workers), else process.env.TWILIO_AUTH_TOKEN (Node, Bun, Deno), else every
 * request is refused with 500 and the log says where it looked. (runtime-tests/ serve the same app
 * on Node and workerd with the token in the environment and in .dev.vars.)
 */
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { twilioWebhook } from '../src/hono/index.js'
import { signTwilioRequest } from '../src/webhook/index.js'

const URL = 'http://localhost/voice'
const BOUND = 'token-from-the-binding'
const FROM_PROCESS = 'token-from-process-env'

function app(options?: Parameters<typeof twilioWebhook>[0]) {
  const app = new Hono()
  app.post('/voice', twilioWebhook(options), (c) => c.text(`ok ${c.get('twilio').params.CallSid}`))
  return app
}

const signed = (token: string) => signTwilioRequest(token, { url: URL, params: { CallSid: 'CA1' } })

let errors: string[]
beforeEach(() => {
  errors = []
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
    errors.push(String(line))
  })
  vi.stubEnv('TWILIO_AUTH_TOKEN', '')
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

describe('without authToken', () => {
  test('reads the env binding TWILIO_AUTH_TOKEN (Workers: c.env)', async () => {
    const response = await app().request(await signed(BOUND), undefined, { TWILIO_AUTH_TOKEN: BOUND })
    expect(await response.text()).toBe('ok CA1')
  })

  test('else reads process.env.TWILIO_AUTH_TOKEN (Node, Bun, Deno)', async () => {
    vi.stubEnv('TWILIO_AUTH_TOKEN', FROM_PROCESS)
    expect(await (await app().request(await signed(FROM_PROCESS))).text()).toBe('ok CA1')
    // node-server's bindings ({ incoming, outgoing }) hold no token: the process environment still counts.
    const nodeBindings = { incoming: {}, outgoing: {} }
    expect(await (await app().request(await signed(FROM_PROCESS), undefined, nodeBindings)).text()).toBe('ok CA1')
  })

  test('the binding wins over the process environment; an empty binding does not count', async () => {
    vi.stubEnv('TWILIO_AUTH_TOKEN', FROM_PROCESS)
    const env = { TWILIO_AUTH_TOKEN: BOUND }
    expect((await app().request(await signed(BOUND), undefined, env)).status).toBe(200)
    expect((await app().request(await signed(FROM_PROCESS), undefined, env)).status).toBe(403)
    const empty = { TWILIO_AUTH_TOKEN: '' }
    expect((await app().request(await signed(FROM_PROCESS), undefined, empty)).status).toBe(200)
  })

  test('the token read is the one that counts: a request signed with another token gets 403', async () => {
    vi.stubEnv('TWILIO_AUTH_TOKEN', FROM_PROCESS)
    const response = await app().request(await signed('some-other-token'))
    expect(response.status).toBe(403)
    expect(await response.text()).toBe('Invalid X-Twilio-Signature')
  })

  test('no token anywhere: 500 for every request, signed or not, and a log line naming both places', async () => {
    for (const request of [await signed('anything'), new Request(URL, { method: 'POST' })]) {
      const response = await app().request(request)
      expect(response.status).toBe(500)
      expect(await response.text()).toBe('Twilio auth token is not configured')
    }
    expect(errors).toHaveLength(2)
    expect(errors[0]).toBe(
      'twilioWebhook: no Twilio auth token; looked in the TWILIO_AUTH_TOKEN binding (c.env on Workers: wrangler secret put, .dev.vars) ' +
        'and the TWILIO_AUTH_TOKEN environment variable (Node, Bun, Deno). Every webhook is refused with 500.',
    )
  })

  test('a runtime without a process object (workerd): the binding only', async () => {
    vi.stubGlobal('process', undefined)
    const withBinding = await app().request(await signed(BOUND), undefined, { TWILIO_AUTH_TOKEN: BOUND })
    const without = await app().request(await signed(BOUND))
    vi.unstubAllGlobals()
    expect(withBinding.status).toBe(200)
    expect(without.status).toBe(500)
  })
})

describe('with authToken', () => {
  test('a string is used as is, whatever the environment says', async () => {
    vi.stubEnv('TWILIO_AUTH_TOKEN', FROM_PROCESS)
    expect((await app({ authToken: 'explicit' }).request(await signed('explicit'))).status).toBe(200)
    expect((await app({ authToken: 'explicit' }).request(await signed(FROM_PROCESS))).status).toBe(403)
  })

  test('a function that returns nothing: 500, and the log says so', async () => {
    const response = await app({ authToken: () => undefined }).request(await signed('x'))
    expect(response.status).toBe(500)
    expect(errors).toEqual([
      'twilioWebhook: no Twilio auth token; looked in what the authToken option returned. Every webhook is refused with 500.',
    ])
  })
})
