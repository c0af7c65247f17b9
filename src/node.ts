import type { AttributeDomain, ChildRule } from './schema.js'

/**
 * The one node type of twiml-jsx, and the factory the JSX runtime calls.
 *
 * A node is `{ $$typeof, type, props }`. The brand is a registered Symbol, so a
 * value parsed from JSON (a webhook body, a cached object) can never pose as a node.
 */

/** Brand carried by every node. `Symbol.for` so two copies of the package still agree. */
export const NODE_BRAND: unique symbol = Symbol.for('twiml-jsx.node') as never

/** Marks a function as a built-in TwiML element; the value is its {@link ElementSpec}. */
export const ELEMENT_SPEC: unique symbol = Symbol.for('twiml-jsx.element') as never

/** Anything that may appear as a child in a TwiML tree. */
export type Child = TwimlNode | string | number | bigint | boolean | null | undefined | readonly Child[]

/** Children that are elements only (no text): `<Parameter>`s in `<Hangup>`, ... */
export type ElementChild = TwimlNode | boolean | null | undefined | readonly ElementChild[]

/** Children of elements whose content is plain text (URI nouns, `<Say>` text, ...). */
export type TextChild = string | number | boolean | null | undefined | readonly TextChild[]

/** A user component: a plain function of props, sync or async, called at render time. */
export type Component<P = any> = (props: P) => Child | Promise<Child>

/** A built-in element (`Dial`, `Sip`, ...): a function that makes its node, carrying its spec. */
export interface BuiltinElement<P> {
  (props: P): TwimlNode<P>
  readonly [ELEMENT_SPEC]: ElementSpec<P>
  /** The TwiML tag name, e.g. `"Dial"`. */
  readonly tag: string
}

/** The one node type: what `<Dial>…</Dial>` evaluates to. */
export interface TwimlNode<P = any> {
  readonly $$typeof: typeof NODE_BRAND
  readonly type: BuiltinElement<P> | Component<P> | typeof Fragment | string
  readonly props: P
  readonly key?: string | number | null
}

/**
 * How a built-in element renders. Element definitions are data: the renderer reads
 * this and does the rest, so every element renders and validates the same way.
 */
export interface ElementSpec<P = any> {
  /** TwiML tag written to the XML. */
  readonly tag: string
  /**
   * The value domain of every prop except `children` (the type makes the list complete),
   * checked at render time and used by tests to draw valid values.
   */
  readonly attributes: { readonly [K in AttributeKeys<P>]-?: AttributeDomain }
  /** What the element may contain. Absent: nothing (an empty element such as `<Hangup/>`). */
  readonly children?: ChildRule
  /** Props that are not XML attributes (for example `<Sip region>`, which goes into the URI). */
  readonly nonAttributes?: ReadonlySet<string>
  /** Rename of props to wire attribute names (`interpretAs` → `interpret-as`). */
  readonly attributeNames?: Readonly<Record<string, string>>
  /**
   * An element twiml-jsx does not know (made by `UncheckedElement`): validation accepts it in any
   * parent, and accepts any attributes and children in it.
   */
  readonly unchecked?: boolean
  /**
   * For elements whose content is one text value that the element rewrites before it
   * is escaped (the SIP URI). Children must then be text only.
   */
  readonly text?: (text: string, props: Record<string, unknown>, report: Reporter) => string
  /**
   * Rules about the element as a whole (how many of which children, lengths), run after its
   * children have been rendered. Report problems; the renderer adds the path.
   */
  readonly check?: (element: CheckedElement<P>, report: Reporter, options: CheckOptions) => void
}

/** What an element's `check` sees once its children are rendered. */
export interface CheckedElement<P> {
  readonly props: P
  /** Number of child elements of each tag. */
  readonly counts: Readonly<Record<string, number>>
  /** Characters of text inside the element, descendants included. */
  readonly textLength: number
  /** Characters of text directly inside the element. */
  readonly ownTextLength: number
}

/** The render options element rules may depend on. */
export interface CheckOptions {
  readonly enhancedSip?: boolean
}

/** The props of `P` that are attributes (everything but `children`). */
export type AttributeKeys<P> = Exclude<keyof P, 'children'> & string

/** Receives problems found while rendering one element; the renderer adds the element path. */
export type Reporter = (rule: string, message: string, code?: number | string) => void

/** Groups children without adding an element. */
export function Fragment(props: { children?: Child }): Child {
  return props.children
}

/**
 * Specs of the lowercase intrinsic elements (`<break>`, `<say-as>`, ...), by tag. Filled by
 * the element files that define them; the renderer looks string tags up here.
 */
export const intrinsicElements = new Map<string, ElementSpec>()

/** Defines a built-in TwiML element from its spec. */
export function defineElement<P>(spec: ElementSpec<P>): BuiltinElement<P> {
  const element = ((props: P) => jsx(element, props)) as BuiltinElement<P> & {
    [ELEMENT_SPEC]: ElementSpec<P>
    tag: string
  }
  Object.defineProperty(element, ELEMENT_SPEC, { value: spec })
  Object.defineProperty(element, 'tag', { value: spec.tag })
  Object.defineProperty(element, 'name', { value: spec.tag })
  return element
}

/** The JSX factory (automatic runtime). `key` is kept apart from props, as in React. */
export function jsx(type: TwimlNode['type'], props: any, key?: string | number | null): TwimlNode {
  return key === undefined ? { $$typeof: NODE_BRAND, type, props } : { $$typeof: NODE_BRAND, type, props, key }
}

/** True for real nodes only; a look-alike object from JSON is not one. */
export function isNode(value: unknown): value is TwimlNode {
  return typeof value === 'object' && value !== null && (value as TwimlNode).$$typeof === NODE_BRAND
}
