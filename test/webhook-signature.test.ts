/**
 * Signature functions and parameter helpers, with exact values: the public test vectors of
 * twilio-node's own test suite (each checked against twilio-node 6.3.1 as well as against us), then
 * the helpers one by one.
 */
import twilio from 'twilio'
import { describe, expect, test, vi } from 'vitest'
import { timingSafeEqual } from '../src/webhook/bytes.js'
import { parseForm } from '../src/webhook/form.js'
import {
  bodySha256,
  computeSignature,
  type DialActionRequest,
  messageMedia,
  numericParams,
  parseSignatureSettings,
  signaturePayload,
  signedUrlCandidates,
  sipHeaders,
  toNumber,
  validateRequest,
  validateRequestWithBody,
} from '../src/webhook/index.js'
import { describeEachHmacBackend } from './support/hmac-backends.js'

// twilio-node spec/validation.spec.js
const token = '12345'
const requestUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2'
const defaultParams = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
}
const defaultSignature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='
const body = '{"property": "value", "boolean": true}'
const bodyHash = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620'
const emptyBodyHash = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'

describeEachHmacBackend("twilio-node's public test vectors", () => {
  test('the default vector', async () => {
    expect(await computeSignature(token, requestUrl, defaultParams)).toBe(defaultSignature)
    expect(twilio.getExpectedTwilioSignature(token, requestUrl, defaultParams)).toBe(defaultSignature)
    expect(await validateRequest(token, defaultSignature, requestUrl, defaultParams)).toBe(true)
  })

  test('a wrong or missing signature fails', async () => {
    expect(await validateRequest(token, 'WRONG_SIGNATURE', requestUrl, defaultParams)).toBe(false)
    expect(await validateRequest(token, undefined, requestUrl, defaultParams)).toBe(false)
    expect(await validateRequest(token, '', requestUrl, defaultParams)).toBe(false)
  })

  test.each([
    ['https with port 1234, signed without it', requestUrl.replace('.com', '.com:1234'), defaultSignature],
    [
      'http with port 1234, signed with it',
      'http://mycompany.com:1234/myapp.php?foo=1&bar=2',
      'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=',
    ],
    ['https without port, signed with :443', requestUrl, 'kvajT1Ptam85bY51eRf/AJRuM3w='],
    ['http without port, signed with :80', requestUrl.replace('https', 'http'), '0ZXoZLH/DfblKGATFgpif+LLRf4='],
    ['credentials', 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2', 'CukzLTc1tT5dXEDIHm/tKBanW10='],
    ['a username only', 'https://user@mycompany.com/myapp.php?foo=1&bar=2', '2YRLlVAflCqxaNicjMpJcSTgzSs='],
    [
      'credentials, signed with :443',
      'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2',
      'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=',
    ],
    ['an apostrophe and a plus in the query', `${requestUrl}&Body=It's+amazing`, 'dsq4Ehbj6cs+KdTkpF5sSSplOWw='],
  ])('%s', async (_, url, signature) => {
    expect(twilio.validateRequest(token, signature, url, defaultParams)).toBe(true)
    expect(await validateRequest(token, signature, url, defaultParams)).toBe(true)
  })

  test.each([
    [
      'an array parameter',
      { 'MessagingBinding.Address': ['+1325xxxxxxx', '+1415xxxxxxx'] },
      '83O6e2vORAoJHUNzJjDWN1jz+BA=',
    ],
    [
      'the same array reversed',
      { 'MessagingBinding.Address': ['+1415xxxxxxx', '+1325xxxxxxx'] },
      '83O6e2vORAoJHUNzJjDWN1jz+BA=',
    ],
    [
      'a repeated value',
      { Sid: 'CA123', SidAccount: 'AC123', Digits: ['5678', '1234', '1234'] },
      'IK+Dwps556ElfBT0I3Rgjkr1wJU=',
    ],
  ])('%s: each distinct value once, sorted', async (_, params, signature) => {
    expect(twilio.getExpectedTwilioSignature(token, requestUrl, params)).toBe(signature)
    expect(await computeSignature(token, requestUrl, params)).toBe(signature)
    expect(await validateRequest(token, signature, requestUrl, params)).toBe(true)
  })

  test('JSON bodies: hash and URL signature', async () => {
    expect(await bodySha256(body)).toBe(bodyHash)
    expect(await bodySha256('{}')).toBe(emptyBodyHash)
    const cases = [
      [`${requestUrl}&bodySHA256=${bodyHash}`, 'a9nBmqA0ju/hNViExpshrM61xv4=', body],
      [`${requestUrl}&bodySHA256=${emptyBodyHash}`, 'Ldidvp12m26NI7eqEvxnEpkd9Hc=', '{}'],
      [`https://mycompany.com/myapp.php?bodySHA256=${bodyHash}`, 'y77kIzt2vzLz71DgmJGsen2scGs=', body],
    ] as const
    for (const [url, signature, sent] of cases) {
      expect(twilio.validateRequestWithBody(token, signature, url, sent)).toBe(true)
      expect(await validateRequestWithBody(token, signature, url, sent)).toBe(true)
      expect(await validateRequestWithBody(token, signature, url, new TextEncoder().encode(sent))).toBe(true)
      expect(await validateRequestWithBody(token, signature, url, `${sent} `)).toBe(false)
    }
  })

  test('a body but no bodySHA256 in the URL fails', async () => {
    expect(await validateRequestWithBody(token, defaultSignature, requestUrl, body)).toBe(false)
  })

  // spec/unit/webhooks/webhooks.spec.ts: signed on one spelling, checked on the other.
  test.each([
    ['https://example.com:443/path?test=param', 'https://example.com/path?test=param'],
    ['https://example.com/path?test=param', 'https://example.com:443/path?test=param'],
    ["https://example.com/path?test=param'WithQuote", 'https://example.com/path?test=param%27WithQuote'],
    ['https://example.com/path?test=param%27WithQuote', "https://example.com/path?test=param'WithQuote"],
  ])('signed on %s, valid at %s', async (signedUrl, targetUrl) => {
    const signature = twilio.getExpectedTwilioSignature('s3cr3t', signedUrl, {})
    expect(twilio.validateRequest('s3cr3t', signature, targetUrl, {})).toBe(true)
    expect(await validateRequest('s3cr3t', signature, targetUrl, {})).toBe(true)
  })

  test('a different query value is invalid', async () => {
    const signature = twilio.getExpectedTwilioSignature('s3cr3t', 'https://example.com/path?test=param', {})
    expect(await validateRequest('s3cr3t', signature, 'https://example.com/path?test=param2', {})).toBe(false)
  })
})

describeEachHmacBackend('computeSignature and validateRequest', () => {
  test('the signed string: URL, then names sorted, distinct values sorted, undefined skipped', () => {
    const params = { b: '2', a: ['3', '1', '3'], c: undefined, é: 'x', Z: '' }
    expect(signaturePayload('https://e.com/x', params)).toBe('https://e.com/xZa1a3b2éx')
    expect(signaturePayload('https://e.com/x', new URLSearchParams('b=2&a=3&a=1&a=3&é=x&Z='))).toBe(
      'https://e.com/xZa1a3b2éx',
    )
    expect(signaturePayload('https://e.com/x')).toBe('https://e.com/x')
  })

  test('HMAC-SHA256, named in any case, as twilio-node computes it', async () => {
    const expected = twilio.getExpectedTwilioSignature(token, requestUrl, defaultParams, 'HMAC_SHA256')
    expect(await computeSignature(token, requestUrl, defaultParams, 'HMAC_SHA256')).toBe(expected)
    expect(await computeSignature(token, requestUrl, defaultParams, 'hmac_sha256')).toBe(expected)
    expect(await validateRequest(token, expected, requestUrl, defaultParams, { algorithm: 'HMAC_SHA256' })).toBe(true)
    expect(await validateRequest(token, expected, requestUrl, defaultParams)).toBe(false)
  })

  test('an unsupported algorithm: computing throws, validating fails (as in twilio-node)', async () => {
    await expect(computeSignature(token, requestUrl, {}, 'HMAC_MD5')).rejects.toThrow(
      'Unsupported webhook signature algorithm: HMAC_MD5',
    )
    expect(await validateRequest(token, defaultSignature, requestUrl, defaultParams, { algorithm: 'HMAC_MD5' })).toBe(
      false,
    )
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(twilio.validateRequest(token, defaultSignature, requestUrl, defaultParams, 'HMAC_MD5')).toBe(false)
    warn.mockRestore()
  })

  test('an empty secret is refused', async () => {
    await expect(computeSignature('', requestUrl)).rejects.toThrow(TypeError)
    await expect(validateRequestWithBody('', 'x', `${requestUrl}&bodySHA256=${bodyHash}`, body)).rejects.toThrow(
      TypeError,
    )
  })

  test('the URL spellings tried', () => {
    expect(signedUrlCandidates('https://example.com/voice')).toEqual([
      'https://example.com/voice',
      'https://example.com:443/voice',
    ])
    expect(signedUrlCandidates('http://Example.com:8080/a?x=1')).toEqual([
      'http://Example.com/a?x=1',
      'http://Example.com:8080/a?x=1',
      'http://example.com/a?x=1',
      'http://example.com:8080/a?x=1',
    ])
    expect(signedUrlCandidates("https://u:p@example.com/v?n=O'Brien&m=%27")).toEqual([
      "https://u:p@example.com/v?n=O'Brien&m=%27",
      "https://u:p@example.com:443/v?n=O'Brien&m=%27",
      'https://u:p@example.com/v?n=O%27Brien&m=%27',
      'https://u:p@example.com:443/v?n=O%27Brien&m=%27',
      "https://u:p@example.com/v?n=O'Brien&m='",
      "https://u:p@example.com:443/v?n=O'Brien&m='",
    ])
    expect(signedUrlCandidates('https://[::1]:443/x#a%27b')).toEqual([
      'https://[::1]/x#a%27b',
      'https://[::1]:443/x#a%27b',
    ])
    expect(signedUrlCandidates('not a url')).toEqual(['not a url'])
  })

  test('parseSignatureSettings', () => {
    expect(parseSignatureSettings('key=KS123,algorithm=HMAC_SHA256')).toEqual({
      keyId: 'KS123',
      algorithm: 'HMAC_SHA256',
    })
    expect(parseSignatureSettings(' algorithm = HMAC_SHA256 , key = KS1 ')).toEqual({
      keyId: 'KS1',
      algorithm: 'HMAC_SHA256',
    })
    expect(parseSignatureSettings('key=KS1')).toEqual({ keyId: 'KS1', algorithm: 'HMAC_SHA1' })
    expect(parseSignatureSettings('algorithm=,key=')).toEqual({ keyId: undefined, algorithm: 'HMAC_SHA1' })
    expect(parseSignatureSettings(null)).toEqual({ keyId: undefined, algorithm: 'HMAC_SHA1' })
    for (const header of ['key=KS123,algorithm=HMAC_SHA256', 'key=KS1', '', 'algorithm=HMAC_MD5']) {
      expect(parseSignatureSettings(header).algorithm).toBe(twilio.getSignatureAlgorithm(header))
    }
  })

  test('timingSafeEqual', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true)
    expect(timingSafeEqual('abd', 'abc')).toBe(false)
    expect(timingSafeEqual('ab', 'abc')).toBe(false)
    expect(timingSafeEqual('abcd', 'abc')).toBe(false)
    expect(timingSafeEqual('', 'abc')).toBe(false)
    expect(timingSafeEqual('', '')).toBe(true)
  })
})

