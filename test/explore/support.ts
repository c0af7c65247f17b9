/** Helpers shared by the explorer's tests. */
import type { CallMap, MapNode } from '../../src/testing/index.js'

/** A node as one line: its label, and for a route what its document does. */
export function nodeText(node: MapNode | undefined): string {
  if (node === undefined) return '?'
  if (node.kind !== 'route' || node.document.verbs.length === 0) return node.label
  return `${node.label} [${node.document.verbs.join(' · ')}]`
}

/** The map as lines `from --label--> to`, in the map's order: what a reviewer reads. */
export function outline(map: CallMap): string[] {
  const nodes = new Map(map.nodes.map((n) => [n.id, n]))
  return map.edges.map((e) => `${nodeText(nodes.get(e.from))} --${e.label}--> ${nodeText(nodes.get(e.to))}`)
}
