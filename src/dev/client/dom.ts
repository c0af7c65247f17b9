/** A few lines of DOM building: elements from a tag, attributes and children, never from HTML text. */

export type Child = Node | string | number | false | null | undefined

type Props = Record<string, string | number | boolean | ((event: Event) => void) | undefined>

/**
 * `el('button', { type: 'button', onclick: go }, 'Call')`. Strings become text nodes (so TwiML
 * and parameters from the app are shown, never parsed); `on…` props are listeners; `true` sets a
 * boolean attribute, `false`/`undefined` leaves it out.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue
    if (typeof value === 'function') node.addEventListener(name.slice(2), value)
    else if (value === true) node.setAttribute(name, '')
    else node.setAttribute(name, String(value))
  }
  append(node, children)
  return node
}

export function append(node: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
}

/** The element with this id (the page's HTML has every one the script uses). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (found === null) throw new Error(`the page has no #${id}`)
  return found as T
}

/** `14` → `0:14`: a virtual second as the timeline shows it. */
export function clock(seconds: number): string {
  const whole = Math.floor(seconds)
  const s = String(whole % 60).padStart(2, '0')
  return `${Math.floor(whole / 60)}:${s}`
}
