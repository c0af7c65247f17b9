/**
 * The console places calls that the app accepts as Twilio's (they carry the app's signature), so it
 * must answer only its own page. Two checks stop other web pages from driving it through the
 * developer's browser: the Host header must name this machine (a DNS-rebinding page on
 * evil.example resolving to 127.0.0.1 sends `Host: evil.example`), and every POST must be JSON from
 * the console's own origin (a cross-site form cannot send `application/json` without a CORS
 * preflight, which the console never answers).
 */
import type { MiddlewareHandler } from 'hono'

/** Host names that always mean this machine. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

function hostname(host: string): string {
  // `[::1]:5173` → `[::1]`; `localhost:5173` → `localhost`.
  return (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '')).toLowerCase()
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}

/** Refuses requests for other hosts (403) and POSTs that are not same-origin JSON (415, 403). */
export function consoleGuard(allowed: readonly string[] | '*'): MiddlewareHandler {
  const hosts = allowed === '*' ? undefined : new Set([...LOOPBACK_HOSTS, ...allowed].map((h) => h.toLowerCase()))
  return async function consoleGuard(c, next) {
    const host = c.req.header('host') ?? new URL(c.req.url).host
    if (hosts !== undefined && !hosts.has(hostname(host))) {
      return c.json({ error: `the call console answers only requests for ${[...hosts].join(', ')}` }, 403)
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin')
      if (origin !== undefined && originHost(origin) !== host) {
        return c.json({ error: `requests from ${origin} are refused` }, 403)
      }
      if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
        return c.json({ error: 'send JSON (Content-Type: application/json)' }, 415)
      }
    }
    await next()
  }
}
