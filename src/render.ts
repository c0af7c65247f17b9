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
import type { AttributeDomain } from './schema.js'
import {
  CONFERENCE_WAIT_VERBS,
  DOCUMENT_BYTE_LIMIT,
  type DocumentContext,
  domainProblem,
  INLINE_TWIML_LIMIT,
  TERMINAL_VERBS,
  utf8Length,
} from './validate.js'

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

interface Frame {
  readonly tag: string
  readonly index: number
  readonly spec: ElementSpec
  /** How many children of each tag this element has had so far (for `Sip[2]` and count rules). */
  counts: Record<string, number> | undefined
  /** Characters of text inside, its descendants included. */
  textLength: number
  /** Characters of text directly inside (not in child elements). */
  ownTextLength: number
  /** The verb after which nothing more in this element runs (`Hangup`, `Redirect`, `Reject`). */
  terminatedBy: string | undefined
}

interface State {
  out: string
  /** A start tag has been written without its closing `>` (so an empty element can become `<X/>`). */
  open: boolean
  readonly stack: Frame[]
  readonly issues: TwimlIssue[]
  readonly options: RenderOptions
  readonly checking: boolean
  readonly context: DocumentContext
}

/** Renders a TwiML tree to a string. Throws if it meets an async component: use {@link renderAsync}. */
export function render(node: Child, options: RenderOptions = {}): string {
  const st: State = {
    out: XML_DECLARATION,
    open: false,
    stack: [],
    issues: [],
    options,
    checking: options.validate !== 'off',
    context: options.context ?? 'voice',
  }
  try {
    renderChild(node, st)
  } catch (error) {
    if (error instanceof IllegalXmlCharError) throw new TwimlRenderError(pathOf(st), error.message)
    throw error
  }
  // Only a long string can be over the limit: UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (st.checking && st.out.length * 3 > DOCUMENT_BYTE_LIMIT) {
    const bytes = utf8Length(st.out)
    if (bytes > DOCUMENT_BYTE_LIMIT) {
      report(
        st,
        'document.size',
        `the document is ${bytes} bytes, the limit for a webhook response is ${DOCUMENT_BYTE_LIMIT} (Twilio error 11750)`,
        11750,
        '(document)',
      )
    }
  }
  if (st.checking && st.context === 'rest-api' && st.out.length > INLINE_TWIML_LIMIT) {
    report(
      st,
      'document.inline-length',
      `the document is ${st.out.length} characters, the limit for TwiML passed to the REST API is ${INLINE_TWIML_LIMIT} (Twilio error 32018)`,
      32018,
      '(document)',
    )
  }
  if (st.issues.length > 0) throw new TwimlValidationError(st.issues)
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
    if (st.checking) checkText(child, st)
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
  enter(spec, st)
  if (st.checking) checkPlacement(spec, st)
  let out = `<${tag}`
  if (props != null) {
    const skip = spec.nonAttributes
    const names = spec.attributeNames
    const domains = spec.attributes as Readonly<Record<string, AttributeDomain | undefined>>
    for (const key in props) {
      if (key === 'children') continue
      const value = props[key]
      if (value === undefined || value === null) continue
      if (st.checking && !spec.unchecked) checkAttribute(key, value, domains, st)
      if (skip?.has(key)) continue
      const name = names?.[key] ?? key
      out += ` ${name}="${escapeAttribute(attributeValue(name, value, st))}"`
    }
  }
  st.out += out
  st.open = true
  const children = props?.children
  if (spec.text !== undefined && isTextOnly(children)) {
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
  const frame = st.stack[st.stack.length - 1]!
  if (st.checking && spec.check !== undefined) {
    spec.check(
      {
        props: props ?? {},
        counts: frame.counts ?? {},
        textLength: frame.textLength,
        ownTextLength: frame.ownTextLength,
      },
      reporterFor(st),
      st.options,
    )
  }
  st.stack.pop()
  const parent = st.stack[st.stack.length - 1]
  if (parent !== undefined) {
    parent.textLength += frame.textLength
    if (TERMINAL_VERBS.has(tag) && parent.terminatedBy === undefined) parent.terminatedBy = tag
  }
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

function isTextOnly(children: unknown): boolean {
  if (children === null || typeof children !== 'object') return true
  return Array.isArray(children) && children.every(isTextOnly)
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

function enter(spec: ElementSpec, st: State): void {
  const parent = st.stack[st.stack.length - 1]
  let index = 1
  if (parent !== undefined) {
    const counts = parent.counts ?? (parent.counts = {})
    index = (counts[spec.tag] ?? 0) + 1
    counts[spec.tag] = index
  }
  st.stack.push({
    tag: spec.tag,
    index,
    spec,
    counts: undefined,
    textLength: 0,
    ownTextLength: 0,
    terminatedBy: undefined,
  })
}

// --- validation in the walk -------------------------------------------------------------------

/** Rules about where an element stands: the root, its parent's child rule, the document context. */
function checkPlacement(spec: ElementSpec, st: State): void {
  const tag = spec.tag
  const parent = st.stack[st.stack.length - 2]
  const context = st.context
  if (parent === undefined) {
    if (tag !== 'Response' && context !== 'fragment') {
      report(
        st,
        'document.root',
        `the root element is <${tag}>; a TwiML document's root is <Response>`,
        undefined,
        `${tag}`,
      )
    }
    return
  }
  const allowed = parent.spec.children?.elements
  if (!spec.unchecked && !parent.spec.unchecked && (allowed === undefined || !allowed.includes(tag))) {
    report(
      st,
      'children.element',
      allowed === undefined || allowed.length === 0
        ? `<${parent.tag}> cannot contain elements, and holds <${tag}>`
        : `<${parent.tag}> cannot contain <${tag}>; it takes ${allowed.map((t) => `<${t}>`).join(', ')}`,
    )
  }
  if (parent.terminatedBy !== undefined) {
    report(
      st,
      'document.unreachable',
      `<${tag}> comes after <${parent.terminatedBy}> and never runs`,
      'https://www.twilio.com/docs/voice/twiml/hangup',
      undefined,
      'warning',
    )
  }
  if (context === 'screening' && tag === 'Dial') {
    report(st, 'context.screening', "a screening document (run at a noun's url) cannot contain <Dial>")
  } else if (context === 'conference-wait' && st.stack.length === 2 && !CONFERENCE_WAIT_VERBS.has(tag)) {
    report(
      st,
      'context.conference-wait',
      `a conference waitUrl document can only use <Say>, <Play>, <Pause> and <Redirect>, not <${tag}> (Twilio error 13238)`,
      13238,
    )
  }
}

function checkText(text: string, st: State): void {
  const frame = st.stack[st.stack.length - 1]
  if (frame === undefined) return
  frame.textLength += text.length
  frame.ownTextLength += text.length
  if (frame.spec.children?.text !== true && !frame.spec.unchecked) {
    report(
      st,
      'children.text',
      `<${frame.tag}> cannot contain text, and holds "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`,
    )
  }
}

function checkAttribute(
  key: string,
  value: unknown,
  domains: Readonly<Record<string, AttributeDomain | undefined>>,
  st: State,
): void {
  const domain = Object.hasOwn(domains, key) ? domains[key] : undefined
  if (domain === undefined) {
    const lower = key.toLowerCase()
    const near = Object.keys(domains).find((d) => d.toLowerCase() === lower)
    report(
      st,
      'attribute.unknown',
      `${key} is not an attribute of <${st.stack[st.stack.length - 1]!.tag}>${near ? ` (did you mean ${near}?)` : ''}`,
    )
    return
  }
  const problem = domainProblem(domain, value)
  if (problem === undefined) return
  const code = domain.kind === 'string' || domain.kind === 'pattern' ? domain.code : undefined
  // "must be …" problems quote the value; the others ("is 300 characters…", "has host …") describe it.
  const message = problem.startsWith('must')
    ? `${key} is ${typeof value === 'string' || Array.isArray(value) ? JSON.stringify(value) : String(value)}; it ${problem}`
    : `${key} ${problem}`
  report(st, 'attribute.value', code === undefined ? message : `${message} (Twilio error ${code})`, code)
}

function pathOf(st: State): string {
  if (st.stack.length === 0) return '(root)'
  return st.stack.map((f) => (f.index > 1 ? `${f.tag}[${f.index}]` : f.tag)).join(' > ')
}

function reporterFor(st: State) {
  return (rule: string, message: string, code?: number | string) => report(st, rule, message, code)
}

function report(
  st: State,
  rule: string,
  message: string,
  code?: number | string,
  path: string = pathOf(st),
  severity: 'error' | 'warning' = 'error',
): void {
  const mode = st.options.validate ?? 'throw'
  if (mode === 'off') return
  const issue: TwimlIssue = { path, rule, message, severity, ...(code === undefined ? {} : { code }) }
  if (mode === 'warn' || severity === 'warning') {
    const onIssue = st.options.onIssue ?? ((i: TwimlIssue) => console.warn(`twiml-jsx: ${i.path}: ${i.message}`))
    onIssue(issue)
  } else {
    st.issues.push(issue)
  }
}

// --- errors -----------------------------------------------------------------------------------

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
