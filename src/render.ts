import { type TwimlIssue, TwimlRenderError, TwimlValidationError } from './errors.js'
import { escapeAttribute, escapeText, IllegalXmlCharError } from './escape.js'
import {
  type Child,
  ELEMENT_SPEC,
  type ElementSpec,
  Fragment,
  intrinsicElements,
  isNode,
  type TwimlNode,
} from './node.js'

/** The XML declaration twilio's builder writes; ours is the same so the bytes match. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

export interface RenderOptions {
  /**
   * `'throw'` (default): every problem in the document is collected, then thrown as one
   * {@link TwimlValidationError}. `'warn'`: each problem goes to `onIssue` and the document
   * still renders. `'off'`: no checks beyond what is needed to write well-formed XML.
   */
  validate?: 'throw' | 'warn' | 'off'
  /** Receives each problem in `'warn'` mode (default: `console.warn`). */
  onIssue?: (issue: TwimlIssue) => void
  /**
   * The account has Twilio's "Enhanced Programmable SIP Features", which allow several nouns
   * beside a `<Sip>` in one `<Dial>` (parallel or sequential SIP dialing). Default `false`.
   */
  enhancedSip?: boolean
}

interface Frame {
  readonly tag: string
  readonly index: number
  /** How many children of each tag this element has had so far, for `Sip[2]` in paths. */
  counts: Record<string, number> | undefined
}

interface State {
  out: string
  /** A start tag has been written without its closing `>` (so an empty element can become `<X/>`). */
  open: boolean
  readonly stack: Frame[]
  readonly issues: TwimlIssue[]
  readonly options: RenderOptions
}

/** Renders a TwiML tree to a string. Throws if it meets an async component: use {@link renderAsync}. */
export function render(node: Child, options: RenderOptions = {}): string {
  const st: State = { out: XML_DECLARATION, open: false, stack: [], issues: [], options }
  try {
    renderChild(node, st)
  } catch (error) {
    if (error instanceof IllegalXmlCharError) throw new TwimlRenderError(pathOf(st), error.message)
    throw error
  }
  if (st.issues.length > 0 && (options.validate ?? 'throw') === 'throw') throw new TwimlValidationError(st.issues)
  return st.out
}

/** Renders a tree that may hold async components or promises; the bytes equal {@link render}'s. */
export async function renderAsync(node: Child | Promise<Child>, options: RenderOptions = {}): Promise<string> {
  return render(await resolve(await node), options)
}

function renderChild(child: Child, st: State): void {
  if (child === null || child === undefined || typeof child === 'boolean') return
  if (typeof child === 'string') {
    if (child === '') return
    if (st.open) {
      st.out += '>'
      st.open = false
    }
    st.out += escapeText(child)
    return
  }
  if (typeof child === 'number' || typeof child === 'bigint') {
    renderChild(String(child), st)
    return
  }
  if (Array.isArray(child)) {
    for (let i = 0; i < child.length; i++) renderChild(child[i], st)
    return
  }
  if (!isNode(child)) throw notANode(child, st)
  const type = child.type
  if (typeof type === 'function') {
    const spec = (type as { [ELEMENT_SPEC]?: ElementSpec })[ELEMENT_SPEC]
    if (spec !== undefined) {
      renderElement(spec, child.props, st)
      return
    }
    if (type === Fragment) {
      renderChild(child.props?.children, st)
      return
    }
    const result = (type as (props: unknown) => unknown)(child.props)
    if (isThenable(result)) {
      throw new TwimlRenderError(
        pathOf(st),
        `component ${type.name || '(anonymous)'} is async; use renderAsync() (or twiml() from twiml-jsx/hono, which awaits it)`,
      )
    }
    renderChild(result as Child, st)
    return
  }
  const spec = intrinsicElements.get(type)
  if (spec === undefined) {
    throw new TwimlRenderError(pathOf(st), `<${type}> is not a TwiML element twiml-jsx knows`)
  }
  renderElement(spec, child.props, st)
}

function renderElement(spec: ElementSpec, props: Record<string, any> | null | undefined, st: State): void {
  const tag = spec.tag
  if (st.open) {
    st.out += '>'
    st.open = false
  }
  enter(tag, st)
  let out = `<${tag}`
  if (props != null) {
    const skip = spec.nonAttributes
    const names = spec.attributeNames
    for (const key in props) {
      if (key === 'children' || skip?.has(key)) continue
      const value = props[key]
      if (value === undefined || value === null) continue
      const name = names?.[key] ?? key
      out += ` ${name}="${escapeAttribute(attributeValue(name, value, st))}"`
    }
  }
  st.out += out
  st.open = true
  const children = props?.children
  if (spec.text !== undefined) {
    const text = spec.text(collectText(children, st), props ?? {}, reporterFor(st))
    renderChild(text, st)
  } else if (children !== undefined && children !== null) {
    renderChild(children, st)
  }
  if (st.open) {
    st.out += '/>'
    st.open = false
  } else {
    st.out += `</${tag}>`
  }
  st.stack.pop()
}

