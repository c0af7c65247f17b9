/**
 * Hono middleware that lets only genuine Twilio requests through and hands the handler their typed
 * parameters.
 *
 * ```ts
 * import { twilioWebhook } from 'twiml-jsx/hono'
 * import type { DialActionRequest } from 'twiml-jsx/webhook'
 *
 * // The token is TWILIO_AUTH_TOKEN: a Workers binding, or the process environment (Node, Bun, Deno).
 * app.post('/after-dial', twilioWebhook<DialActionRequest>(), (c) => {
 *   const { DialCallStatus } = c.get('twilio').params
 *   ...
 * })
 * ```
 */
import type { Context, MiddlewareHandler } from 'hono'
import { diagnoseSignature } from '../webhook/diagnose.js'
import type { WebhookParams } from '../webhook/params.js'
import {
  DEFAULT_MAX_BODY_BYTES,
  type Rejection,
  type VerifiedWebhook,
  verifyTwilioRequest,
} from '../webhook/request.js'
import { SIGNATURE_SETTINGS_HEADER } from '../webhook/signature.js'
import { type AppMode, appMode, environmentValue } from './environment.js'

/** The environment variable (or Workers binding) the auth token is read from by default. */
export const AUTH_TOKEN_VARIABLE = 'TWILIO_AUTH_TOKEN'

declare module 'hono' {
  interface ContextVariableMap {
    /**
     * The request {@link twilioWebhook} verified. Typed with the parameters you name where the route's
     * environment carries them (`twilioWebhook<DialActionRequest>()`, {@link TwilioWebhookEnv}).
     */
    twilio: VerifiedWebhook
  }
}

/** The Hono environment the middleware provides: `c.get('twilio')` / `c.var.twilio`. */
export interface TwilioWebhookEnv<P extends object = WebhookParams> {
  Variables: {
    /** The verified request and its parameters. */
    twilio: VerifiedWebhook<P>
  }
}

/** Options of {@link twilioWebhook}. */
export interface TwilioWebhookOptions {
  /**
   * Your account's Auth Token, or a function that returns it for the request (sync or async).
   * Default: `TWILIO_AUTH_TOKEN` from the request's env bindings (`c.env`: Cloudflare Workers, set
   * with `wrangler secret put` or `.dev.vars`), else from the process environment (Node, Bun, Deno).
   * If there is none, every request is answered 500 and the log says where it looked: validating
   * with an empty key would accept signatures anyone can compute.
   */
  authToken?: string | ((c: Context) => string | undefined | Promise<string | undefined>)
  /**
   * The secret of the shared key for requests signed under a Webhooks Rule (they carry
   * `X-Twilio-Webhooks-Signature-Settings`), or a function of the header's key id. Without it such
   * requests are refused with 403.
   */
  sharedKeySecret?:
    | string
    | ((keyId: string | undefined, c: Context) => string | undefined | Promise<string | undefined>)
  /**
   * The externally visible URL, when the app sits behind a proxy, load balancer or tunnel that
   * changes the scheme, host or path. A string is the public base (`https://voice.example.com`, or
   * with a path prefix `https://example.com/twilio`); the request's path and query are appended. A
   * function returns the full URL for the request. Default: the request URL.
   */
  publicUrl?: string | ((c: Context) => string | Promise<string>)
  /**
   * Rebuild the URL from `X-Forwarded-Proto` and `X-Forwarded-Host` (their first values). Enable
   * only behind a proxy that sets these headers itself, since clients can send them too. Ignored
   * when `publicUrl` is given.
   */
  trustProxy?: boolean
  /** Largest accepted body in bytes, checked against Content-Length and while reading. Default 64 kB. */
  maxBodyBytes?: number
  /**
   * Called for every refused request, with why it was refused. For an `invalid-signature`, the
   * rejection's `hint` says which spelling of the request Twilio signed when one of the documented
   * mistakes explains it (`https` vs `http` behind a TLS-terminating proxy, a port, another host, a
   * changed query, a parameter added on the way). Return a Response to answer with it instead of the
   * short default; the default body never says more than "Invalid X-Twilio-Signature".
   */
  onRejected?: (c: Context, rejection: Rejection) => Response | undefined | Promise<Response | undefined>
  /**
   * `'development'` logs every refusal with its reason and hint (`console.warn`). Default: development
   * when `NODE_ENV` is `development`, otherwise production (refusals are not logged, except a missing
   * auth token, which always is).
   */
  mode?: AppMode
}

