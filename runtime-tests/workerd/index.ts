/**
 * Cloudflare Workers (workerd, through `wrangler dev`): the Hono app is the module's default export;
 * WebSockets through hono/cloudflare-workers' `upgradeWebSocket` (a WebSocketPair).
 */
import { upgradeWebSocket } from 'hono/cloudflare-workers'
import { createApp } from '../../examples/app.js'

export default createApp({ upgradeWebSocket })
