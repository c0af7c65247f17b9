/**
 * Node: @hono/node-server serves the example app (bundled with esbuild, run with plain `node`);
 * its `upgradeWebSocket` hands WebSocket upgrades to a `ws` server. The token comes from the process
 * environment (TWILIO_AUTH_TOKEN), read by the webhook middleware.
 */
import { serve, upgradeWebSocket } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp } from '../../examples/app.js'

const app = createApp({ upgradeWebSocket })
const websocket = { server: new WebSocketServer({ noServer: true }) }
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000), websocket }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}/`)
})
