/**
 * twiml-jsx/hono: return TwiML from Hono routes, guard them with Twilio's signature, answer broken
 * documents safely.
 *
 * ```tsx
 * app.use(twilioWebhook())
 * app.post('/voice', (c) => twiml(c, <Response><Say>Hello</Say></Response>))
 * ```
 */
export {
  APOLOGY_TEXT,
  type BrokenDocumentOptions,
  DEFAULT_APOLOGY,
  twimlErrorHandler,
} from './apology.js'
export { type AppMode, appMode, environmentValue } from './environment.js'
export { TWIML_CONTENT_TYPE, TWIML_OPTIONS_KEY, type TwimlResponseOptions, twiml, twimlDefaults } from './twiml.js'
export * from './webhook.js'
