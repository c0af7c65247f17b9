/**
 * The realtime examples over real WebSockets: a client (the `ws` package) plays Twilio against a
 * server on 127.0.0.1, speaking the messages of Twilio's pages and expecting the documented
 * replies; upgrades with a forged or missing signature get 403. {@link SOCKET_SCENARIOS} run on
 * every runtime of runtime-tests/ (harness.ts) and against `npm start` (test/realtime/).
 *
 * https://www.twilio.com/docs/voice/conversationrelay/websocket-messages
 * https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
import { encodeBase64, encodeMulaw, type RelaySetupMessage } from 'twiml-jsx/realtime'
import { computeSignature } from 'twiml-jsx/webhook'
import { expect } from 'vitest'
import WebSocket from 'ws'
import { ADDRESS, HANDOFF_REASON, HOURS, MENU } from '../examples/agent.js'
import { DEV_AUTH_TOKEN } from '../examples/app.js'

const MESSAGE_TIMEOUT_MS = 5_000

/** A WebSocket client that plays Twilio: sends JSON, reads JSON replies in order. */
export class TwilioSocketClient {
  readonly #ws: WebSocket
  readonly #received: unknown[] = []
  #waiters: ((message: unknown) => void)[] = []
  readonly closed: Promise<{ code: number; reason: string }>

