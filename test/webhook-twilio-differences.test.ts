/**
 * Where our validator deliberately disagrees with twilio-node 6.3.1, one test per case, each
 * asserting what twilio-node really does today and what we do instead, and why.
 */
import fc from 'fast-check'
import { Hono } from 'hono'
import twilio from 'twilio'
import { describe, expect, test } from 'vitest'
import { twilioWebhook } from '../src/hono/index.js'
import { validateRequest } from '../src/webhook/index.js'

const token = '12345'
const sign = (url: string, params: Record<string, string> = {}) => twilio.getExpectedTwilioSignature(token, url, params)

describe('twilio-node issue #1183: apostrophes in the query string', () => {
  // Twilio signs the URL as configured, with a raw apostrophe. A Fetch Request (Hono, Workers, Deno)
  // hands the app the WHATWG-normalised URL, where the query's apostrophe is `%27`. twilio-node
  // retries with the query re-encoded by Node's legacy querystring module, which writes `'` back,
  // but also percent-encodes `:`, `@`, `,`, `/`, `;`, `$` and turns `+` into `%20`, so any such
  // character next to an apostrophe makes it reject a genuine request. We restore only the
  // apostrophe (url.ts, withApostrophes), so the genuine request passes.

  test("a query with only an apostrophe: both accept (twilio-node's #1059 fix covers this one)", async () => {
    const configured = "https://example.com/voice?name=O'Brien"
    const received = new URL(configured).href
    expect(received).toBe('https://example.com/voice?name=O%27Brien')
    expect(twilio.validateRequest(token, sign(configured), received, {})).toBe(true)
    expect(await validateRequest(token, sign(configured), received, {})).toBe(true)
  })

  test.each([
    ["https://example.com/voice?to=sip:alice@example.com&name=O'Brien", 'colon and at-sign'],
    ["https://example.com/voice?name=O'Brien+Jr", 'plus'],
    ["https://example.com/voice?names=O'Brien,Smith", 'comma'],
    ["https://example.com/voice?next=/menu&who=d'Arc", 'slash'],
  ])('%s (%s): twilio-node rejects the genuine request, we accept it', async (configured) => {
    const received = new URL(configured).href
    const signature = sign(configured, { CallSid: 'CA1' })
    expect(twilio.validateRequest(token, signature, received, { CallSid: 'CA1' })).toBe(false)
    expect(await validateRequest(token, signature, received, { CallSid: 'CA1' })).toBe(true)
  })

  test('random queries with apostrophes: we always accept the URL as a Fetch Request shows it', async () => {
    // Characters the WHATWG parser leaves alone in a query, plus the apostrophe it encodes.
    const chars = "abcXYZ019'+:@,/;$!*()~-._".split('')
    const text = fc.string({ unit: fc.constantFrom(...chars), maxLength: 8 })
    let twilioRejected = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 4 }), text, async (pairs, quoted) => {
        const query = [...pairs.map(([name, value]) => `${name}=${value}`), `q=${quoted}'`].join('&')
        const configured = `https://example.com/voice?${query}`
        const received = new URL(configured).href
        const signature = sign(configured)
        expect(await validateRequest(token, signature, received, {})).toBe(true)
        if (!twilio.validateRequest(token, signature, received, {})) twilioRejected++
      }),
      { numRuns: 300 },
    )
    // Not a fluke of one example: twilio-node rejects a good share of genuine requests.
    expect(twilioRejected).toBeGreaterThan(30)
  })
})

