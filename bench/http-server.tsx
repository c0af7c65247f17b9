/**
 * A server for the HTTP benchmark, started by bench/http.tsx as a child process:
 *
 *   node --import tsx bench/http-server.tsx example | constant-signed | constant-read | constant
 *
 * - `example`: the example app (examples/app.tsx) as `npm start` serves it: twilioWebhook checks the
 *   signature, then the route renders its TwiML with twiml-jsx.
 * - `constant-signed`: the same @hono/node-server and twilioWebhook middleware, and a route that
 *   returns the document as a constant string: the example without the rendering.
 * - `constant-read`: its own Hono app that reads the request body (as any signature check must), then
 *   returns the constant string: the floor under every signed route.
 * - `constant`: its own Hono app on the same server, returning the constant string, no signature check.
 *
 * Listens on a free port of 127.0.0.1 and prints `PORT <n>`. On SIGTERM it prints `CPU <µs> <n>`: the
 * process's CPU time (user + system, all threads) per request over the last `n` requests (counted
 * from the `RESET` line written to its stdin), then exits.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { TWIML_CONTENT_TYPE, type TwilioWebhookEnv, twilioWebhook } from 'twiml-jsx/hono'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../examples/app.js'
import { EXPECTED_BODY, ROUTE } from './http-shared.js'

const mode = process.argv[2]

function constantApp(signed: boolean, readBody = false) {
  const app = new Hono<TwilioWebhookEnv>()
  if (signed) app.use('*', twilioWebhook({ authToken: DEV_AUTH_TOKEN }))
  if (readBody) {
    app.use('*', async function readBody(c, next) {
      await c.req.arrayBuffer()
      await next()
    })
  }
  app.on(['GET', 'POST'], ROUTE, (c) => c.body(EXPECTED_BODY, 200, { 'Content-Type': TWIML_CONTENT_TYPE }))
  return app
}

const app =
  mode === 'example'
    ? exampleApp
    : mode === 'constant-signed'
      ? constantApp(true)
      : mode === 'constant-read'
        ? constantApp(false, true)
        : mode === 'constant'
          ? constantApp(false)
          : undefined
if (app === undefined) {
  console.error(`unknown mode ${mode}; use example, constant-signed, constant-read or constant`)
  process.exit(2)
}

let requests = 0
let cpuStart = process.cpuUsage()
const counted = (request: Request) => {
  requests++
  return app.fetch(request)
}
process.stdin.on('data', (chunk) => {
  if (String(chunk).includes('RESET')) {
    requests = 0
    cpuStart = process.cpuUsage()
  }
})

const server = serve({ fetch: counted, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(`PORT ${info.port}`)
})
process.on('SIGTERM', () => {
  const used = process.cpuUsage(cpuStart)
  console.log(`CPU ${requests > 0 ? ((used.user + used.system) / requests).toFixed(1) : 'NaN'} ${requests}`)
  server.close(() => process.exit(0))
})
