/**
 * The Hono middleware, through `app.request()`: status, Content-Type and body of every refusal, and
 * what a verified handler sees. Requests are signed with twilio-node (the oracle) unless a test is
 * about our own signTwilioRequest().
 */
import fc from 'fast-check'
import { type Context, Hono } from 'hono'
import twilio from 'twilio'
import { beforeEach, describe, expect, expectTypeOf, test } from 'vitest'
import { getTwilioWebhook, twilioParams, twilioWebhook } from '../src/hono/index.js'
import {
  type CallStatus,
  type DialActionRequest,
  signTwilioRequest,
  type VerifiedWebhook,
  type VoiceRequest,
  verifyTwilioRequest,
} from '../src/webhook/index.js'
import { formPairs, groupPairs } from './webhook-arbitraries.js'

const TOKEN = 'f3a1c0ffee5e1d4a9b2c8d7e6f5a4b3c'
const TEXT = 'text/plain; charset=UTF-8'
const CALL = {
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+14158675309',
  To: '+18005551212',
  CallStatus: 'ringing',
  ApiVersion: '2010-04-01',
  Direction: 'inbound',
} as const

/** A form POST signed by twilio-node, the way Twilio sends it. */
function twilioForm(url: string, params: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
  }
  return new Request(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, url, params),
      ...headers,
    },
    body: body.toString(),
  })
}

function unsigned(url: string, body: BodyInit | null, headers: Record<string, string> = {}, method = 'POST') {
  return new Request(url, {
    method,
    headers: { 'X-Twilio-Signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', ...headers },
    body,
  })
}

let handlerRuns = 0
beforeEach(() => {
  handlerRuns = 0
})

function voiceApp(options: Partial<Parameters<typeof twilioWebhook>[0]> = {}) {
  const app = new Hono()
  app.post('/voice', twilioWebhook<VoiceRequest>({ authToken: TOKEN, ...options }), (c) => {
    handlerRuns++
    const { params, source, url } = c.get('twilio')
    return c.json({ CallSid: params.CallSid, CallStatus: params.CallStatus, source, url })
  })
  return app
}

async function expectRefusal(response: Response, status: number, message: string) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe(TEXT)
  expect(await response.text()).toBe(message)
  expect(handlerRuns).toBe(0)
}

