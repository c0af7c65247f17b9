/**
 * The writer: one recursive walk over the tree, appending to one string. With validation on, the
 * walk hands each element, attribute and text to the {@link Validator} (validate.ts), which judges;
 * this file only writes, and throws {@link TwimlRenderError} for what cannot be written at all.
 */
import { type TwimlIssue, TwimlRenderError, TwimlValidationError } from './errors.js'
import { escapeAttribute, escapeText, extraBytes, IllegalXmlCharError, isXmlName, nameExtraBytes } from './escape.js'
import { type Child, ELEMENT_SPEC, Fragment, isNode, type TwimlNode } from './node.js'
import { Walk } from './path.js'
import { PLAN, type Plan, PROP_MEMO_LIMIT, planOf, type Written } from './plan.js'
import type { Reporter } from './schema.js'
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

/** One render in progress; kept (with its walk and judge) for the next render once it is done. */
class Writer {
  out = XML_DECLARATION
  /** A start tag has been written without its closing `>` (so an empty element can become `<X/>`). */
  open = false
  /**
   * The last text written ended in the first half of a surrogate pair, which the next text may
   * complete (`{'\uD83D'}{'\uDE00'}` is one emoji, as in twilio's output); anything else is an error.
   */
  pendingHigh = -1
  /** UTF-8 bytes of the output beyond its length, counted as text and attributes are escaped. */
  extra = 0
  /** The judge, when validation is on. */
  validator: Validator | undefined = undefined
  readonly walk = new Walk()
  private readonly judge = new Validator(this.walk)

  begin(options: RenderOptions): void {
    this.out = XML_DECLARATION
    this.open = false
    this.pendingHigh = -1
    this.extra = 0
    if (options.validate === 'off') {
      this.validator = undefined
    } else {
      this.judge.begin(options)
      this.validator = this.judge
    }
  }
}

// The writer is reused between renders; a render inside a render (a component that renders) gets its own.
let idle: Writer | undefined

/** Renders a TwiML tree to a string. Throws if it meets an async component: use {@link renderAsync}. */
export function render(node: Child, options: RenderOptions = {}): string {
  const w = idle ?? new Writer()
  idle = undefined
  try {
    w.begin(options)
    try {
      renderChild(node, w)
      closeText(w)
    } catch (error) {
      if (error instanceof IllegalXmlCharError) throw renderError(w, error.message)
      throw error
    } finally {
      w.walk.reset()
    }
    const validator = w.validator
    if (validator !== undefined) {
      validator.finish(w.out, w.out.length + w.extra)
      if (validator.issues !== undefined) throw new TwimlValidationError(validator.issues)
    }
    return w.out
  } finally {
    w.out = ''
    idle = w
  }
}

/** Renders a tree that may hold async components or promises; the bytes equal {@link render}'s. */
export async function renderAsync(node: Child | Promise<Child>, options: RenderOptions = {}): Promise<string> {
  const settled = settle(await node)
  return render(isThenable(settled) ? await settled : settled, options)
}

