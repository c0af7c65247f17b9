/**
 * One realtime session: typed listeners for Twilio's messages, a checked `send`, and the rule that
 * nothing on the socket's path throws. A message that breaks the protocol, a listener that throws
 * and a socket error all become error events; the socket stays open (Twilio's own ConversationRelay
 * likewise drops a bad message and goes on). The session does not know what carries it: a Hono
 * WebSocket or an in-process pair attaches a {@link SocketTransport}.
 */
import { RealtimeError } from './errors.js'
import { checkOutbound, type ProtocolSpec, parseInbound } from './protocol.js'

/** How the other end closed (or how we did): the WebSocket close code and reason. */
export interface CloseInfo {
  readonly code: number
  readonly reason: string
}

/** Calling it removes the listener. */
export type Unsubscribe = () => void

/** The message of union `M` whose discriminant `K` is `T`. */
export type MessageOf<M, K extends keyof M, T> = Extract<M, Record<K, T>>

/**
 * What both sessions offer: `In` are Twilio's messages, `Out` yours, `K` the field naming the type
 * (`type` or `event`).
 */
export interface RealtimeSession<In, Out, K extends keyof In & string> {
  /** Calls `listener` for each message of type `type` from Twilio, after it passed the checks. */
  on<T extends In[K] & string>(type: T, listener: (message: MessageOf<In, K, T>) => unknown): Unsubscribe
  /** Calls `listener` for every valid message from Twilio, before the per-type listeners. */
  onMessage(listener: (message: In) => unknown): Unsubscribe
  /**
   * Calls `listener` for a malformed message (the message is dropped), a listener that threw or
   * rejected, and socket errors. Without any error listener they go to `console.error`.
   */
  onError(listener: (error: RealtimeError) => void): Unsubscribe
  /** Calls `listener` once, when the socket has closed. */
  onClose(listener: (info: CloseInfo) => void): Unsubscribe
  /**
   * Checks `message` as Twilio would and sends it as JSON; messages sent before the socket is open
   * are queued.
   * @throws RealtimeError `invalid-outbound` naming the fields Twilio would reject, or `closed`
   */
  send(message: Out): void
  /** Closes the socket (default code 1000). */
  close(code?: number, reason?: string): void
  /** Whether the socket has closed. */
  readonly isClosed: boolean
}

/** What a session sends through: a WebSocket, or one end of an in-process pair. */
export interface SocketTransport {
  send(text: string): void
  close(code?: number, reason?: string): void
}

type AnyListener = (message: never) => unknown

/** The shared implementation; the socket side drives it through `attach`, `receive`, `closed`, `socketError`. */
export class SessionCore<In, Out, K extends keyof In & keyof Out & string> implements RealtimeSession<In, Out, K> {
  readonly #spec: ProtocolSpec<In, Out, K>
  readonly #byType = new Map<string, Set<AnyListener>>()
  readonly #all = new Set<(message: In) => unknown>()
  readonly #errors = new Set<(error: RealtimeError) => void>()
  readonly #closes = new Set<(info: CloseInfo) => void>()
  #transport: SocketTransport | undefined
  #queue: string[] = []
  #pendingClose: { code?: number; reason?: string } | undefined
  #closed = false

  constructor(spec: ProtocolSpec<In, Out, K>) {
    this.#spec = spec
  }

