/**
 * Hono routes for Twilio's realtime sockets, on the `upgradeWebSocket` of your runtime's adapter
 * (`hono/cloudflare-workers`, `hono/bun`, `hono/deno`, `@hono/node-server` with `ws`):
 *
 * ```ts
 * app.get('/agent/ws', conversationRelay((session) => {
 *   session.on('prompt', (prompt) => session.text(`You said: ${prompt.voicePrompt}`, { last: true }))
 * }, { upgradeWebSocket, authToken }))
 * ```
 *
 * The upgrade request is a webhook like any other: its `X-Twilio-Signature` is checked (over the
 * `wss://` URL Twilio requested, the query string included) and a missing or wrong one gets 403
 * before any socket opens. ConversationRelay's onboarding guide: "Use your Twilio auth token and
 * the request URL to validate this signature."
 * @see https://www.twilio.com/docs/voice/conversationrelay/onboarding
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { UpgradeWebSocket, WSContext, WSEvents } from 'hono/ws'
import type { TwilioWebhookEnv } from '../hono/webhook.js'
import { type SharedKeySecret, type VerifyResult, verifyTwilioRequest } from '../webhook/request.js'
import { inProcessEndOf } from './in-process-socket.js'
import type { SessionCore, SocketTransport } from './session.js'
import {
  type ConversationRelaySession,
  type MediaStreamSession,
  RelaySessionCore,
  StreamSessionCore,
} from './sessions.js'

/** Options of {@link conversationRelay} and {@link mediaStream}. */
export interface RealtimeRouteOptions {
  /**
   * Your runtime adapter's `upgradeWebSocket`. Without it the route still serves in-process
   * sockets (tests, the simulator) and answers real upgrades with 501.
   */
  upgradeWebSocket?: UpgradeWebSocket<any, any, any>
  /**
   * The Auth Token Twilio signs with, or a function of the request (e.g. `(c) => c.env.TWILIO_AUTH_TOKEN`).
   * Missing or empty: every request is answered 500, as by `twilioWebhook`.
   */
  authToken: string | ((c: Context) => string | undefined | Promise<string | undefined>)
  /** The shared key's secret for requests signed under a Webhooks Rule, as in `twilioWebhook`. */
  sharedKeySecret?:
    | string
    | ((keyId: string | undefined, c: Context) => string | undefined | Promise<string | undefined>)
  /**
   * The public base URL (`https://voice.example.com` or `wss://…`) when a proxy or tunnel changes
   * it; the request's path and query are appended. A function returns the full URL.
   */
  publicUrl?: string | ((c: Context) => string | Promise<string>)
}

/**
 * Your ConversationRelay handler: register listeners on `session`; `c` is the upgrade request's
 * context. A promise it returns is awaited before the upgrade.
 */
export type ConversationRelayHandler = (session: ConversationRelaySession, c: Context) => unknown

/** Your Media Streams handler: register listeners on `session`; `c` is the upgrade request's context. */
export type MediaStreamHandler = (session: MediaStreamSession, c: Context) => unknown

/**
 * A route serving ConversationRelay's socket (`<Connect><ConversationRelay url>`): checks the
 * signature, calls `handler` with a typed session, and upgrades. After the check the request's
 * parameters are available as for any webhook (`twilioParams(c)`).
 */
export function conversationRelay(
  handler: ConversationRelayHandler,
  options: RealtimeRouteOptions,
): MiddlewareHandler<TwilioWebhookEnv> {
  return realtimeRoute(() => new RelaySessionCore(), handler, options)
}

/** A route serving a Media Streams socket (`<Connect><Stream url>`); see {@link conversationRelay}. */
export function mediaStream(
  handler: MediaStreamHandler,
  options: RealtimeRouteOptions,
): MiddlewareHandler<TwilioWebhookEnv> {
  return realtimeRoute(() => new StreamSessionCore(), handler, options)
}

type AnySession = SessionCore<any, any, any>

// The path and query exactly as in the request URL.
function pathAndQuery(requestUrl: string): string {
  const afterScheme = requestUrl.indexOf('//')
  const pathStart = requestUrl.indexOf('/', afterScheme === -1 ? 0 : afterScheme + 2)
  if (pathStart === -1) return '/'
  const fragment = requestUrl.indexOf('#', pathStart)
  return requestUrl.slice(pathStart, fragment === -1 ? undefined : fragment)
}

