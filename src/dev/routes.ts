/** The routes a call can start at: the app's POST routes, as Hono lists them. */
import type { RouteInfo } from './protocol.js'

/**
 * The POST routes of a Hono app (`app.routes`), in the order they were added, without middleware
 * (`use()` registers method `ALL`) or wildcard paths. Twilio requests a number's voice URL with POST
 * unless told otherwise. An app that is not a Hono app lists nothing; the page then takes a path.
 */
export function listRoutes(app: unknown): RouteInfo[] {
  const routes = (app as { routes?: unknown } | null)?.routes
  if (!Array.isArray(routes)) return []
  const seen = new Set<string>()
  const found: RouteInfo[] = []
  for (const route of routes) {
    const { method, path } = (route ?? {}) as { method?: unknown; path?: unknown }
    if (method !== 'POST' || typeof path !== 'string' || path.includes('*') || seen.has(path)) continue
    seen.add(path)
    found.push({ method, path })
  }
  return found
}
