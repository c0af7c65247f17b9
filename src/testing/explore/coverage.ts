/**
 * Coverage of a call-flow map by the calls a test suite simulates: `collectCalls()` records every
 * `simulateCall`/`startCall` from then on, `callCoverage(map, collector)` walks each call the way
 * the explorer does and marks the edges it took. A document that depends on the call's own values
 * (`we got your 14 second message`) is still matched by its route, so tests need not use the
 * explorer's inputs.
 */
import type { SimulatedCall } from '../simulator/call.js'
import type { CallEvent } from '../simulator/events.js'
import { observeCalls } from '../simulator/observe.js'
import { type ExploreOptions, exploreCalls } from './explorer.js'
import { traceCall } from './trace.js'
import type { CallMap, MapEdge, MapNode } from './types.js'
import { view } from './view.js'

/** A call to read: a `SimulatedCall`, or its events (and error) as data. */
export type CoveredCall =
  | SimulatedCall
  | {
      readonly events: readonly CallEvent[]
      readonly error?: unknown
      readonly params?: Readonly<Record<string, string>>
    }

/** The calls simulated since `collectCalls()`. */
export interface CallCollector extends Iterable<CoveredCall> {
  readonly calls: readonly CoveredCall[]
  /** Stops collecting (the calls so far stay). */
  stop(): void
}

/** Records every call `simulateCall` or `startCall` starts from now on, until `stop()`. */
export function collectCalls(): CallCollector {
  const calls: { events: readonly CallEvent[]; readonly error?: unknown; params?: Readonly<Record<string, string>> }[] =
    []
  const stop = observeCalls((call, options) => {
    // Read the call when coverage is computed: by then it has run.
    calls.push({
      get events() {
        return call.events
      },
      get error() {
        return call.error
      },
      ...(options.params === undefined ? {} : { params: options.params }),
    })
  })
  return { calls, stop, [Symbol.iterator]: () => calls[Symbol.iterator]() }
}

export interface EdgeCoverage {
  readonly edge: string
  readonly from: string
  readonly to: string
  readonly label: string
  /** Some call took the edge. */
  readonly covered: boolean
  /** How many calls took it. */
  readonly calls: number
  /** Each input of the edge, and whether a call gave it. */
  readonly inputs: readonly { readonly label: string; readonly covered: boolean }[]
}

export interface CoverageReport {
  /** The edges a drawing shows (without caller hang-ups unless asked), in the map's order. */
  readonly edges: readonly EdgeCoverage[]
  readonly covered: number
  readonly total: number
  /** Steps of the calls that are not on the map (another app, a route the explorer did not reach). */
  readonly unmatched: readonly string[]
  /** The report as a text table. */
  table(): string
}

