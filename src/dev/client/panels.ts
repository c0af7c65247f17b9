/**
 * Room for more views. A panel is one more `<section class="panel">` in `#panels` (laid out as
 * another column) that listens to the hub — every call placed, timeline entry and state — and may
 * place calls or send inputs through it. A flow map (click a route: `hub.place({ url })`) or a chat
 * view for ConversationRelay calls is a module that calls `registerPanel` before `mountPanels` runs.
 */
import type { Player } from './audio.js'
import { el } from './dom.js'
import type { Hub } from './hub.js'

export interface PanelContext {
  readonly hub: Hub
  readonly player: Player
}

export interface Panel {
  /** `data-panel` of its section. */
  readonly id: string
  readonly title: string
  mount(section: HTMLElement, context: PanelContext): void
}

const registered: Panel[] = []

export function registerPanel(panel: Panel): void {
  registered.push(panel)
}

/** Adds a section for each registered panel after the built-in ones. */
export function mountPanels(container: HTMLElement, context: PanelContext): void {
  for (const panel of registered) {
    const heading = `${panel.id}-title`
    const section = el(
      'section',
      { class: 'panel', 'data-panel': panel.id, 'aria-labelledby': heading },
      el('h2', { id: heading }, panel.title),
    )
    container.append(section)
    panel.mount(section, context)
  }
}
