/**
 * `recordWebhooks()`: a middleware that writes every webhook request and the TwiML answered as one
 * JSON line, scrubbed by default — production traffic to replay later as a regression test.
 *
 * ```ts
 * app.use('*', recordWebhooks({ file: 'traffic.jsonl' })) // Node, Bun, Deno
 * app.use('*', recordWebhooks({ sink: (line) => env.LOGS.send(line) })) // anywhere
 * ```
 *
 * Mount it before the signature check so refused requests are recorded too. It reads the body
 * through Hono's request (which keeps it for the middleware and handlers after it) and a copy of
 * the response.
 */
import { builtinModule } from '../../webhook/runtime.js'
import { Scrubber, type ScrubOptions } from './scrub.js'

/** One recorded exchange: a line of the recording. Plain data. */
export interface RecordedWebhook {
  /** Format version. */
  readonly v: 1
  /** The call it belongs to: `ParentCallSid`, else `CallSid` (else `MessageSid`), as recorded. */
  readonly call: string
  /** When it was received (ISO 8601). */
  readonly at: string
  readonly method: string
  /** The URL as the app saw it, query included. */
  readonly url: string
  /** Form parameters of the body (`{}` for a GET, whose parameters are in the URL). */
  readonly params: Readonly<Record<string, string>>
  /** The app's answer. */
  readonly status: number
  readonly contentType: string | null
  readonly body: string
  /** Whether phone numbers, names, SIDs and recording URLs were replaced by placeholders. */
  readonly scrubbed: boolean
}

/** Where lines go: a function given each line (without the newline). */
export type WebhookSink = (line: string) => void | Promise<void>

/** Options of {@link recordWebhooks}: a `sink`, or a `file` to append to (Node, Bun, Deno). */
export interface RecordWebhooksOptions {
  /** Receives each JSON line. */
  sink?: WebhookSink
  /** Appends each line to this file (through `node:fs`, where the runtime has it). */
  file?: string
  /** `false` records values as they are; an object keeps some parameters. Default: scrub. */
  scrub?: boolean | ScrubOptions
  /** Which requests to record. Default: those with a `CallSid` or `MessageSid` (Twilio's webhooks). */
  filter?: (request: { method: string; url: string; params: Readonly<Record<string, string>> }) => boolean
}

/** The part of a Hono context the recorder uses (so `twiml-jsx/testing` needs no Hono import). */
export interface RecordableContext {
  readonly req: { readonly raw: Request; text(): Promise<string> }
  readonly res: Response
}

interface NodeFs {
  appendFileSync(path: string, data: string): void
}

/**
 * `node:fs` where the runtime offers it without a static import (Node 20.16+, Bun, Deno); the
 * module stays loadable on edge runtimes, which then need a `sink`.
 */
export function nodeFs(): NodeFs | undefined {
  // The one guarded lookup of the process object, shared with the signature code.
  return builtinModule('node:fs') as NodeFs | undefined
}

function fileSink(path: string): WebhookSink {
  const fs = nodeFs()
  if (fs === undefined) {
    throw new TypeError(`recordWebhooks({ file: '${path}' }): this runtime has no node:fs; pass a sink instead`)
  }
  return (line) => fs.appendFileSync(path, `${line}\n`)
}

/** The form parameters of a body, or `{}` when it is not a form. */
function formParams(contentType: string | null, body: string): Record<string, string> {
  if (!/application\/x-www-form-urlencoded/i.test(contentType ?? '')) return {}
  const params: Record<string, string> = {}
  for (const [name, value] of new URLSearchParams(body)) params[name] = value
  return params
}

/** A middleware recording each webhook exchange as a JSON line. */
export function recordWebhooks(options: RecordWebhooksOptions) {
  const sink = options.sink ?? (options.file === undefined ? undefined : fileSink(options.file))
  if (sink === undefined) throw new TypeError('recordWebhooks(): give a sink or a file')
  const scrubber =
    options.scrub === false ? undefined : new Scrubber(typeof options.scrub === 'object' ? options.scrub : {})
  const wanted =
    options.filter ??
    ((r: { url: string; params: Readonly<Record<string, string>> }) => {
      const query = new URL(r.url).searchParams
      return ['CallSid', 'MessageSid'].some((name) => name in r.params || query.has(name))
    })
  return async function recordWebhook(c: RecordableContext, next: () => Promise<void>): Promise<void> {
    const raw = c.req.raw
    const body = raw.method === 'GET' || raw.method === 'HEAD' ? '' : await c.req.text()
    const params = formParams(raw.headers.get('content-type'), body)
    const received = new Date().toISOString()
    await next()
    if (!wanted({ method: raw.method, url: raw.url, params })) return
    const response = c.res.clone()
    const answer = await response.text()
    const query = new URL(raw.url).searchParams
    const callOf = (p: Readonly<Record<string, string>>) =>
      p.ParentCallSid ?? p.CallSid ?? p.MessageSid ?? query.get('ParentCallSid') ?? query.get('CallSid') ?? ''
    let line: RecordedWebhook
    if (scrubber === undefined) {
      line = base(raw, received, params, callOf(params), response, answer, false)
    } else {
      // Parameters first, so the body's echoes of them get the same placeholders.
      const scrubbed: Record<string, string> = {}
      for (const [name, value] of Object.entries(params)) scrubbed[name] = scrubber.param(name, value)
      const url = scrubber.url(raw.url)
      const call = callOf(params) === '' ? scrubber.text(callOf(Object.fromEntries(query))) : callOf(scrubbed)
      line = { ...base(raw, received, scrubbed, call, response, scrubber.text(answer), true), url }
    }
    await sink(JSON.stringify(line))
  }
}

function base(
  raw: Request,
  at: string,
  params: Record<string, string>,
  call: string,
  response: Response,
  body: string,
  scrubbed: boolean,
): RecordedWebhook {
  return {
    v: 1,
    call,
    at,
    method: raw.method,
    url: raw.url,
    params,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
    scrubbed,
  }
}
