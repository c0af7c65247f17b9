/**
 * Where the flow map's boxes and arrows go: a layered drawing, one row per step from the start
 * (breadth first), boxes in the order the explorer found them, rows centred. Arrows down to a later
 * row are curves from the bottom of a box to the top of the next, labelled near their end; arrows
 * back up (a menu that repeats) or along a row leave and enter on the right. Pure: the panel turns it
 * into SVG.
 */
import type { CallMap, MapEdge, MapNode } from '../../testing/explore/types.js'
import { nodeLines, view } from '../../testing/explore/view.js'

export const BOX = { width: 210, line: 15, padding: 8, gapX: 26, gapY: 54 } as const

/** Characters that fit a box's line at the panel's font size. */
const LINE_CHARS = 34

export interface PlacedNode {
  readonly node: MapNode
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  /** The box's text, each line clipped to fit. */
  readonly lines: readonly string[]
  /** The whole text (for the tooltip and the accessible name). */
  readonly title: string
}

export interface RoutedEdge {
  readonly edge: MapEdge
  /** An SVG path (`M … C …`). */
  readonly d: string
  readonly label: { readonly x: number; readonly y: number; readonly text: string }
  /** Goes back up or along its row. */
  readonly back: boolean
}

export interface MapLayout {
  readonly width: number
  readonly height: number
  readonly nodes: readonly PlacedNode[]
  readonly edges: readonly RoutedEdge[]
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}

/** The point at `t` (0 to 1) along a cubic Bézier curve. */
function along(p: readonly (readonly [number, number])[], t: number): [number, number] {
  const [a, b, c, d] = p as [[number, number], [number, number], [number, number], [number, number]]
  const u = 1 - t
  const at = (i: 0 | 1) => u * u * u * a[i] + 3 * u * u * t * b[i] + 3 * u * t * t * c[i] + t * t * t * d[i]
  return [at(0), at(1)]
}

export function layoutMap(map: CallMap): MapLayout {
  const { nodes, edges } = view(map)
  // Rows: steps from the start, breadth first.
  const row = new Map<string, number>(map.entries.map((id) => [id, 0]))
  const queue = [...map.entries]
  while (queue.length > 0) {
    const id = queue.shift()!
    for (const edge of edges) {
      if (edge.from === id && !row.has(edge.to)) {
        row.set(edge.to, row.get(id)! + 1)
        queue.push(edge.to)
      }
    }
  }
  const rows: MapNode[][] = []
  for (const node of nodes) {
    const r = row.get(node.id) ?? 0
    ;(rows[r] ??= []).push(node)
  }
  const lines = (node: MapNode) => nodeLines(node)
  const heightOf = (node: MapNode) => BOX.padding * 2 + BOX.line * lines(node).length
  const widest = Math.max(0, ...rows.map((r) => r.length))
  const width = widest * BOX.width + Math.max(0, widest - 1) * BOX.gapX + 2 * BOX.gapX + 80
  const placed = new Map<string, PlacedNode>()
  let y = BOX.gapX
  for (const nodesInRow of rows) {
    if (nodesInRow === undefined) continue
    const span = nodesInRow.length * BOX.width + (nodesInRow.length - 1) * BOX.gapX
    let x = (width - 80 - span) / 2
    const tallest = Math.max(...nodesInRow.map(heightOf))
    for (const node of nodesInRow) {
      const text = lines(node)
      placed.set(node.id, {
        node,
        x,
        y,
        width: BOX.width,
        height: heightOf(node),
        lines: text.map((line) => clip(line, LINE_CHARS)),
        title: text.join('\n'),
      })
      x += BOX.width + BOX.gapX
    }
    y += tallest + BOX.gapY
  }
  const routed: RoutedEdge[] = []
  for (const edge of edges) {
    const from = placed.get(edge.from)
    const to = placed.get(edge.to)
    if (from === undefined || to === undefined) continue
    const back = (row.get(edge.to) ?? 0) <= (row.get(edge.from) ?? 0)
    const points: [number, number][] = back
      ? [
          [from.x + from.width, from.y + from.height / 2],
          [from.x + from.width + 60, from.y + from.height / 2],
          [to.x + to.width + 60, to.y + to.height / 2],
          [to.x + to.width, to.y + to.height / 2],
        ]
      : [
          [from.x + from.width / 2, from.y + from.height],
          [from.x + from.width / 2, from.y + from.height + BOX.gapY / 2],
          [to.x + to.width / 2, to.y - BOX.gapY / 2],
          [to.x + to.width / 2, to.y],
        ]
    // Down, the label sits near the box it leads to (a fan of choices spreads out there); back, halfway.
    const [mx, my] = along(points, back ? 0.5 : 0.78)
    const [p0, p1, p2, p3] = points as [[number, number], [number, number], [number, number], [number, number]]
    routed.push({
      edge,
      d: `M ${p0[0]} ${p0[1]} C ${p1[0]} ${p1[1]}, ${p2[0]} ${p2[1]}, ${p3[0]} ${p3[1]}`,
      label: { x: mx, y: my, text: clip(edge.label, 40) },
      back,
    })
  }
  return { width, height: y, nodes: [...placed.values()], edges: routed }
}
