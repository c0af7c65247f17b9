/**
 * The call-flow map panel: draws the map the explorer finds from a route (`GET api/map`), and a
 * click on a box (or Enter on it) places a call that goes there — the path's inputs replayed, then
 * the call waits for the person as any other.
 */
import type { CallMap, CallPath } from '../../testing/explore/types.js'
import type { AppInfo, CallSetup } from '../protocol.js'
import { el } from './dom.js'
import { type Hub, request } from './hub.js'
import { layoutMap } from './map-layout.js'
import type { Panel } from './panels.js'

const SVG = 'http://www.w3.org/2000/svg'

function svg(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value))
  for (const child of children) node.append(child)
  return node
}

/** The call a path describes, with the page's own From and To unless its variant says otherwise. */
function setupFor(path: CallPath, app: AppInfo | undefined): CallSetup {
  const variant = path.variant
  return {
    url: path.entry,
    method: path.method,
    from: variant?.from ?? app?.from ?? '',
    to: variant?.to ?? app?.to ?? '',
    ...(variant?.params === undefined ? {} : { params: variant.params }),
  }
}

function draw(map: CallMap, entry: string, go: (path: CallPath) => void): SVGElement {
  const layout = layoutMap(map)
  const drawing = svg('svg', {
    class: 'map',
    width: layout.width,
    height: layout.height,
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'group',
    'aria-label': `Call-flow map from ${entry}`,
  })
  drawing.append(
    svg(
      'defs',
      {},
      svg(
        'marker',
        { id: 'map-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
        svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }),
      ),
    ),
  )
  for (const { d, back } of layout.edges) {
    drawing.append(svg('path', { d, class: back ? 'edge back' : 'edge', 'marker-end': 'url(#map-arrow)' }))
  }
  for (const { label } of layout.edges) {
    if (label.text !== '') drawing.append(svg('text', { x: label.x, y: label.y, class: 'edge-label' }, label.text))
  }
  for (const placed of layout.nodes) {
    const { node } = placed
    const box = svg(
      'g',
      {
        class: `node ${node.kind}`,
        role: 'button',
        tabindex: 0,
        'data-node': node.id,
        'aria-label': `Place a call to: ${placed.title.replace(/\n/g, ' — ')}`,
      },
      svg('title', {}, placed.title),
      svg('rect', {
        x: placed.x,
        y: placed.y,
        width: placed.width,
        height: placed.height,
        rx: node.kind === 'end' ? 14 : 4,
      }),
      ...placed.lines.map((line, i) =>
        svg('text', { x: placed.x + 8, y: placed.y + 8 + 11 + i * 15, class: i === 0 ? 'title' : 'detail' }, line),
      ),
    )
    box.addEventListener('click', () => go(node.reach))
    box.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key
      if (key !== 'Enter' && key !== ' ') return
      event.preventDefault()
      go(node.reach)
    })
    drawing.append(box)
  }
  return drawing
}

function mountMap(section: HTMLElement, hub: Hub): void {
  const route = el('select', { id: 'map-route' })
  const status = el('p', { class: 'muted', role: 'status' }, 'Draw the map to see every path from a route.')
  const area = el('div', { class: 'map-scroll' })
  let app: AppInfo | undefined
  const go = (path: CallPath) => void hub.place(setupFor(path, app), path.inputs.length === 0 ? undefined : path.inputs)
  const form = el(
    'form',
    {
      class: 'row map-form',
      onsubmit: async (event: Event) => {
        event.preventDefault()
        const entry = route.value
        status.textContent = `Exploring every path from ${entry}…`
        area.replaceChildren()
        try {
          const map = await request<CallMap>(`map?entry=${encodeURIComponent(entry)}`)
          area.append(draw(map, entry, go))
          const cut = map.cut.length === 0 ? '' : ` (${map.cut.length} not explored: see twiml-jsx lint)`
          status.textContent = `${map.nodes.length} nodes from ${entry}${cut}. Click a box to place a call that goes there.`
        } catch (error) {
          status.textContent = `No map: ${(error as Error).message}`
        }
      },
    },
    el('label', {}, 'Start at ', route),
    el('button', { type: 'submit', id: 'map-draw' }, 'Draw the map'),
  )
  section.append(form, status, area)
  void request<AppInfo>('app').then((info) => {
    app = info
    route.replaceChildren(
      ...info.routes.map((r) => el('option', { value: r.path, selected: r.path === info.entry }, r.path)),
    )
  })
}

/** The panel, for `registerPanel`. */
export const mapPanel: Panel = {
  id: 'map',
  title: 'Call-flow map',
  mount: (section, { hub }) => mountMap(section, hub),
}
