/**
 * What a drawing of the map shows: every node reachable from the entries, every edge but those
 * where only the caller hangs up (any wait has one; `hangups: true` shows them), and for each node
 * the text of its box.
 */
import type { CallMap, MapEdge, MapNode } from './types.js'

/** Options of the drawings. */
export interface DrawOptions {
  /** Show the edges where the caller hangs up (and what only they reach). Default false. */
  hangups?: boolean
  /** Mark the edges tests took and those they did not (from `callCoverage`). */
  coverage?: { readonly edges: readonly { readonly edge: string; readonly covered: boolean }[] }
  /** A title above the graph (Mermaid: front matter; DOT: the graph's label). */
  title?: string
}

export interface View {
  readonly nodes: readonly MapNode[]
  readonly edges: readonly MapEdge[]
  /** Per edge id: whether tests took it (only with coverage). */
  readonly covered: ReadonlyMap<string, boolean>
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}

/** The lines of a node's box: its label, and for a route what its document does. */
export function nodeLines(node: MapNode): string[] {
  if (node.kind !== 'route') return [node.label]
  const verbs = node.document.verbs
  if (verbs.length === 0) return [node.label]
  return [node.label, clip(verbs.slice(0, 3).join(' · ') + (verbs.length > 3 ? ' …' : ''), 64)]
}

export function view(map: CallMap, options: DrawOptions = {}): View {
  const shown = (edge: MapEdge) => options.hangups === true || edge.inputs.some((i) => i.outcome !== 'caller-hangup')
  const outgoing = new Map<string, MapEdge[]>()
  for (const edge of map.edges) {
    if (!shown(edge)) continue
    const list = outgoing.get(edge.from) ?? []
    list.push(edge)
    outgoing.set(edge.from, list)
  }
  const reached = new Set<string>(map.entries)
  const pending = [...map.entries]
  while (pending.length > 0) {
    for (const edge of outgoing.get(pending.pop()!) ?? []) {
      if (!reached.has(edge.to)) {
        reached.add(edge.to)
        pending.push(edge.to)
      }
    }
  }
  const covered = new Map<string, boolean>()
  for (const entry of options.coverage?.edges ?? []) covered.set(entry.edge, entry.covered)
  return {
    nodes: map.nodes.filter((n) => reached.has(n.id)),
    edges: map.edges.filter((e) => shown(e) && reached.has(e.from)),
    covered,
  }
}
