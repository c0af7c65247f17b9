/** Bun: `bun run index.ts` serves a default export with `fetch` (Bun runs the TSX sources itself). */
import { app } from '../../examples/app.js'

export default {
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  fetch: app.fetch,
}
