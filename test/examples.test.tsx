/**
 * Every example route, through app.request() and signed as Twilio signs: status, Content-Type
 * and body, the body against a reviewed .xml snapshot in test/snapshots/examples/.
 */
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { describe, expect, test } from 'vitest'
import { app, DEV_AUTH_TOKEN, ROUTES } from '../examples/app.js'

const BASE = 'http://localhost'

/** A POST the way Twilio sends it: form body, X-Twilio-Signature over URL + params. */
const twilioPost = (path: string, params: Record<string, string> = {}) =>
  signTwilioRequest(DEV_AUTH_TOKEN, { url: `${BASE}${path}`, params })

const CASES: readonly (readonly [name: string, path: string, fields: Record<string, string>])[] = [
  ['sip-basic', '/sip/basic', {}],
  ['sip-auth', '/sip/auth', {}],
  ['sip-headers', '/sip/headers', {}],
  ['sip-uui', '/sip/uui', {}],
  ['sip-region', '/sip/region', {}],
  ['sip-screened', '/sip/screened', {}],
  ['sip-screening', '/sip/screening', {}],
  ['sip-screening-accept', '/sip/screening/decision', { Digits: '1' }],
  ['sip-screening-decline', '/sip/screening/decision', { Digits: '9' }],
  ['sip-progress', '/sip/progress', {}],
  ['sip-parallel', '/sip/parallel', {}],
  ['sip-sequential', '/sip/sequential', {}],
  ['after-dial-completed', '/sip/after-dial', { DialCallStatus: 'completed', DialSipResponseCode: '200' }],
  ['after-dial-sip-busy', '/sip/after-dial', { DialCallStatus: 'busy', DialSipResponseCode: '486' }],
  ['after-dial-sip-404', '/sip/after-dial', { DialCallStatus: 'failed', DialSipResponseCode: '404' }],
  ['after-dial-no-answer', '/sip/after-dial', { DialCallStatus: 'no-answer' }],
  ['ivr-menu', '/ivr', {}],
  ['ivr-choice-dtmf', '/ivr/choice', { Digits: '2' }],
  ['ivr-choice-speech', '/ivr/choice', { SpeechResult: 'I want to buy something', Confidence: '0.92' }],
  ['ivr-choice-unknown', '/ivr/choice', { Digits: '7' }],
  ['ivr-sales', '/ivr/sales', {}],
  ['ivr-support', '/ivr/support', {}],
  ['ivr-hours', '/ivr/hours', {}],
  ['voicemail', '/voicemail', {}],
  ['voicemail-saved', '/voicemail/saved', { RecordingUrl: 'https://api.twilio.com/rec/RE1', RecordingDuration: '14' }],
  ['stream', '/stream', { CallSid: 'CA123', From: '+15550001111' }],
  ['stream-ended', '/stream/ended', {}],
  ['queue-sales', '/queue/sales', {}],
  ['queue-wait', '/queue/wait', { QueuePosition: '3', QueueTime: '42' }],
  ['queue-wait-too-long', '/queue/wait', { QueuePosition: '3', QueueTime: '900' }],
  ['queue-left', '/queue/left', { QueueResult: 'leave' }],
  ['queue-left-bridged', '/queue/left', { QueueResult: 'bridged' }],
  ['sms-hours', '/sms', { Body: 'hours', From: '+15550001111' }],
  ['sms-map', '/sms', { Body: 'Map ' }],
  ['sms-other', '/sms', { Body: 'hello?' }],
]

describe('example routes', () => {
  test.each(CASES)('%s: POST %s', async (name, path, fields) => {
    const res = await app.request(await twilioPost(path, fields))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/xml; charset=utf-8')
    await expect(await res.text()).toMatchFileSnapshot(`snapshots/examples/${name}.xml`)
  })

  test('every listed route is covered by a case', () => {
    const covered = new Set(CASES.map(([, path]) => path))
    expect(ROUTES.map(([path]) => path).filter((p) => !covered.has(p))).toEqual([])
  })

  test('GET works too (Twilio can be set to GET webhooks), signed over the query string', async () => {
    const req = await signTwilioRequest(DEV_AUTH_TOKEN, {
      url: `${BASE}/sip/screening/decision?Digits=1`,
      method: 'GET',
    })
    const res = await app.request(req)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Connecting.</Say></Response>')
  })

  test('the index lists the routes as text, without a signature', async () => {
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/plain;charset=UTF-8')
    expect(await res.text()).toContain('/sip/sequential')
  })
})

describe('the webhook routes only answer Twilio', () => {
  test('an unsigned request gets 403 and never reaches the handler', async () => {
    const res = await app.request('/sip/basic', { method: 'POST' })
    expect(res.status).toBe(403)
    expect(res.headers.get('Content-Type')).toBe('text/plain; charset=UTF-8')
  })

  test('a request signed with another token gets 403', async () => {
    const forged = await signTwilioRequest('not-the-token', { url: `${BASE}/ivr/choice`, params: { Digits: '1' } })
    expect((await app.request(forged)).status).toBe(403)
  })

  test('parameters changed after signing get 403', async () => {
    const signed = await twilioPost('/sip/after-dial', { DialCallStatus: 'busy' })
    const tampered = new Request(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: 'DialCallStatus=completed',
    })
    expect((await app.request(tampered)).status).toBe(403)
  })

  test('the Dial action reads the typed DialSipResponseCode', async () => {
    const res = await app.request(
      await twilioPost('/sip/after-dial', { DialCallStatus: 'failed', DialSipResponseCode: '603' }),
    )
    expect(await res.text()).toContain('The call was declined. Goodbye.')
  })
})