describe('parameter helpers', () => {
  test('sipHeaders: SipHeader_ by default, DialSipHeader_ on request', () => {
    const params = {
      CallSid: 'CA1',
      'SipHeader_X-Ticket': '42',
      'SipHeader_X-Customer': 'a b',
      SipHeader_: 'no name',
      'DialSipHeader_X-Result': 'ok',
      SipCallId: 'abc@host',
    }
    expect(sipHeaders(params)).toEqual({ 'X-Ticket': '42', 'X-Customer': 'a b' })
    expect(sipHeaders(params, 'DialSipHeader_')).toEqual({ 'X-Result': 'ok' })
    const search = new URLSearchParams('SipHeader_X-A=1&SipHeader_X-A=2&SipHeader___proto__=p')
    const headers = sipHeaders(search)
    expect(Object.keys(headers)).toEqual(['X-A', '__proto__'])
    expect(headers['X-A']).toBe('1')
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toBe('p')
    expect(Object.getPrototypeOf(headers)).toBeNull()
  })

  test('numericParams: the numeric parameters as numbers, others left out', () => {
    const params = {
      CallDuration: '42',
      DialCallDuration: '0',
      DialSipResponseCode: '486',
      SequenceNumber: '3',
      Confidence: '0.93',
      RecordingDuration: '',
      NumMedia: '0x1',
      NumSegments: ' 2',
      CallSid: '7',
    }
    expect(numericParams(params)).toEqual({
      CallDuration: 42,
      DialCallDuration: 0,
      DialSipResponseCode: 486,
      SequenceNumber: 3,
      Confidence: 0.93,
    })
    expect(numericParams(new URLSearchParams('NumMedia=2&NumSegments=1'))).toEqual({ NumMedia: 2, NumSegments: 1 })
    expect(numericParams({})).toEqual({})
  })

  test('helpers and signing take the typed request interfaces as they are', async () => {
    const dial: DialActionRequest = {
      CallSid: 'CA1',
      AccountSid: 'AC1',
      From: 'sip:alice@example.com',
      To: '+18005551212',
      CallStatus: 'in-progress',
      ApiVersion: '2010-04-01',
      Direction: 'inbound',
      DialCallStatus: 'completed',
      DialCallDuration: '17',
      DialSipResponseCode: '200',
      'DialSipHeader_X-Result': 'ok',
      'SipHeader_X-Ticket': '42',
    }
    expect(sipHeaders(dial, 'DialSipHeader_')).toEqual({ 'X-Result': 'ok' })
    expect(numericParams(dial)).toEqual({ DialCallDuration: 17, DialSipResponseCode: 200 })
    expect(await computeSignature(token, requestUrl, dial)).toBe(
      twilio.getExpectedTwilioSignature(token, requestUrl, dial),
    )
  })

  test('toNumber reads plain decimals only', () => {
    expect([toNumber('12'), toNumber('-3'), toNumber('0.5'), toNumber('007')]).toEqual([12, -3, 0.5, 7])
    for (const bad of ['', ' 1', '1e3', '0x10', '1.', '.5', 'NaN', 'Infinity', null, undefined]) {
      expect(toNumber(bad)).toBeUndefined()
    }
  })

  test('messageMedia lists the media files in order', () => {
    const params = {
      NumMedia: '3',
      MediaUrl0: 'https://api.twilio.com/m/0',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'https://api.twilio.com/m/1',
      MediaUrl2: 'https://api.twilio.com/m/2',
      MediaContentType2: 'audio/ogg',
      MediaUrl3: 'https://api.twilio.com/m/3',
    }
    expect(messageMedia(params)).toEqual([
      { url: 'https://api.twilio.com/m/0', contentType: 'image/jpeg' },
      { url: 'https://api.twilio.com/m/1', contentType: '' },
      { url: 'https://api.twilio.com/m/2', contentType: 'audio/ogg' },
    ])
    expect(messageMedia({ NumMedia: '0', MediaUrl0: 'x' })).toEqual([])
  })

  test('parseForm: strict application/x-www-form-urlencoded', () => {
    expect(parseForm('')).toEqual([])
    expect(parseForm('a=1&b=&c&&d=x%3Dy+z&a=%E6%97%A5')).toEqual([
      ['a', '1'],
      ['b', ''],
      ['c', ''],
      ['d', 'x=y z'],
      ['a', '日'],
    ])
    expect(parseForm('n%20ame=v=w')).toEqual([['n ame', 'v=w']])
    for (const bad of ['a=%', 'a=%2', 'a=%G1', '%zz=1', 'a=%FF', 'a=%ED%A0%80']) expect(parseForm(bad)).toBeUndefined()
  })
})
