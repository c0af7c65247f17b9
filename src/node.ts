/**
 * The one node type of twiml-jsx, and the factory the JSX runtime calls.
 *
 * A node is `{ $$typeof, type, props }`. The brand is a registered Symbol, so a
 * value parsed from JSON (a webhook body, a cached object) can never pose as a node.
 */
import { ELEMENT_SPEC, type ElementSpec } from './schema.js'

export type { AttributeKeys, CheckedElement, CheckOptions, ElementSpec, Reporter } from './schema.js'
export { ELEMENT_SPEC }

/** Brand carried by every node. `Symbol.for` so two copies of the package still agree. */
export const NODE_BRAND: unique symbol = Symbol.for('twiml-jsx.node') as never

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

/** Groups children without adding an element. */
export function Fragment(props: { children?: Child }): Child {
  return props.children
}

/**
 * Defines a built-in TwiML element from its spec. Pure (defining an element changes nothing
 * else), and marked so for bundlers, which drop the elements a bundle does not use.
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineElement<P>(spec: ElementSpec<P>): BuiltinElement<P> {
  const element = ((props: P) => jsx(element, props)) as BuiltinElement<P> & {
    [ELEMENT_SPEC]: ElementSpec<P>
    tag: string
  }
  Object.defineProperty(element, ELEMENT_SPEC, { value: spec })
  Object.defineProperty(element, 'tag', { value: spec.tag })
  Object.defineProperty(element, 'name', { value: spec.name ?? spec.tag })
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