describe('a genuine request', () => {
  test('reaches the handler with its typed parameters', async () => {
    const response = await voiceApp().request(twilioForm('http://localhost/voice', CALL))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      CallSid: CALL.CallSid,
      CallStatus: 'ringing',
      source: 'form',
      url: 'http://localhost/voice',
    })
    expect(handlerRuns).toBe(1)
  })

  test('c.get("twilio") is typed by the middleware; twilioParams() types routes that lack it', async () => {
    const app = new Hono()
    app.post('/after-dial', twilioWebhook<DialActionRequest>({ authToken: TOKEN }), (c) => {
      const webhook = c.get('twilio')
      expectTypeOf(webhook).toEqualTypeOf<VerifiedWebhook<DialActionRequest>>()
      expectTypeOf(webhook.params.DialCallStatus).toEqualTypeOf<DialActionRequest['DialCallStatus']>()
      expectTypeOf(webhook.params.CallStatus).toEqualTypeOf<CallStatus>()
      expectTypeOf(webhook.params['DialSipHeader_X-Ticket']).toEqualTypeOf<string | undefined>()
      return c.text(`${webhook.params.DialCallStatus} ${webhook.params['DialSipHeader_X-Ticket']}`)
    })
    app.use('/status', twilioWebhook({ authToken: TOKEN }))
    app.post('/status', (c: Context) => {
      const params = twilioParams<VoiceRequest>(c)
      expectTypeOf(params.Direction).toEqualTypeOf<'inbound' | 'outbound-api' | 'outbound-dial'>()
      return c.text(`${params.Direction} ${getTwilioWebhook(c).source}`)
    })

    const dial = { ...CALL, DialCallStatus: 'completed', 'DialSipHeader_X-Ticket': '42' }
    const afterDial = await app.request(twilioForm('http://localhost/after-dial', dial))
    expect(await afterDial.text()).toBe('completed 42')
    const status = await app.request(twilioForm('http://localhost/status', CALL))
    expect(await status.text()).toBe('inbound form')
  })

  test('in an app whose Env says nothing, c.get("twilio") is typed through ContextVariableMap (no casts)', async () => {
    const app = new Hono()
    app.use('*', twilioWebhook({ authToken: TOKEN }))
    app.post('/status', (c) => {
      const webhook = c.get('twilio')
      expectTypeOf(webhook).toEqualTypeOf<VerifiedWebhook>()
      expectTypeOf(c.var.twilio.params.CallSid).toEqualTypeOf<string | undefined>()
      return c.text(`${webhook.params.CallSid} ${c.var.twilio.source}`)
    })
    expect(await (await app.request(twilioForm('http://localhost/status', CALL))).text()).toBe(`${CALL.CallSid} form`)
    expect(twilioWebhook().name).toBe('twilioWebhookMiddleware')
  })

  test('twilioParams() outside the middleware is a programming error', async () => {
    const app = new Hono()
    app.post('/unguarded', (c) => c.text(twilioParams(c).CallSid ?? ''))
    app.onError((error, c) => c.text(error.message, 500))
    const response = await app.request(twilioForm('http://localhost/unguarded', CALL))
    expect(await response.text()).toBe('No verified Twilio request: add twilioWebhook() in front of this handler')
  })

  test('the handler can still read the body', async () => {
    const app = new Hono()
    app.post('/voice', twilioWebhook({ authToken: TOKEN }), async (c) => {
      const form = await c.req.parseBody()
      const text = await c.req.text()
      return c.json({ form, text })
    })
    const response = await app.request(twilioForm('http://localhost/voice', { CallSid: 'CA1', Body: 'a b&c' }))
    expect(await response.json()).toEqual({ form: { CallSid: 'CA1', Body: 'a b&c' }, text: 'CallSid=CA1&Body=a+b%26c' })
  })

  test('a name sent twice: params has the first value, allParams every value', async () => {
    const app = new Hono()
    app.post('/voice', twilioWebhook({ authToken: TOKEN }), (c) => {
      const { params, allParams } = c.get('twilio')
      return c.json({ first: params.Digits, all: allParams.getAll('Digits'), names: Object.keys(params) })
    })
    const response = await app.request(
      twilioForm('http://localhost/voice', { CallSid: 'CA1', Digits: ['9', '1', '9'], From: '+1' }),
    )
    // Names in the order received.
    expect(await response.json()).toEqual({ first: '9', all: ['9', '1', '9'], names: ['CallSid', 'Digits', 'From'] })
  })

  test('params inherit nothing: toString, constructor and __proto__ are parameters like any other', async () => {
    const app = new Hono()
    app.post('/voice', twilioWebhook({ authToken: TOKEN }), (c) => {
      const { params } = c.get('twilio') as { params: Record<string, unknown> }
      return c.json({
        inherited: ['toString', 'hasOwnProperty', 'valueOf'].map((name) => name in params),
        own: Object.keys(params),
        proto: Object.getOwnPropertyDescriptor(params, '__proto__')?.value,
        constructor: params.constructor,
      })
    })
    const response = await app.request(
      // A computed key makes __proto__ an own property of the literal (a plain one would set its prototype).
      twilioForm('http://localhost/voice', { CallSid: 'CA1', ['__proto__']: 'p', constructor: 'c' }),
    )
    expect(await response.json()).toEqual({
      inherited: [false, false, false],
      own: ['CallSid', '__proto__', 'constructor'],
      proto: 'p',
      constructor: 'c',
    })
  })

  test('a URL signed with the default port matches the request without it', async () => {
    const signed = twilioForm('http://localhost:80/voice', CALL)
    const response = await voiceApp().request(new Request('http://localhost/voice', signed))
    expect(response.status).toBe(200)
  })

  test('an apostrophe in the query: signed as written, received percent-encoded', async () => {
    const configured = "http://localhost/voice?caller=O'Brien&to=sip:bob@example.com"
    const request = twilioForm(configured, CALL)
    expect(request.url).toBe('http://localhost/voice?caller=O%27Brien&to=sip:bob@example.com')
    expect((await voiceApp().request(request)).status).toBe(200)
  })

  test('an empty form with no Content-Type is accepted', async () => {
    const url = 'http://localhost/voice'
    const request = new Request(url, {
      method: 'POST',
      headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, url, {}) },
    })
    const response = await voiceApp().request(request)
    expect(response.status).toBe(200)
  })

  test('200 random forms signed by twilio-node pass, and the handler sees the parameters sent', async () => {
    const app = new Hono()
    app.post('/voice', twilioWebhook({ authToken: TOKEN }), (c) => c.json([...c.get('twilio').allParams]))
    await fc.assert(
      fc.asyncProperty(formPairs, async (pairs) => {
        // URLSearchParams (the sender) writes lone surrogates as U+FFFD: compare with what was sent.
        const sent = [...new URLSearchParams(pairs)]
        const response = await app.request(twilioForm('http://localhost/voice', groupPairs(sent)))
        expect(response.status).toBe(200)
        const received = await response.json()
        const grouped = (list: [string, string][]) => JSON.stringify(groupPairs(list))
        expect(grouped(received)).toBe(grouped(sent))
      }),
      { numRuns: 200 },
    )
  })
})

