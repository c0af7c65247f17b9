/**
 * Builds the map from the walks of many calls: a node per distinct point (first seen: its id and
 * the path that reaches it), an edge per pair of points with every input that takes it. Calls are
 * added in the explorer's order (shortest paths first), so the first path to reach a node is a
 * shortest one and ids follow discovery: the same app gives the same map.
 */
import type { SimulatedRequest } from '../simulator/events.js'
import type { CallInput } from '../simulator/waiting.js'
import type { RequestReport } from './app.js'
import { documentFacts } from './document.js'
import { documentContext } from './keys.js'
import type { Trace, TracePoint } from './trace.js'
import type { CallMap, CallPath, CallVariant, CutItem, EdgeInput, MapEdge, MapNode } from './types.js'

/** One call the explorer made: where it started, with which variant, and its inputs. */
export interface CallJob {
  readonly entry: string
  readonly method: 'GET' | 'POST'
  readonly variant: CallVariant | undefined
  readonly inputs: readonly CallInput[]
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

function decisionLabel(point: Extract<TracePoint, { kind: 'decision' }>): string {
  const event = point.event
  const who = point.leg === 'callee' ? 'callee: ' : ''
  switch (event.type) {
    case 'gather': {
      const details = [event.input.join(', ')]
      if (event.numDigits !== undefined) details.push(event.numDigits === 1 ? '1 digit' : `${event.numDigits} digits`)
      return `${who}Gather (${details.join('; ')})`
    }
    case 'dial': {
      const targets = event.targets.map((t) => t.replace(/[?;].*$/, ''))
      const how = event.sequential ? ' (sequential)' : targets.length > 1 ? ' (parallel)' : ''
      return `${who}Dial ${targets.join(', ')}${how}`
    }
    case 'record':
      return `${who}Record (max ${event.maxLength}s)`
    case 'enqueue':
      return `${who}Enqueue ${event.queue}`
    case 'conference':
      return `${who}Conference ${event.name}`
    case 'pay':
      return `${who}Pay (${event.paymentMethod})`
    case 'refer':
      return `${who}Refer ${event.target}`
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}

function failureLabel(point: Extract<TracePoint, { kind: 'failure' }>): string {
  const request = point.request
  switch (point.failure) {
    case 'http':
      return `${request!.method} ${request!.path} → HTTP ${request!.status}`
    case 'not-twiml':
      return `${request!.method} ${request!.path} → not TwiML`
    case 'loop':
      return `loop: ${[...(point.cycle ?? []), point.cycle?.[0]].filter(Boolean).join(' → ')}`
    case 'call':
      return clip(point.message, 80)
  }
}

/**
 * An edge's inputs as one label, same verbs grouped: `press 4, 5, 6 · say sales, buy · no input`.
 */
export function joinLabels(labels: readonly string[]): string {
  const groups: { verb: string; rest: string[] }[] = []
  for (const label of labels) {
    if (label === '') continue
    const match = /^(press|say) (.+)$/.exec(label)
    const verb = match?.[1] ?? label
    const group = match === null ? undefined : groups.find((g) => g.verb === verb)
    if (group !== undefined) group.rest.push(match![2]!)
    else groups.push({ verb, rest: match === null ? [] : [match[2]!] })
  }
  return groups.map((g) => (g.rest.length === 0 ? g.verb : `${g.verb} ${g.rest.join(', ')}`)).join(' · ')
}

export class MapBuilder {
  private readonly nodes = new Map<string, Mutable<MapNode>>()
  private readonly edges = new Map<string, Mutable<MapEdge> & { inputs: EdgeInput[] }>()
  private readonly cut = new Map<string, CutItem>()

  /** Adds one call's walk. `reportOf` gives what the app reported about a request (issues, errors). */
  add(trace: Trace, job: CallJob, reportOf: (request: SimulatedRequest) => RequestReport): CallPath {
    const steps: string[] = []
    const reach = (decided: number): CallPath => ({
      entry: job.entry,
      method: job.method,
      ...(job.variant === undefined ? {} : { variant: job.variant }),
      inputs: job.inputs.slice(0, decided),
      steps: [...steps],
    })
    const first = trace.points[0]
    if (first !== undefined) this.node(first, reach(0), reportOf)
    let last = reach(0)
    // The path after each step (index 0: at the start).
    const after: CallPath[] = [last]
    trace.steps.forEach((step, i) => {
      const point = trace.points[i + 1]!
      const fromStart = this.nodes.get(step.from)?.kind === 'start'
      const label = fromStart ? (job.variant?.name ?? '') : step.label
      // A path reads as its inputs and what happened at waits, not the redirects between them.
      if (label !== '' && (fromStart || step.outcome !== 'flow')) steps.push(label)
      const at = reach(step.decided)
      last = at
      after.push(at)
      const to = this.node(point, at, reportOf)
      const from = this.nodes.get(step.from)!
      const key = `${from.id} ${to.id}`
      let edge = this.edges.get(key)
      if (edge === undefined) {
        edge = { id: `e${this.edges.size}`, from: from.id, to: to.id, label: '', inputs: [], silent: step.silent }
        this.edges.set(key, edge)
      }
      if (!edge.inputs.some((input) => input.label === label)) {
        edge.inputs.push({ label, outcome: step.outcome, error: step.error, reach: at })
        edge.label = joinLabels(edge.inputs.map((input) => input.label))
      }
    })
    for (const { route, request, steps: taken } of trace.failedCallbacks) {
      const node = this.nodes.get(route)
      if (node?.kind !== 'route') continue
      const failed = {
        kind: request.kind,
        method: request.method,
        path: request.path,
        status: request.status ?? 0,
        reach: after[taken] ?? last,
      }
      if (!node.failedCallbacks.some((f) => f.kind === failed.kind && f.path === failed.path)) {
        node.failedCallbacks = [...node.failedCallbacks, failed]
      }
    }
    return { ...last, inputs: job.inputs }
  }

  /** Records that the explorer stopped at the walk's last point (reached by `reach`), and why. */
  stop(trace: Trace, reach: CallPath, reason: 'depth' | 'states', message: string): void {
    const last = trace.points[trace.points.length - 1]
    const node = last === undefined ? undefined : this.nodes.get(last.key)
    if (node === undefined || this.cut.has(`${reason} ${node.id}`)) return
    this.cut.set(`${reason} ${node.id}`, { reason, node: node.id, message, reach })
  }

  private node(
    point: TracePoint,
    reach: CallPath,
    reportOf: (request: SimulatedRequest) => RequestReport,
  ): Mutable<MapNode> {
    const known = this.nodes.get(point.key)
    if (known !== undefined) return known
    const id = `n${this.nodes.size}`
    const { key } = point
    let node: Mutable<MapNode>
    switch (point.kind) {
      case 'start':
        node = { kind: 'start', id, key, entry: point.path, label: `call to ${point.path}`, reach }
        break
      case 'route': {
        const request = point.request
        const context = documentContext(request)
        node = {
          kind: 'route',
          id,
          key,
          method: request.method,
          path: request.path,
          leg: request.leg,
          context,
          label: `${request.leg === 'callee' ? 'callee: ' : ''}${request.method} ${request.path}${context === 'call' ? '' : ` (${context})`}`,
          document: documentFacts(request.body ?? ''),
          issues: [...reportOf(request).issues],
          ...(reportOf(request).broken ? { brokenDocument: true } : {}),
          ...(reportOf(request).thrown === undefined ? {} : { thrown: reportOf(request).thrown }),
          failedCallbacks: [],
          reach,
        }
        break
      }
      case 'decision':
        node = {
          kind: 'decision',
          id,
          key,
          verb: point.verb,
          route: this.nodes.get(point.route)?.id ?? '',
          leg: point.leg,
          label: decisionLabel(point),
          reach,
        }
        break
      case 'end':
        node = { kind: 'end', id, key, reason: point.reason, label: `end: ${point.reason}`, reach }
        break
      case 'failure': {
        const request = point.request
        node = {
          kind: 'failure',
          id,
          key,
          failure: point.failure,
          message: point.message,
          ...(request === undefined || !request.sent
            ? {}
            : {
                request: {
                  method: request.method,
                  path: request.path,
                  kind: request.kind,
                  ...(request.status === undefined ? {} : { status: request.status }),
                },
              }),
          ...(point.cycle === undefined ? {} : { cycle: point.cycle }),
          issues: request === undefined || !request.sent ? [] : [...reportOf(request).issues],
          ...(request?.sent && reportOf(request).thrown !== undefined ? { thrown: reportOf(request).thrown } : {}),
          label: failureLabel(point),
          reach,
        }
        break
      }
      case 'outside':
        node = { kind: 'outside', id, key, message: point.message, label: clip(point.message, 80), reach }
        this.cut.set(`outside ${id}`, { reason: 'outside', node: id, message: point.message, reach })
        break
    }
    this.nodes.set(key, node)
    return node
  }

  finish(stats: CallMap['stats']): CallMap {
    const nodes = [...this.nodes.values()]
    return {
      version: 1,
      entries: nodes.filter((n) => n.kind === 'start').map((n) => n.id),
      nodes,
      edges: [...this.edges.values()],
      cut: [...this.cut.values()],
      stats,
    }
  }
}
