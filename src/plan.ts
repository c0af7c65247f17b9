/**
 * What the walk needs of an element definition, computed once per definition: its tags as
 * strings, each prop's wire name and domain in one table, its child rule as a set. Every plan
 * has the same shape, so the writer and the judge read them without looking at the ~70
 * differently shaped specs (element data stays plain data in the element files).
 */
import { nameExtraBytes } from './escape.js'
import type { BuiltinElement } from './node.js'
import { type AttributeDomain, definitionOf, ELEMENT_SPEC, type ElementSpec } from './schema.js'

/** What was written for a value: the attribute (or text), its UTF-8 bytes beyond its length, whether it passed. */
export interface Written {
  readonly fragment: string
  readonly extra: number
  readonly valid: boolean
}

/** Values remembered per prop, beyond the last one (a document repeats a few values per prop). */
export const PROP_MEMO_LIMIT = 16

/** One prop of an element: where it goes on the wire, its domain, and the last values written. */
export class PropPlan {
  /** ` wire="`: what precedes the escaped value; `undefined` for props that are not attributes. */
  declare readonly prefix: string | undefined
  /** The last value written, and what was written for it (a render of the same tree repeats them). */
  lastValue: unknown = undefined
  lastFragment = ''
  /** UTF-8 bytes beyond the length of `lastFragment`. */
  lastExtra = 0
  /** UTF-8 bytes beyond the length of the name (a wire name outside ASCII). */
  readonly nameExtra: number
  /** Whether `lastValue` passed the domain's check. */
  lastValid = false
  /** Other recent values (primitives) and what was written for them. */
  readonly memo = new Map<unknown, Written>()
  /** Neither written nor checked (an object the element composes itself, such as `<Sip headers>`). */
  declare readonly inert: boolean

  constructor(
    readonly wire: string,
    readonly domain: AttributeDomain,
    written: boolean,
  ) {
    this.prefix = written ? ` ${wire}="` : undefined
    this.inert = !written && domain.kind === 'custom'
    this.nameExtra = nameExtraBytes(wire)
  }
}

/** Where an element function carries its plan (made with the function, in `defineElement`). */
export const PLAN: unique symbol = Symbol('twiml-jsx.plan') as never

/** Plans of the specs that are not carried by an element function (SSML under its wire names). */
const looseSpecs = new WeakMap<ElementSpec, Plan>()

export class Plan {
  declare readonly definition: ElementSpec
  declare readonly tag: string
  declare readonly close: string
  readonly props = new Map<string, PropPlan>()
  declare readonly takesText: boolean
  declare readonly root: boolean
  declare readonly terminal: boolean
  declare readonly unchecked: boolean
  declare readonly text: ElementSpec['text']
  declare readonly check: ElementSpec['check']
  /** The last parent this element stood in, and whether it may (the same pair recurs in a document). */
  private lastParent: Plan | undefined = undefined
  private lastAllowed = false
  /** UTF-8 bytes beyond the length of the tag (a tag outside ASCII, from `UncheckedElement`). */
  declare readonly tagExtra: number
  private children: ReadonlySet<ElementSpec> | undefined = undefined
  private roots: readonly ElementSpec[] | undefined = undefined

  declare readonly spec: ElementSpec

  constructor(spec: ElementSpec) {
    this.spec = spec
    this.definition = definitionOf(spec)
    this.tag = spec.tag
    this.close = `</${spec.tag}>`
    this.tagExtra = nameExtraBytes(spec.tag)
    this.takesText = spec.children?.text === true
    this.root = this.definition.root === true
    this.terminal = spec.terminal === true
    this.unchecked = spec.unchecked === true
    this.text = spec.text
    this.check = spec.check
    const names = spec.attributeNames
    const skip = spec.nonAttributes
    for (const [prop, domain] of Object.entries(spec.attributes as Record<string, AttributeDomain>)) {
      this.props.set(prop, new PropPlan(names?.[prop] ?? prop, domain, !skip?.has(prop)))
    }
  }

  /** The definitions this element's child rule names (resolved on first use: rules may name each other). */
  childDefinitions(): ReadonlySet<ElementSpec> {
    return (this.children ??= new Set(
      (this.spec.children?.elements?.() ?? []).map((e) => definitionOf(e[ELEMENT_SPEC])),
    ))
  }

  /** Whether an element of plan `child` may stand in this one (see `mayContain` in schema.ts). */
  mayContain(child: Plan): boolean {
    if (child.lastParent === this) return child.lastAllowed
    let allowed = this.unchecked || child.unchecked || this.childDefinitions().has(child.definition)
    if (!allowed) {
      child.roots ??= (child.definition.verbOf ?? []).map((r: BuiltinElement<any>) => r[ELEMENT_SPEC])
      allowed = child.roots.includes(this.definition)
    }
    child.lastParent = this
    child.lastAllowed = allowed
    return allowed
  }
}

/** The plan of a spec that no element function carries. */
export function planOf(spec: ElementSpec): Plan {
  let plan = looseSpecs.get(spec)
  if (plan === undefined) looseSpecs.set(spec, (plan = new Plan(spec)))
  return plan
}
