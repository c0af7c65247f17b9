/**
 * Serves the example call flows on 127.0.0.1 (port from PORT, default 3000).
 * TWILIO_AUTH_TOKEN: the token Twilio signs with, read by the webhook middleware itself (without it,
 * this server uses the development token, with a warning).
 * PUBLIC_URL: the base URL Twilio calls, when behind a tunnel or proxy.
 */
import { serve, upgradeWebSocket } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp, DEV_AUTH_TOKEN } from './app.js'

const fromEnvironment = Boolean(process.env.TWILIO_AUTH_TOKEN)
const app = createApp({
  authToken: fromEnvironment ? undefined : DEV_AUTH_TOKEN,
  publicUrl: process.env.PUBLIC_URL || undefined,
  upgradeWebSocket,
})
const port = Number(process.env.PORT ?? 3000)

// WebSockets (/agent/ws, /echo/ws): @hono/node-server hands upgrades to a `ws` server of ours.
const websocket = { server: new WebSocketServer({ noServer: true }) }
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port, websocket }, (info) => {
  console.log(`twiml-jsx examples on http://127.0.0.1:${info.port}/  (try: npm run call -- /sip/basic)`)
  if (!fromEnvironment) {
    console.log(
      `  webhooks are checked against the development token "${DEV_AUTH_TOKEN}"; set TWILIO_AUTH_TOKEN for real calls`,
    )
  }
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)))
