/**
 * The forward-compatibility escape hatch, for an element or attribute Twilio adds before
 * twiml-jsx does. What goes through it is written exactly like the rest (same escaping, same
 * attribute rules: `true`/`false`, arrays space-joined, `null`/`undefined` left out) but is
 * **unchecked**: neither the compiler nor validation knows what it means. Prefer the typed
 * element or prop as soon as there is one.
 *
 * - {@link UncheckedElement}: an element twiml-jsx lacks, `<UncheckedElement tag="NewVerb" attributes={{ … }}>`.
 * - {@link WithUncheckedAttributes}: a known element with attributes (or attribute values) twiml-jsx
 *   lacks, `<WithUncheckedAttributes element={Dial} attributes={{ newThing: 'x' }} callerId="…">`;
 *   the element's own props stay checked.
 */

import * as attr from './attr.js'
import { TwimlRenderError } from './errors.js'
import { isXmlName } from './escape.js'
import {
  type BuiltinElement,
  type Child,
  defineElement,
  ELEMENT_SPEC,
  type ElementSpec,
  jsx,
  type TwimlNode,
} from './node.js'
import { type AttributeDomain, definitionOf } from './schema.js'

/** A value the renderer can write as an attribute. */
export type UncheckedAttributeValue = string | number | boolean | readonly (string | number)[] | null | undefined

/** Attributes by their wire names (`newThing`, `x-y`, `ns:z`), written in this order. Not checked. */
export type UncheckedAttributes = Readonly<Record<string, UncheckedAttributeValue>>

export interface UncheckedElementProps {
  /** The tag as Twilio documents it: `NewVerb`, `amazon:breath`, ... Must be an XML name. */
  tag: string
  /** Attributes by wire name, written in this order. Not checked. */
  attributes?: UncheckedAttributes
  /** Content: text and any elements. Not checked. */
  children?: Child
}

/**
 * An element twiml-jsx does not define yet, rendered like the rest and not checked: validation
 * accepts it anywhere and accepts anything inside it (its children's own rules still apply).
 *
 * ```tsx
 * <Response><UncheckedElement tag="NewVerb" attributes={{ mode: 'fast' }}>text</UncheckedElement></Response>
 * ```
 */
export function UncheckedElement(props: UncheckedElementProps): TwimlNode {
  const { tag, attributes, children } = props
  const where = `UncheckedElement(${JSON.stringify(tag)})`
  if (typeof tag !== 'string' || !isXmlName(tag)) {
    throw new TwimlRenderError(where, 'tag must be an XML name (a letter, _ or : first, then letters, digits, . - _ :)')
  }
  const domains: Record<string, AttributeDomain> = {}
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(attributes ?? {})) {
    checkName(name, where)
    domains[name] = attr.custom()
    out[name] = value
  }
  out.children = children
  const element = defineElement<Record<string, unknown>>({
    tag,
    attributes: domains,
    children: { text: true },
    unchecked: true,
  })
  return jsx(element, out)
}

/** Props of {@link WithUncheckedAttributes}: the element, its extra attributes, and its own props. */
export type WithUncheckedAttributesProps<P> = {
  /** The built-in element to render (`Dial`, `Say`, ...). */
  element: BuiltinElement<P>
  /**
   * Attributes by wire name, written where this prop stands among the others. Not checked: use
   * it for an attribute twiml-jsx lacks, or for a value its types do not know yet (then leave
   * the typed prop out). The same attribute cannot come both ways.
   */
  attributes: UncheckedAttributes
} & NoInfer<P>

/**
 * A built-in element with extra, unchecked attributes. The element's own props are checked as
 * usual; only `attributes` are not.
 *
 * ```tsx
 * <WithUncheckedAttributes element={Dial} callerId="+15550001111" attributes={{ newThing: 'x' }}>
 *   <Number>+15550002222</Number>
 * </WithUncheckedAttributes>
 * ```
 */
export function WithUncheckedAttributes<P>(props: WithUncheckedAttributesProps<P>): TwimlNode {
  const { element, attributes } = props
  const spec = (element as Partial<BuiltinElement<P>> | undefined)?.[ELEMENT_SPEC] as ElementSpec | undefined
  if (spec === undefined) {
    throw new TwimlRenderError(
      'WithUncheckedAttributes',
      'element must be a built-in TwiML element (Say, Dial, ...); for a new element use <UncheckedElement>',
    )
  }
  const where = `WithUncheckedAttributes(${spec.tag})`
  const names = spec.attributeNames
  const given = new Set<string>()
  for (const key in props) {
    const value = (props as Record<string, unknown>)[key]
    if (key !== 'element' && key !== 'attributes' && key !== 'children' && value !== undefined && value !== null) {
      given.add(key).add(names?.[key] ?? key)
    }
  }
  const domains: Record<string, AttributeDomain> = { ...spec.attributes }
  const renames: Record<string, string> = { ...names }
  const out: Record<string, unknown> = {}
  for (const key in props) {
    if (key === 'element') continue
    if (key !== 'attributes') {
      out[key] = (props as Record<string, unknown>)[key]
      continue
    }
    for (const [name, value] of Object.entries(attributes ?? {})) {
      checkName(name, where)
      if (given.has(name)) throw new TwimlRenderError(where, `${name} is given both as a prop and in attributes`)
      if (spec.nonAttributes?.has(name)) {
        throw new TwimlRenderError(where, `${name} is a prop of <${spec.tag}> that is not an XML attribute`)
      }
      domains[name] = attr.custom()
      renames[name] = name
      out[name] = value
    }
  }
  // The same definition with more attributes: child rules, which name definitions, still see it as one.
  const derived = defineElement<Record<string, unknown>>({
    ...spec,
    base: definitionOf(spec),
    attributes: domains,
    attributeNames: renames,
  })
  return jsx(derived, out)
}

function checkName(name: string, where: string): void {
  if (name === 'children') throw new TwimlRenderError(where, 'children cannot be an attribute; pass them as children')
  if (!isXmlName(name)) throw new TwimlRenderError(where, `${JSON.stringify(name)} is not an XML attribute name`)
}
