/**
 * Cloudflare Workers (workerd, through `wrangler dev`): the Hono app is the module's default export;
 * WebSockets through hono/cloudflare-workers' `upgradeWebSocket` (a WebSocketPair). The token is the
 * TWILIO_AUTH_TOKEN binding (`.dev.vars` here, `wrangler secret put` when deployed).
 */
import { upgradeWebSocket } from 'hono/cloudflare-workers'
import { createApp } from '../../examples/app.js'

export default createApp({ upgradeWebSocket })
