/**
 * Deno: `deno serve` serves a default export with `fetch` (the README's recipe), WebSockets through
 * hono/deno's `upgradeWebSocket`. The test bundles this file with esbuild first, so Deno runs one
 * self-contained JS file and needs no registry. The token comes from the process environment
 * (TWILIO_AUTH_TOKEN, allowed with --allow-env).
 */
import { upgradeWebSocket } from 'hono/deno'
import { createApp } from '../../examples/app.js'

const app = createApp({ upgradeWebSocket })

export default { fetch: app.fetch }