/** A node key without the document hashes: the route, not its exact answer. */
function looseKey(key: string): string {
  return key.replace(/ #[0-9a-f]{14}\b/g, '')
}

/** Which edges of `map` the calls took. */
export function callCoverage(
  map: CallMap,
  calls: Iterable<CoveredCall>,
  options: { hangups?: boolean } = {},
): CoverageReport {
  const shown = view(map, options.hangups === true ? { hangups: true } : {})
  const exact = new Map<string, MapNode>()
  const loose = new Map<string, MapNode[]>()
  for (const node of map.nodes) {
    exact.set(node.key, node)
    const list = loose.get(looseKey(node.key)) ?? []
    list.push(node)
    loose.set(looseKey(node.key), list)
  }
  const find = (key: string): MapNode[] => {
    const node = exact.get(key)
    return node === undefined ? (loose.get(looseKey(key)) ?? []) : [node]
  }
  const edgesBetween = new Map<string, MapEdge[]>()
  for (const edge of map.edges) {
    const key = `${edge.from} ${edge.to}`
    edgesBetween.set(key, [...(edgesBetween.get(key) ?? []), edge])
  }
  const taken = new Map<string, { calls: number; labels: Set<string> }>()
  const unmatched: string[] = []
  for (const call of calls) {
    const params = 'params' in call ? call.params : undefined
    const trace = traceCall(call.events, {
      error: call.error,
      hidden: new Set(Object.keys(params ?? {})),
    })
    const seenInCall = new Set<string>()
    for (const step of trace.steps) {
      const candidates = find(step.from).flatMap((from) =>
        find(step.to).flatMap((to) => edgesBetween.get(`${from.id} ${to.id}`) ?? []),
      )
      const edge = candidates.find((e) => e.inputs.some((i) => i.label === step.label)) ?? candidates[0]
      if (edge === undefined) {
        unmatched.push(`${looseKey(step.from)} → ${looseKey(step.to)}${step.label === '' ? '' : ` (${step.label})`}`)
        continue
      }
      const entry = taken.get(edge.id) ?? { calls: 0, labels: new Set<string>() }
      if (!seenInCall.has(edge.id)) entry.calls++
      seenInCall.add(edge.id)
      entry.labels.add(step.label)
      taken.set(edge.id, entry)
    }
  }
  const edges: EdgeCoverage[] = shown.edges.map((edge) => {
    const entry = taken.get(edge.id)
    return {
      edge: edge.id,
      from: edge.from,
      to: edge.to,
      label: edge.label,
      covered: entry !== undefined,
      calls: entry?.calls ?? 0,
      inputs: edge.inputs
        .filter((i) => i.label !== '')
        .map((i) => ({ label: i.label, covered: entry?.labels.has(i.label) ?? false })),
    }
  })
  const covered = edges.filter((e) => e.covered).length
  const nodes = new Map(map.nodes.map((n) => [n.id, n]))
  return {
    edges,
    covered,
    total: edges.length,
    unmatched: [...new Set(unmatched)],
    table: () => coverageTable(edges, nodes),
  }
}

function coverageTable(edges: readonly EdgeCoverage[], nodes: ReadonlyMap<string, MapNode>): string {
  const name = (id: string) => nodes.get(id)?.label ?? id
  const rows = edges.map((e) => {
    const inputs = e.inputs.length > 1 ? ` (${e.inputs.filter((i) => i.covered).length}/${e.inputs.length})` : ''
    return [e.covered ? 'yes' : 'NO', name(e.from), `${e.label || '→'}${inputs}`, name(e.to)]
  })
  const header = ['taken', 'from', 'input', 'to']
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i]!.length))))
  const cell = (text: string, i: number) =>
    (text.length > widths[i]! ? `${text.slice(0, widths[i]! - 1)}…` : text).padEnd(widths[i]!)
  const line = (row: readonly string[]) => row.map(cell).join('  ').trimEnd()
  const covered = edges.filter((e) => e.covered).length
  const percent = edges.length === 0 ? 100 : Math.round((covered / edges.length) * 100)
  return `${[line(header), ...rows.map(line), `${covered} of ${edges.length} edges taken (${percent} %)`].join('\n')}\n`
}

/** Options of {@link trackCallCoverage}: the exploration, and what to do with the report. */
export interface TrackCoverageOptions extends ExploreOptions {
  /** Where the table goes. Default `console.log`. */
  print?: (text: string) => void
  /** Fail (throw in `afterAll`) below this share of edges taken, in percent. */
  minimum?: number
  /** Called with the report and the map (to assert on, or to write a drawing). */
  onReport?: (report: CoverageReport, map: CallMap) => void | Promise<void>
}

/**
 * The vitest helper: collects the calls of this test file and, after them all, explores the app and
 * prints which edges the tests took. Pass vitest's `afterAll` (the testing kit imports no runner):
 *
 * ```ts
 * trackCallCoverage(afterAll, app, { entry: '/ivr', authToken: DEV_AUTH_TOKEN, minimum: 60 })
 * ```
 */
export function trackCallCoverage(
  afterAll: (fn: () => Promise<void>, timeout?: number) => void,
  app: Parameters<typeof exploreCalls>[0],
  options: TrackCoverageOptions,
): CallCollector {
  const collector = collectCalls()
  afterAll(async () => {
    collector.stop()
    const map = await exploreCalls(app, options)
    const report = callCoverage(map, collector)
    ;(options.print ?? console.log)(report.table())
    await options.onReport?.(report, map)
    const percent = report.total === 0 ? 100 : (report.covered / report.total) * 100
    if (options.minimum !== undefined && percent < options.minimum) {
      throw new Error(
        `call-flow coverage ${Math.round(percent)} % is below the minimum of ${options.minimum} %: ${report.total - report.covered} edges not taken`,
      )
    }
  }, 60_000)
  return collector
}