describe('refused requests never reach the handler', () => {
  test('missing signature: 403', async () => {
    const request = new Request('http://localhost/voice', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(CALL).toString(),
    })
    await expectRefusal(await voiceApp().request(request), 403, 'Missing X-Twilio-Signature header')
  })

  test('forged signature: 403', async () => {
    const request = unsigned('http://localhost/voice', new URLSearchParams(CALL).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
    })
    await expectRefusal(await voiceApp().request(request), 403, 'Invalid X-Twilio-Signature')
  })

  test('a genuine signature over other parameters: 403', async () => {
    const genuine = twilioForm('http://localhost/voice', CALL)
    const tampered = new Request(genuine, {
      body: new URLSearchParams({ ...CALL, CallStatus: 'completed' }).toString(),
    })
    await expectRefusal(await voiceApp().request(tampered), 403, 'Invalid X-Twilio-Signature')
  })

  test('signed with another token: 403', async () => {
    const url = 'http://localhost/voice'
    const request = twilioForm(url, CALL, {
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature('other', url, CALL),
    })
    await expectRefusal(await voiceApp().request(request), 403, 'Invalid X-Twilio-Signature')
  })

  const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
  test.each([
    ['a bad percent escape', 'CallSid=CA%ZZ', form, 'Malformed form body'],
    ['a truncated escape', 'CallSid=CA1&Body=50%', form, 'Malformed form body'],
    ['escapes that are not UTF-8', 'Body=%C3%28', form, 'Malformed form body'],
    [
      'raw bytes that are not UTF-8',
      new Uint8Array([0x42, 0x6f, 0x64, 0x79, 0x3d, 0xff]),
      form,
      'Request body is not valid UTF-8',
    ],
    [
      'a JSON body without bodySHA256',
      '{"CallSid":"CA1"}',
      { 'Content-Type': 'application/json' },
      'Expected an application/x-www-form-urlencoded body',
    ],
    [
      'a multipart body',
      '--x\r\n\r\n--x--',
      { 'Content-Type': 'multipart/form-data; boundary=x' },
      'Expected an application/x-www-form-urlencoded body',
    ],
    [
      'a text body',
      'CallSid=CA1',
      { 'Content-Type': 'text/plain' },
      'Expected an application/x-www-form-urlencoded body',
    ],
    ['a body without Content-Type', 'CallSid=CA1', {}, 'Expected an application/x-www-form-urlencoded body'],
    [
      'a charset other than UTF-8',
      'CallSid=CA1',
      { 'Content-Type': 'application/x-www-form-urlencoded; charset=iso-8859-1' },
      'Unsupported charset: expected UTF-8',
    ],
    ['an invalid Content-Length', 'CallSid=CA1', { ...form, 'Content-Length': 'lots' }, 'Invalid Content-Length'],
  ])('malformed, %s: 400', async (_, body, headers, message) => {
    const request = unsigned('http://localhost/voice', body as BodyInit, headers)
    await expectRefusal(await voiceApp().request(request), 400, message)
  })

  test('malformed JSON, correctly signed: 400', async () => {
    const request = await signTwilioRequest(TOKEN, { url: 'http://localhost/voice', json: '{"CallSid": ' })
    await expectRefusal(await voiceApp().request(request), 400, 'Invalid JSON body')
  })

  test('oversized by Content-Length: 413 before the body is read', async () => {
    let pulled = 0
    const neverEnding = new ReadableStream<Uint8Array>({
      pull() {
        pulled++
        return new Promise(() => {})
      },
    })
    const request = new Request('http://localhost/voice', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(64 * 1024 + 1),
        'X-Twilio-Signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      },
      body: neverEnding,
      duplex: 'half',
    } as RequestInit)
    await expectRefusal(await voiceApp().request(request), 413, 'Request body too large')
    expect(pulled).toBeLessThanOrEqual(1)
  })

  test('oversized without Content-Length: 413 once the count passes the limit', async () => {
    let chunks = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks++
        controller.enqueue(new TextEncoder().encode(`Body=${'x'.repeat(8 * 1024 - 5)}`))
      },
    })
    const request = new Request('http://localhost/voice', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      },
      body: endless,
      duplex: 'half',
    } as RequestInit)
    expect(request.headers.get('content-length')).toBeNull()
    await expectRefusal(await voiceApp().request(request), 413, 'Request body too large')
    // 8 chunks of 8 kB fill the 64 kB limit exactly; the ninth crosses it and reading stops there.
    expect(chunks).toBeLessThanOrEqual(10)
  })

  test('a genuine but oversized request: 413, both with and without Content-Length', async () => {
    const params = { ...CALL, Body: 'x'.repeat(64 * 1024) }
    const size = new TextEncoder().encode(new URLSearchParams(params).toString()).length
    const declared = twilioForm('http://localhost/voice', params, { 'Content-Length': String(size) })
    await expectRefusal(await voiceApp().request(declared), 413, 'Request body too large')
    const undeclared = twilioForm('http://localhost/voice', params)
    expect(undeclared.headers.get('content-length')).toBeNull()
    await expectRefusal(await voiceApp().request(undeclared), 413, 'Request body too large')
  })

  test('maxBodyBytes sets the limit', async () => {
    const app = voiceApp({ maxBodyBytes: 200 })
    const small = twilioForm('http://localhost/voice', CALL)
    expect(new TextEncoder().encode(new URLSearchParams(CALL).toString()).length).toBeLessThanOrEqual(200)
    expect((await app.request(small)).status).toBe(200)
    handlerRuns = 0
    const large = twilioForm('http://localhost/voice', { ...CALL, Body: 'x'.repeat(200) })
    await expectRefusal(await app.request(large), 413, 'Request body too large')
  })
})

