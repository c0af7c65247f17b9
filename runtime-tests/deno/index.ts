/**
 * Deno: `Deno.serve` with the app's fetch. The test bundles this file with esbuild first, so Deno runs
 * one self-contained JS file and needs no registry. Excluded from `tsc -p .` (it needs Deno's globals).
 * The token comes from the process environment (TWILIO_AUTH_TOKEN, allowed with --allow-env).
 */
import { createApp } from '../../examples/app.js'

Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 8000) }, createApp().fetch)
