/**
 * The writer: one recursive walk over the tree, appending to one string. With validation on, the
 * walk hands each element, attribute and text to the {@link Validator} (validate.ts), which judges;
 * this file only writes, and throws {@link TwimlRenderError} for what cannot be written at all.
 */
import { type TwimlIssue, TwimlRenderError, TwimlValidationError } from './errors.js'
import { escapeAttribute, escapeText, IllegalXmlCharError, isXmlName } from './escape.js'
import { type Child, ELEMENT_SPEC, Fragment, isNode, type TwimlNode } from './node.js'
import { Walk } from './path.js'
import type { AttributeDomain, ElementSpec, Reporter } from './schema.js'
import { type DocumentContext, Validator } from './validate.js'

/** The XML declaration twilio's builder writes; ours is the same so the bytes match. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

export interface RenderOptions {
  /**
   * `'throw'` (default): every problem in the document is collected, then thrown together as one
   * {@link TwimlValidationError}. `'warn'`: each problem goes to `onIssue` and the document still
   * renders. `'off'`: no checks beyond what well-formed XML needs.
   */
  validate?: 'throw' | 'warn' | 'off'
  /**
   * Receives each problem in `'warn'` mode, and warnings (unreachable verbs) in `'throw'` mode.
   * Default: `console.warn`.
   */
  onIssue?: (issue: TwimlIssue) => void
  /**
   * The account has Twilio's "Enhanced Programmable SIP Features", which allow several nouns
   * beside a `<Sip>` in one `<Dial>` (parallel or sequential SIP dialing). Default `false`.
   */
  enhancedSip?: boolean
  /**
   * Where the document runs: `'voice'` (default), `'screening'` (a noun's `url`: no `<Dial>`),
   * `'conference-wait'` (only Say, Play, Pause, Redirect), `'messaging'`, `'rest-api'` (inline TwiML of
   * a REST API call: at most 4000 characters), or `'fragment'` (a piece
   * of a document, e.g. a component under test: the root need not be `<Response>`).
   */
  context?: DocumentContext
}

/** One render in progress. */
class Writer {
  out = XML_DECLARATION
  /** A start tag has been written without its closing `>` (so an empty element can become `<X/>`). */
  open = false
  /**
   * The last text written ended in the first half of a surrogate pair, which the next text may
   * complete (`{'\uD83D'}{'\uDE00'}` is one emoji, as in twilio's output); anything else is an error.
   */
  pendingHigh = -1
  constructor(
    readonly walk: Walk,
    readonly validator: Validator | undefined,
  ) {}
}

// Walks are reused between renders (their frames are); a render inside a render gets its own.
let idleWalk: Walk | undefined

/** Renders a TwiML tree to a string. Throws if it meets an async component: use {@link renderAsync}. */
export function render(node: Child, options: RenderOptions = {}): string {
  const walk = idleWalk ?? new Walk()
  idleWalk = undefined
  const validator = options.validate === 'off' ? undefined : new Validator(walk, options)
  const w = new Writer(walk, validator)
  try {
    renderChild(node, w)
    closeText(w)
  } catch (error) {
    if (error instanceof IllegalXmlCharError) throw renderError(w, error.message)
    throw error
  } finally {
    walk.reset()
    idleWalk = walk
  }
  if (validator !== undefined) {
    validator.finish(w.out)
    if (validator.issues.length > 0) throw new TwimlValidationError(validator.issues)
  }
  return w.out
}

/** Renders a tree that may hold async components or promises; the bytes equal {@link render}'s. */
export async function renderAsync(node: Child | Promise<Child>, options: RenderOptions = {}): Promise<string> {
  return render(await resolve(await node), options)
}

function renderChild(child: Child, w: Writer): void {
  if (typeof child === 'string') {
    if (child !== '') renderText(child, w)
    return
  }
  if (child === null || child === undefined || typeof child === 'boolean') return
  if (typeof child === 'number' || typeof child === 'bigint') {
    renderText(String(child), w)
    return
  }
  if (Array.isArray(child)) {
    for (let i = 0; i < child.length; i++) renderChild(child[i], w)
    return
  }
  if (!isNode(child)) throw notANode(child, w)
  const type = child.type
  if (typeof type === 'function') {
    const spec = (type as { [ELEMENT_SPEC]?: ElementSpec })[ELEMENT_SPEC]
    if (spec !== undefined) {
      renderElement(spec, child.props, w)
    } else if (type === Fragment) {
      renderChild(child.props?.children, w)
    } else if (type === ComponentOutput) {
      renderComponent(child.props.name, child.props.children, w)
    } else {
      const result = (type as (props: unknown) => unknown)(child.props)
      if (isThenable(result)) {
        throw renderError(
          w,
          `component ${type.name || '(anonymous)'} is async; use renderAsync() (or twiml() from twiml-jsx/hono, which awaits it)`,
        )
      }
      renderComponent(type.name, result as Child, w)
    }
    return
  }
  renderElement(w.walk.intrinsic(type) ?? unknownIntrinsic(type, w), child.props, w)
}

/**
 * A lowercase tag no open element knows (SSML outside `<Say>`): written as given, if it is an XML
 * name, and reported as misplaced.
 */