describe('the URL Twilio requested', () => {
  const internal = (signed: Request, headers: Record<string, string> = {}) =>
    new Request('http://10.0.0.7:3000/voice?leg=2', {
      method: 'POST',
      headers: { ...Object.fromEntries(signed.headers), ...headers },
      body: signed.body,
      duplex: 'half',
    } as RequestInit)
  const publicRequest = () => twilioForm('https://voice.example.com/voice?leg=2', CALL)

  test('behind a proxy the request URL does not match: 403', async () => {
    await expectRefusal(await voiceApp().request(internal(publicRequest())), 403, 'Invalid X-Twilio-Signature')
  })

  test('publicUrl as a base: the request path and query are appended', async () => {
    const response = await voiceApp({ publicUrl: 'https://voice.example.com/' }).request(internal(publicRequest()))
    expect(response.status).toBe(200)
    expect((await response.json()).url).toBe('https://voice.example.com/voice?leg=2')
  })

  test('publicUrl with a path prefix the proxy strips', async () => {
    const signed = twilioForm('https://example.com/twilio/voice?leg=2', CALL)
    const response = await voiceApp({ publicUrl: 'https://example.com/twilio' }).request(internal(signed))
    expect(response.status).toBe(200)
  })

  test('publicUrl as an async function of the Context', async () => {
    const publicUrl = async (c: Context) => `https://voice.example.com${new URL(c.req.url).pathname}?leg=2`
    expect((await voiceApp({ publicUrl }).request(internal(publicRequest()))).status).toBe(200)
  })

  test('query parameters come from the signed URL, not from the request', async () => {
    const app = new Hono()
    const publicUrl = 'https://voice.example.com/hook?leg=2'
    app.get('/hook', twilioWebhook({ authToken: TOKEN, publicUrl: () => publicUrl }), (c) =>
      c.text(c.get('twilio').params.leg ?? ''),
    )
    const response = await app.request('/hook?leg=999', {
      headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, publicUrl, {}) },
    })
    expect(await response.text()).toBe('2')
  })

  test('trustProxy reads X-Forwarded-Proto and X-Forwarded-Host (first values)', async () => {
    const forwarded = { 'X-Forwarded-Proto': 'https, http', 'X-Forwarded-Host': 'voice.example.com, proxy.local' }
    expect((await voiceApp({ trustProxy: true }).request(internal(publicRequest(), forwarded))).status).toBe(200)
  })

  test('without trustProxy the forwarded headers are ignored', async () => {
    const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'voice.example.com' }
    await expectRefusal(
      await voiceApp().request(internal(publicRequest(), forwarded)),
      403,
      'Invalid X-Twilio-Signature',
    )
  })

  test('a forwarded host that would rewrite the path is ignored', async () => {
    const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'voice.example.com/evil?' }
    const response = await voiceApp({ trustProxy: true }).request(internal(publicRequest(), forwarded))
    await expectRefusal(response, 403, 'Invalid X-Twilio-Signature')
  })
})

