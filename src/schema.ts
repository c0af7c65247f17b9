/**
 * Element data: what a built-in TwiML element is, written once and read by everything else (the
 * renderer, validation, the tests' document generator, the simulator's defaults, the converter).
 *
 * - {@link AttributeDomain}: the values a prop takes (closed sets read from `as const` tuples, so the
 *   TypeScript union and the run-time check cannot drift apart), and Twilio's default for it. The
 *   constructors are in attr.ts.
 * - {@link ChildRule}: the element definitions an element may contain, and whether it takes text.
 * - {@link ElementSpec}: an element as a whole (tag, domains, child rule, element-wide checks).
 */
import type { BuiltinElement } from './node.js'
import type { TwimlRule } from './rules.js'

// --- attribute domains ------------------------------------------------------------------------

/**
 * Type-only: a domain's value type, made invariant (it is both a parameter and a result), so an
 * element whose prop type names values its domain lacks, or the other way round, does not compile.
 */
declare const valueType: unique symbol

/** Why a value is outside its domain, as data the message is built from. */
export interface ValueProblem {
  /** What the value must be, completing "it must be …": `one of GET, POST`. */
  readonly expected: string
  /**
   * What was found, where the value is better described than quoted (a 300-character string, a
   * host with an underscore): completes "timeout …", e.g. `is 300 characters, the limit is 255`.
   */
  readonly finding?: string
}

interface Domain<T> {
  /** Twilio's documented default: what leaving the prop out means (a prop value, not wire text). */
  readonly default?: T
  /** Why `value` is outside the domain, or `undefined` when it is inside. */
  readonly check: (value: unknown) => ValueProblem | undefined
  readonly [valueType]?: (value: T) => T
}

/** One of a closed set of strings (protocol values: methods, record modes, ...). */
export interface EnumDomain<V extends string = string> extends Domain<V> {
  readonly kind: 'enum'
  readonly values: readonly V[]
}
/** An array of values from a closed set, written space-separated (status callback events, ...). */
export interface ListDomain<V extends string = string> extends Domain<readonly V[]> {
  readonly kind: 'list'
  readonly values: readonly V[]
}
/** A catalogue Twilio grows (voices, languages): any string, `known` values listed for tools. */
export interface OpenDomain extends Domain<string> {
  readonly kind: 'open'
  readonly known: readonly string[]
}
/** `true` or `false` (TwiML accepts nothing else). */
export interface BooleanDomain extends Domain<boolean> {
  readonly kind: 'boolean'
}
/** A whole number within bounds (inclusive). */
export interface IntegerDomain extends Domain<number> {
  readonly kind: 'integer'
  readonly min?: number
  readonly max?: number
}
/** Any finite number within bounds (inclusive). */
export interface NumberDomain extends Domain<number> {
  readonly kind: 'number'
  readonly min?: number
  readonly max?: number
}
/** A URL Twilio requests: relative, or absolute with a valid host name. */
export interface UrlDomain extends Domain<string> {
  readonly kind: 'url'
}
/** Free text, optionally bounded in length (`code`: the Twilio error for a longer value). */
export interface StringDomain extends Domain<string> {
  readonly kind: 'string'
  readonly maxLength?: number
  readonly code?: number
}
/**
 * Text of a given shape (`description` completes "must be …" in error messages; `code` is the
 * Twilio error for a value of another shape).
 */
export interface PatternDomain extends Domain<string> {
  readonly kind: 'pattern'
  readonly pattern: RegExp
  readonly description: string
  readonly code?: number
}
/** Several domains accepted (e.g. `speechTimeout`: a number or `auto`). */
export interface UnionDomain extends Domain<unknown> {
  readonly kind: 'union'
  readonly of: readonly AttributeDomain[]
}
/** Not an attribute value the renderer checks (objects composed by the element, like SIP headers). */
export interface CustomDomain extends Domain<unknown> {
  readonly kind: 'custom'
}

export type AttributeDomain =
  | EnumDomain<any>
  | ListDomain<any>
  | OpenDomain
  | BooleanDomain
  | IntegerDomain
  | NumberDomain
  | UrlDomain
  | StringDomain
  | PatternDomain
  | UnionDomain
  | CustomDomain

/**
 * The domains a prop of type `T` may have. A closed set of strings must be an {@link EnumDomain} of
 * exactly those strings (or a pattern, for template-literal types such as `${number}ms`); an array
 * of them a {@link ListDomain} of exactly those. Mixed types (`boolean | 'onEnter'`) take any domain.
 */
export type DomainFor<T> = 0 extends 1 & T
  ? AttributeDomain
  : [T] extends [boolean]
    ? BooleanDomain | CustomDomain
    : [T] extends [number]
      ? IntegerDomain | NumberDomain | CustomDomain
      : [T] extends [readonly (infer V)[]]
        ? [V] extends [string]
          ? string extends V
            ? ListDomain<any> | CustomDomain
            : ListDomain<V>
          : CustomDomain
        : [T] extends [string]
          ? string extends T
            ? OpenDomain | StringDomain | UrlDomain | PatternDomain
            : EnumDomain<T> | PatternDomain | UnionDomain
          : AttributeDomain

/** The props of `P` that are attributes (everything but `children`). */
export type AttributeKeys<P> = Exclude<keyof P, 'children'> & string

/** A domain for every prop of `P` but `children`, each agreeing with the prop's type. */
export type AttributeDomains<P> = { readonly [K in AttributeKeys<P>]-?: DomainFor<Exclude<P[K], undefined>> }

// --- elements ---------------------------------------------------------------------------------

