/**
 * The realtime examples' webhooks: exact TwiML (reviewed files in test/snapshots/examples/), the
 * socket URL derived from the URL Twilio requested (wss:// for https, the public URL behind a tunnel).
 */
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { describe, expect, test } from 'vitest'
import { app, createApp, DEV_AUTH_TOKEN, REALTIME_ROUTES } from '../../examples/app.js'

const post = (url: string, params: Record<string, string> = {}) => signTwilioRequest(DEV_AUTH_TOKEN, { url, params })

const CASES: readonly (readonly [name: string, path: string, fields: Record<string, string>])[] = [
  ['agent', '/agent', { From: '+15550001111' }],
  [
    'agent-handoff',
    '/agent/handoff',
    { HandoffData: '{"reasonCode":"live-agent-handoff","reason":"The caller asked for a human"}' },
  ],
  ['agent-handoff-other', '/agent/handoff', { SessionStatus: 'completed' }],
  ['echo', '/echo', { From: '+15550001111' }],
  ['echo-ended', '/echo/ended', {}],
]

describe('realtime example routes', () => {
  test.each(CASES)('%s: POST %s', async (name, path, fields) => {
    const response = await app.request(await post(`https://voice.example.com${path}`, fields))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/xml; charset=utf-8')
    await expect(await response.text()).toMatchFileSnapshot(`../snapshots/examples/${name}.xml`)
  })

  test('every realtime route is covered by a case', () => {
    const covered = new Set(CASES.map(([, path]) => path))
    expect(REALTIME_ROUTES.map(([path]) => path).filter((path) => !covered.has(path))).toEqual([])
  })

  test('the socket URL follows the request: ws:// on plain http, wss:// on https, the public URL behind a tunnel', async () => {
    const urlIn = async (response: Response) => /url="([^"]+)"/.exec(await response.text())?.[1]
    expect(await urlIn(await app.request(await post('http://127.0.0.1:3000/agent')))).toBe(
      'ws://127.0.0.1:3000/agent/ws',
    )
    expect(await urlIn(await app.request(await post('https://voice.example.com/echo?x=1')))).toBe(
      'wss://voice.example.com/echo/ws',
    )
    const tunnelled = createApp({ authToken: DEV_AUTH_TOKEN, publicUrl: 'https://abc.ngrok.app' })
    const request = await post('https://abc.ngrok.app/agent')
    const local = new Request('http://127.0.0.1:3000/agent', {
      method: 'POST',
      headers: request.headers,
      body: await request.text(),
    })
    expect(await urlIn(await tunnelled.request(local))).toBe('wss://abc.ngrok.app/agent/ws')
  })
})
