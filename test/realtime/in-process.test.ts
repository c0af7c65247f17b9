/**
 * In-process sockets: the test holds the app and opens its realtime routes without a network,
 * playing Twilio. Only a caller with the app can: the route looks for its end of the pair in
 * `app.fetch`'s `env`, which no HTTP request can fill.
 */
import { Hono } from 'hono'
import {
  conversationRelay,
  IN_PROCESS_SOCKET,
  InProcessSocketRefused,
  mediaStream,
  openInProcessSocket,
  type RealtimeError,
} from 'twiml-jsx/realtime'
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { describe, expect, test } from 'vitest'
import { HANDOFF_REASON, HOURS } from '../../examples/agent.js'
import { app, DEV_AUTH_TOKEN } from '../../examples/app.js'
import { SETUP } from '../../runtime-tests/realtime.js'

const AGENT = 'wss://example.com/agent/ws'
const prompt = (voicePrompt: string, last = true) => ({ type: 'prompt', voicePrompt, lang: 'en-US', last }) as const
const openAgent = () => openInProcessSocket(app, AGENT, { protocol: 'conversation-relay', authToken: DEV_AUTH_TOKEN })

describe('the example agent, in-process', () => {
  test('a prompt gets text tokens, the last with last: true', async () => {
    const twilio = await openAgent()
    twilio.send(SETUP)
    twilio.send(prompt('Good morning'))
    expect([await twilio.next(), await twilio.next(), await twilio.next(), await twilio.next()]).toEqual([
      { type: 'text', token: 'You ', last: false },
      { type: 'text', token: 'said: ', last: false },
      { type: 'text', token: 'Good ', last: false },
      { type: 'text', token: 'morning', last: true },
    ])
    twilio.send({ type: 'dtmf', digit: '1' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(
      twilio.received
        .slice(4)
        .map((message) => (message.type === 'text' ? message.token : ''))
        .join(''),
    ).toBe(HOURS)
    twilio.close()
    expect(await twilio.closed).toEqual({ code: 1000, reason: '', by: 'client' })
  })

  test('"human" ends the session with the handoff data', async () => {
    const twilio = await openAgent()
    twilio.send(SETUP)
    twilio.send(prompt('get me a human'))
    const end = await twilio.next()
    expect(end).toEqual({ type: 'end', handoffData: expect.any(String) })
    if (end.type === 'end') {
      expect(JSON.parse(end.handoffData!)).toEqual({
        reasonCode: HANDOFF_REASON,
        reason: 'The caller asked for a human',
      })
    }
  })

  test('next() rejects when the socket closes first, and after its timeout', async () => {
    const twilio = await openAgent()
    await expect(twilio.next({ timeoutMs: 20 })).rejects.toThrow('no message from the app within 20 ms')
    const waiting = twilio.next()
    twilio.close(4000, 'bye')
    await expect(waiting).rejects.toThrow('closed by the client (4000 "bye")')
    expect(() => twilio.send(SETUP)).toThrow('the socket is closed')
  })
})

describe('the echo, in-process', () => {
  test('every media frame comes back with a mark', async () => {
    const twilio = await openInProcessSocket(app, 'wss://example.com/echo/ws', {
      protocol: 'media-stream',
      authToken: DEV_AUTH_TOKEN,
    })
    twilio.send({
      event: 'start',
      sequenceNumber: '1',
      start: {
        streamSid: 'MZ1',
        accountSid: 'AC1',
        callSid: 'CA1',
        tracks: ['inbound'],
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
      streamSid: 'MZ1',
    })
    twilio.send({
      event: 'media',
      sequenceNumber: '2',
      media: { track: 'inbound', chunk: '1', timestamp: '0', payload: '//8=' },
      streamSid: 'MZ1',
    })
    expect([await twilio.next(), await twilio.next()]).toEqual([
      { event: 'media', streamSid: 'MZ1', media: { payload: '//8=' } },
      { event: 'mark', streamSid: 'MZ1', mark: { name: 'echo-1' } },
    ])
  })
})

describe('refusals', () => {
  test('a wrong or missing signature is refused with 403, like a real upgrade', async () => {
    const refused = (authToken?: string) =>
      openInProcessSocket(app, AGENT, { protocol: 'conversation-relay', authToken }).catch((error) => error)
    const forged = await refused('another-token')
    expect(forged).toBeInstanceOf(InProcessSocketRefused)
    expect(forged).toMatchObject({ status: 403, body: 'Invalid X-Twilio-Signature' })
    expect(await refused()).toMatchObject({ status: 403, body: 'Missing X-Twilio-Signature header' })
  })

  test('a path without a socket route, and a route of the other protocol, are refused', async () => {
    const missing = await openInProcessSocket(app, 'wss://example.com/nowhere', {
      protocol: 'conversation-relay',
      authToken: DEV_AUTH_TOKEN,
    }).catch((error) => error)
    expect(missing).toMatchObject({ status: 403 }) // the app's webhook middleware answers first
    const other = await openInProcessSocket(app, 'wss://example.com/echo/ws', {
      protocol: 'conversation-relay',
      authToken: DEV_AUTH_TOKEN,
    }).catch((error) => error)
    expect(other).toBeInstanceOf(InProcessSocketRefused)
    expect(other.message).toBe(
      'GET /echo/ws did not accept a WebSocket: 400 the route is a Media Streams socket, not ConversationRelay',
    )
  })

  test('an HTTP request cannot reach the in-process path: without the env symbol it is a plain upgrade request', async () => {
    // Signed, with every upgrade header, and the symbol's name as a header, a query parameter and a
    // string key of env: still no socket pair.
    const name = String(IN_PROCESS_SOCKET)
    const request = await signTwilioRequest(DEV_AUTH_TOKEN, {
      url: `ws://localhost/agent/ws?${new URLSearchParams({ [name]: 'accept' })}`,
      method: 'GET',
      headers: { Upgrade: 'websocket', Connection: 'Upgrade', 'x-twiml-jsx-in-process-socket': name },
    })
    const response = await app.fetch(new Request(request.url.replace(/^ws/, 'http'), { headers: request.headers }), {
      [name]: { accept: () => ({}) },
    })
    // The example app has no upgradeWebSocket outside a runtime entry: 501, no socket.
    expect(response.status).toBe(501)
  })
})

describe('sessions never crash the socket', () => {
  const errorsApp = () => {
    const errors: RealtimeError[] = []
    const test = new Hono()
    test.get(
      '/ws',
      conversationRelay(
        (session) => {
          session.onError((error) => errors.push(error))
          session.on('prompt', ({ voicePrompt }) => {
            if (voicePrompt === 'throw') throw new Error('boom')
            if (voicePrompt === 'reject') return Promise.reject(new Error('async boom'))
            if (voicePrompt === 'bad digits') session.send({ type: 'sendDigits', digits: 'abc' })
            session.text(`ok ${voicePrompt}`, { last: true })
          })
        },
        { authToken: 'token' },
      ),
    )
    return { app: test, errors }
  }

  test('a throwing listener, a rejected promise and an invalid send become error events; the session goes on', async () => {
    const { app: relayApp, errors } = errorsApp()
    const twilio = await openInProcessSocket(relayApp, 'wss://example.com/ws', {
      protocol: 'conversation-relay',
      authToken: 'token',
    })
    twilio.send(prompt('throw'))
    twilio.send(prompt('reject'))
    twilio.send(prompt('bad digits'))
    twilio.send('{"type":"prompt"}')
    twilio.send(prompt('still here'))
    expect(await twilio.next()).toEqual({ type: 'text', token: 'ok still here', last: true })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(errors.map((error) => [error.kind, error.message])).toEqual([
      ['listener', 'A ConversationRelay listener threw: boom'],
      [
        'invalid-outbound',
        'Cannot send ConversationRelay "sendDigits" message: digits must be one or more of 0-9, w, #, *, got "abc"',
      ],
      [
        'malformed',
        'Invalid ConversationRelay "prompt" message, 3 problems:\n  voicePrompt is required\n  lang is required\n  last is required',
      ],
      ['listener', 'A ConversationRelay listener threw: async boom'],
    ])
    expect(twilio.isClosed).toBe(false)
  })

  test('what the app sends that breaks the protocol reaches onError listeners (and errors), not received', async () => {
    // A socket route of its own, holding the app's end of the pair as a hand-written server would.
    const raw = new Hono<{ Bindings: Record<symbol, unknown> }>()
    raw.get('/ws', (c) => {
      const end = c.env[IN_PROCESS_SOCKET] as {
        accept(protocol: string, driver: { receive(): void; closed(): void }): { send(text: string): void }
      }
      const socket = end.accept('ConversationRelay', {
        receive: () => {
          socket.send('{"type":"text","token":1}')
          socket.send('{"type":"text","token":"fine"}')
        },
        closed: () => {},
      })
      return c.body(null, 200)
    })
    const twilio = await openInProcessSocket(raw, '/ws', { protocol: 'conversation-relay' })
    const seen: RealtimeError[] = []
    twilio.onError((error) => seen.push(error))
    const off = twilio.onError(() => seen.push(undefined as never))
    off()
    twilio.send(prompt('hello'))
    expect(await twilio.next()).toEqual({ type: 'text', token: 'fine' })
    expect(seen.map((error) => error.message)).toEqual([
      'Invalid ConversationRelay "text" message: token must be a string, got 1',
    ])
    expect(twilio.errors).toEqual(seen)
    expect(twilio.received).toEqual([{ type: 'text', token: 'fine' }])
  })

  test('the handler sees the upgrade request (its signed query parameters) and the setup metadata', async () => {
    const seen: unknown[] = []
    const relayApp = new Hono()
    relayApp.get(
      '/ws',
      conversationRelay(
        (session, c) => {
          seen.push(c.req.query('tenant'))
          session.on('setup', () => seen.push(session.setup?.callSid, session.setup?.customParameters))
          session.on('prompt', () => session.end())
        },
        { authToken: 'token' },
      ),
    )
    const twilio = await openInProcessSocket(relayApp, 'wss://example.com/ws', {
      protocol: 'conversation-relay',
      authToken: 'token',
      params: { tenant: 'acme' },
    })
    twilio.send(SETUP)
    twilio.send(prompt('bye'))
    expect(await twilio.next()).toEqual({ type: 'end' })
    expect(seen).toEqual(['acme', SETUP.callSid, SETUP.customParameters])
  })

  test('messages sent by the app before its socket opened arrive first; app.close() closes both ends', async () => {
    const streamApp = new Hono()
    streamApp.get(
      '/ws',
      mediaStream(
        (stream) => {
          stream.on('start', () => {
            stream.mark('hello')
            stream.clear()
            stream.close(1000, 'done')
          })
          stream.onClose((info) => closes.push(info))
        },
        { authToken: 'token' },
      ),
    )
    const closes: unknown[] = []
    const twilio = await openInProcessSocket(streamApp, '/ws', { protocol: 'media-stream', authToken: 'token' })
    twilio.send({
      event: 'start',
      sequenceNumber: '1',
      start: {
        streamSid: 'MZ9',
        accountSid: 'AC1',
        callSid: 'CA1',
        tracks: ['inbound'],
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
      streamSid: 'MZ9',
    })
    expect(await twilio.closed).toEqual({ code: 1000, reason: 'done', by: 'app' })
    expect(twilio.received).toEqual([
      { event: 'mark', streamSid: 'MZ9', mark: { name: 'hello' } },
      { event: 'clear', streamSid: 'MZ9' },
    ])
    expect(closes).toEqual([{ code: 1000, reason: 'done' }])
  })

  test('sendAudio before start is an error event naming the missing stream SID', async () => {
    const errors: string[] = []
    const streamApp = new Hono()
    streamApp.get(
      '/ws',
      mediaStream(
        (stream) => {
          stream.onError((error) => errors.push(error.message))
          stream.on('connected', () => stream.sendAudio(new Uint8Array(160)))
        },
        { authToken: 'token' },
      ),
    )
    const twilio = await openInProcessSocket(streamApp, '/ws', { protocol: 'media-stream', authToken: 'token' })
    twilio.send({ event: 'connected', protocol: 'Call', version: '1.0.0' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(errors).toEqual(['sendAudio() before the "start" message: the stream SID to address is not known yet'])
  })
})