describe("twilio-node's legacy-querystring retry also accepts URLs Twilio never requested", () => {
  // The same retry re-serialises the whole query, so a signature over that re-serialisation passes
  // too: repeated names regrouped, `+` read as a space and written `%20`, `flag` written `flag=`.
  // No proxy or parser produces these spellings; Twilio signs the URL it requests. We accept only
  // the spellings listed in url.ts and reject these.
  test.each([
    ['https://example.com/hook?a=1&b=2&a=3', 'https://example.com/hook?a=1&a=3&b=2', 'regrouped names'],
    ['https://example.com/hook?text=a+b', 'https://example.com/hook?text=a%20b', "'+' rewritten as %20"],
    ['https://example.com/hook?flag&x=1', 'https://example.com/hook?flag=&x=1', "'flag' rewritten as 'flag='"],
  ])('request %s signed as %s (%s): twilio-node accepts, we reject', async (received, signedAs) => {
    const signature = sign(signedAs)
    expect(twilio.validateRequest(token, signature, received, {})).toBe(true)
    expect(await validateRequest(token, signature, received, {})).toBe(false)
  })
})

describe('a URL that cannot be parsed', () => {
  // twilio-node falls back to `new URL(url)` once the URL as given fails, and that throws.
  // Validation answers a yes/no question; a malformed URL is a no.
  test('twilio-node throws TypeError, we return false', async () => {
    expect(() => twilio.validateRequest(token, 'bogus', 'not a url', {})).toThrow(TypeError)
    expect(await validateRequest(token, 'bogus', 'not a url', {})).toBe(false)
  })
})

describe('an empty auth token', () => {
  // With an empty key anyone can compute a valid HMAC, so twilio-node accepts forged requests when
  // the token is missing from the environment. We refuse to validate with an empty secret.
  test('twilio-node accepts a signature anyone can compute, we throw', async () => {
    const url = 'https://example.com/voice'
    const forged = twilio.getExpectedTwilioSignature('', url, { CallSid: 'CA1' })
    expect(twilio.validateRequest('', forged, url, { CallSid: 'CA1' })).toBe(true)
    await expect(validateRequest('', forged, url, { CallSid: 'CA1' })).rejects.toThrow(
      'The Twilio auth token (or shared key secret) must be a non-empty string',
    )
  })

  test('the middleware answers 500 instead of running the handler', async () => {
    const app = new Hono()
    app.post('/voice', twilioWebhook({ authToken: () => undefined }), (c) => c.text('handler ran'))
    const forged = twilio.getExpectedTwilioSignature('', 'http://localhost/voice', {})
    const response = await app.request('/voice', {
      method: 'POST',
      headers: { 'X-Twilio-Signature': forged, 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('Twilio auth token is not configured')
  })
})

describe('twilio-node issue #942: Express middleware, query strings and proxies', () => {
  // What it really does in 6.3.1: the query string itself is handled (`%3F` is put back), but the
  // URL is rebuilt from `request.protocol`, so behind a TLS-terminating proxy it checks `http://`
  // while Twilio signed `https://`, and the `host` option cannot fix the scheme.
  const publicUrl = 'https://example.com/webhook/twilio?id=12345'
  const params = { CallSid: 'CA1' }
  const signature = sign(publicUrl, params)
  const expressRequest = (protocol: string) => ({
    protocol,
    headers: { host: 'example.com' },
    originalUrl: '/webhook/twilio?id=12345',
    body: params,
    header: (name: string) => (name === 'X-Twilio-Signature' ? signature : undefined),
  })

  test('twilio-node: fine over https, rejects behind a proxy even with the host option', () => {
    expect(twilio.validateExpressRequest(expressRequest('https') as never, token, {})).toBe(true)
    expect(twilio.validateExpressRequest(expressRequest('http') as never, token, { host: 'example.com' })).toBe(false)
  })

  test('twilioWebhook: publicUrl or trustProxy restore the public URL, query string included', async () => {
    const request = () =>
      new Request('http://internal:8080/webhook/twilio?id=12345', {
        method: 'POST',
        headers: {
          'X-Twilio-Signature': signature,
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Forwarded-Proto': 'https',
          'X-Forwarded-Host': 'example.com',
        },
        body: 'CallSid=CA1',
      })
    for (const options of [{ publicUrl: 'https://example.com' }, { trustProxy: true }]) {
      const app = new Hono()
      app.post('/webhook/twilio', twilioWebhook({ authToken: token, ...options }), (c) => c.text('ok'))
      const response = await app.request(request())
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('ok')
    }
  })
})
