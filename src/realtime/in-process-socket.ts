/**
 * In-process sockets: a caller that holds the app opens one of its realtime routes without a
 * network, playing Twilio's part (the simulator does this for `<Connect><ConversationRelay>` and
 * `<Connect><Stream>`).
 *
 * How a route knows: {@link openInProcessSocket} calls `app.fetch(request, env)` with the app's end
 * of a socket pair in `env` under the {@link IN_PROCESS_SOCKET} symbol. `env` is made by the runtime
 * adapter (bindings, the Bun server, Node's `incoming`/`outgoing`), never from the request, and a
 * symbol cannot travel in HTTP, so no remote client can reach this path. The route still checks
 * `X-Twilio-Signature` as for a real upgrade: sign with `authToken`, as Twilio would.
 */
import { signTwilioRequest } from '../webhook/sign.js'
import type { RealtimeError, RealtimeProtocol } from './errors.js'
import type { ParseResult } from './protocol.js'
import type { RelayInbound, RelayOutbound } from './relay-messages.js'
import { parseRelayReply } from './relay-protocol.js'
import type { CloseInfo, SocketTransport, Unsubscribe } from './session.js'
import type { StreamInbound, StreamOutbound } from './stream-messages.js'
import { parseStreamReply } from './stream-protocol.js'

/**
 * The `env` key under which {@link openInProcessSocket} hands a route the app's end of the pair.
 * Registered (`Symbol.for`) so that two copies of this module agree on it.
 */
export const IN_PROCESS_SOCKET: unique symbol = Symbol.for('twiml-jsx.realtime.in-process-socket') as never

/** What the route helper drives: the session's side of the pair. */
export interface InProcessDriver {
  receive(data: string): void
  closed(info: CloseInfo): void
}

/** The app's end of the pair, as a route finds it in `env`. */
export interface InProcessServerEnd {
  /** The route accepts the socket for `protocol`; the returned transport carries the session's messages. */
  accept(protocol: RealtimeProtocol, driver: InProcessDriver): SocketTransport
}

/** The app's end of the pair in `env`, if this request came from {@link openInProcessSocket}. */
export function inProcessEndOf(env: unknown): InProcessServerEnd | undefined {
  if (typeof env !== 'object' || env === null || !(IN_PROCESS_SOCKET in env)) return undefined
  const end = (env as { [IN_PROCESS_SOCKET]?: unknown })[IN_PROCESS_SOCKET]
  return typeof end === 'object' && end !== null && typeof (end as InProcessServerEnd).accept === 'function'
    ? (end as InProcessServerEnd)
    : undefined
}

/** Which protocol the client end speaks. */
export type InProcessProtocol = 'conversation-relay' | 'media-stream'

/** Options of {@link openInProcessSocket}. */
export interface InProcessSocketOptions {
  /** `conversation-relay` or `media-stream`: types the client end and checks the route is one. */
  protocol: InProcessProtocol
  /** Sign the upgrade request with this auth token, as Twilio does (the route checks it). */
  authToken?: string
  /** Query parameters to add to the URL (signed with it). */
  params?: Record<string, string>
  /** Further request headers. */
  headers?: HeadersInit
  /** Bindings to pass as `env` besides the socket (e.g. what `c.env` holds on Workers). */
  env?: Record<string, unknown>
  /** Base for a relative `url`. Default `http://localhost`. */
  origin?: string
}

/** The client end: you are Twilio. */
export interface InProcessSocket<Send, Receive> {
  /** Sends a message to the app: an object as JSON, a string as is (for malformed input). */
  send(message: Send | string): void
  /** Every message the app sent so far, parsed and checked, in order. */
  readonly received: readonly Receive[]
  /** Messages from the app that failed the protocol's checks (the app's `send` normally prevents these). */
  readonly errors: readonly RealtimeError[]
  /**
   * The next message from the app not yet taken by `next()`; waits for it if needed.
   * Rejects when the socket closes first or after `timeoutMs` (default 2000).
   */
  next(options?: { timeoutMs?: number }): Promise<Receive>
  /** Calls `listener` for each message the app sends from now on. */
  onMessage(listener: (message: Receive) => void): Unsubscribe
  /** Calls `listener` for each message from the app that fails the protocol's checks (it is also in `errors`). */
  onError(listener: (error: RealtimeError) => void): Unsubscribe
  /** Closes the socket from Twilio's side (default code 1000); the app's `onClose` runs. */
  close(code?: number, reason?: string): void
  /** Resolves once the socket closed, saying which end closed it. */
  readonly closed: Promise<CloseInfo & { readonly by: 'app' | 'client' }>
  readonly isClosed: boolean
}