async function publicUrlOf(c: Context, options: RealtimeRouteOptions): Promise<string> {
  const { publicUrl } = options
  if (typeof publicUrl === 'function') return publicUrl(c)
  if (typeof publicUrl === 'string') return publicUrl.replace(/\/+$/, '') + pathAndQuery(c.req.url)
  return c.req.url
}

/**
 * Twilio signs the URL it requested, the `wss://` one from the TwiML; the server sees `https://`
 * (or `http://` behind a TLS-terminating proxy). Both spellings are tried: either way the
 * signature needs the auth token.
 */
function signedUrls(url: string): string[] {
  const socket = url.replace(/^http(s?):/i, 'ws$1:')
  const http = url.replace(/^ws(s?):/i, 'http$1:')
  return socket === http ? [url] : [socket, http]
}

async function verifyUpgrade(c: Context, options: RealtimeRouteOptions): Promise<VerifyResult> {
  const authToken = typeof options.authToken === 'function' ? await options.authToken(c) : options.authToken
  const shared = options.sharedKeySecret
  const sharedKeySecret: SharedKeySecret | undefined =
    typeof shared === 'function' ? (keyId: string | undefined) => shared(keyId, c) : shared
  let result: VerifyResult | undefined
  for (const url of signedUrls(await publicUrlOf(c, options))) {
    result = await verifyTwilioRequest(c.req.raw, { authToken, sharedKeySecret, url })
    if (result.ok || result.status !== 403) return result
  }
  return result!
}

function transportOf(ws: WSContext): SocketTransport {
  return { send: (text) => ws.send(text), close: (code, reason) => ws.close(code, reason) }
}

/**
 * Answers the other end's close frame. Workerd does not (unless the worker opts into
 * `web_socket_auto_reply_to_close`), which leaves the client without a clean close (1006);
 * elsewhere the socket is already closed and this does nothing.
 */
function completeClose(ws: WSContext, event: CloseEvent): void {
  if (ws.readyState === 3) return
  // Echo the code, as RFC 6455 asks, unless it is one that may not be sent (1005 none, 1006 abnormal, ...).
  const sendable = (event.code >= 1000 && event.code <= 1003) || (event.code >= 1007 && event.code <= 1014)
  const code = sendable || (event.code >= 3000 && event.code <= 4999) ? event.code : 1000
  try {
    ws.close(code, event.reason)
  } catch {
    // already closing
  }
}

// Events for the adapter. Cloudflare's adapter never calls onOpen, so the first message attaches too.
function eventsFor(session: AnySession): WSEvents {
  return {
    onOpen: (_event, ws) => session.attach(transportOf(ws)),
    onMessage: (event, ws) => {
      session.attach(transportOf(ws))
      session.receive(event.data)
    },
    onClose: (event, ws) => {
      completeClose(ws, event)
      session.closed({ code: event.code, reason: event.reason })
    },
    onError: (event) => session.socketError((event as Event & { error?: unknown }).error ?? event),
  }
}

function realtimeRoute<S extends AnySession>(
  createSession: () => S,
  handler: (session: S, c: Context) => unknown,
  options: RealtimeRouteOptions,
): MiddlewareHandler<TwilioWebhookEnv> {
  return async (c, next) => {
    const verified = await verifyUpgrade(c, options)
    if (!verified.ok) return c.text(verified.message, verified.status)
    c.set('twilio', verified.webhook)

    const inProcess = inProcessEndOf(c.env)
    if (!inProcess && c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      return c.text('This is a WebSocket endpoint: expected an Upgrade: websocket request', 426, {
        Upgrade: 'websocket',
      })
    }
    if (!inProcess && !options.upgradeWebSocket) {
      return c.text('WebSocket upgrades are not set up here: pass your adapter’s upgradeWebSocket', 501)
    }

    const session = createSession()
    try {
      await handler(session, c)
    } catch (cause) {
      console.error('twiml-jsx/realtime: the socket handler threw before the upgrade', cause)
      return c.text('The WebSocket handler failed', 500)
    }

    if (inProcess) {
      let transport: SocketTransport
      try {
        transport = inProcess.accept(session instanceof RelaySessionCore ? 'ConversationRelay' : 'Media Streams', {
          receive: (data) => session.receive(data),
          closed: (info) => session.closed(info),
        })
      } catch (cause) {
        return c.text((cause as Error).message, 400)
      }
      session.attach(transport)
      return c.body(null, 200)
    }

    const upgrade = options.upgradeWebSocket!(() => eventsFor(session))
    const response = await upgrade(c, next)
    return response ?? c.text('The WebSocket upgrade failed', 500)
  }
}
