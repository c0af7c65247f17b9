/**
 * What the converter knows about TwiML elements, read from the package's own element definitions
 * (their `ELEMENT_SPEC`: tag, attribute domains, child rules) and its public exports (the names to
 * import). This is the only converter module that looks inside the core: when element data changes
 * shape, this file adapts and the rest of src/convert stays as it is.
 */
import { childElement, ELEMENTS, type ElementName } from '../index.js'
import { type BuiltinElement, ELEMENT_SPEC, type ElementSpec, jsx, type TwimlNode } from '../node.js'
import type { AttributeDomain } from '../schema.js'
import { composeSipUri, SIP_HEADER_NAME, SIP_REGIONS, SIP_TRANSPORTS } from '../voice/sip.js'

export { escapeAttribute, escapeText } from '../escape.js'
export {
  type RenderOptions,
  render,
  type TwimlIssue,
  TwimlValidationError,
  UncheckedElement,
  WithUncheckedAttributes,
  XML_DECLARATION,
} from '../index.js'
export type { AttributeDomain } from '../schema.js'
export { jsx, type TwimlNode }

/** A built-in element and the name the generated module imports it by. */
export interface ElementDef {
  readonly element: BuiltinElement<any>
  /** The export name to import: the TwiML tag (`Dial`), or the component name (`SayAs`, `ReferSip`). */
  readonly name: ElementName
  readonly tag: string
}

const specOf = (element: BuiltinElement<any>): ElementSpec => element[ELEMENT_SPEC]

/** Every built-in element under its main export name (the package's `ELEMENTS`). */
const DEFS: ElementDef[] = (Object.keys(ELEMENTS) as ElementName[]).map((name) => ({
  element: ELEMENTS[name],
  name,
  tag: specOf(ELEMENTS[name]).tag,
}))
const defOf = (element: BuiltinElement<any>): ElementDef => DEFS.find((d) => d.element === element)!

/** The root element: the voice `<Response>`, or the messaging one. */
export function rootDefinition(kind: 'voice' | 'messaging'): ElementDef {
  return defOf(kind === 'voice' ? ELEMENTS.Response : ELEMENTS.MessagingResponse)
}

/**
 * The element a `tag` names inside `parent` (`undefined`: at the top of a fragment, or inside an
 * element twiml-jsx does not know), or `undefined` when twiml-jsx has no element of that tag. Where
 * the parent's child rule names it, that definition (`<Refer><Sip>` is `ReferSip`); otherwise the
 * element of that tag, and rendering reports where it stands.
 */
export function childDefinition(parent: ElementDef | undefined, tag: string): ElementDef | undefined {
  const found = parent === undefined ? undefined : childElement(parent.element, tag)
  if (found !== undefined) return defOf(found.element)
  return DEFS.find((d) => d.tag === tag && specOf(d.element).root !== true) ?? DEFS.find((d) => d.tag === tag)
}

/** Whether an element takes text, and which child tags its rule names. */
export function childRule(def: ElementDef): { readonly text: boolean; readonly elements: readonly string[] } {
  const spec = specOf(def.element)
  // A root names no children: its verbs name it.
  const elements = spec.root
    ? DEFS.filter((d) => specOf(d.element).verbOf?.includes(def.element)).map((d) => d.element)
    : (spec.children?.elements?.() ?? [])
  return { text: spec.children?.text === true, elements: elements.map((e) => specOf(e).tag) }
}

/** Speech: `<Say>` and SSML, where text and elements mix and a space between elements is heard. */
export function isSpeech(tag: string): boolean {
  return tag === 'Say' || /^[a-z]/.test(tag)
}

/** A typed prop for a wire attribute: its prop name and value domain. */
export interface PropInfo {
  readonly prop: string
  readonly domain: AttributeDomain
}

/**
 * The prop that writes wire attribute `attribute` (`interpret-as` → `interpretAs`), or `undefined`
 * when the element has no such attribute, or the prop is not written as that attribute (`<Sip
 * region>` goes into the URI).
 */
export function propForAttribute(def: ElementDef, attribute: string): PropInfo | undefined {
  const spec = specOf(def.element)
  const renames = spec.attributeNames ?? {}
  const domains = spec.attributes as Readonly<Record<string, AttributeDomain>>
  for (const prop of Object.keys(domains)) {
    if ((renames[prop] ?? prop) !== attribute) continue
    if (spec.nonAttributes?.has(prop)) return undefined
    return { prop, domain: domains[prop]! }
  }
  return undefined
}

