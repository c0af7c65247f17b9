/**
 * When a genuine signature fails, the refusal says which spelling Twilio signed — to onRejected()
 * and to the development log, never in the 403 body. Requests are signed with twilio-node (the
 * oracle) over the URL Twilio would have requested; the app sees another one.
 */
import { type Context, Hono } from 'hono'
import twilio from 'twilio'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { twilioWebhook } from '../src/hono/index.js'
import { diagnoseSignature, type Rejection, signTwilioRequest, verifyTwilioRequest } from '../src/webhook/index.js'
import { describeEachHmacBackend } from './support/hmac-backends.js'

const TOKEN = 'f3a1c0ffee5e1d4a9b2c8d7e6f5a4b3c'
const CALL = { CallSid: 'CA1', From: '+15550001111', To: '+15550002222' }

/** A form POST to `received`, signed as Twilio signs a request to `signedUrl`. */
function request(
  received: string,
  signedUrl: string,
  {
    params = CALL,
    signedParams = params,
    headers = {},
  }: { params?: Record<string, string>; signedParams?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  return new Request(received, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, signedUrl, signedParams),
      ...headers,
    },
    body: new URLSearchParams(params).toString(),
  })
}

let rejections: Rejection[]
let handlerRuns: number
function app(options: Parameters<typeof twilioWebhook>[0] = {}) {
  const app = new Hono()
  app.post(
    '/voice',
    twilioWebhook({
      authToken: TOKEN,
      onRejected: (_c: Context, rejection: Rejection) => {
        rejections.push(rejection)
        return undefined
      },
      ...options,
    }),
    (c) => {
      handlerRuns++
      return c.text('ok')
    },
  )
  return app
}

beforeEach(() => {
  rejections = []
  handlerRuns = 0
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

async function refusedWith(req: Request, options?: Parameters<typeof twilioWebhook>[0]) {
  const response = await app(options).request(req)
  expect(response.status).toBe(403)
  // The body stays generic: the hint is for the app, not for whoever sent the request.
  expect(await response.text()).toBe('Invalid X-Twilio-Signature')
  expect(handlerRuns).toBe(0)
  expect(rejections).toHaveLength(1)
  return rejections[0]!
}

describeEachHmacBackend('the hint names what Twilio signed', () => {
  test('https, while the app sees http behind a TLS-terminating proxy', async () => {
    const rejection = await refusedWith(request('http://voice.example.com/voice', 'https://voice.example.com/voice'))
    expect(rejection).toEqual({
      ok: false,
      status: 403,
      reason: 'invalid-signature',
      message: 'Invalid X-Twilio-Signature',
      hint: {
        kind: 'scheme',
        signedUrl: 'https://voice.example.com/voice',
        advice:
          'Twilio signed https://voice.example.com/voice, but the app checked http: it runs behind a TLS-terminating proxy; set publicUrl or trustProxy',
      },
    })
  })

  test('http, while the app checks https', async () => {
    const rejection = await refusedWith(request('https://voice.example.com/voice', 'http://voice.example.com/voice'))
    expect(rejection.hint).toMatchObject({ kind: 'scheme', signedUrl: 'http://voice.example.com/voice' })
  })

  test('a port the app does not see (X-Forwarded-Port)', async () => {
    const rejection = await refusedWith(
      request('http://internal:3000/voice', 'https://internal:8443/voice', { headers: { 'X-Forwarded-Port': '8443' } }),
    )
    expect(rejection.hint).toEqual({
      kind: 'port',
      signedUrl: 'https://internal:8443/voice',
      advice: 'Twilio signed https://internal:8443/voice, with port 8443, which the app does not see; set publicUrl',
    })
  })

  test('another host (X-Forwarded-Host), with the scheme changed too', async () => {
    const rejection = await refusedWith(
      request('http://10.0.0.7:3000/voice', 'https://voice.example.com/voice', {
        headers: { 'X-Forwarded-Host': 'voice.example.com', 'X-Forwarded-Proto': 'https' },
      }),
    )
    expect(rejection.hint).toEqual({
      kind: 'host',
      signedUrl: 'https://voice.example.com/voice',
      advice:
        'Twilio signed https://voice.example.com/voice, for host voice.example.com; set publicUrl (or trustProxy behind a proxy that sets X-Forwarded-Host)',
    })
  })

  test('another host from Forwarded: host=', async () => {
    const rejection = await refusedWith(
      request('https://127.0.0.1/voice', 'https://calls.example.org/voice', {
        headers: { Forwarded: 'for=192.0.2.60;proto=https;host="calls.example.org"' },
      }),
    )
    expect(rejection.hint).toMatchObject({ kind: 'host', signedUrl: 'https://calls.example.org/voice' })
  })

  test('the query changed: a parameter added to it on the way', async () => {
    const rejection = await refusedWith(
      request('https://example.com/voice?tenant=7&utm=x', 'https://example.com/voice?tenant=7'),
    )
    expect(rejection.hint).toMatchObject({ kind: 'query', signedUrl: 'https://example.com/voice?tenant=7' })
    expect(rejection.hint?.advice).toBe(
      'Twilio signed https://example.com/voice?tenant=7: the query string changed on the way (something added to or re-encoded it); sign and check the URL exactly as configured at Twilio',
    )
  })

  test('the query changed: Twilio signed none', async () => {
    const rejection = await refusedWith(request('https://example.com/voice?session=1', 'https://example.com/voice'))
    expect(rejection.hint).toMatchObject({ kind: 'query', signedUrl: 'https://example.com/voice' })
  })

  test('a form parameter Twilio did not send', async () => {
    const rejection = await refusedWith(
      request('https://example.com/voice', 'https://example.com/voice', {
        params: { ...CALL, Injected: 'by a proxy' },
        signedParams: CALL,
      }),
    )
    expect(rejection.hint).toEqual({
      kind: 'parameter',
      signedUrl: 'https://example.com/voice',
      parameter: 'Injected',
      advice: 'Twilio did not sign the parameter Injected: something between Twilio and the app added it to the body',
    })
  })

  test('a JSON body changed after Twilio hashed it', async () => {
    const genuine = await signTwilioRequest(TOKEN, { url: 'https://example.com/events', json: { a: 1 } })
    const tampered = new Request(genuine.url, { method: 'POST', headers: genuine.headers, body: '{"a":2}' })
    const result = await verifyTwilioRequest(tampered, { authToken: TOKEN, diagnose: diagnoseSignature })
    expect(result).toMatchObject({ ok: false, status: 403, reason: 'invalid-signature' })
    expect(!result.ok && result.hint?.kind).toBe('body')
  })
})

describe('no hint where there is nothing to find', () => {
  test('a forged signature, a wrong token, a signature over other parameters', async () => {
    const url = 'https://example.com/voice'
    const forged = request(url, url)
    forged.headers.set('X-Twilio-Signature', 'bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==')
    const wrongToken = new Request(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature('another-token', url, CALL),
      },
      body: new URLSearchParams(CALL).toString(),
    })
    const otherValues = request(url, url, { signedParams: { ...CALL, CallSid: 'CA2' } })
    for (const req of [forged, wrongToken, otherValues]) {
      rejections = []
      const rejection = await refusedWith(req)
      expect(rejection.reason).toBe('invalid-signature')
      expect(rejection.hint).toBeUndefined()
    }
  })

  test('other refusals carry their reason', async () => {
    const response = await app().request(new Request('https://example.com/voice', { method: 'POST' }))
    expect(response.status).toBe(403)
    expect(rejections).toEqual([
      {
        ok: false,
        status: 403,
        reason: 'missing-signature',
        message: 'Missing X-Twilio-Signature header',
      },
    ])
  })

  test('verifyTwilioRequest diagnoses only when asked', async () => {
    const req = request('http://example.com/voice', 'https://example.com/voice')
    const result = await verifyTwilioRequest(req, { authToken: TOKEN })
    expect(result).toEqual({
      ok: false,
      status: 403,
      reason: 'invalid-signature',
      message: 'Invalid X-Twilio-Signature',
    })
  })

  test('diagnoseSignature never tries another secret', async () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, 'https://example.com/voice', {})
    const input = { hash: 'SHA-1' as const, signature, url: 'http://example.com/voice' }
    expect(await diagnoseSignature({ ...input, secret: TOKEN })).toMatchObject({ kind: 'scheme' })
    expect(await diagnoseSignature({ ...input, secret: `${TOKEN}x` })).toBeUndefined()
  })
})

