/**
 * What `<Connect><ConversationRelay>` and `<Connect><Stream>` share: opening the app's socket
 * in-process (twiml-jsx/realtime's `openInProcessSocket`: no network, the upgrade signed as Twilio
 * signs it), keeping every message in `call.messages`, letting the app's handler run before the
 * call moves on (never waiting forever), the caller's scripted turns, and the `<Connect action>`.
 *
 * When the `<Connect>` verb ends, Twilio requests `action` with its standard parameters plus the
 * noun's; without an action the next verb runs (https://www.twilio.com/docs/voice/twiml/connect).
 */

import type { RealtimeError } from '../../../realtime/errors.js'
import {
  type FetchApp,
  type InProcessSocket,
  InProcessSocketRefused,
  openInProcessSocket,
} from '../../../realtime/in-process-socket.js'
import type { CloseInfo } from '../../../realtime/session.js'
import { attribute, childElements, type XmlElement } from '../../xml.js'
import { methodOf } from '../defaults.js'
import type { EventPosition, RealtimeProtocolName } from '../events.js'
import { CallSimulationError } from '../http.js'
import type { Eventually, SimulatorApp } from '../options.js'
import type { CallRuntime, Doc, Step, VerbContext } from '../runtime.js'
import type { CallInput } from '../waiting.js'
import type { Resolution, Timed } from '../waits.js'

/** Real milliseconds an app's socket gets to answer (see `socketTimeoutMs`). */
export const SOCKET_TIMEOUT_MS = 2000

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Hono's `fetch(request, env)` for any app the simulator drives (`env` carries the socket pair). */
function fetchAppOf(app: SimulatorApp): FetchApp {
  if (typeof app === 'function') {
    // A fetch function that takes `env` (Hono's `app.fetch`, the call console's wrapper) gets the socket pair.
    const handler = app as (request: Request, env?: unknown) => Response | Promise<Response>
    return { fetch: (request: Request, env?: unknown) => handler(request, env) }
  }
  if ('fetch' in app && typeof app.fetch === 'function') return app as FetchApp
  const { request } = app as {
    request(input: Request, init?: RequestInit, env?: unknown): Response | Promise<Response>
  }
  return { fetch: (input: Request, env?: unknown) => request.call(app, input, undefined, env) }
}

/** Where a noun's socket is served: the app under test, or an app of `socketApps`. */
export interface SocketTarget {
  /** The absolute URL as the TwiML names it (`wss://…`). */
  readonly url: string
  readonly app: SimulatorApp
  /** The `http(s)` origin the upgrade request goes to. */
  readonly origin: string
}

/**
 * Where the noun's socket is: on the app's origin (`ws(s)` maps to `http(s)`), or on another host
 * whose app `socketApps` names; `undefined` when the simulator cannot reach it.
 */
export function socketTarget(call: CallRuntime, doc: Doc, noun: XmlElement): SocketTarget | { elsewhere: string } {
  const written = attribute(noun, 'url')
  if (written === undefined || written.trim() === '') {
    throw new CallSimulationError(
      `<${noun.name}> in ${call.http.display(doc.url)} has no url: Twilio needs a wss:// URL`,
    )
  }
  let url: URL
  try {
    url = new URL(written.trim(), doc.url.replace(/^http/i, 'ws'))
  } catch {
    throw new CallSimulationError(`<${noun.name} url> "${written}" is not a valid URL`)
  }
  const request = new URL(url.href)
  request.protocol = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol
  if (request.origin === call.http.origin) return { url: url.href, app: call.http.app, origin: call.http.origin }
  const other = call.options.socketApps?.[url.origin] ?? call.options.socketApps?.[request.origin]
  return other === undefined ? { elsewhere: url.href } : { url: url.href, app: other, origin: request.origin }
}

/** The `<Parameter name value>` children of a noun, as `customParameters`. */
export function customParameters(noun: XmlElement): Record<string, string> {
  const parameters: Record<string, string> = {}
  for (const child of childElements(noun)) {
    const name = attribute(child, 'name')
    if (child.name === 'Parameter' && name !== undefined) parameters[name] = attribute(child, 'value') ?? ''
  }
  return parameters
}

