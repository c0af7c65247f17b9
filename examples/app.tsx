/**
 * The example call flows, one Hono app: the `<Sip>` page's examples (sip.tsx), an IVR, voicemail,
 * a media stream, a call queue and an SMS auto-reply. Every webhook route checks Twilio's
 * signature. `examples/server.tsx` serves it; the tests drive it through `app.request()`;
 * runtime-tests/ serve `createApp()` on Node, workerd, Bun and Deno with the token in their
 * environment.
 */
import { Hono } from 'hono'
import { environmentValue, type TwilioWebhookEnv, twilioWebhook, twimlErrorHandler } from 'twiml-jsx/hono'
import type { RealtimeRouteOptions } from 'twiml-jsx/realtime'
import { createAgent } from './agent.js'
import { createEcho } from './echo.js'
import { ivr } from './ivr.js'
import { queue } from './queue.js'
import { sip } from './sip.js'
import { sms } from './sms.js'
import { stream } from './stream.js'
import { voicemail } from './voicemail.js'

/**
 * The auth token the examples use when none is configured, so `npm start` works out of the box.
 * Twilio signs with your account's real token: set TWILIO_AUTH_TOKEN for real calls.
 */
export const DEV_AUTH_TOKEN = 'dev-only-twilio-auth-token'

/** The realtime examples' webhooks (examples/agent.tsx, examples/echo.tsx). */
export const REALTIME_ROUTES: readonly (readonly [string, string])[] = [
  ['/agent', 'AI-agent-shaped: <Connect><ConversationRelay>'],
  ['/agent/handoff', 'agent: Connect action (HandoffData)'],
  ['/echo', 'media stream echo: <Connect><Stream>'],
  ['/echo/ended', 'echo: Connect action'],
]

/** The WebSocket endpoints (GET with Upgrade: websocket, signed like a webhook). */
export const SOCKETS: readonly (readonly [string, string])[] = [
  ['/agent/ws', 'ConversationRelay socket: rule-based agent'],
  ['/echo/ws', 'Media Streams socket: echoes every frame'],
]

export interface ExampleAppOptions {
  /**
   * The auth token Twilio signs webhooks with. Default: `TWILIO_AUTH_TOKEN`, read per request from the
   * Workers binding or the process environment (what `twilioWebhook()` does without a token).
   */
  authToken?: string
  /** The public base URL Twilio calls (behind a tunnel or proxy), e.g. `https://abc.ngrok.app`. */
  publicUrl?: string
  /** The runtime adapter's `upgradeWebSocket`, for the realtime sockets (`/agent/ws`, `/echo/ws`). */
  upgradeWebSocket?: RealtimeRouteOptions['upgradeWebSocket']
}

/**
 * Builds the example app. Runtime-neutral: the same code reads its token on Node (process.env), on
 * workerd (a binding: `.dev.vars`, `wrangler secret put`), on Bun and on Deno.
 */
export function createApp({ authToken, publicUrl, upgradeWebSocket }: ExampleAppOptions = {}) {
  const app = new Hono<TwilioWebhookEnv>()
  // A route that throws answers a short apology instead of Twilio's "application error" (in
  // production; with NODE_ENV=development, the error itself).
  app.onError(twimlErrorHandler())
  app.get('/', (c) =>
    c.text(
      [
        'twiml-jsx example call flows. Each is a Twilio webhook: send it signed (npm run call -- <path> [Name=value ...]).',
        ...[...ROUTES, ...REALTIME_ROUTES, ...SOCKETS].map(([path, what]) => `  ${path.padEnd(26)} ${what}`),
        '',
      ].join('\n'),
    ),
  )
  // Every other route is a Twilio webhook: unsigned or forged requests get 403.
  const verify = twilioWebhook({
    authToken,
    publicUrl:
      publicUrl === undefined ? undefined : (c) => new URL(c.req.path + new URL(c.req.url).search, publicUrl).href,
  })
  // The sockets check their own upgrade's signature, over the wss:// URL Twilio signs.
  const sockets = new Set(SOCKETS.map(([path]) => path))
  app.use('*', (c, next) => (c.req.path === '/' || sockets.has(c.req.path) ? next() : verify(c, next)))
  app.route('/sip', sip)
  app.route('/ivr', ivr)
  app.route('/voicemail', voicemail)
  app.route('/stream', stream)
  app.route('/queue', queue)
  app.route('/sms', sms)
  // The sockets read the token the way twilioWebhook() does when none is given.
  const realtime: RealtimeRouteOptions = {
    upgradeWebSocket,
    authToken: authToken ?? ((c) => environmentValue(c, 'TWILIO_AUTH_TOKEN')?.value),
    publicUrl,
  }
  app.route('/agent', createAgent(realtime))
  app.route('/echo', createEcho(realtime))
  return app
}

/** The app with the development token, for the tests. */
export const app = createApp({ authToken: DEV_AUTH_TOKEN })

/** Every route, for the index page and the README. */
export const ROUTES: readonly (readonly [string, string])[] = [
  ['/sip/basic', 'dial a SIP endpoint'],
  ['/sip/auth', 'dial with SIP authentication'],
  ['/sip/headers', 'custom x- headers'],
  ['/sip/uui', 'User-to-User header'],
  ['/sip/region', 'region and transport'],
  ['/sip/screened', 'Dial attributes + call screening'],
  ['/sip/screening', 'the screening TwiML (callee side)'],
  ['/sip/screening/decision', 'the screening decision (Digits)'],
  ['/sip/progress', 'call progress events'],
  ['/sip/parallel', 'parallel dialing, three endpoints'],
  ['/sip/sequential', 'sequential dialing: Alice, Bob, Charlie'],
  ['/sip/after-dial', 'Dial action: DialCallStatus + DialSipResponseCode'],
  ['/ivr', 'IVR menu: speech or DTMF, SSML prompts'],
  ['/ivr/choice', 'IVR choice (Digits / SpeechResult)'],
  ['/ivr/sales', 'IVR: sales, into the queue'],
  ['/ivr/support', 'IVR: support, to voicemail'],
  ['/ivr/hours', 'IVR: opening hours'],
  ['/voicemail', 'voicemail: Record with transcription'],
  ['/voicemail/saved', 'voicemail: Record action'],
  ['/stream', 'media stream: <Connect><Stream> with Parameters'],
  ['/stream/ended', 'media stream: Connect action'],
  ['/queue/sales', 'call queue: Enqueue with waitUrl'],
  ['/queue/wait', 'call queue: the wait loop (QueuePosition)'],
  ['/queue/left', 'call queue: Enqueue action (QueueResult)'],
  ['/sms', 'SMS auto-reply (Body: HOURS, MAP, anything)'],
]
