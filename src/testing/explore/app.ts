/**
 * The app as the explorer drives it. Two things on top of the app itself:
 *
 * - **Validation issues from inside the app.** A Hono app renders its TwiML with `twiml(c, node)`,
 *   which reads render options from the context (`twimlDefaults`): the explorer mounts the app under
 *   one middleware that adds an `onIssue` (warnings) and a `log` (a document that cannot be rendered:
 *   `twiml()` answers its apology, or a 500 in development, as deployed, and logs the error with its
 *   issues), and reads what a route threw from `c.error`. Other apps are driven as they are.
 * - **Replays answered from memory.** The explorer replays each path from the start, and the
 *   simulator is deterministic (SIDs and timestamps from its virtual clock), so a replayed request
 *   is byte for byte one the app answered before: it gets the same answer without running the app
 *   again. (Exploring assumes the app answers the same request the same way; this makes a stateful
 *   app consistent too: every replay is the same call.)
 */
import type { TwimlIssue } from '../../errors.js'
import { signTwilioRequest } from '../../webhook/sign.js'
import type { SimulatorApp } from '../simulator/options.js'

/** Where `twiml()` reads a route's render options (`TWIML_OPTIONS_KEY` of `twiml-jsx/hono`). */
const TWIML_OPTIONS_KEY = 'twiml-jsx:options'

interface HonoLike {
  fetch(request: Request): Response | Promise<Response>
  route(path: string, app: unknown): unknown
  use(path: string, middleware: (c: HonoContext, next: () => Promise<void>) => Promise<void>): unknown
  onError(handler: (error: Error, c: HonoContext) => Response): unknown
  readonly routes: readonly unknown[]
  readonly getPath?: unknown
}

interface HonoContext {
  readonly req: { readonly raw: Request }
  readonly error?: unknown
  get(key: string): unknown
  set(key: string, value: unknown): void
  text(text: string, status: number): Response
  newResponse(body: unknown, init: unknown): Response
}

/** What the explorer learns from inside the app about one request. */
export interface RequestReport {
  /** Validation issues the renderer reported. */
  readonly issues: readonly TwimlIssue[]
  /** The error a handler threw (the route answered 500, or what its error handler made of it). */
  readonly thrown?: string
  /** `twiml()` could not render the document and answered its broken-document answer instead. */
  readonly broken?: boolean
}

type Sink = { issues: TwimlIssue[]; thrown?: string; broken?: boolean }

function isHono(app: SimulatorApp): app is SimulatorApp & HonoLike {
  const candidate = app as Partial<HonoLike>
  return (
    typeof candidate.route === 'function' &&
    typeof candidate.use === 'function' &&
    typeof candidate.fetch === 'function' &&
    Array.isArray(candidate.routes)
  )
}

/** A `TwimlValidationError` from any copy of the library (an app loaded in its own module namespace). */
function validationIssues(error: unknown): readonly TwimlIssue[] {
  if (typeof error !== 'object' || error === null) return []
  const { name, issues } = error as { name?: unknown; issues?: unknown }
  return name === 'TwimlValidationError' && Array.isArray(issues) ? (issues as TwimlIssue[]) : []
}

function dispatch(app: SimulatorApp, request: Request): Response | Promise<Response> {
  if (typeof app === 'function') return app(request)
  if ('request' in app && typeof app.request === 'function') return app.request(request)
  return (app as { fetch(request: Request): Response | Promise<Response> }).fetch(request)
}

interface Answer {
  readonly status: number
  readonly headers: readonly [string, string][]
  readonly body: ArrayBuffer
  readonly report: RequestReport
}

/** The app to drive, and what it reported about each request, in the order answered. */
export interface ExploredApp {
  readonly app: SimulatorApp
  /** One entry per request answered (from memory too), in order. */
  readonly log: RequestReport[]
  /** Requests the app itself answered (not from memory). */
  readonly answered: () => number
}

/**
 * Wraps an app for exploring: see the module comment. The simulator sends it unsigned requests;
 * those the app has to answer are signed here with `authToken` (replays need no signature).
 * `validation: false` leaves the app's rendering alone.
 */
export function exploredApp(
  app: SimulatorApp,
  options: { validation: boolean; authToken?: string | undefined },
): ExploredApp {
  const { validation, authToken } = options
  const log: RequestReport[] = []
  const sinks = new WeakMap<Request, Sink>()
  let target: (request: Request) => Response | Promise<Response> = (request) => dispatch(app, request)
  if (validation && isHono(app)) {
    // The same class as the app (whichever copy of hono it comes from), with its path reading.
    const Outer = app.constructor as new (options?: { getPath?: unknown }) => HonoLike
    const outer = new Outer(app.getPath === undefined ? {} : { getPath: app.getPath })
    outer.use('*', async (c, next) => {
      const sink = sinks.get(c.req.raw)
      if (sink === undefined) return next()
      const inherited = c.get(TWIML_OPTIONS_KEY) as Record<string, unknown> | undefined
      c.set(TWIML_OPTIONS_KEY, {
        ...inherited,
        onIssue: (issue: TwimlIssue) => sink.issues.push(issue),
        // A broken document: twiml() answers for it and logs the error here (nothing is printed).
        log: (_line: string, error: unknown) => {
          sink.broken = true
          const issues = validationIssues(error)
          sink.issues.push(...issues)
          if (issues.length === 0) sink.thrown = String(error)
        },
      })
      await next()
      if (c.error === undefined) return
      const issues = validationIssues(c.error)
      sink.issues.push(...issues)
      if (issues.length === 0) sink.thrown = String(c.error)
    })
    // Hono's default answer to an error, without printing it: the lint finding says what it was.
    outer.onError((error, c) => {
      const http = error as Error & { getResponse?: () => Response }
      if (typeof http.getResponse === 'function') {
        const response = http.getResponse()
        return c.newResponse(response.body, response)
      }
      return c.text('Internal Server Error', 500)
    })
    outer.route('/', app)
    target = (request) => outer.fetch(request)
  }
  const answers = new Map<string, Answer>()
  let answered = 0
  const fetch = async (unsigned: Request): Promise<Response> => {
    const { method, url } = unsigned
    const body = method === 'GET' ? '' : await unsigned.text()
    const key = `${method} ${url}\n${body}`
    let answer = answers.get(key)
    if (answer === undefined) {
      const request =
        authToken === undefined
          ? new Request(url, { method, headers: unsigned.headers, ...(method === 'GET' ? {} : { body }) })
          : await signTwilioRequest(authToken, { url, method, params: [...new URLSearchParams(body)] })
      const sink: Sink = { issues: [] }
      sinks.set(request, sink)
      const response = await target(request)
      answered++
      answer = {
        status: response.status,
        headers: [...response.headers],
        body: await response.arrayBuffer(),
        report: sink,
      }
      answers.set(key, answer)
    }
    log.push(answer.report)
    return new Response(answer.status === 204 || answer.status === 304 ? null : answer.body.slice(0), {
      status: answer.status,
      headers: [...answer.headers],
    })
  }
  return { app: fetch, log, answered: () => answered }
}
