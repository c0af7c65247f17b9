/**
 * The map in Graphviz DOT (`dot -Tsvg map.dot > map.svg`): the same nodes and edges as the Mermaid
 * drawing. https://graphviz.org/doc/info/lang.html
 */
import type { CallMap, MapNode } from './types.js'
import { type DrawOptions, nodeLines, view } from './view.js'

/** A DOT quoted string. */
function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
}

const SHAPES: Record<MapNode['kind'], string> = {
  start: 'shape=box, style="rounded,bold"',
  route: 'shape=box',
  decision: 'shape=diamond',
  end: 'shape=box, style=rounded',
  failure: 'shape=hexagon, color="#c62828", fontcolor="#8e0000"',
  outside: 'shape=cds',
}

/** The map as a DOT `digraph`. */
export function toDot(map: CallMap, options: DrawOptions = {}): string {
  const { nodes, edges, covered } = view(map, options)
  const lines = ['digraph calls {', '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=11];']
  lines.push('  edge [fontname="Helvetica", fontsize=10];')
  if (options.title !== undefined) lines.push(`  label=${quoted(options.title)}; labelloc=t;`)
  for (const node of nodes)
    lines.push(`  ${node.id} [${SHAPES[node.kind]}, label=${quoted(nodeLines(node).join('\n'))}];`)
  for (const edge of edges) {
    const attributes: string[] = []
    if (edge.label !== '') attributes.push(`label=${quoted(edge.label)}`)
    const taken = covered.get(edge.id)
    if (taken === true) attributes.push('color="#2e7d32"', 'penwidth=2')
    if (taken === false) attributes.push('color="#c62828"', 'style=dashed', 'penwidth=2')
    lines.push(`  ${edge.from} -> ${edge.to}${attributes.length === 0 ? '' : ` [${attributes.join(', ')}]`};`)
  }
  lines.push('}')
  return `${lines.join('\n')}\n`
}