/** What an element may contain. */
export interface ChildRule {
  /** Plain text content allowed (phone numbers, URIs, words to say). */
  readonly text?: boolean
  /**
   * The element definitions allowed as children, in any order and number. A function, so that
   * definitions can name each other (SSML elements nest) whatever order they are written in.
   */
  readonly elements?: () => readonly BuiltinElement<any>[]
}

/** The render options element rules may depend on. */
export interface CheckOptions {
  readonly enhancedSip?: boolean
}

/** Receives problems found while rendering one element; the walk adds the element path. */
export type Reporter = (rule: TwimlRule, message: string, code?: number | string) => void

/** What an element's `check` sees once its children are rendered. */
export interface CheckedElement<P> {
  readonly props: P
  /** How many child elements are of these definitions. */
  count(...elements: readonly BuiltinElement<any>[]): number
  /** Number of child elements. */
  readonly childCount: number
  /** Characters of text inside the element, descendants included. */
  readonly textLength: number
  /** Characters of text directly inside the element. */
  readonly ownTextLength: number
}

/**
 * How a built-in element renders and validates. Element definitions are data: the renderer reads
 * this and does the rest, so every element renders and validates the same way.
 */
export interface ElementSpec<P = any> {
  /** TwiML tag written to the XML. */
  readonly tag: string
  /**
   * The name the package exports the element under, where it is not the tag (`ReferSip`,
   * `MessagingResponse`, `SayAs`): tells definitions that share a tag apart in messages and tools.
   */
  readonly name?: string
  /** The value domain of every prop except `children` (the type makes the list complete). */
  readonly attributes: AttributeDomains<P>
  /** What the element may contain. Absent: nothing (an empty element such as `<Hangup/>`). */
  readonly children?: ChildRule
  /**
   * The document roots this element is a verb of (`[Response]`). A root names no children: its
   * verbs name it, so a bundle holds only the verbs it uses.
   */
  readonly verbOf?: readonly BuiltinElement<any>[]
  /** A document root (`<Response>`): the only element that may stand at the top of a document. */
  readonly root?: boolean
  /** Nothing after this verb in the same parent runs (`Hangup`, `Redirect`, `Reject`). */
  readonly terminal?: boolean
  /**
   * The lowercase elements that may be written inside this element and its descendants, by tag
   * (`<Say>` and the SSML elements: `say-as`, `break`, ...). A static table the element carries,
   * so only a bundle with `Say` holds the SSML elements.
   */
  readonly intrinsics?: (tag: string) => ElementSpec | undefined
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
   * The definition this spec is a variant of (the wire-named `<say-as>` of `SayAs`, an element with
   * unchecked attributes): child rules, which name definitions, treat both as the same.
   */
  readonly base?: ElementSpec
  /**
   * For elements whose text content the element rewrites before it is escaped (the SIP URI):
   * receives the children and answers the text to write, or `undefined` when the children are
   * not text (then they render as usual).
   */
  readonly text?: (children: unknown, props: Record<string, unknown>, report: Reporter) => string | undefined
  /**
   * Rules about the element as a whole (how many of which children, lengths), run after its
   * children have been rendered. Report problems; the walk adds the path.
   */
  readonly check?: (element: CheckedElement<P>, report: Reporter, options: CheckOptions) => void
}

/** The spec a built-in element carries (under `ELEMENT_SPEC`; see node.ts). */
export const ELEMENT_SPEC: unique symbol = Symbol.for('twiml-jsx.element') as never

/** The definition a spec stands for: itself, or the one it is a variant of. */
export const definitionOf = (spec: ElementSpec): ElementSpec => spec.base ?? spec

/** The name a definition is exported under (`ReferSip`), or its tag. */
export const nameOf = (spec: ElementSpec): string => definitionOf(spec).name ?? spec.tag

const childSets = new WeakMap<ElementSpec, ReadonlySet<ElementSpec>>()

/** The definitions `parent`'s child rule names (computed once per parent). */
export function childDefinitions(parent: ElementSpec): ReadonlySet<ElementSpec> {
  let set = childSets.get(parent)
  if (set === undefined) {
    set = new Set((parent.children?.elements?.() ?? []).map((e) => definitionOf(e[ELEMENT_SPEC])))
    childSets.set(parent, set)
  }
  return set
}

/**
 * Whether an element of definition `child` may stand in `parent`: the parent's child rule names it,
 * or it is a verb of that root. Elements made by `UncheckedElement` stand anywhere and hold anything.
 */
export function mayContain(parent: ElementSpec, child: ElementSpec): boolean {
  if (parent.unchecked || child.unchecked) return true
  const p = definitionOf(parent)
  const c = definitionOf(child)
  if (childDefinitions(p).has(c)) return true
  const roots = c.verbOf
  if (roots !== undefined) for (const root of roots) if (root[ELEMENT_SPEC] === p) return true
  return false
}

/**
 * Twilio's documented default of a prop: what leaving it out means, as a prop value
 * (`defaultOf(Dial, 'timeout')` is `30`), or `undefined` where Twilio documents none or the default
 * depends on the call (the caller ID, the voice of the account).
 *
 * ```ts
 * defaultOf(Gather, 'finishOnKey') // '#'
 * defaultOf(Sip, 'transport')      // 'udp'
 * ```
 */
export function defaultOf<P, K extends AttributeKeys<P>>(
  element: BuiltinElement<P>,
  prop: K,
): Exclude<P[K], undefined> | undefined {
  const domains = element[ELEMENT_SPEC].attributes as Readonly<Record<string, AttributeDomain | undefined>>
  return (Object.hasOwn(domains, prop) ? domains[prop]?.default : undefined) as Exclude<P[K], undefined> | undefined
}