function unknownIntrinsic(tag: string, w: Writer): ElementSpec {
  if (typeof tag !== 'string' || !isXmlName(tag))
    throw renderError(w, `${JSON.stringify(tag)} is not an XML element name`)
  w.validator?.report(
    'children.element',
    `twiml-jsx knows no <${tag}> here (the lowercase elements are SSML, inside <Say>)`,
    undefined,
    'error',
    [...w.walk.segments(), { tag, index: 1 }],
  )
  return { tag, attributes: {}, children: { text: true }, unchecked: true }
}

/** A user component's output: its elements carry its name in their path segments. */
function renderComponent(name: string | undefined, output: Child, w: Writer): void {
  const walk = w.walk
  const outer = walk.component
  walk.component = name || undefined
  renderChild(output, w)
  walk.component = outer
}

function renderText(text: string, w: Writer): void {
  if (w.open) {
    w.out += '>'
    w.open = false
  }
  const frame = w.walk.current
  if (w.validator !== undefined && frame !== undefined) w.validator.text(frame, text)
  let start = 0
  if (w.pendingHigh !== -1) {
    const c = text.charCodeAt(0)
    if (c < 0xdc00 || c > 0xdfff) closeText(w)
    w.out += text[0]
    w.pendingHigh = -1
    start = 1
  }
  let end = text.length
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff && end - 1 >= start) end--
  if (start === 0 && end === text.length) {
    w.out += escapeText(text)
    return
  }
  try {
    w.out += escapeText(text.slice(start, end))
  } catch (error) {
    // Report the index in the text as given, not in the slice.
    if (error instanceof IllegalXmlCharError) throw new IllegalXmlCharError(error.codePoint, error.index + start)
    throw error
  }
  if (end < text.length) {
    w.out += text[end]
    w.pendingHigh = end
  }
}

/** Text ends here (markup or the end of the document follows): half a surrogate pair cannot stay. */
function closeText(w: Writer): void {
  if (w.pendingHigh === -1) return
  const at = w.pendingHigh
  w.pendingHigh = -1
  throw new IllegalXmlCharError(w.out.charCodeAt(w.out.length - 1), at)
}

function renderElement(spec: ElementSpec, props: Record<string, any> | null | undefined, w: Writer): void {
  const tag = spec.tag
  closeText(w)
  if (w.open) {
    w.out += '>'
    w.open = false
  }
  const frame = w.walk.enter(spec, props)
  const validator = w.validator
  if (validator !== undefined) validator.placement(frame)
  let out = `<${tag}`
  if (props != null) {
    const skip = spec.nonAttributes
    const names = spec.attributeNames
    const domains = spec.attributes as Readonly<Record<string, AttributeDomain | undefined>>
    for (const key in props) {
      if (key === 'children') continue
      const value = props[key]
      if (value === undefined || value === null) continue
      if (validator !== undefined) validator.attribute(spec, key, value)
      if (skip?.has(key)) continue
      const name = names?.[key] ?? key
      // Props the element defines have XML names; any other key reaches the XML only if it is one.
      if (!Object.hasOwn(domains, key) && !isXmlName(name)) {
        throw renderError(w, `${JSON.stringify(key)} is not an XML attribute name, so it cannot be written`)
      }
      out += ` ${name}="${escapeAttribute(attributeValue(name, value, w), name)}"`
    }
  }
  w.out += out
  w.open = true
  const children = props?.children
  const text = spec.text?.(children, props ?? {}, validator?.reporter ?? ignore)
  if (text !== undefined) {
    if (text !== '') renderText(text, w)
  } else if (children !== undefined && children !== null) {
    renderChild(children, w)
  }
  closeText(w)
  if (w.open) {
    w.out += '/>'
    w.open = false
  } else {
    w.out += `</${tag}>`
  }
  if (validator !== undefined) validator.close(frame)
  w.walk.exit()
}

const ignore: Reporter = () => {}

function attributeValue(name: string, value: unknown, w: Writer): string {
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
      throw renderError(
        w,
        `attribute ${name} is ${describe(value)}; attributes take a string, number, boolean or array`,
      )
  }
}

// --- errors -----------------------------------------------------------------------------------

function renderError(w: Writer, reason: string): TwimlRenderError {
  const segments = w.walk.segments()
  return new TwimlRenderError(w.walk.path(segments), reason, segments)
}

function notANode(value: unknown, w: Writer): TwimlRenderError {
  if (isThenable(value)) return renderError(w, 'a child is a Promise; use renderAsync() to render async content')
  if (typeof value === 'function') {
    const name = value.name || 'Component'
    return renderError(w, `a child is the component ${name} itself; write <${name} /> to use it`)
  }
  const hint =
    typeof value === 'object' && value !== null && 'type' in value && 'props' in value
      ? ' (it looks like a node but lacks the twiml-jsx brand: JSON cannot carry a node)'
      : ''
  return renderError(w, `a child is ${describe(value)}, which is not a TwiML node, string, number or array${hint}`)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`
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

// --- async ------------------------------------------------------------------------------------

/** What `resolve` leaves where a component stood: its output, and its name for paths. */
function ComponentOutput(props: { name: string; children: Child }): Child {
  return props.children
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
    if (type === ComponentOutput) return child
    const output = await resolve(await (type as (p: unknown) => unknown)(child.props))
    return { ...child, type: ComponentOutput, props: { name: type.name, children: output } } as TwimlNode
  }
  const props = child.props
  if (props == null || props.children === undefined || props.children === null) return child
  const children = await resolve(props.children)
  return { ...child, props: { ...props, children } } as TwimlNode
}
