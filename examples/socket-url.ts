/** Where an example's WebSocket lives, derived from the webhook request Twilio made. */
import type { Context } from 'hono'
import { getTwilioWebhook } from 'twiml-jsx/hono'

/**
 * The socket URL beside the route that answered: `https://host/agent` → `wss://host/agent/ws`
 * (`http` → `ws` when served without TLS, as on 127.0.0.1). It starts from the URL the signature
 * was checked against, so behind a tunnel (`PUBLIC_URL`) it is the public one.
 */
export function socketUrl(c: Context, path = 'ws'): string {
  const url = new URL(getTwilioWebhook(c).url)
  url.search = ''
  url.hash = ''
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.href
}