  on<T extends In[K] & string>(type: T, listener: (message: MessageOf<In, K, T>) => unknown): Unsubscribe {
    if (!Object.hasOwn(this.#spec.inbound, type)) {
      const known = Object.keys(this.#spec.inbound).join(', ')
      throw new TypeError(`${this.#spec.name} has no "${type}" message from Twilio; it sends ${known}`)
    }
    let set = this.#byType.get(type)
    if (!set) this.#byType.set(type, (set = new Set()))
    const entry = listener as AnyListener
    set.add(entry)
    return () => set.delete(entry)
  }

  onMessage(listener: (message: In) => unknown): Unsubscribe {
    this.#all.add(listener)
    return () => this.#all.delete(listener)
  }

  onError(listener: (error: RealtimeError) => void): Unsubscribe {
    this.#errors.add(listener)
    return () => this.#errors.delete(listener)
  }

  onClose(listener: (info: CloseInfo) => void): Unsubscribe {
    this.#closes.add(listener)
    return () => this.#closes.delete(listener)
  }

  send(message: Out): void {
    if (this.#closed || this.#pendingClose) {
      throw new RealtimeError('closed', this.#spec.name, `Cannot send on a closed ${this.#spec.name} socket`)
    }
    const checked = checkOutbound(this.#spec, message)
    if (!checked.ok) throw checked.error
    const text = JSON.stringify(checked.message)
    if (this.#transport) this.#transport.send(text)
    else this.#queue.push(text)
  }

  close(code?: number, reason?: string): void {
    if (this.#closed) return
    if (this.#transport) this.#transport.close(code ?? 1000, reason)
    else this.#pendingClose = { code, reason }
  }

  get isClosed(): boolean {
    return this.#closed
  }

  // ---- driven by the socket side ----

  /** The socket is open: sends what was queued. */
  attach(transport: SocketTransport): void {
    if (this.#transport) return
    this.#transport = transport
    const queued = this.#queue
    this.#queue = []
    try {
      for (const text of queued) transport.send(text)
      if (this.#pendingClose) transport.close(this.#pendingClose.code ?? 1000, this.#pendingClose.reason)
    } catch (cause) {
      this.socketError(cause)
    }
  }

  /** One WebSocket message arrived. Never throws. */
  receive(data: unknown): void {
    const parsed = parseInbound(this.#spec, data)
    if (!parsed.ok) {
      this.report(parsed.error)
      return
    }
    const message = parsed.message
    this.accept(message)
    for (const listener of this.#all) this.#call(listener, message)
    const type = (message as Record<string, unknown>)[this.#spec.key] as string
    for (const listener of this.#byType.get(type) ?? []) this.#call(listener as (m: In) => unknown, message)
  }

  /** The socket closed. Never throws. */
  closed(info: CloseInfo): void {
    if (this.#closed) return
    this.#closed = true
    for (const listener of this.#closes) {
      try {
        listener(info)
      } catch (cause) {
        this.report(this.#listenerError(cause))
      }
    }
  }

  /** The WebSocket reported an error. Never throws. */
  socketError(cause: unknown): void {
    const detail = cause instanceof Error ? `: ${cause.message}` : ''
    this.report(new RealtimeError('socket', this.#spec.name, `${this.#spec.name} socket error${detail}`, { cause }))
  }

  /** Hands an error to the error listeners (or console.error). Never throws. */
  report(error: RealtimeError): void {
    if (this.#errors.size === 0) {
      console.error(`twiml-jsx/realtime: ${error.message}`)
      return
    }
    for (const listener of this.#errors) {
      try {
        listener(error)
      } catch (cause) {
        console.error('twiml-jsx/realtime: an onError listener threw', cause)
      }
    }
  }

  /** A valid message, before any listener sees it: subclasses keep the metadata. */
  protected accept(_message: In): void {}

  #call(listener: (message: In) => unknown, message: In): void {
    try {
      const result = listener(message)
      if (result instanceof Promise) result.catch((cause) => this.report(this.#listenerError(cause)))
    } catch (cause) {
      this.report(this.#listenerError(cause))
    }
  }

  #listenerError(cause: unknown): RealtimeError {
    // A RealtimeError thrown by `send` inside a listener keeps its own kind and issues.
    if (cause instanceof RealtimeError) return cause
    const detail = cause instanceof Error ? cause.message : String(cause)
    return new RealtimeError('listener', this.#spec.name, `A ${this.#spec.name} listener threw: ${detail}`, { cause })
  }
}