function renderChild(child: Child, w: Writer): void {
  // Nodes and arrays first: most children of most elements are nodes.
  if (typeof child === 'object') {
    if (child === null) return
    if (Array.isArray(child)) {
      for (let i = 0; i < child.length; i++) renderChild(child[i], w)
      return
    }
    if (!isNode(child)) throw notANode(child, w)
  } else {
    if (typeof child === 'string') {
      if (child !== '') renderText(child, w)
    } else if (typeof child === 'number' || typeof child === 'bigint') {
      renderText(String(child), w)
    } else if (child !== undefined && typeof child !== 'boolean') {
      throw notANode(child, w)
    }
    return
  }
  const type = child.type
  if (type === Fragment) {
    renderChild(child.props?.children, w)
    return
  }
  if (typeof type === 'function') {
    const plan = (type as { [PLAN]?: Plan })[PLAN]
    if (plan !== undefined) {
      renderElement(plan, child.props, w)
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
  const spec = w.walk.intrinsic(type)
  renderElement(spec === undefined ? unknownIntrinsic(type, w) : planOf(spec), child.props, w)
}

/**
 * A lowercase tag no open element knows (SSML outside `<Say>`): written as given, if it is an XML
 * name, and reported as misplaced.
 */
function unknownIntrinsic(tag: string, w: Writer): Plan {
  if (typeof tag !== 'string' || !isXmlName(tag))
    throw renderError(w, `${JSON.stringify(tag)} is not an XML element name`)
  w.validator?.report(
    'children.element',
    `twiml-jsx knows no <${tag}> here (the lowercase elements are SSML, inside <Say>)`,
    undefined,
    'error',
    [...w.walk.segments(), { tag, index: 1 }],
  )
  return planOf({ tag, attributes: {}, children: { text: true }, unchecked: true })
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
    w.extra++ // the second half of a pair (the first counted one too)
    w.pendingHigh = -1
    start = 1
  }
  let end = text.length
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff && end - 1 >= start) end--
  if (start === 0 && end === text.length) {
    const written = escapedText(text)
    w.out += written.fragment
    w.extra += written.extra
    return
  }
  try {
    w.out += escapeText(text.slice(start, end))
    w.extra += extraBytes
  } catch (error) {
    // Report the index in the text as given, not in the slice.
    if (error instanceof IllegalXmlCharError) throw new IllegalXmlCharError(error.codePoint, error.index + start)
    throw error
  }
  if (end < text.length) {
    w.out += text[end]
    w.extra++
    w.pendingHigh = end
  }
}

// Texts a document repeats (the same tree rendered again, the same words in many elements) are
// escaped once: a pure function of the text, remembered for short texts, a few hundred at most.
const escapedTexts = new Map<string, Written>()
const TEXT_MEMO_LIMIT = 512
const MEMO_LENGTH = 256

function escapedText(text: string): Written {
  let written = text.length <= MEMO_LENGTH ? escapedTexts.get(text) : undefined
  if (written === undefined) {
    written = { fragment: escapeText(text), extra: extraBytes, valid: true }
    if (text.length <= MEMO_LENGTH) {
      if (escapedTexts.size >= TEXT_MEMO_LIMIT) escapedTexts.clear()
      escapedTexts.set(text, written)
    }
  }
  return written
}

/** Text ends here (markup or the end of the document follows): half a surrogate pair cannot stay. */
function closeText(w: Writer): void {
  if (w.pendingHigh === -1) return
  const at = w.pendingHigh
  w.pendingHigh = -1
  throw new IllegalXmlCharError(w.out.charCodeAt(w.out.length - 1), at)
}

