/**
 * Bun: `bun run index.ts` serves a default export with `fetch` (Bun runs the TSX sources itself).
 * The token comes from the process environment (TWILIO_AUTH_TOKEN).
 */
import { createApp } from '../../examples/app.js'

export default {
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  fetch: createApp().fetch,
}
