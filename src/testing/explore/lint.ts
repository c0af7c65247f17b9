/**
 * Lint rules over a call-flow map: what breaks, or will confuse a caller, on some path — each
 * finding with the path of inputs that reaches it. Rules are data (`LINT_RULES`: id, default
 * severity, what it finds); `lintCallMap(map, { rules: { 'same-branch-inputs': 'off' } })` switches
 * one off or changes its severity.
 */
import { DOCUMENT_BYTE_LIMIT } from '../../validate.js'
import { joinLabels } from './builder.js'
import type { CallMap, CallPath, EdgeInput, MapEdge, MapNode, RouteNode } from './types.js'

export type Severity = 'error' | 'warning' | 'info'

/** Every rule, its default severity, and what it finds. */
export const LINT_RULES = {
  'dead-link': {
    severity: 'error',
    summary: 'a route answers 4xx/5xx, or something that is not TwiML (a mistyped action, a missing route)',
  },
  'invalid-twiml': {
    severity: 'error',
    summary: "the app's renderer rejected a document: Twilio gets HTTP 500 there",
  },
  'twiml-warning': {
    severity: 'warning',
    summary: "the app's renderer warned about a document (verbs that never run, ...)",
  },
  'redirect-loop': {
    severity: 'error',
    summary: 'requests follow each other without any caller input (Redirect ping-pong)',
  },
  'twilio-refuses': {
    severity: 'error',
    summary: 'Twilio would refuse what a document asks (a <Dial> in a screening document, ...)',
  },
  'gather-no-fallback': {
    severity: 'warning',
    summary: 'when the caller says nothing at a <Gather>, the call ends without a word',
  },
  'silent-end-after-error': {
    severity: 'warning',
    summary: 'after an error branch (a Dial not answered, a queue error, no recording) the call ends without a word',
  },
  'same-branch-inputs': {
    severity: 'info',
    summary: 'many inputs at a <Gather> all land in the same branch (the "invalid choice" one?)',
  },
  'document-size': {
    severity: 'warning',
    summary: `a document within 10 % of Twilio's ${DOCUMENT_BYTE_LIMIT / 1024} kB limit (an error above it)`,
  },
  'say-length': {
    severity: 'error',
    summary: "a <Say> text longer than its voice's limit (Twilio error 13521)",
  },
  'callback-error': {
    severity: 'warning',
    summary: 'a status, recording or transcription callback answered an error status',
  },
  unexplored: {
    severity: 'info',
    summary: 'a part of the flow the explorer did not explore (another host, a limit reached, a verb not simulated)',
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>

export type LintRule = keyof typeof LINT_RULES

export interface LintOptions {
  /** A rule's severity, or `off`. Rules not named keep their default. */
  rules?: Partial<Record<LintRule, Severity | 'off'>>
  /** How many inputs of one `<Gather>` reaching one branch make a `same-branch-inputs` finding. Default 3. */
  sameBranchMinimum?: number
}

export interface LintFinding {
  readonly rule: LintRule
  readonly severity: Severity
  readonly message: string
  /** The node the finding is about. */
  readonly node: string
  /** How a call gets there. */
  readonly path: CallPath
}

/**
 * Text length limits of `<Say>` by voice family: Amazon Polly 3000 characters, Google 5000, the
 * basic voices 4096. https://www.twilio.com/docs/api/errors/13521
 */
function sayLimit(voice: string): number {
  if (voice.startsWith('Polly.')) return 3000
  if (voice.startsWith('Google.')) return 5000
  return 4096
}

/** Renderer rules that have a lint rule of their own (reported there, from the answered document). */
const COVERED_ISSUES = new Set(['say.length', 'document.size'])

const REQUEST_KINDS: Readonly<Record<string, string>> = {
  call: 'the call',
  redirect: 'a Redirect',
  'gather-action': 'the Gather action',
  'record-action': 'the Record action',
  'dial-action': 'the Dial action',
  screening: "a dialed noun's url",
  'enqueue-wait': 'the Enqueue waitUrl',
  'enqueue-action': 'the Enqueue action',
  'connect-action': 'the Connect action',
  'sms-action': 'the Sms action',
  'pay-action': 'the Pay action',
  'refer-action': 'the Refer action',
  'conference-wait': 'the Conference waitUrl',
  'queue-url': "the Queue noun's url",
}

class Findings {
  readonly list: LintFinding[] = []
  private readonly seen = new Set<string>()
  constructor(private readonly options: LintOptions) {}

  add(rule: LintRule, node: MapNode, message: string, path: CallPath = node.reach, natural?: Severity): void {
    const configured = this.options.rules?.[rule]
    if (configured === 'off') return
    const key = `${rule} ${node.id} ${message}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.list.push({ rule, severity: configured ?? natural ?? LINT_RULES[rule].severity, message, node: node.id, path })
  }
}

/** Checks a map against the rules; findings ordered by severity, then as the map found them. */
export function lintCallMap(map: CallMap, options: LintOptions = {}): LintFinding[] {
  const findings = new Findings(options)
  const nodes = new Map(map.nodes.map((n) => [n.id, n]))
  const outgoing = new Map<string, MapEdge[]>()
  const incoming = new Map<string, MapEdge[]>()
  for (const edge of map.edges) {
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge])
    incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge])
  }
  /** The route a node's first incoming edge comes from (through its decision). */
  const cameFrom = (node: MapNode): RouteNode | undefined => {
    const source = nodes.get(incoming.get(node.id)?.[0]?.from ?? '')
    if (source?.kind === 'route') return source
    if (source?.kind === 'decision') {
      const route = nodes.get(source.route)
      return route?.kind === 'route' ? route : undefined
    }
    return undefined
  }

  for (const node of map.nodes) {
    switch (node.kind) {
      case 'failure': {
        const request = node.request
        const errors = node.issues.filter((i) => i.severity === 'error')
        const from = cameFrom(node)
        const where =
          request === undefined
            ? ''
            : ` (${REQUEST_KINDS[request.kind] ?? request.kind}${from === undefined ? '' : ` of ${from.method} ${from.path}`})`
        if (errors.length > 0 && request !== undefined) {
          for (const issue of errors) {
            findings.add(
              'invalid-twiml',
              node,
              `${request.method} ${request.path}${where} answers HTTP ${request.status ?? 500}: ${issue.path}: ${issue.message} [${issue.rule}]`,
            )
          }
        } else if (node.failure === 'http' || node.failure === 'not-twiml') {
          const what =
            node.failure === 'http'
              ? `answered HTTP ${request?.status ?? '?'}${node.thrown === undefined ? '' : ` (it threw ${node.thrown})`}`
              : `answered something that is not TwiML: ${node.message.replace(/^.*? answered /, '')}`
          findings.add('dead-link', node, `${request?.method ?? ''} ${request?.path ?? ''}${where} ${what}`)
        } else if (node.failure === 'loop') {
          const cycle = node.cycle ?? []
          findings.add(
            'redirect-loop',
            node,
            `${[...cycle, cycle[0]].join(' → ')} repeats without caller input: the call never waits for the caller again`,
          )
        } else {
          findings.add('twilio-refuses', node, node.message)
        }
        break
      }
      case 'route':
        routeFindings(node, findings)
        break
      default:
        break
    }
  }
  for (const item of map.cut) {
    const node = nodes.get(item.node)
    if (node === undefined) continue
    findings.add(
      'unexplored',
      node,
      item.reason === 'outside' ? item.message : `${node.label}: ${item.message}`,
      item.reach,
    )
  }

  for (const node of map.nodes) {
    if (node.kind !== 'decision') continue
    const edges = outgoing.get(node.id) ?? []
    const at = `${node.label} of ${routeLabel(nodes.get(node.route))}`
    for (const edge of edges) {
      const target = nodes.get(edge.to)
      for (const input of edge.inputs) {
        if (
          node.verb === 'Gather' &&
          input.outcome === 'silence' &&
          edge.silent &&
          target?.kind === 'end' &&
          !hungUp(target.reason)
        ) {
          findings.add(
            'gather-no-fallback',
            node,
            `the caller says nothing at ${at}: the call ends without a word (add a <Say> and a <Redirect> after the <Gather>, or actionOnEmptyResult)`,
            input.reach,
          )
        }
        if (input.error && input.outcome !== 'caller-hangup') {
          const end = silentEnd(edge, nodes, outgoing)
          if (end !== undefined) {
            findings.add(
              'silent-end-after-error',
              node,
              `after "${input.label}" at ${at} the call ends (${end.reason}) without a word to the caller`,
              input.reach,
            )
          }
        }
      }
    }
    if (node.verb === 'Gather') sameBranch(node, edges, nodes, at, findings, options.sameBranchMinimum ?? 3)
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 }
  return findings.list
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => rank[a.finding.severity] - rank[b.finding.severity] || a.order - b.order)
    .map(({ finding }) => finding)
}

function routeLabel(node: MapNode | undefined): string {
  return node?.kind === 'route' ? `${node.method} ${node.path}` : (node?.label ?? '?')
}

function hungUp(reason: string): boolean {
  return /hung up/.test(reason)
}

function routeFindings(node: RouteNode, findings: Findings): void {
  const where = `${node.method} ${node.path}`
  const apology = ': twiml() answered its apology instead, so the caller hears that and the call ends'
  for (const issue of node.issues) {
    if (COVERED_ISSUES.has(issue.rule) && !node.brokenDocument) continue
    const rule = issue.severity === 'error' ? 'invalid-twiml' : 'twiml-warning'
    const status =
      issue.severity !== 'error'
        ? ''
        : node.brokenDocument
          ? apology
          : " (the app renders with validate: 'warn', so it answers anyway)"
    findings.add(rule, node, `${where}: ${issue.path}: ${issue.message} [${issue.rule}]${status}`)
  }
  if (node.brokenDocument && node.thrown !== undefined) {
    findings.add('dead-link', node, `${where} could not render its TwiML (it threw ${node.thrown})${apology}`)
  }
  const { bytes } = node.document
  if (bytes > DOCUMENT_BYTE_LIMIT) {
    findings.add(
      'document-size',
      node,
      `${where} answers ${bytes} bytes; Twilio takes at most ${DOCUMENT_BYTE_LIMIT} (error 11750)`,
      node.reach,
      'error',
    )
  } else if (bytes >= DOCUMENT_BYTE_LIMIT * 0.9) {
    const share = Math.round((bytes / DOCUMENT_BYTE_LIMIT) * 100)
    findings.add(
      'document-size',
      node,
      `${where} answers ${bytes} bytes, ${share} % of Twilio's ${DOCUMENT_BYTE_LIMIT}`,
    )
  }
  for (const say of node.document.says) {
    const limit = sayLimit(say.voice)
    if (say.length > limit) {
      findings.add(
        'say-length',
        node,
        `${where}: a <Say${say.voice === '' ? '' : ` voice="${say.voice}"`}> of ${say.length} characters; this voice takes at most ${limit}`,
      )
    }
  }
  for (const callback of node.failedCallbacks) {
    findings.add(
      'callback-error',
      node,
      `${callback.kind} ${callback.method} ${callback.path} (from ${where}) answered HTTP ${callback.status}`,
      callback.reach,
    )
  }
}

/**
 * Where the call goes silently from an edge, through routes that only pass it on, to an end that
 * is not the caller hanging up; undefined if something is said, or the call waits or goes on.
 */
function silentEnd(
  first: MapEdge,
  nodes: ReadonlyMap<string, MapNode>,
  outgoing: ReadonlyMap<string, readonly MapEdge[]>,
): { reason: string } | undefined {
  const seen = new Set<string>()
  let edges: readonly MapEdge[] = [first]
  while (edges.length > 0) {
    const next: MapEdge[] = []
    for (const edge of edges) {
      if (!edge.silent || seen.has(edge.id)) continue
      seen.add(edge.id)
      const target = nodes.get(edge.to)
      if (target?.kind === 'end') {
        if (!hungUp(target.reason)) return { reason: target.reason }
      } else if (target?.kind === 'route') {
        next.push(...(outgoing.get(target.id) ?? []).filter((e) => e.inputs.every((i) => i.outcome === 'flow')))
      }
    }
    edges = next
  }
  return undefined
}

function sameBranch(
  node: MapNode,
  edges: readonly MapEdge[],
  nodes: ReadonlyMap<string, MapNode>,
  at: string,
  findings: Findings,
  minimum: number,
): void {
  const chosen = (edge: MapEdge): EdgeInput[] =>
    edge.inputs.filter((i) => i.outcome === 'press' || i.outcome === 'speech')
  const sizes = edges.map((edge) => chosen(edge).length)
  const largest = Math.max(0, ...sizes)
  const index = sizes.indexOf(largest)
  if (largest < minimum || sizes.filter((s) => s === largest).length > 1) return
  const edge = edges[index]!
  const inputs = chosen(edge)
  const target = nodes.get(edge.to)
  const what =
    target?.kind === 'route' && target.document.verbs.length > 0
      ? `${routeLabel(target)} (${target.document.verbs.join(' · ')})`
      : (target?.label ?? '?')
  findings.add(
    'same-branch-inputs',
    node,
    `${inputs.length} inputs at ${at} all lead to ${what}: ${joinLabels(inputs.map((i) => i.label))}`,
    inputs[0]!.reach,
  )
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** How a path reads: `call to /ivr › press 2 › Dial busy`. */
export function describePath(path: CallPath): string {
  const start = `call to ${path.entry}${path.variant === undefined ? '' : ` (${path.variant.name})`}`
  return [start, ...path.steps].join(' › ')
}

/** The findings as text, one block each, then a summary line. */
export function formatFindings(findings: readonly LintFinding[]): string {
  const width = Math.max(0, ...findings.map((f) => f.rule.length))
  const blocks = findings.map(
    (f) =>
      `${f.severity.padEnd(8)}${f.rule.padEnd(width + 2)}${f.message}\n${' '.repeat(width + 10)}reached by: ${describePath(f.path)}`,
  )
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length
  const summary = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`
  return `${[...blocks, summary].join('\n')}\n`
}