/**
 * Goes on after `<Connect>` ends: its action with the noun's parameters (or the next verb). After
 * the caller hung up the action is still requested, but its TwiML is not run.
 */
export async function connectAction(
  { call, leg, doc }: VerbContext,
  connect: XmlElement,
  params: Record<string, string>,
  callerHungUp = false,
): Promise<Step> {
  const action = attribute(connect, 'action')
  const url = action === undefined ? undefined : call.http.absolute(action, doc.url, '<Connect action>')
  const method = methodOf(attribute(connect, 'method'))
  if (callerHungUp) {
    leg.status = 'completed'
    if (url !== undefined) await call.request(leg, 'connect-action', method, url, { ...call.params(leg), ...params })
    return { kind: 'ended', reason: 'caller hung up' }
  }
  if (url === undefined) return { kind: 'next' }
  return { kind: 'goto', request: 'connect-action', method, url, params }
}

/** A script option (`relay`, `stream`): one for every session, or a function of the count. */
export async function scriptFor<S>(
  option: S | ((index: number) => Eventually<S | undefined>) | undefined,
  index: number,
) {
  return typeof option === 'function' ? await (option as (index: number) => Eventually<S | undefined>)(index) : option
}

const HANGUP: CallInput = { kind: 'hangup' }

/**
 * The caller's scripted turns, offered one per wait: `advance` turns move the next one later on
 * the virtual clock (a deadline in between still happens first); a turn counts once it is taken.
 */
export class ScriptedTurns {
  #index = 0
  #at: number | undefined
  #offered: CallInput | undefined

  constructor(
    private readonly call: CallRuntime,
    private readonly turns: readonly CallInput[],
    /** Hang up once the turns are used up (else wait for the controller). */
    private readonly hangupAfter: boolean,
  ) {}