  private constructor(ws: WebSocket) {
    this.#ws = ws
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? { binary: true } : JSON.parse(String(data))
      const waiter = this.#waiters.shift()
      if (waiter) waiter(message)
      else this.#received.push(message)
    })
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    )
  }

  /**
   * Opens `url` with the upgrade signed as Twilio signs it (over the `ws(s)://` URL it requests),
   * or with `signature` as given (`null`: none). Rejects with the HTTP status when refused.
   */
  static open(url: string, signature?: string | null, token = DEV_AUTH_TOKEN): Promise<TwilioSocketClient> {
    return (async () => {
      const header = signature === undefined ? await computeSignature(token, url, {}) : signature
      const ws = new WebSocket(url, { headers: header === null ? {} : { 'X-Twilio-Signature': header } })
      return new Promise<TwilioSocketClient>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to the upgrade of ${url}`)), MESSAGE_TIMEOUT_MS)
        ws.once('open', () => {
          clearTimeout(timer)
          resolve(new TwilioSocketClient(ws))
        })
        ws.once('unexpected-response', (_request, response) => {
          clearTimeout(timer)
          response.resume()
          reject(
            Object.assign(new Error(`upgrade refused: HTTP ${response.statusCode}`), { status: response.statusCode }),
          )
        })
        ws.once('error', (error) => {
          clearTimeout(timer)
          reject(error)
        })
      })
    })()
  }

  /** Sends an object as JSON, a string as is. */
  send(message: unknown): void {
    this.#ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  /** The next message from the server. */
  next(): Promise<any> {
    if (this.#received.length > 0) return Promise.resolve(this.#received.shift())
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter !== settle)
        reject(new Error(`no message from the server within ${MESSAGE_TIMEOUT_MS} ms`))
      }, MESSAGE_TIMEOUT_MS)
      const settle = (message: unknown) => {
        clearTimeout(timer)
        resolve(message)
      }
      this.#waiters.push(settle)
    })
  }

  /** ConversationRelay: the `text` messages of one turn, up to the one with `last: true`. */
  async turn(): Promise<{ type: string; token: string; last: boolean }[]> {
    const tokens = []
    for (;;) {
      const message = await this.next()
      tokens.push(message)
      if (message.type !== 'text' || message.last === true) return tokens
    }
  }

  close(): Promise<{ code: number; reason: string }> {
    this.#ws.close(1000, 'done')
    return this.closed
  }
}

/** What a turn says, and that only its final token is marked `last`. */
function spoken(turn: { type: string; token: string; last: boolean }[]) {
  return {
    types: [...new Set(turn.map((message) => message.type))],
    text: turn.map((message) => message.token).join(''),
    lastFlags: turn.map((message) => message.last),
  }
}

const expectSpoken = (turn: { type: string; token: string; last: boolean }[], sentence: string) =>
  expect(spoken(turn)).toEqual({
    types: ['text'],
    text: sentence,
    lastFlags: turn.map((_, index) => index === turn.length - 1),
  })

/** Twilio's documented `setup` message, for this test's call. */
export const SETUP: RelaySetupMessage = {
  type: 'setup',
  sessionId: 'VX00000000000000000000000000000000',
  accountSid: 'AC00000000000000000000000000000000',
  parentCallSid: '',
  callSid: 'CA00000000000000000000000000000000',
  from: '+18005550100',
  to: '+18005550101',
  forwardedFrom: '+18005550102',
  callType: 'PSTN',
  callerName: '',
  direction: 'inbound',
  callStatus: 'RINGING',
  customParameters: { caller: '+18005550100' },
}

const prompt = (voicePrompt: string, last = true) => ({ type: 'prompt', voicePrompt, lang: 'en-US', last })

const STREAM_SID = 'MZ00000000000000000000000000000000'

/** 20 ms of a 440 Hz tone, μ-law, shifted by `phase` samples, so each frame's payload differs. */
function toneFrame(phase: number): string {
  const pcm = Array.from({ length: 160 }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 440 * (i + phase)) / 8000)),
  )
  return encodeBase64(encodeMulaw(pcm))
}

export interface SocketScenario {
  name: string
  /** Runs against the server at `origin`, which checks signatures with `token` (default: the development one). */
  run(origin: string, token?: string): Promise<void>
}

const socketOrigin = (origin: string) => origin.replace(/^http/, 'ws')

export const SOCKET_SCENARIOS: readonly SocketScenario[] = [
  {
    name: 'ConversationRelay /agent/ws: setup, prompts, DTMF, malformed input, handoff with end',
    async run(origin, token) {
      const twilio = await TwilioSocketClient.open(`${socketOrigin(origin)}/agent/ws`, undefined, token)
      twilio.send(SETUP)
      // A partial prompt gets no answer: the first reply belongs to the whole utterance.
      twilio.send(prompt('hello', false))
      twilio.send(prompt('hello there'))
      expect(await twilio.turn()).toEqual([
        { type: 'text', token: 'You ', last: false },
        { type: 'text', token: 'said: ', last: false },
        { type: 'text', token: 'hello ', last: false },
        { type: 'text', token: 'there', last: true },
      ])
      // Malformed messages are dropped; the socket stays up and the session goes on.
      twilio.send('{"type": "prompt", "voicePrompt": 42}')
      twilio.send('not json')
      twilio.send({ type: 'dtmf', digit: '1' })
      expectSpoken(await twilio.turn(), HOURS)
      twilio.send(prompt('What is the menu?'))
      expectSpoken(await twilio.turn(), MENU)
      twilio.send({ type: 'interrupt', utteranceUntilInterrupt: 'I can tell you our', durationUntilInterruptMs: 460 })
      twilio.send({ type: 'dtmf', digit: '2' })
      expectSpoken(await twilio.turn(), ADDRESS)
      twilio.send(prompt('Can I talk to a human please?'))
      const end = await twilio.next()
      expect(end.type).toBe('end')
      expect(JSON.parse(end.handoffData)).toEqual({
        reasonCode: HANDOFF_REASON,
        reason: 'The caller asked for a human',
      })
      expect(await twilio.close()).toEqual({ code: 1000, reason: 'done' })
    },
  },
  {
    name: 'Media Streams /echo/ws: every media frame comes back, followed by a mark',
    async run(origin, token) {
      const twilio = await TwilioSocketClient.open(`${socketOrigin(origin)}/echo/ws`, undefined, token)
      twilio.send({ event: 'connected', protocol: 'Call', version: '1.0.0' })
      twilio.send({
        event: 'start',
        sequenceNumber: '1',
        start: {
          accountSid: 'AC00000000000000000000000000000000',
          streamSid: STREAM_SID,
          callSid: 'CA00000000000000000000000000000000',
          tracks: ['inbound'],
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
          customParameters: { caller: '+18005550100' },
        },
        streamSid: STREAM_SID,
      })
      for (let chunk = 1; chunk <= 3; chunk++) {
        const payload = toneFrame(chunk * 160)
        twilio.send({
          event: 'media',
          sequenceNumber: String(chunk + 1),
          media: { track: 'inbound', chunk: String(chunk), timestamp: String((chunk - 1) * 20), payload },
          streamSid: STREAM_SID,
        })
        expect(await twilio.next()).toEqual({ event: 'media', streamSid: STREAM_SID, media: { payload } })
        expect(await twilio.next()).toEqual({ event: 'mark', streamSid: STREAM_SID, mark: { name: `echo-${chunk}` } })
      }
      // Twilio's echo of a mark, DTMF and a malformed frame get no answer; the next frame still does.
      twilio.send({ event: 'mark', sequenceNumber: '5', streamSid: STREAM_SID, mark: { name: 'echo-1' } })
      twilio.send({
        event: 'dtmf',
        streamSid: STREAM_SID,
        sequenceNumber: '6',
        dtmf: { track: 'inbound_track', digit: '1' },
      })
      twilio.send({ event: 'media', sequenceNumber: '7', media: { track: 'inbound' }, streamSid: STREAM_SID })
      const payload = toneFrame(0)
      twilio.send({
        event: 'media',
        sequenceNumber: '8',
        media: { track: 'inbound', chunk: '4', timestamp: '60', payload },
        streamSid: STREAM_SID,
      })
      expect(await twilio.next()).toEqual({ event: 'media', streamSid: STREAM_SID, media: { payload } })
      expect(await twilio.next()).toEqual({ event: 'mark', streamSid: STREAM_SID, mark: { name: 'echo-4' } })
      twilio.send({
        event: 'stop',
        sequenceNumber: '9',
        stop: { accountSid: 'AC00000000000000000000000000000000', callSid: 'CA00000000000000000000000000000000' },
        streamSid: STREAM_SID,
      })
      expect(await twilio.close()).toEqual({ code: 1000, reason: 'done' })
    },
  },
  {
    name: 'upgrades with a forged, missing or misplaced signature are refused with 403',
    async run(origin, token = DEV_AUTH_TOKEN) {
      const url = `${socketOrigin(origin)}/agent/ws`
      const refused = async (signature: string | null, target = url) => {
        try {
          const client = await TwilioSocketClient.open(target, signature)
          await client.close()
          return 'opened'
        } catch (error) {
          return (error as { status?: number }).status ?? String(error)
        }
      }
      expect(await refused('bm90IGEgc2lnbmF0dXJl')).toBe(403)
      expect(await refused(null)).toBe(403)
      // Signed for the echo socket, presented at the agent's.
      expect(await refused(await computeSignature(token, `${socketOrigin(origin)}/echo/ws`, {}))).toBe(403)
      expect(await refused(await computeSignature('another-token', url, {}))).toBe(403)
    },
  },
]
