/**
 * Bun: `bun run index.ts` serves a default export with `fetch` (Bun runs the TSX sources itself),
 * and `websocket`, the handlers behind hono/bun's `upgradeWebSocket`. The token comes from the
 * process environment (TWILIO_AUTH_TOKEN).
 */
import { upgradeWebSocket, websocket } from 'hono/bun'
import { createApp } from '../../examples/app.js'

const app = createApp({ upgradeWebSocket })

export default {
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  fetch: app.fetch,
  websocket,
}
