/**
 * Every example route, through app.request(): status, Content-Type and body, the body
 * against a reviewed .xml snapshot in test/snapshots/examples/.
 */
import { describe, expect, test } from 'vitest'
import { app, ROUTES } from '../examples/app.js'

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

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
]

describe('example routes', () => {
  test.each(CASES)('%s: POST %s', async (name, path, fields) => {
    const res = await app.request(path, form(fields))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/xml; charset=utf-8')
    await expect(await res.text()).toMatchFileSnapshot(`snapshots/examples/${name}.xml`)
  })

  test('every listed route is covered by a case', () => {
    const covered = new Set(CASES.map(([, path]) => path))
    expect(ROUTES.map(([path]) => path).filter((p) => !covered.has(p))).toEqual([])
  })

  test('GET works too (Twilio can be set to GET webhooks)', async () => {
    const res = await app.request('/sip/screening/decision?Digits=1')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Connecting.</Say></Response>')
  })

  test('the index lists the routes as text', async () => {
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/plain;charset=UTF-8')
    expect(await res.text()).toContain('/sip/sequential')
  })
})
