/**
 * The Hono routes: the upgrade request is checked like any webhook before a socket opens, and the
 * adapter's events drive the session (also the way Cloudflare's adapter calls them: no onOpen).
 */
import { Hono } from 'hono'
import type { UpgradeWebSocket, WSContext, WSEvents } from 'hono/ws'
import { twilioParams } from 'twiml-jsx/hono'
import { conversationRelay, InProcessSocketRefused, openInProcessSocket } from 'twiml-jsx/realtime'
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { describe, expect, test } from 'vitest'
import { SETUP } from '../../runtime-tests/realtime.js'

const TOKEN = 'route-test-token'
const UPGRADE = { Upgrade: 'websocket', Connection: 'Upgrade' }

/** A stand-in adapter: records the events the route hands over, answers as an adapter would. */
function fakeAdapter() {
  const captured: { events?: WSEvents } = {}
  const upgradeWebSocket = ((createEvents: (c: unknown) => WSEvents | Promise<WSEvents>) => async (c: unknown) => {
    captured.events = await createEvents(c)
    return new Response(null, { status: 200, headers: { 'x-upgraded': 'yes' } })
  }) as unknown as UpgradeWebSocket
  return { upgradeWebSocket, captured }
}

// Node 20 has no global CloseEvent; the route reads only code and reason.
const closeEvent = (code: number, reason = '') => ({ code, reason }) as CloseEvent

function fakeSocket(readyState: 0 | 1 | 2 | 3 = 1) {
  const sent: string[] = []
  const closes: unknown[] = []
  const ws = {
    send: (text: string) => sent.push(text),
    close: (code?: number, reason?: string) => closes.push([code, reason]),
    readyState,
  } as unknown as WSContext
  return { ws, sent, closes }
}

function echoApp(options: Parameters<typeof conversationRelay>[1]) {
  const app = new Hono()
  app.get(
    '/ws',
    conversationRelay((session, c) => {
      const { tenant } = twilioParams<{ tenant?: string }>(c)
      session.on('prompt', ({ voicePrompt }) => session.text(`${tenant}: ${voicePrompt}`, { last: true }))
    }, options),
  )
  return app
}

const signed = async (signUrl: string, requestUrl = signUrl.replace(/^ws/, 'http'), headers: HeadersInit = UPGRADE) => {
  const request = await signTwilioRequest(TOKEN, { url: signUrl, method: 'GET', headers })
  return new Request(requestUrl, { headers: request.headers })
}

describe('the upgrade request is a webhook', () => {
  const { upgradeWebSocket } = fakeAdapter()
  const app = echoApp({ upgradeWebSocket, authToken: TOKEN })

  test('signed over the wss:// URL Twilio requested, or its https:// spelling: upgraded', async () => {
    for (const url of ['wss://voice.example.com/ws?tenant=acme', 'https://voice.example.com/ws?tenant=acme']) {
      const response = await app.request(await signed(url, 'https://voice.example.com/ws?tenant=acme'))
      expect(response.headers.get('x-upgraded')).toBe('yes')
    }
  })

  test('missing, forged, or over another URL: 403 and no socket', async () => {
    const unsigned = await app.request(new Request('https://voice.example.com/ws', { headers: UPGRADE }))
    expect([unsigned.status, await unsigned.text()]).toEqual([403, 'Missing X-Twilio-Signature header'])
    const forged = await app.request(
      new Request('https://voice.example.com/ws', { headers: { ...UPGRADE, 'X-Twilio-Signature': 'AAAA' } }),
    )
    expect([forged.status, await forged.text()]).toEqual([403, 'Invalid X-Twilio-Signature'])
    // The query string is signed: a changed parameter fails.
    const moved = await app.request(
      await signed('wss://voice.example.com/ws?tenant=acme', 'https://voice.example.com/ws?tenant=evil'),
    )
    expect(moved.status).toBe(403)
  })

  test('a signed request without Upgrade: websocket gets 426', async () => {
    const response = await app.request(await signed('wss://voice.example.com/ws', undefined, {}))
    expect(response.status).toBe(426)
    expect(response.headers.get('Upgrade')).toBe('websocket')
  })

  test('no auth token configured: 500, as for any webhook', async () => {
    const broken = echoApp({ upgradeWebSocket, authToken: () => undefined })
    const response = await broken.request(await signed('wss://voice.example.com/ws'))
    expect([response.status, await response.text()]).toEqual([500, 'Twilio auth token is not configured'])
  })

  test('behind a proxy, publicUrl names the URL Twilio signed', async () => {
    const proxied = echoApp({ upgradeWebSocket, authToken: TOKEN, publicUrl: 'https://voice.example.com/' })
    const response = await proxied.request(await signed('wss://voice.example.com/ws', 'http://10.0.0.7:8080/ws'))
    expect(response.headers.get('x-upgraded')).toBe('yes')
    expect((await app.request(await signed('wss://voice.example.com/ws', 'http://10.0.0.7:8080/ws'))).status).toBe(403)
  })

  test('without an upgradeWebSocket a real upgrade gets 501', async () => {
    const response = await echoApp({ authToken: TOKEN }).request(await signed('wss://voice.example.com/ws'))
    expect(response.status).toBe(501)
  })

  test('a handler that throws before the upgrade gets 500, not a crash', async () => {
    const app = new Hono()
    app.get(
      '/ws',
      conversationRelay(
        () => {
          throw new Error('no')
        },
        { authToken: TOKEN },
      ),
    )
    const original = console.error
    console.error = () => {}
    try {
      const error = await openInProcessSocket(app, '/ws', { protocol: 'conversation-relay', authToken: TOKEN }).catch(
        (e) => e,
      )
      expect(error).toBeInstanceOf(InProcessSocketRefused)
      expect(error).toMatchObject({ status: 500, body: 'The WebSocket handler failed' })
    } finally {
      console.error = original
    }
  })
})

describe("the adapter's events drive the session", () => {
  test('the first message attaches the socket when the adapter has no onOpen (Cloudflare); replies go out', async () => {
    const { upgradeWebSocket, captured } = fakeAdapter()
    const app = echoApp({ upgradeWebSocket, authToken: TOKEN })
    await app.request(await signed('wss://voice.example.com/ws?tenant=acme'))
    const { ws, sent } = fakeSocket()
    captured.events!.onMessage!(new MessageEvent('message', { data: JSON.stringify(SETUP) }), ws)
    captured.events!.onMessage!(
      new MessageEvent('message', {
        data: JSON.stringify({ type: 'prompt', voicePrompt: 'hi', lang: 'en-US', last: true }),
      }),
      ws,
    )
    expect(sent).toEqual(['{"type":"text","token":"acme: hi","last":true}'])
  })

  test("the other end's close is answered with its code (workerd waits for that); a closed socket is left alone", async () => {
    const { upgradeWebSocket, captured } = fakeAdapter()
    await echoApp({ upgradeWebSocket, authToken: TOKEN }).request(await signed('wss://voice.example.com/ws'))
    const closing = fakeSocket(2)
    captured.events!.onClose!(closeEvent(4001, 'bye'), closing.ws)
    expect(closing.closes).toEqual([[4001, 'bye']])
    const abnormal = fakeSocket(2)
    captured.events!.onClose!(closeEvent(1006), abnormal.ws)
    expect(abnormal.closes).toEqual([[1000, '']])
    const done = fakeSocket(3)
    captured.events!.onClose!(closeEvent(1000), done.ws)
    expect(done.closes).toEqual([])
  })
})
