/**
 * The two sessions your handlers get: ConversationRelay (text in, text out) and Media Streams
 * (audio frames), each with the metadata of its first message and a few typed shortcuts.
 */

import { RealtimeError } from './errors.js'
import { encodeBase64 } from './mulaw.js'
import type { RelayInbound, RelayOutbound, RelaySetupMessage, RelayTextMessage } from './relay-messages.js'
import { CONVERSATION_RELAY } from './relay-protocol.js'
import { type RealtimeSession, SessionCore } from './session.js'
import type { StreamInbound, StreamOutbound, StreamStart } from './stream-messages.js'
import { MEDIA_STREAMS } from './stream-protocol.js'

/** Options of {@link ConversationRelaySession.text}: the optional fields of a `text` message. */
export type RelayTextOptions = Omit<RelayTextMessage, 'type' | 'token'>

/** A ConversationRelay session, as your handler sees it. */
export interface ConversationRelaySession extends RealtimeSession<RelayInbound, RelayOutbound, 'type'> {
  /** The `setup` message, once Twilio has sent it (it is the first message), else `undefined`. */
  readonly setup: RelaySetupMessage | undefined
  /** Sends one `text` token: `session.text('Hello!', { last: true })`. */
  text(token: string, options?: RelayTextOptions): void
  /**
   * Ends the session with an `end` message. An object is sent as JSON text, since `handoffData`
   * is a string that reaches the `<Connect action>` request as `HandoffData`.
   */
  end(handoffData?: string | Readonly<Record<string, unknown>>): void
}

/** A Media Streams session, as your handler sees it. */
export interface MediaStreamSession extends RealtimeSession<StreamInbound, StreamOutbound, 'event'> {
  /** The stream's metadata from the `start` message, once it arrived, else `undefined`. */
  readonly start: StreamStart | undefined
  /** The stream's SID, once `start` arrived. */
  readonly streamSid: string | undefined
  /**
   * Sends audio to play on the call: μ-law bytes (8 kHz, no header) or their base64.
   * @throws RealtimeError before `start` (there is no stream SID to address yet)
   */
  sendAudio(audio: Uint8Array | string): void
  /** Sends a `mark`; Twilio echoes it when the audio sent before it has played (or was cleared). */
  mark(name: string): void
  /** Sends `clear`: buffered audio is dropped and pending marks come back. */
  clear(): void
}

export class RelaySessionCore
  extends SessionCore<RelayInbound, RelayOutbound, 'type'>
  implements ConversationRelaySession
{
  #setup: RelaySetupMessage | undefined

  constructor() {
    super(CONVERSATION_RELAY)
  }

  get setup(): RelaySetupMessage | undefined {
    return this.#setup
  }

  text(token: string, options: RelayTextOptions = {}): void {
    this.send({ type: 'text', token, ...options })
  }

  end(handoffData?: string | Readonly<Record<string, unknown>>): void {
    if (handoffData === undefined) this.send({ type: 'end' })
    else
      this.send({
        type: 'end',
        handoffData: typeof handoffData === 'string' ? handoffData : JSON.stringify(handoffData),
      })
  }

  protected override accept(message: RelayInbound): void {
    if (message.type === 'setup' && this.#setup === undefined) this.#setup = message
  }
}

export class StreamSessionCore
  extends SessionCore<StreamInbound, StreamOutbound, 'event'>
  implements MediaStreamSession
{
  #start: StreamStart | undefined

  constructor() {
    super(MEDIA_STREAMS)
  }

  get start(): StreamStart | undefined {
    return this.#start
  }

  get streamSid(): string | undefined {
    return this.#start?.streamSid
  }

  sendAudio(audio: Uint8Array | string): void {
    const payload = typeof audio === 'string' ? audio : encodeBase64(audio)
    this.send({ event: 'media', streamSid: this.#sid('sendAudio'), media: { payload } })
  }

  mark(name: string): void {
    this.send({ event: 'mark', streamSid: this.#sid('mark'), mark: { name } })
  }

  clear(): void {
    this.send({ event: 'clear', streamSid: this.#sid('clear') })
  }

  protected override accept(message: StreamInbound): void {
    if (message.event === 'start' && this.#start === undefined) this.#start = message.start
  }

  #sid(method: string): string {
    const sid = this.#start?.streamSid
    if (sid === undefined) {
      throw new RealtimeError(
        'invalid-outbound',
        'Media Streams',
        `${method}() before the "start" message: the stream SID to address is not known yet`,
      )
    }
    return sid
  }
}