describe('GET webhooks', () => {
  const app = new Hono()
  app.get('/gather', twilioWebhook({ authToken: TOKEN }), (c) => {
    const { params, source } = c.get('twilio')
    return c.json({ Digits: params.Digits, CallSid: params.CallSid, source })
  })
  const url = 'http://localhost/gather?CallSid=CA1&Digits=1234&Note=it%27s+ok'

  test('are checked against the query string', async () => {
    const response = await app.request(url, {
      headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, url, {}) },
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ Digits: '1234', CallSid: 'CA1', source: 'query' })
  })

  test('a changed query string: 403', async () => {
    const response = await app.request(url.replace('1234', '9999'), {
      headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, url, {}) },
    })
    await expectRefusal(response, 403, 'Invalid X-Twilio-Signature')
  })
})

describe('JSON webhooks (bodySHA256)', () => {
  const body = '{"CallSid":"CA1","Nested":{"Ok":true},"Text":"日本"}'
  const app = new Hono()
  app.post('/events', twilioWebhook({ authToken: TOKEN }), (c) => {
    const { json, body: text, source, params } = c.get('twilio')
    return c.json({ json, text, source, hash: params.bodySHA256 })
  })
  const signed = (sentBody = body) => {
    const url = `http://localhost/events?bodySHA256=${twilio.getExpectedBodyHash(body)}`
    return new Request(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, url, {}),
      },
      body: sentBody,
    })
  }

  test('a body that matches its hash reaches the handler, parsed', async () => {
    const response = await app.request(signed())
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      json: { CallSid: 'CA1', Nested: { Ok: true }, Text: '日本' },
      text: body,
      source: 'body',
      hash: twilio.getExpectedBodyHash(body),
    })
  })

  test('a body that does not match its hash: 403', async () => {
    await expectRefusal(await app.request(signed(body.replace('CA1', 'CA2'))), 403, 'Invalid X-Twilio-Signature')
  })
})