function attributeValue(name: string, value: unknown, st: State): string {
  switch (typeof value) {
    case 'string':
      return value
    case 'number':
    case 'bigint':
      return String(value)
    case 'boolean':
      return value ? 'true' : 'false'
    default:
      if (Array.isArray(value)) return value.join(' ')
      throw new TwimlRenderError(
        pathOf(st),
        `attribute ${name} is ${describe(value)}; attributes take a string, number, boolean or array`,
      )
  }
}

/** Concatenates text-only children (for elements such as `<Sip>` that rewrite their text). */
function collectText(children: unknown, st: State): string {
  if (children === null || children === undefined || typeof children === 'boolean') return ''
  if (typeof children === 'string') return children
  if (typeof children === 'number' || typeof children === 'bigint') return String(children)
  if (Array.isArray(children)) {
    let text = ''
    for (const c of children) text += collectText(c, st)
    return text
  }
  throw new TwimlRenderError(pathOf(st), `takes text only, not ${describe(children)}`)
}

function enter(tag: string, st: State): void {
  const parent = st.stack[st.stack.length - 1]
  let index = 1
  if (parent !== undefined) {
    const counts = parent.counts ?? (parent.counts = {})
    index = (counts[tag] ?? 0) + 1
    counts[tag] = index
  }
  st.stack.push({ tag, index, counts: undefined })
}

function pathOf(st: State): string {
  if (st.stack.length === 0) return '(root)'
  return st.stack.map((f) => (f.index > 1 ? `${f.tag}[${f.index}]` : f.tag)).join(' > ')
}

function reporterFor(st: State) {
  return (rule: string, message: string, code?: number | string) => report(st, rule, message, code)
}

function report(st: State, rule: string, message: string, code?: number | string): void {
  const mode = st.options.validate ?? 'throw'
  if (mode === 'off') return
  const issue: TwimlIssue =
    code === undefined ? { path: pathOf(st), rule, message } : { path: pathOf(st), rule, message, code }
  if (mode === 'warn') {
    const onIssue = st.options.onIssue ?? ((i: TwimlIssue) => console.warn(`twiml-jsx: ${i.path}: ${i.message}`))
    onIssue(issue)
  } else {
    st.issues.push(issue)
  }
}

function notANode(value: unknown, st: State): TwimlRenderError {
  if (isThenable(value)) {
    return new TwimlRenderError(pathOf(st), 'a child is a Promise; use renderAsync() to render async content')
  }
  if (typeof value === 'function') {
    const name = value.name || 'Component'
    return new TwimlRenderError(pathOf(st), `a child is the component ${name} itself; write <${name} /> to use it`)
  }
  const hint =
    typeof value === 'object' && value !== null && 'type' in value && 'props' in value
      ? ' (it looks like a node but lacks the twiml-jsx brand: JSON cannot carry a node)'
      : ''
  return new TwimlRenderError(
    pathOf(st),
    `a child is ${describe(value)}, which is not a TwiML node, string, number or array${hint}`,
  )
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'function')
    return `a function (${value.name || 'anonymous'}); did you mean <${value.name || 'Component'} />?`
  if (typeof value === 'object') return isThenable(value) ? 'a Promise' : 'a plain object'
  return `a ${typeof value}`
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

/**
 * Calls every component and awaits every promise, leaving a tree of built-in elements
 * and text that `render` then writes: one render path, so async output is byte-identical.
 */
async function resolve(child: unknown): Promise<Child> {
  if (isThenable(child)) return resolve(await child)
  if (Array.isArray(child)) return Promise.all(child.map((c) => resolve(c)))
  if (!isNode(child)) return child as Child
  const type = child.type
  if (typeof type === 'function' && !(ELEMENT_SPEC in type)) {
    if (type === Fragment) return resolve(child.props?.children)
    return resolve(await (type as (p: unknown) => unknown)(child.props))
  }
  const props = child.props
  if (props == null || props.children === undefined || props.children === null) return child
  const children = await resolve(props.children)
  return { ...child, props: { ...props, children } } as TwimlNode
}
