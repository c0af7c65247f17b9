/**
 * `exploreCalls()`: walks every path of an app's call flows with the simulator. Each call is
 * replayed from the start with a list of inputs (the `decide` hook gives input i at wait i) and
 * stops at the first wait the list does not cover; that wait's choices (see `choices.ts`) become
 * new lists, one input longer, explored shortest first. A wait met before — the same requests with
 * the same parameters and answers, waiting for the same thing — is not explored again, which ends
 * loops through the caller's input (a menu that repeats); loops without input end at the
 * simulator's request limit and become a failure node.
 */
import { startCall } from '../simulator/index.js'
import type { SimulateCallOptions, SimulatorApp } from '../simulator/options.js'
import type { CallInput, WaitingFor } from '../simulator/waiting.js'
import { exploredApp, type RequestReport } from './app.js'
import { type CallJob, MapBuilder } from './builder.js'
import { type Choice, explorerChoices } from './choices.js'
import { type DecidedWait, traceCall } from './trace.js'
import type { CallMap, CallVariant } from './types.js'

/** Options of {@link exploreCalls}. */
export interface ExploreOptions
  extends Pick<
    SimulateCallOptions,
    'authToken' | 'baseUrl' | 'from' | 'to' | 'params' | 'direction' | 'accountSid' | 'startTime'
  > {
  /** The route(s) a call starts at: the voice URL of a number (`/ivr`). */
  entry: string | readonly string[]
  /** HTTP method of the first request. Default `POST`. */
  method?: 'GET' | 'POST'
  /**
   * Calls with other caller parameters, each explored besides the plain call: a known caller's
   * `From`, a SIP header the app routes on, ....
   */
  variants?: readonly CallVariant[]
  /** Most inputs on one path; a wait deeper than that is reported in `cut`. Default 40. */
  maxDepth?: number
  /** Most distinct waits explored; the rest are reported in `cut`. Default 500. */
  maxStates?: number
  /**
   * TwiML requests in a row without input before the call counts as a loop (the simulator's
   * `maxRequests`). Default 20.
   */
  maxRequests?: number
  /**
   * Changes what is tried at a wait: given the wait and the explorer's choices (each a list of
   * inputs for consecutive waits), returns the choices to try — add a PIN at a `<Gather>`, leave out
   * the caller hanging up, ....
   */
  choices?: (waiting: WaitingFor, defaults: readonly Choice[]) => readonly Choice[]
  /**
   * Reads the validation issues of every document a Hono app renders with `twiml()` (warnings, and
   * the errors that make a route answer 500). Default true; other apps are driven as they are.
   */
  validation?: boolean
}

/** One call replayed along a list of inputs, up to the first wait the list leaves open. */
async function replay(app: SimulatorApp, job: CallJob, options: ExploreOptions) {
  const decided: DecidedWait[] = []
  const params = { ...options.params, ...job.variant?.params }
  const from = job.variant?.from ?? options.from
  const to = job.variant?.to ?? options.to
  const call = startCall(app, {
    url: job.entry,
    method: job.method,
    // Unsigned: the explored app signs what it sends on (see app.ts).
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(Object.keys(params).length === 0 ? {} : { params }),
    ...(options.direction === undefined ? {} : { direction: options.direction }),
    ...(options.accountSid === undefined ? {} : { accountSid: options.accountSid }),
    ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
    maxRequests: options.maxRequests ?? 20,
    decide: (waiting): CallInput | undefined => {
      // The hook is asked again at a wait when an input only lets time pass: keep the first sight.
      if (decided[decided.length - 1]?.waiting.index !== waiting.index) {
        decided.push({ at: call.events.length, waiting })
      }
      return job.inputs[waiting.index]
    },
  })
  try {
    await call.nextWait()
  } catch {
    // call.error holds it.
  }
  return { call, decided, hidden: new Set(Object.keys(params)) }
}

/**
 * Explores every path of an app's call flows from its entry route(s) and returns the map: routes,
 * the verbs that wait (Gather, Dial, Record, Enqueue, ...) and edges labelled by what the caller
 * (or the world) did. Deterministic: the same app and options give the same map, JSON for JSON.
 *
 * ```ts
 * const map = await exploreCalls(app, { entry: '/ivr', authToken: DEV_AUTH_TOKEN })
 * console.log(toMermaid(map))
 * ```
 */
export async function exploreCalls(app: SimulatorApp, options: ExploreOptions): Promise<CallMap> {
  const entries = typeof options.entry === 'string' ? [options.entry] : [...options.entry]
  if (entries.length === 0) throw new TypeError('exploreCalls: give at least one entry route')
  const maxDepth = options.maxDepth ?? 40
  const maxStates = options.maxStates ?? 500
  const method = options.method ?? 'POST'
  const captured = exploredApp(app, { validation: options.validation !== false, authToken: options.authToken })
  const builder = new MapBuilder()
  const explored = new Set<string>()
  const queue: CallJob[] = []
  for (const entry of entries) {
    for (const variant of [undefined, ...(options.variants ?? [])]) queue.push({ entry, method, variant, inputs: [] })
  }
  let runs = 0
  for (let next = 0; next < queue.length; next++) {
    const job = queue[next]!
    const logStart = captured.log.length
    const { call, decided, hidden } = await replay(captured.app, job, options)
    runs++
    // The app answered the sent requests in order, one report each.
    const reports = new Map<object, RequestReport>()
    const sent = call.requests.filter((r) => r.sent)
    for (const [i, request] of sent.entries()) reports.set(request, captured.log[logStart + i] ?? { issues: [] })
    const trace = traceCall(call.events, { error: call.error, hidden, decided })
    const reach = builder.add(trace, job, (request) => reports.get(request) ?? { issues: [] })

    const frontier = call.waitingFor === undefined ? undefined : trace.waits[trace.waits.length - 1]
    if (frontier === undefined) continue
    const variant = job.variant === undefined ? -1 : options.variants!.indexOf(job.variant)
    const state = `${job.entry} ${variant} ${frontier.stateKey}`
    if (explored.has(state)) continue
    if (job.inputs.length >= maxDepth) {
      builder.stop(trace, reach, 'depth', `not explored: ${job.inputs.length} inputs deep (maxDepth ${maxDepth})`)
      continue
    }
    if (explored.size >= maxStates) {
      builder.stop(trace, reach, 'states', `not explored: ${maxStates} waits explored already (maxStates)`)
      continue
    }
    explored.add(state)
    const defaults = explorerChoices(frontier.waiting)
    const choices = options.choices === undefined ? defaults : options.choices(frontier.waiting, defaults)
    for (const choice of choices) {
      if (choice.length > 0) queue.push({ ...job, inputs: [...job.inputs, ...choice] })
    }
  }
  return builder.finish({ runs, states: explored.size, requests: captured.answered() })
}