describe('shared keys (X-Twilio-Webhooks-Signature-Settings)', () => {
  const SHARED = 'shared-key-secret'
  const url = 'http://localhost/voice'
  const request = (settings: string, secret = SHARED, algorithm = 'HMAC_SHA256') =>
    twilioForm(url, CALL, {
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(secret, url, CALL, algorithm),
      'X-Twilio-Webhooks-Signature-Settings': settings,
    })
  const lookup = (keyId: string | undefined) => (keyId === 'KS1' ? SHARED : undefined)

  test('HMAC-SHA256 with the key the header names', async () => {
    const app = new Hono()
    app.post('/voice', twilioWebhook({ authToken: TOKEN, sharedKeySecret: lookup }), (c) => {
      const { algorithm, keyId } = c.get('twilio')
      return c.text(`${algorithm} ${keyId}`)
    })
    const response = await app.request(request('key=KS1,algorithm=HMAC_SHA256'))
    expect(await response.text()).toBe('HMAC_SHA256 KS1')
  })

  test('an unknown key id: 403', async () => {
    const response = await voiceApp({ sharedKeySecret: lookup }).request(request('key=KS2,algorithm=HMAC_SHA256'))
    await expectRefusal(response, 403, 'No shared key secret for this request')
  })

  test('signed with the Auth Token instead of the shared key: 403', async () => {
    const response = await voiceApp({ sharedKeySecret: SHARED }).request(
      request('key=KS1,algorithm=HMAC_SHA256', TOKEN),
    )
    await expectRefusal(response, 403, 'Invalid X-Twilio-Signature')
  })

  test('no shared key configured: 403', async () => {
    await expectRefusal(
      await voiceApp().request(request('key=KS1,algorithm=HMAC_SHA256')),
      403,
      'No shared key secret for this request',
    )
  })

  test('an unsupported algorithm: 403', async () => {
    const response = await voiceApp({ sharedKeySecret: SHARED }).request(request('key=KS1,algorithm=HMAC_MD5'))
    await expectRefusal(response, 403, 'Unsupported signature algorithm')
  })
})

describe('authToken', () => {
  test('may be an async function of the Context, e.g. reading bindings', async () => {
    type Env = { Bindings: { TWILIO_AUTH_TOKEN: string } }
    const app = new Hono<Env>()
    app.post('/voice', twilioWebhook({ authToken: async (c) => (c.env as Env['Bindings']).TWILIO_AUTH_TOKEN }), (c) =>
      c.text(c.get('twilio').params.CallSid ?? ''),
    )
    const response = await app.request(twilioForm('http://localhost/voice', CALL), undefined, {
      TWILIO_AUTH_TOKEN: TOKEN,
    })
    expect(await response.text()).toBe(CALL.CallSid)
  })
})

describe('signTwilioRequest() builds requests the middleware accepts', () => {
  const app = new Hono()
  const echo = (c: Context) => c.json({ ...getTwilioWebhook(c), allParams: [...getTwilioWebhook(c).allParams] })
  app.on(['GET', 'POST'], '/hook', twilioWebhook({ authToken: TOKEN, sharedKeySecret: 'shh' }), echo)

  test('form POST, signed as twilio-node signs it', async () => {
    const request = await signTwilioRequest(TOKEN, {
      url: 'http://localhost/hook',
      params: { CallSid: 'CA1', Digits: ['2', '1'] },
    })
    expect(request.headers.get('X-Twilio-Signature')).toBe(
      twilio.getExpectedTwilioSignature(TOKEN, 'http://localhost/hook', { CallSid: 'CA1', Digits: ['2', '1'] }),
    )
    const seen = await (await app.request(request)).json()
    expect(seen.source).toBe('form')
    expect(seen.allParams).toEqual([
      ['CallSid', 'CA1'],
      ['Digits', '2'],
      ['Digits', '1'],
    ])
  })

  test('GET with the parameters in the query string', async () => {
    const request = await signTwilioRequest(TOKEN, {
      url: 'http://localhost/hook?leg=1',
      method: 'GET',
      params: { CallSid: 'CA1' },
    })
    expect(request.url).toBe('http://localhost/hook?leg=1&CallSid=CA1')
    const seen = await (await app.request(request)).json()
    expect(seen.params).toEqual({ leg: '1', CallSid: 'CA1' })
  })

  test('JSON with bodySHA256', async () => {
    const request = await signTwilioRequest(TOKEN, { url: 'http://localhost/hook', json: { a: [1, 'é'] } })
    const hash = twilio.getExpectedBodyHash('{"a":[1,"é"]}')
    expect(request.url).toBe(`http://localhost/hook?bodySHA256=${hash}`)
    expect(
      twilio.validateRequestWithBody(TOKEN, request.headers.get('X-Twilio-Signature')!, request.url, '{"a":[1,"é"]}'),
    ).toBe(true)
    const seen = await (await app.request(request)).json()
    expect(seen.json).toEqual({ a: [1, 'é'] })
  })

  test('with a shared key and HMAC-SHA256', async () => {
    const request = await signTwilioRequest('shh', {
      url: 'http://localhost/hook',
      params: CALL,
      algorithm: 'HMAC_SHA256',
      keyId: 'KS9',
    })
    expect(request.headers.get('X-Twilio-Webhooks-Signature-Settings')).toBe('key=KS9,algorithm=HMAC_SHA256')
    const seen = await (await app.request(request)).json()
    expect([seen.algorithm, seen.keyId]).toEqual(['HMAC_SHA256', 'KS9'])
  })
})

