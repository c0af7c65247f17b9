/**
 * The map as a Mermaid flowchart, for READMEs and GitHub (which draws ```mermaid blocks): routes as
 * boxes, the verbs that wait as diamonds, ends as rounded boxes, failures as red hexagons; edges
 * labelled by the input. With coverage, the edges tests took are green and the others red, dashed.
 * https://mermaid.js.org/syntax/flowchart.html
 */
import type { CallMap, MapNode } from './types.js'
import { type DrawOptions, nodeLines, view } from './view.js'

/** Text inside a quoted Mermaid label: quotes, `#` and angle brackets as entity codes. */
function text(value: string): string {
  return value.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')
}

function shape(node: MapNode): string {
  const label = `"${nodeLines(node).map(text).join('<br/>')}"`
  switch (node.kind) {
    case 'start':
      return `[[${label}]]`
    case 'route':
      return `[${label}]`
    case 'decision':
      return `{${label}}`
    case 'end':
      return `([${label}])`
    case 'failure':
      return `{{${label}}}`
    case 'outside':
      return `>${label}]`
  }
}

/** The map as a Mermaid `flowchart TD`. */
export function toMermaid(map: CallMap, options: DrawOptions = {}): string {
  const { nodes, edges, covered } = view(map, options)
  const lines: string[] = []
  if (options.title !== undefined) lines.push('---', `title: ${JSON.stringify(options.title)}`, '---')
  lines.push('flowchart TD')
  for (const node of nodes) lines.push(`  ${node.id}${shape(node)}`)
  for (const edge of edges) {
    lines.push(
      edge.label === '' ? `  ${edge.from} --> ${edge.to}` : `  ${edge.from} -->|"${text(edge.label)}"| ${edge.to}`,
    )
  }
  const failures = nodes.filter((n) => n.kind === 'failure').map((n) => n.id)
  if (failures.length > 0) {
    lines.push('  classDef failure fill:#fde2e2,stroke:#c62828,color:#8e0000')
    lines.push(`  class ${failures.join(',')} failure`)
  }
  if (covered.size > 0) {
    const indices = (want: boolean) =>
      edges.flatMap((edge, i) => (covered.get(edge.id) === want ? [String(i)] : [])).join(',')
    const taken = indices(true)
    const missed = indices(false)
    if (taken !== '') lines.push(`  linkStyle ${taken} stroke:#2e7d32,stroke-width:2px`)
    if (missed !== '') lines.push(`  linkStyle ${missed} stroke:#c62828,stroke-width:2px,stroke-dasharray:5 5`)
  }
  return `${lines.join('\n')}\n`
}