  /** For `WaitOptions.script`: the next turn, at its time. */
  readonly next = (): CallInput | Timed | undefined => {
    const now = this.call.clock.now
    for (let turn = this.turns[this.#index]; turn?.kind === 'advance'; turn = this.turns[++this.#index]) {
      this.#at = Math.max(this.#at ?? now, now) + turn.seconds
    }
    const input = this.turns[this.#index] ?? (this.hangupAfter ? HANGUP : undefined)
    this.#offered = input
    if (input === undefined) {
      if (this.#at !== undefined && this.#at > now) return { kind: 'advance', seconds: this.#at - now }
      this.#at = undefined
      return undefined
    }
    return this.#at !== undefined && this.#at > now ? { at: this.#at, input } : input
  }

  /** The wait ended: if with the offered turn, the script moves on. */
  taken(resolution: Resolution): void {
    if (this.#offered === undefined || resolution !== this.#offered) return
    if (this.#index < this.turns.length) this.#index++
    this.#at = undefined
  }
}

/** Options of {@link SocketLink.open}. */
export interface LinkOptions<Send, Receive> {
  readonly protocol: RealtimeProtocolName
  /** `VX…` or `MZ…`: the session in `call.messages`. */
  readonly sid: string
  readonly target: SocketTarget
  /** Where `socket-invalid` events go. */
  readonly at: EventPosition
  /** Each valid message from the app, as it arrives. */
  readonly onMessage: (message: Receive) => void
  /** What Twilio answers a malformed message from the app with, if anything (after its `socket-invalid` event). */
  readonly answerInvalid?: (description: string) => Send
}

/** One realtime session's socket, seen from Twilio's side. */
export class SocketLink<Send extends object, Receive extends object> {
  /** Messages from the app so far, malformed ones included: "did the app do anything". */
  activity = 0
  /** Set when the app closed its socket. */
  closedByApp: CloseInfo | undefined
  /** Resolves once the session is over for the app's side: it closed its socket, or {@link finish} was called. */
  readonly over: Promise<void>
  #over!: () => void
  #finished = false

  private constructor(
    private readonly call: CallRuntime,
    private readonly socket: InProcessSocket<Send, Receive>,
    private readonly options: LinkOptions<Send, Receive>,
  ) {
    this.over = new Promise((resolve) => {
      this.#over = resolve
    })
    const received = (message: Receive) => {
      this.activity++
      this.#record('from-app', message)
      if (!this.#finished) options.onMessage(message)
    }
    const invalid = (error: RealtimeError) => {
      this.activity++
      if (this.#finished) return
      call.emit(options.at, { type: 'socket-invalid', protocol: options.protocol, message: error.message })
      const answer = options.answerInvalid?.(error.message)
      if (answer !== undefined) this.send(answer)
    }
    // What the app sent as the socket opened came before these listeners: take it first, in order
    // (the two kinds interleaved in time cannot be told apart; valid messages go first).
    for (const message of socket.received) received(message)
    for (const error of socket.errors) invalid(error)
    socket.onMessage(received)
    socket.onError(invalid)
    void socket.closed.then((info) => {
      if (info.by === 'app') this.closedByApp = { code: info.code, reason: info.reason }
      this.#over()
    })
  }

  /**
   * Opens the app's socket at `options.url` (`Send` is what Twilio sends, `Receive` what the app
   * does); a refusal (403, 404, not a socket route) is a simulation error naming `where`.
   */
  static async open<Send extends object, Receive extends object>(
    call: CallRuntime,
    where: string,
    options: LinkOptions<Send, Receive>,
  ): Promise<SocketLink<Send, Receive>> {
    let socket: InProcessSocket<Send, Receive>
    try {
      const { app, url, origin } = options.target
      const opening = openInProcessSocket(fetchAppOf(app), url, {
        protocol: options.protocol as 'conversation-relay',
        ...(call.options.authToken === undefined ? {} : { authToken: call.options.authToken }),
        origin,
      }) as unknown as Promise<InProcessSocket<Send, Receive>>
      // A route that never answers the upgrade must not hang the call (Twilio gives up too).
      const timeout = call.options.socketTimeoutMs ?? SOCKET_TIMEOUT_MS
      let timer: ReturnType<typeof setTimeout> | undefined
      socket = await Promise.race([
        opening,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer to the upgrade within ${timeout} ms`)), timeout)
        }),
      ]).finally(() => clearTimeout(timer))
    } catch (error) {
      const why =
        error instanceof InProcessSocketRefused
          ? `answered ${error.status}${error.body ? `: ${error.body}` : ''}`
          : error instanceof Error
            ? error.message
            : String(error)
      throw new CallSimulationError(`${where}: the app's socket ${options.target.url} did not open: ${why}`)
    }
    return new SocketLink(call, socket, options)
  }

  /** Sends a message as Twilio, and keeps it in `call.messages`. */
  send(message: Send): void {
    if (this.socket.isClosed) return
    this.#record('to-app', message)
    this.socket.send(message)
  }

  /** Twilio's side closes the socket (the session or the call ended). */
  close(): void {
    if (!this.socket.isClosed) this.socket.close(1000)
  }

  /** The session is over for Twilio: later messages from the app are kept, not acted on. */
  finish(): void {
    this.#finished = true
    this.#over()
  }

  get isOver(): boolean {
    return this.#finished || this.closedByApp !== undefined
  }

  /**
   * Lets the app's handler run: resolves once a whole turn of the event loop passed with no new
   * message from the app (bounded by `socketTimeoutMs`, for an app that never stops).
   */
  async settle(): Promise<void> {
    const end = Date.now() + this.#timeout
    for (;;) {
      const seen = this.activity
      await macrotask()
      if (this.activity === seen || Date.now() > end) return
    }
  }

  /**
   * Waits (in real time, up to `socketTimeoutMs`) until `done()` holds or the session is over.
   * Returns whether `done()` holds: the caller says what is missing when it does not.
   */
  async until(done: () => boolean): Promise<boolean> {
    const end = Date.now() + this.#timeout
    await this.settle()
    while (!done() && !this.isOver) {
      if (Date.now() >= end) return false
      await new Promise((resolve) => setTimeout(resolve, 5))
      await this.settle()
    }
    return done()
  }

  get #timeout(): number {
    return this.call.options.socketTimeoutMs ?? SOCKET_TIMEOUT_MS
  }

  #record(direction: 'to-app' | 'from-app', message: object): void {
    this.call.messages.push({
      session: this.options.sid,
      protocol: this.options.protocol,
      direction,
      at: this.call.clock.now,
      message: message as Record<string, unknown>,
    })
  }
}
