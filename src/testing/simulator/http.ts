/**
 * The simulator's HTTP side: building the requests Twilio would send (signed with the auth token
 * when one is given), sending them to the app without a network, and checking that a TwiML fetch
 * got TwiML back.
 */
import type { HttpMethod } from '../../voice/common.js'
import { signTwilioRequest } from '../../webhook/sign.js'
import { childElements, parseXml, type XmlElement, XmlParseError } from '../xml.js'
import type { CallLeg, RequestKind, SimulatedRequest } from './events.js'
import type { SimulatorApp } from './options.js'

/** A simulated call went somewhere Twilio would fail, or the test asked for something impossible. */
export class CallSimulationError extends Error {
  override name = 'CallSimulationError'
  constructor(
    message: string,
    /** The request that failed, when a request did. */
    readonly request?: SimulatedRequest,
  ) {
    super(message)
  }
}

/** One request to make: what the simulator knows before sending it. */
export interface Outgoing {
  readonly kind: RequestKind
  readonly leg: CallLeg
  readonly method: HttpMethod
  readonly url: string
  /** Complete: the standard call parameters included. */
  readonly params: Record<string, string>
}

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat
}

/** Whether a request kind needs no TwiML back. */
export function isCallback(kind: RequestKind): boolean {
  return kind.endsWith('callback')
}

/** Sends a call's requests to the app and keeps them, in order. */
export class CallHttp {
  /** Every request, in order: TwiML fetches and callbacks. */
  readonly requests: SimulatedRequest[] = []
  /** The origin Twilio calls: relative URLs resolve against it, requests elsewhere are not sent. */
  readonly origin: string
  private sinceInput = 0

  constructor(
    /** The app under test (realtime sessions open its sockets in-process). */
    readonly app: SimulatorApp,
    private readonly authToken: string | undefined,
    private readonly maxRequests: number,
    origin: string,
  ) {
    this.origin = new URL(origin).origin
  }

  /** A URL from the TwiML, resolved against the document it came from. */
  absolute(reference: string, base: string, what?: string): string {
    try {
      return new URL(reference, base).href
    } catch {
      throw new CallSimulationError(`${what ?? 'URL'} "${reference}" is not a valid URL`)
    }
  }

  /** How the transcript shows a URL: a path on the app's origin, else the whole URL. */
  display(url: string): string {
    const parsed = new URL(url)
    return parsed.origin === this.origin ? parsed.pathname + parsed.search : url
  }

  /** The caller gave input: the redirect-loop limit counts from here. */
  inputReceived(): void {
    this.sinceInput = 0
  }

  /**
   * Sends one request. TwiML fetches must be answered with a 2xx TwiML document; callbacks only
   * need a 2xx, and are recorded without sending when they go to another host.
   */
  async send(outgoing: Outgoing): Promise<SimulatedRequest> {
    const { kind, leg, method, url, params } = outgoing
    const callback = isCallback(kind)
    const base: SimulatedRequest = { kind, leg, method, url, path: this.display(url), params, sent: false }
    if (new URL(url).origin !== this.origin) {
      if (callback) {
        this.requests.push(base)
        return base
      }
      throw new CallSimulationError(
        `${method} ${url} (${kind}) is on another host; the simulator only reaches the app at ${this.origin}`,
        base,
      )
    }
    // Only TwiML fetches can loop; callbacks are bounded by the verbs that send them.
    if (!callback && ++this.sinceInput > this.maxRequests) {
      const recent = this.requests
        .slice(-5)
        .map((r) => `${r.method} ${r.path}`)
        .join(', ')
      throw new CallSimulationError(
        `more than ${this.maxRequests} requests without input from the caller: a redirect loop? The last ones: ${recent}`,
        base,
      )
    }
    const response = await dispatch(this.app, await this.build(method, url, params))
    const body = await response.text()
    const sent: SimulatedRequest = { ...base, sent: true, status: response.status, body }
    this.requests.push(sent)
    if (!callback) this.check(sent, response.headers.get('content-type'))
    return sent
  }

  /** The verbs of a TwiML document the app answered. */
  verbs(request: SimulatedRequest): XmlElement[] {
    const where = `${request.method} ${request.path} (${request.kind})`
    const body = request.body ?? ''
    let root: XmlElement
    try {
      root = parseXml(body).root
    } catch (error) {
      if (!(error instanceof XmlParseError)) throw error
      throw new CallSimulationError(
        `${where} answered invalid TwiML: ${error.message}: ${snippet(body) || '(empty body)'}`,
        request,
      )
    }
    if (root.name !== 'Response') {
      throw new CallSimulationError(`${where} answered <${root.name}>; a TwiML document's root is <Response>`, request)
    }
    for (const child of root.children) {
      if (child.kind === 'text' && child.value.trim() !== '') {
        throw new CallSimulationError(
          `${where} answered text directly in <Response>: "${snippet(child.value)}"`,
          request,
        )
      }
    }
    return childElements(root)
  }

  private check(request: SimulatedRequest, contentType: string | null): void {
    const status = request.status ?? 0
    const where = `${request.method} ${request.path} (${request.kind})`
    if (status < 200 || status >= 300) {
      throw new CallSimulationError(
        `${where} answered HTTP ${status}${request.body ? `: ${snippet(request.body)}` : ''}`,
        request,
      )
    }
    if (contentType !== null && !/^\s*(text\/xml|application\/xml|text\/html)\b|\+xml\b/i.test(contentType)) {
      throw new CallSimulationError(
        `${where} answered ${contentType}, not TwiML (text/xml): ${snippet(request.body ?? '') || '(empty body)'}`,
        request,
      )
    }
  }

  private async build(method: HttpMethod, url: string, params: Record<string, string>): Promise<Request> {
    if (this.authToken !== undefined) return signTwilioRequest(this.authToken, { url, method, params })
    const form = new URLSearchParams(params).toString()
    if (method === 'GET') {
      const separator = url.includes('?') ? '&' : '?'
      return new Request(form === '' ? url : url + separator + form, { method })
    }
    return new Request(url, {
      method,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    })
  }
}

/** Sends a request to the app: a Hono app (`request`), an object with `fetch`, or a fetch function. */
export async function dispatch(app: SimulatorApp, request: Request): Promise<Response> {
  if (typeof app === 'function') return app(request)
  if ('request' in app && typeof app.request === 'function') return app.request(request)
  return (app as { fetch(request: Request): Response | Promise<Response> }).fetch(request)
}
