/**
 * The converter's intermediate tree: the parsed document with each element's definition, its
 * attributes as typed props, and its content, before it is printed as TSX. Text and attribute
 * values are lists of parts so that TwiML Bin placeholders (`{{From}}`) can sit inside them.
 */
import type { ElementDef } from './elements.js'

/** A piece of text or of an attribute value. */
export type Part =
  | { readonly kind: 'text'; readonly value: string }
  /** A Bin placeholder: `{{Name}}` (`source` as written), `{{.}}` inside a list section (`name` '.'). */
  | { readonly kind: 'param'; readonly name: string; readonly source: string; readonly e164?: boolean }
  /** A Bin section inside text: `{{#Name}}…{{/Name}}` or `{{^Name}}…{{/Name}}`. */
  | {
      readonly kind: 'section'
      readonly name: string
      readonly inverted: boolean
      readonly parts: readonly Part[]
      readonly open: string
      readonly close: string
    }

export interface TextNode {
  readonly kind: 'text'
  parts: Part[]
}

export interface CommentNode {
  readonly kind: 'comment'
  readonly text: string
}

/** A Bin section around elements. */
export interface SectionNode {
  readonly kind: 'section'
  readonly name: string
  readonly inverted: boolean
  readonly open: string
  readonly close: string
  children: Node[]
}

export interface Attribute {
  readonly name: string
  readonly parts: readonly Part[]
}

/** A prop value as it will be written in TSX. */
export type PropValue =
  | { readonly kind: 'string'; readonly parts: readonly Part[] }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'strings'; readonly values: readonly string[] }
  | { readonly kind: 'numbers'; readonly values: readonly number[] }
  | { readonly kind: 'headers'; readonly entries: readonly (readonly [string, string])[] }

export interface Prop {
  readonly name: string
  readonly value: PropValue
}

export interface ElementNode {
  readonly kind: 'element'
  readonly tag: string
  /** The twiml-jsx element for the tag here; `undefined` when there is none. */
  readonly def: ElementDef | undefined
  /** The attributes as written (decoded), in order. */
  readonly attributes: readonly Attribute[]
  children: Node[]
  /**
   * `typed`: the element with typed props (and `unchecked` attributes through
   * `WithUncheckedAttributes`); `unchecked`: `UncheckedElement` with every attribute as written.
   */
  form: 'typed' | 'unchecked'
  props: Prop[]
  /** Attributes written through the escape hatch, by wire name, after the typed props. */
  unchecked: Attribute[]
  /** Why parts of this element use the escape hatch; printed as a comment above it. */
  notes: string[]
  /** The children as written, where props took part of them (`<Sip>` URI parameters). */
  written?: Node[]
}

export type Node = ElementNode | TextNode | CommentNode | SectionNode

/** The decoded text of parts without placeholders, or `undefined` when they hold one. */
export function plainText(parts: readonly Part[]): string | undefined {
  let text = ''
  for (const part of parts) {
    if (part.kind !== 'text') return undefined
    text += part.value
  }
  return text
}

/** The text the parts stand for in the Bin as written (placeholders as their source). */
export function templateText(parts: readonly Part[]): string {
  let text = ''
  for (const part of parts) {
    if (part.kind === 'text') text += part.value
    else if (part.kind === 'param') text += part.source
    else text += templateText(part.parts)
  }
  return text
}

/** Every element in the tree, depth first. */
export function* elements(nodes: readonly Node[]): Generator<ElementNode> {
  for (const node of nodes) {
    if (node.kind === 'element') {
      yield node
      yield* elements(node.children)
    } else if (node.kind === 'section') {
      yield* elements(node.children)
    }
  }
}