/** The route did not accept the socket: its HTTP answer. */
export class InProcessSocketRefused extends Error {
  override name = 'InProcessSocketRefused'
  constructor(
    readonly status: number,
    readonly body: string,
    url: string,
  ) {
    super(`GET ${url} did not accept a WebSocket: ${status}${body ? ` ${body}` : ''}`)
  }
}

/** Anything with Hono's `fetch(request, env)`. */
export interface FetchApp {
  fetch(request: Request, env?: any, executionContext?: any): Response | Promise<Response>
}

const PROTOCOLS: Record<InProcessProtocol, { name: RealtimeProtocol; parse: (data: string) => ParseResult<unknown> }> =
  {
    'conversation-relay': { name: 'ConversationRelay', parse: parseRelayReply },
    'media-stream': { name: 'Media Streams', parse: parseStreamReply },
  }

type Closed = CloseInfo & { readonly by: 'app' | 'client' }

class ClientEnd<Send, Receive> implements InProcessSocket<Send, Receive>, InProcessServerEnd {
  readonly received: Receive[] = []
  readonly errors: RealtimeError[] = []
  readonly closed: Promise<Closed>
  #resolveClosed!: (info: Closed) => void
  #closedInfo: Closed | undefined
  #driver: InProcessDriver | undefined
  #cursor = 0
  #waiters: { resolve: (message: Receive) => void; reject: (error: Error) => void }[] = []
  readonly #listeners = new Set<(message: Receive) => void>()
  readonly #errorListeners = new Set<(error: RealtimeError) => void>()
  refusal: string | undefined

  constructor(readonly protocol: InProcessProtocol) {
    this.closed = new Promise((resolve) => {
      this.#resolveClosed = resolve
    })
  }

