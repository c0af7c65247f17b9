/** Small Hono apps for simulator tests: TwiML routes that see their request's parameters. */
import { type Context, Hono } from 'hono'
import { twiml } from '../../src/hono/index.js'
import type { Child } from '../../src/node.js'
import type { SimulatedRequest } from '../../src/testing/index.js'

export type Route = (c: Context, params: Record<string, string>) => Child | Promise<Child>

/** A Hono app serving TwiML routes (GET and POST); each handler sees the request's parameters. */
export function voiceApp(routes: Record<string, Route>) {
  const app = new Hono()
  for (const [path, route] of Object.entries(routes)) {
    app.on(['GET', 'POST'], path, async (c) => {
      const params =
        c.req.method === 'GET'
          ? c.req.query()
          : Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]))
      return twiml(c, await route(c, params), { enhancedSip: true })
    })
  }
  return app
}

/** The parameters of a request that are not the standard ones every request carries. */
export function own(request: SimulatedRequest | undefined): Record<string, string> {
  const { CallSid, AccountSid, From, To, CallStatus, Direction, ApiVersion, ...rest } = request?.params ?? {}
  return rest
}