/** The wire attribute a prop writes (`interpretAs` → `interpret-as`). */
export function attributeForProp(def: ElementDef, prop: string): string {
  return specOf(def.element).attributeNames?.[prop] ?? prop
}

/** Props the element takes that are not attributes (`<Sip region transport headers>`). */
export function isNonAttribute(def: ElementDef, name: string): boolean {
  return specOf(def.element).nonAttributes?.has(name) === true
}

/**
 * String shapes the TypeScript prop types allow where the value domain is wider or only a pattern
 * (template literal types): a value of another shape would not compile as that prop, so it goes
 * through the escape hatch instead. Checked against the prop types by the converter's tests.
 */
const TYPED_SHAPES: Readonly<Record<string, RegExp>> = {
  'break.time': /^\d+(\.\d+)?(ms|s)$/,
  'prosody.pitch': /^(default|x-low|low|medium|high|x-high|[+-]\d+(\.\d+)?%)$/,
  'prosody.rate': /^(x-slow|slow|medium|fast|x-fast|\d+(\.\d+)?%)$/,
  'prosody.volume': /^(default|silent|x-soft|soft|medium|loud|x-loud|[+-]\d+(\.\d+)?dB)$/,
  'amazon:effect.vocalTractLength': /^[+-]?\d+(\.\d+)?%$/,
  'Header.name': /^(x-.*|X-.*|User-to-User|Remote-Party-ID|P-Preferred-Identity|P-Called-Party-ID)$/,
  'Stream.sampleRate': /^\d+(\.\d+)?$/,
  'ConversationRelay.eagerEotThreshold': /^\d+(\.\d+)?$/,
  'Pay.chargeAmount': /^\d+(\.\d+)?$/,
}

/** Whether a string value compiles as the prop (see {@link TYPED_SHAPES}). */
export function typeAcceptsString(def: ElementDef, prop: string, value: string): boolean {
  const shape = TYPED_SHAPES[`${def.tag}.${prop}`]
  return shape === undefined || shape.test(value)
}

/**
 * What the TypeScript prop types require (validation leaves these to Twilio): an element without
 * them would not compile as typed, so it goes through the escape hatch. Checked against the prop
 * types by the converter's tests.
 */
const REQUIRED_PROPS: Readonly<Record<string, readonly string[]>> = {
  AmazonDomain: ['name'],
  Header: ['name', 'value'],
  Lang: ['xmlLang'],
  Language: ['code'],
  Phoneme: ['ph'],
  Prompt: ['for'],
  SayAs: ['interpretAs'],
  Sub: ['alias'],
}
const REQUIRED_CHILDREN: ReadonlySet<string> = new Set([
  'ApplicationSid',
  'Autopilot',
  'Body',
  'Conference',
  'Identity',
  'Media',
  'Number',
  'Queue',
  'Redirect',
  'ReferSip',
  'Room',
  'Sim',
  'Sip',
  'Sms',
  'Task',
  'Uri',
  'WhatsApp',
])

/** The props an element's type requires. */
export function requiredProps(def: ElementDef): readonly string[] {
  return REQUIRED_PROPS[def.name] ?? []
}

/** Whether an element's type requires content. */
export function requiresChildren(def: ElementDef): boolean {
  return REQUIRED_CHILDREN.has(def.name)
}

/** Props whose values are arrays of numbers on the wire (`<Prompt attempt="1 2">`). */
const NUMBER_LISTS: ReadonlySet<string> = new Set(['Prompt.attempt'])

export function isNumberList(def: ElementDef, prop: string): boolean {
  return NUMBER_LISTS.has(`${def.tag}.${prop}`)
}

/** Whether an element is the dialed `<Sip>`, whose URI props compose its text. */
export function isDialedSip(def: ElementDef): boolean {
  return def.element === ELEMENTS.Sip
}

/** The SIP URI facts the converter decomposes a `<Sip>` text with. */
export const SIP = {
  regions: SIP_REGIONS as readonly string[],
  transports: SIP_TRANSPORTS as readonly string[],
  headerName: SIP_HEADER_NAME,
  /** The URI `<Sip>` writes for `text` and these props (problems are left to rendering). */
  compose(text: string, props: { region?: string; transport?: string; headers?: Record<string, string> }): string {
    return composeSipUri(text, props as never, () => {})
  },
}

/** The path segment the renderer uses for an element in problem paths. */
export function pathTag(def: ElementDef | undefined, tag: string): string {
  return def === undefined ? tag : specOf(def.element).tag
}