function firstForwarded(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim()
  return first ? first : undefined
}

// The path and query exactly as in the request URL (URL#search would drop a lone '?').
function pathAndQueryOf(requestUrl: string, protocol: string): string {
  const pathStart = requestUrl.indexOf('/', protocol.length + 2)
  if (pathStart === -1) return '/'
  const fragment = requestUrl.indexOf('#', pathStart)
  return requestUrl.slice(pathStart, fragment === -1 ? undefined : fragment)
}

async function publicUrlOf(c: Context, options: TwilioWebhookOptions): Promise<string> {
  const { publicUrl } = options
  if (typeof publicUrl === 'function') return publicUrl(c)
  if (publicUrl === undefined && !options.trustProxy) return c.req.url
  const requestUrl = new URL(c.req.url)
  const pathAndQuery = pathAndQueryOf(c.req.url, requestUrl.protocol)
  if (typeof publicUrl === 'string') return publicUrl.replace(/\/+$/, '') + pathAndQuery
  if (options.trustProxy) {
    const forwardedProto = firstForwarded(c.req.header('x-forwarded-proto'))?.toLowerCase()
    const forwardedHost = firstForwarded(c.req.header('x-forwarded-host'))
    const scheme =
      forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : requestUrl.protocol.slice(0, -1)
    // A host header value cannot contain these; refusing them keeps the header from rewriting the path.
    const host = forwardedHost && !/[\s/?#@\\]/.test(forwardedHost) ? forwardedHost : requestUrl.host
    return `${scheme}://${host}${pathAndQuery}`
  }
  return c.req.url
}

// Another middleware may have read the body through HonoRequest, which caches it; rebuild a request
// from that cache so the size limit and the signature still apply.
async function unreadRequest(c: Context): Promise<Request | undefined> {
  const raw = c.req.raw
  if (!raw.bodyUsed) return raw
  try {
    return new Request(raw.url, { method: raw.method, headers: raw.headers, body: await c.req.arrayBuffer() })
  } catch {
    return undefined
  }
}

interface ResolvedToken {
  readonly token: string | undefined
  /** Where the middleware looked, for the log line when there is no token. */
  readonly lookedIn: string
}

async function authTokenFor(c: Context, option: TwilioWebhookOptions['authToken']): Promise<ResolvedToken> {
  if (typeof option === 'string') return { token: option, lookedIn: 'the authToken option (empty)' }
  if (typeof option === 'function') return { token: await option(c), lookedIn: 'what the authToken option returned' }
  return {
    token: environmentValue(c, AUTH_TOKEN_VARIABLE)?.value,
    lookedIn: `the ${AUTH_TOKEN_VARIABLE} binding (c.env on Workers: wrangler secret put, .dev.vars) and the ${AUTH_TOKEN_VARIABLE} environment variable (Node, Bun, Deno)`,
  }
}

const NO_AUTH_TOKEN: Rejection = {
  ok: false,
  status: 500,
  reason: 'no-auth-token',
  message: 'Twilio auth token is not configured',
}

async function refuse(c: Context, options: TwilioWebhookOptions, rejection: Rejection): Promise<Response> {
  const replaced = await options.onRejected?.(c, rejection)
  return replaced ?? c.text(rejection.message, rejection.status)
}

function describeRejection(c: Context, rejection: Rejection): string {
  const hint = rejection.hint ? `: ${rejection.hint.advice}` : ''
  return `twilioWebhook: refused ${c.req.method} ${c.req.path} (${rejection.status} ${rejection.reason}): ${rejection.message}${hint}`
}

/**
 * Middleware that checks `X-Twilio-Signature` before the handler runs and exposes the request's
 * parameters as `c.get('twilio')` (a {@link VerifiedWebhook}; `P` types its `params`).
 *
 * Refusals, each with a short `text/plain` body, and the handler never runs: 403 when the signature
 * is missing or wrong; 413 when the body exceeds `maxBodyBytes` (by Content-Length, or while reading
 * a body without one); 400 when the body is malformed (bad form encoding, invalid UTF-8 or JSON, a
 * non-form content type on a form webhook); 500 when no auth token is configured. GET webhooks are
 * checked against their query string, JSON webhooks against `bodySHA256`. The body stays readable
 * in the handler (`c.req.parseBody()`, `c.req.text()`).
 */
export function twilioWebhook<P extends object = WebhookParams>(
  options: TwilioWebhookOptions = {},
): MiddlewareHandler<TwilioWebhookEnv<P>> {
  const shared = options.sharedKeySecret
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  return async function twilioWebhookMiddleware(c, next) {
    const { token: authToken, lookedIn } =
      typeof options.authToken === 'string'
        ? { token: options.authToken, lookedIn: 'the authToken option (empty)' }
        : await authTokenFor(c, options.authToken)
    // Without a token nothing can be verified; say so before looking at the request, so that a
    // misconfigured deployment shows up on the first request, signed or not.
    if (!authToken && !c.req.header(SIGNATURE_SETTINGS_HEADER)) {
      console.error(`twilioWebhook: no Twilio auth token; looked in ${lookedIn}. Every webhook is refused with 500.`)
      return refuse(c, options, NO_AUTH_TOKEN)
    }
    const sharedKeySecret = typeof shared === 'function' ? (keyId: string | undefined) => shared(keyId, c) : shared
    // A body whose Content-Length is within the limit cannot grow past it (the HTTP layer frames it),
    // so read it through HonoRequest: on @hono/node-server that skips building a web stream, which
    // costs most of a webhook's throughput. Other bodies are read as a stream, with the limit enforced.
    const declared = c.req.header('content-length')
    const body =
      c.req.method !== 'GET' && c.req.method !== 'HEAD' && declared !== undefined && /^\d+$/.test(declared.trim())
        ? Number(declared) <= limit
          ? new Uint8Array(await c.req.arrayBuffer())
          : undefined
        : undefined
    const request = body === undefined ? await unreadRequest(c) : c.req.raw
    if (!request) return c.text('The request body was already consumed', 500)
    // The mode matters only for a refusal: read it (an environment variable) only then.
    const development = () => appMode(c, options.mode) === 'development'
    const result = await verifyTwilioRequest<P>(request, {
      authToken,
      sharedKeySecret,
      url: options.publicUrl === undefined && !options.trustProxy ? c.req.url : await publicUrlOf(c, options),
      maxBodyBytes: options.maxBodyBytes,
      body,
      diagnose: (input) =>
        options.onRejected !== undefined || development() ? diagnoseSignature(input) : Promise.resolve(undefined),
    })
    if (!result.ok) {
      if (development()) console.warn(describeRejection(c, result))
      return refuse(c, options, result)
    }
    // The stream is consumed now. HonoRequest derives text(), json(), parseBody() ... from any cached
    // body; it stores promises there although its type says ArrayBuffer.
    if (result.rawBody) c.req.bodyCache.arrayBuffer = Promise.resolve(result.rawBody.buffer) as unknown as ArrayBuffer
    c.set('twilio', result.webhook)
    await next()
  }
}

/**
 * The verified request of a route guarded by {@link twilioWebhook}, typed as you say; for handlers
 * whose `Context` type does not carry the middleware's environment (e.g. after `app.use()`).
 *
 * @throws Error if the middleware has not run for this request
 */
export function getTwilioWebhook<P extends object = WebhookParams>(c: Context): VerifiedWebhook<P> {
  const webhook: VerifiedWebhook | undefined = c.get('twilio')
  if (!webhook) throw new Error('No verified Twilio request: add twilioWebhook() in front of this handler')
  return webhook as VerifiedWebhook<P>
}

/** The parameters of a request verified by {@link twilioWebhook}, typed as `P`. See {@link getTwilioWebhook}. */
export function twilioParams<P extends object = WebhookParams>(c: Context): P {
  return getTwilioWebhook<P>(c).params
}
