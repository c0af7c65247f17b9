/**
 * Reading configuration the same way on every runtime: a Workers binding (`c.env`, from
 * `wrangler secret put` or `.dev.vars`) first, then the process environment (Node, Bun, Deno).
 */
import type { Context } from 'hono'
import { processEnv } from '../webhook/runtime.js'

/** How failures are answered and logged: see {@link appMode}. */
export type AppMode = 'production' | 'development'

/** Where {@link environmentValue} found a value, for log lines that say where they looked. */
export type EnvironmentSource = 'binding' | 'process'

/**
 * `name` from the request's env bindings (`c.env[name]`, Cloudflare Workers), else from the process
 * environment (Node, Bun and Deno). Empty strings count as missing.
 */
export function environmentValue(
  c: Context,
  name: string,
): { readonly value: string; readonly source: EnvironmentSource } | undefined {
  // c.env is the bindings object on Workers, node-server's { incoming, outgoing } on Node, or undefined.
  const bindings: unknown = c.env
  const bound =
    typeof bindings === 'object' && bindings !== null ? (bindings as Record<string, unknown>)[name] : undefined
  if (typeof bound === 'string' && bound !== '') return { value: bound, source: 'binding' }
  const fromProcess = processEnv(name)
  if (fromProcess !== undefined && fromProcess !== '') return { value: fromProcess, source: 'process' }
  return undefined
}

/**
 * The mode the app runs in: `explicit` when given, else `'development'` when `NODE_ENV` is
 * `development` (as a binding or in the process environment), else `'production'`. Production is
 * the default so that a deployment that sets nothing never shows callers (or attackers) internals.
 */
export function appMode(c: Context, explicit?: AppMode): AppMode {
  if (explicit !== undefined) return explicit
  return environmentValue(c, 'NODE_ENV')?.value === 'development' ? 'development' : 'production'
}
