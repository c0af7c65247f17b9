/**
 * Deno: `deno serve` serves a default export with `fetch` (the README's recipe). The test bundles
 * this file with esbuild first, so Deno runs one self-contained JS file and needs no registry. The
 * token comes from the process environment (TWILIO_AUTH_TOKEN, allowed with --allow-env).
 */
import { createApp } from '../../examples/app.js'

export default { fetch: createApp().fetch }