function renderElement(plan: Plan, props: Record<string, any> | null | undefined, w: Writer): void {
  if (w.pendingHigh !== -1) closeText(w)
  if (w.open) {
    w.out += '>'
    w.open = false
  }
  const frame = w.walk.enter(plan, props)
  const validator = w.validator
  if (validator !== undefined) validator.placement(frame)
  let out = `<${plan.tag}`
  w.extra += plan.tagExtra
  if (props != null) {
    for (const key in props) {
      if (key === 'children') continue
      const value = props[key]
      if (value === undefined || value === null) continue
      const prop = plan.props.get(key)
      if (prop === undefined) {
        out += unknownAttribute(plan, key, value, w)
        continue
      }
      // The same value as last time (a tree rendered again, a prop repeated in the document):
      // what was written then, without checking or escaping it again.
      if (value === prop.lastValue && (validator === undefined || prop.lastValid)) {
        out += prop.lastFragment
        w.extra += prop.lastExtra
        continue
      }
      if (prop.inert) continue
      // Remembered by the text written (an array as its space-separated items: it may change
      // between renders, its text is what counts). Objects other than arrays are not remembered.
      const text = Array.isArray(value) ? value.join(' ') : value
      const remember = typeof text !== 'object' && (typeof text !== 'string' || text.length <= MEMO_LENGTH)
      let written = remember ? prop.memo.get(text) : undefined
      if (written === undefined || (validator !== undefined && !written.valid)) {
        written = {
          fragment:
            prop.prefix === undefined
              ? ''
              : `${prop.prefix}${escapeAttribute(attributeValue(prop.wire, text, w), prop.wire)}"`,
          extra: prop.prefix === undefined ? 0 : prop.nameExtra + extraBytes,
          valid: validator?.value(key, prop.domain, value) === true,
        }
        if (remember) {
          if (prop.memo.size >= PROP_MEMO_LIMIT) prop.memo.clear()
          prop.memo.set(text, written)
        }
      }
      // The last value itself, only if it cannot change in place.
      if (remember && text === value) {
        prop.lastValue = value
        prop.lastFragment = written.fragment
        prop.lastExtra = written.extra
        prop.lastValid = written.valid
      }
      out += written.fragment
      w.extra += written.extra
    }
  }
  w.out += out
  w.open = true
  const children = props?.children
  const text = plan.text?.(children, props ?? {}, validator?.reporter ?? ignore)
  if (text !== undefined) {
    if (text !== '') renderText(text, w)
  } else if (children !== undefined && children !== null) {
    renderChild(children, w)
  }
  if (w.pendingHigh !== -1) closeText(w)
  if (w.open) {
    w.out += '/>'
    w.open = false
  } else {
    w.out += plan.close
    w.extra += plan.tagExtra
  }
  if (validator !== undefined) validator.close(frame)
  w.walk.exit()
}

/** A prop the element does not define: reported, and written only if its name is an XML name. */
function unknownAttribute(plan: Plan, key: string, value: unknown, w: Writer): string {
  w.validator?.unknown(plan, key)
  if (!isXmlName(key))
    throw renderError(w, `${JSON.stringify(key)} is not an XML attribute name, so it cannot be written`)
  const fragment = ` ${key}="${escapeAttribute(attributeValue(key, value, w), key)}"`
  w.extra += extraBytes + nameExtraBytes(key)
  return fragment
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

/** What `settle` leaves where a component stood: its output, and its name for paths. */
function ComponentOutput(props: { name: string; children: Child }): Child {
  return props.children
}

/**
 * Calls every component and awaits every promise, leaving a tree of built-in elements and text that
 * `render` then writes: one render path, so async output is byte-identical. It stays synchronous
 * until it meets a promise, and gives back the very same objects where nothing below them changed:
 * a tree with no components and no promises (most documents `twiml()` renders) costs one walk and
 * no allocation.
 */
function settle(child: unknown): Child | Promise<Child> {
  if (isThenable(child)) return Promise.resolve(child).then(settle)
  if (Array.isArray(child)) {
    let out: unknown[] | undefined
    let pending = false
    for (let i = 0; i < child.length; i++) {
      const settled = settle(child[i])
      if (settled !== child[i]) {
        out ??= child.slice()
        out[i] = settled
        if (isThenable(settled)) pending = true
      }
    }
    if (out === undefined) return child as Child
    return pending ? (Promise.all(out) as Promise<Child>) : (out as Child)
  }
  if (!isNode(child)) return child as Child
  const type = child.type
  if (typeof type === 'function' && !(ELEMENT_SPEC in type)) {
    if (type === Fragment) return settle(child.props?.children)
    if (type === ComponentOutput) return child
    const output = settle((type as (p: unknown) => unknown)(child.props))
    const wrap = (children: Child) =>
      ({ ...child, type: ComponentOutput, props: { name: type.name, children } }) as TwimlNode
    return isThenable(output) ? output.then(wrap) : wrap(output)
  }
  const props = child.props
  if (props == null || props.children === undefined || props.children === null) return child
  const children = settle(props.children)
  if (children === props.children) return child
  const wrap = (settled: Child) => ({ ...child, props: { ...props, children: settled } }) as TwimlNode
  return isThenable(children) ? children.then(wrap) : wrap(children)
}