describe('onRejected and the development log', () => {
  test('onRejected may answer instead; it sees every refusal', async () => {
    const custom = new Hono()
    custom.post(
      '/voice',
      twilioWebhook({ authToken: TOKEN, onRejected: (c, r) => c.json({ reason: r.reason, kind: r.hint?.kind }, 401) }),
      (c) => c.text('ok'),
    )
    const response = await custom.request(request('http://example.com/voice', 'https://example.com/voice'))
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ reason: 'invalid-signature', kind: 'scheme' })
  })

  test('development (NODE_ENV=development): one warning per refusal, with the hint; production: none', async () => {
    const warnings: string[] = []
    vi.spyOn(console, 'warn').mockImplementation((line: unknown) => {
      warnings.push(String(line))
    })
    const plain = new Hono()
    plain.post('/voice', twilioWebhook({ authToken: TOKEN }), (c) => c.text('ok'))
    const req = () => request('http://example.com/voice', 'https://example.com/voice')

    vi.stubEnv('NODE_ENV', 'production')
    expect((await plain.request(req())).status).toBe(403)
    expect(warnings).toEqual([])

    vi.stubEnv('NODE_ENV', 'development')
    const response = await plain.request(req())
    expect(response.status).toBe(403)
    expect(await response.text()).toBe('Invalid X-Twilio-Signature')
    expect(warnings).toEqual([
      'twilioWebhook: refused POST /voice (403 invalid-signature): Invalid X-Twilio-Signature: Twilio signed https://example.com/voice, but the app checked http: it runs behind a TLS-terminating proxy; set publicUrl or trustProxy',
    ])

    // The mode option overrides the environment.
    const quiet = new Hono()
    quiet.post('/voice', twilioWebhook({ authToken: TOKEN, mode: 'production' }), (c) => c.text('ok'))
    await quiet.request(req())
    expect(warnings).toHaveLength(1)
  })
})
