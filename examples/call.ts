/**
 * Plays Twilio against the running example server: signs a webhook request the way Twilio does
 * and prints the TwiML that comes back.
 *
 *   npm run call -- /sip/after-dial DialCallStatus=busy DialSipResponseCode=486
 *
 * Uses TWILIO_AUTH_TOKEN (default: the development token) and PORT (default 3000).
 */
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { DEV_AUTH_TOKEN } from './app.js'

const [path = '/sip/basic', ...pairs] = process.argv.slice(2)
const params = Object.fromEntries(
  pairs.map((pair) => {
    const eq = pair.indexOf('=')
    return eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]
  }),
)
const url = `http://127.0.0.1:${process.env.PORT ?? 3000}${path}`
const request = await signTwilioRequest(process.env.TWILIO_AUTH_TOKEN || DEV_AUTH_TOKEN, { url, params })
const response = await fetch(request)
console.log(`${response.status} ${response.headers.get('content-type')}`)
console.log(await response.text())