  accept(protocol: RealtimeProtocol, driver: InProcessDriver): SocketTransport {
    const expected = PROTOCOLS[this.protocol].name
    if (protocol !== expected) {
      this.refusal = `the route is a ${protocol} socket, not ${expected}`
      throw new TypeError(`In-process socket: ${this.refusal}`)
    }
    this.#driver = driver
    return {
      send: (text) => queueMicrotask(() => this.#fromApp(text)),
      close: (code = 1000, reason = '') => this.#finish({ code, reason, by: 'app' }),
    }
  }

  get accepted(): boolean {
    return this.#driver !== undefined
  }

  get isClosed(): boolean {
    return this.#closedInfo !== undefined
  }

  send(message: Send | string): void {
    if (this.#closedInfo) throw new Error('In-process socket: cannot send, the socket is closed')
    const text = typeof message === 'string' ? message : JSON.stringify(message)
    const driver = this.#driver!
    queueMicrotask(() => {
      if (!this.#closedInfo) driver.receive(text)
    })
  }

  next({ timeoutMs = 2000 }: { timeoutMs?: number } = {}): Promise<Receive> {
    if (this.#cursor < this.received.length) return Promise.resolve(this.received[this.#cursor++]!)
    if (this.#closedInfo) return Promise.reject(this.#closedError(this.#closedInfo))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter.resolve !== settle)
        reject(new Error(`In-process socket: no message from the app within ${timeoutMs} ms`))
      }, timeoutMs)
      const settle = (message: Receive) => {
        clearTimeout(timer)
        resolve(message)
      }
      this.#waiters.push({
        resolve: settle,
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
    })
  }

  onMessage(listener: (message: Receive) => void): Unsubscribe {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  onError(listener: (error: RealtimeError) => void): Unsubscribe {
    this.#errorListeners.add(listener)
    return () => this.#errorListeners.delete(listener)
  }

  close(code = 1000, reason = ''): void {
    this.#finish({ code, reason, by: 'client' })
  }

  #fromApp(text: string): void {
    if (this.#closedInfo) return
    const parsed = PROTOCOLS[this.protocol].parse(text)
    if (!parsed.ok) {
      this.errors.push(parsed.error)
      for (const listener of this.#errorListeners) listener(parsed.error)
      return
    }
    const message = parsed.message as Receive
    this.received.push(message)
    const waiter = this.#waiters.shift()
    if (waiter) {
      this.#cursor++
      waiter.resolve(message)
    }
    for (const listener of this.#listeners) listener(message)
  }

  #finish(info: Closed): void {
    if (this.#closedInfo) return
    // Messages the app sent before closing arrive first, as on a WebSocket.
    queueMicrotask(() => {
      if (this.#closedInfo) return
      this.#closedInfo = info
      for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#closedError(info))
      this.#driver?.closed({ code: info.code, reason: info.reason })
      this.#resolveClosed(info)
    })
  }

  #closedError(info: Closed): Error {
    const reason = info.reason ? ` "${info.reason}"` : ''
    return new Error(`In-process socket: closed by the ${info.by} (${info.code}${reason}) with no further message`)
  }
}

function resolveUrl(url: string, origin: string): string {
  const absolute = new URL(url, origin)
  // The request goes to the app over http(s); Twilio's TwiML names the socket wss://.
  if (absolute.protocol === 'wss:') absolute.protocol = 'https:'
  else if (absolute.protocol === 'ws:') absolute.protocol = 'http:'
  return absolute.href
}

function socketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http(s?):/i, 'ws$1:')
}

/**
 * Opens `app`'s realtime route at `url` in-process and returns the client end, typed for the
 * protocol: you send what Twilio sends and receive what the app sends.
 *
 * ```ts
 * const socket = await openInProcessSocket(app, 'wss://example.com/agent/ws', {
 *   protocol: 'conversation-relay',
 *   authToken: DEV_AUTH_TOKEN,
 * })
 * socket.send({ type: 'prompt', voicePrompt: 'Hello', lang: 'en-US', last: true })
 * const reply = await socket.next() // { type: 'text', token: ..., last: ... }
 * ```
 *
 * With `authToken` the upgrade request is signed over the socket's `ws(s)://` URL, as Twilio signs it.
 * @throws InProcessSocketRefused when the route answers without accepting (403, 404, ...)
 */
export function openInProcessSocket(
  app: FetchApp,
  url: string,
  options: InProcessSocketOptions & { protocol: 'conversation-relay' },
): Promise<InProcessSocket<RelayInbound, RelayOutbound>>
export function openInProcessSocket(
  app: FetchApp,
  url: string,
  options: InProcessSocketOptions & { protocol: 'media-stream' },
): Promise<InProcessSocket<StreamInbound, StreamOutbound>>
export async function openInProcessSocket(
  app: FetchApp,
  url: string,
  options: InProcessSocketOptions,
): Promise<InProcessSocket<unknown, unknown>> {
  const end = new ClientEnd<unknown, unknown>(options.protocol)
  const target = new URL(resolveUrl(url, options.origin ?? 'http://localhost'))
  for (const [name, value] of Object.entries(options.params ?? {})) target.searchParams.append(name, value)
  const headers = new Headers(options.headers)
  headers.set('Upgrade', 'websocket')
  headers.set('Connection', 'Upgrade')
  headers.set('Sec-WebSocket-Version', '13')
  let request: Request
  if (options.authToken !== undefined) {
    const signed = await signTwilioRequest(options.authToken, { url: socketUrl(target.href), method: 'GET', headers })
    request = new Request(target.href, { method: 'GET', headers: signed.headers })
  } else {
    request = new Request(target.href, { method: 'GET', headers })
  }
  const response = await app.fetch(request, { ...options.env, [IN_PROCESS_SOCKET]: end })
  if (!end.accepted) {
    const body = end.refusal ?? (await response.text().catch(() => ''))
    throw new InProcessSocketRefused(response.status, body, target.pathname + target.search)
  }
  return end
}