describe('a body another middleware has already read', () => {
  const app = new Hono()
  app.use('*', async (c, next) => {
    await c.req.text()
    await next()
  })
  app.post('/voice', twilioWebhook({ authToken: TOKEN, maxBodyBytes: 1000 }), (c) =>
    c.text(c.get('twilio').params.CallSid ?? ''),
  )

  test('is still verified, from Hono’s body cache', async () => {
    expect(await (await app.request(twilioForm('http://localhost/voice', CALL))).text()).toBe(CALL.CallSid)
    const forged = unsigned('http://localhost/voice', 'CallSid=CA1', {
      'Content-Type': 'application/x-www-form-urlencoded',
    })
    expect((await app.request(forged)).status).toBe(403)
  })

  test('and still limited in size', async () => {
    const response = await app.request(twilioForm('http://localhost/voice', { ...CALL, Body: 'x'.repeat(1000) }))
    expect(response.status).toBe(413)
  })
})

describe('verifyTwilioRequest, without Hono', () => {
  test('any Fetch Request', async () => {
    const request = twilioForm('https://example.com/voice', CALL)
    const result = await verifyTwilioRequest<VoiceRequest>(request, { authToken: TOKEN })
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect({ ...result.webhook.params }).toEqual(CALL)
      expect(result.webhook.source).toBe('form')
      expect(new TextDecoder().decode(result.rawBody)).toBe(new URLSearchParams(CALL).toString())
    }
  })

  test('a refusal carries status, reason and message', async () => {
    const request = new Request('https://example.com/voice', { method: 'POST', body: 'a=1' })
    expect(await verifyTwilioRequest(request, { authToken: TOKEN })).toEqual({
      ok: false,
      status: 403,
      reason: 'missing-signature',
      message: 'Missing X-Twilio-Signature header',
    })
  })

  test('HEAD requests are checked against the query string', async () => {
    const url = 'https://example.com/status?CallSid=CA1'
    const request = new Request(url, {
      method: 'HEAD',
      headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, url, {}) },
    })
    const result = await verifyTwilioRequest(request, { authToken: TOKEN })
    expect(result.ok && result.webhook.params.CallSid).toBe('CA1')
  })
})

describe('bodies with a declared Content-Length (how HTTP servers hand them over)', () => {
  const withLength = (request: Request, body: string) => {
    const headers = new Headers(request.headers)
    headers.set('Content-Length', String(new TextEncoder().encode(body).byteLength))
    return new Request(request.url, { method: 'POST', headers, body })
  }

  test('are read once through HonoRequest, verified, and stay readable in the handler', async () => {
    const app = new Hono()
    app.post('/voice', twilioWebhook<VoiceRequest>({ authToken: TOKEN }), async (c) => {
      handlerRuns++
      const form = await c.req.parseBody()
      return c.json({ CallSid: twilioParams<VoiceRequest>(c).CallSid, From: form.From })
    })
    const signed = twilioForm('http://localhost/voice', CALL)
    const body = await signed.clone().text()
    const res = await app.request(withLength(signed, body))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ CallSid: CALL.CallSid, From: CALL.From })
    expect(handlerRuns).toBe(1)
  })

  test('a forged one still gets 403, and a declared length over the limit 413', async () => {
    const signed = twilioForm('http://localhost/voice', CALL)
    const body = `${await signed.clone().text()}&Injected=1`
    await expectRefusal(await voiceApp().request(withLength(signed, body)), 403, 'Invalid X-Twilio-Signature')
    await expectRefusal(
      await voiceApp({ maxBodyBytes: 10 }).request(withLength(signed, await signed.clone().text())),
      413,
      'Request body too large',
    )
  })
})
