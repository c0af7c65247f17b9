/**
 * Node: @hono/node-server serves the example app (bundled with esbuild, run with plain `node`).
 * The token comes from the process environment (TWILIO_AUTH_TOKEN), read by the webhook middleware.
 */
import { serve } from '@hono/node-server'
import { createApp } from '../../examples/app.js'

serve({ fetch: createApp().fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000) }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}/`)
})
