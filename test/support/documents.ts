/**
 * Random TwiML documents drawn from the element specs (attribute domains and child rules),
 * built two ways: with our components, and with the twilio package's builder (the oracle).
 */
import fc from 'fast-check'
import twilio from 'twilio'
import { type BuiltinElement, ELEMENT_SPEC, type ElementSpec, jsx, type TwimlNode } from '../../src/node.js'
import { type AttributeDomain, mayContain, nameOf } from '../../src/schema.js'

/** One generated element: what both builders need. */
export interface GenElement {
  readonly tag: string
  readonly element: BuiltinElement<any>
  readonly attrs: readonly (readonly [string, unknown])[]
  /** Props that are not attributes (Sip URI props), and the text twilio must get instead. */
  readonly extraProps?: Readonly<Record<string, unknown>>
  readonly text?: string
  readonly twilioText?: string
  readonly children?: readonly GenElement[]
}

// Characters XML 1.0 allows, weighted towards the ones that need escaping.
const xmlChar = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', ' ', ';', '?', '=', '%', '&amp;'),
  },
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
)

/** Strings with markup characters, quotes, whitespace controls and non-BMP characters. */
export const hostileString = (maxLength = 24) => fc.string({ unit: xmlChar, maxLength })

const token = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-._'),
  minLength: 1,
  maxLength: 12,
})

export function domainArbitrary(domain: AttributeDomain): fc.Arbitrary<unknown> | undefined {
  switch (domain.kind) {
    case 'enum':
      return fc.constantFrom(...domain.values)
    case 'list':
      return fc.subarray([...domain.values], { minLength: 1 })
    case 'open':
      return domain.known.length > 0 ? fc.oneof(fc.constantFrom(...domain.known), hostileString()) : hostileString()
    case 'boolean':
      return fc.boolean()
    case 'integer':
      return fc.integer({ min: domain.min ?? 0, max: domain.max ?? 100_000 })
    case 'number':
      return fc.double({ min: domain.min ?? 0, max: domain.max ?? 100_000, noNaN: true, noDefaultInfinity: true })
    case 'url':
      return fc.oneof(
        token.map((t) => `/${t}`),
        fc.tuple(token, hostileString(12)).map(([p, q]) => `https://example.com/${p}?q=${q}`),
      )
    case 'string': {
      const max = domain.maxLength
      // Astral characters are two UTF-16 units: bound the length the way the rule counts it.
      return max === undefined ? hostileString() : hostileString(Math.min(24, max)).filter((s) => s.length <= max)
    }
    case 'pattern':
      // fast-check cannot draw from case-insensitive patterns; the case-sensitive ones are a subset.
      return fc.stringMatching(new RegExp(domain.pattern.source))
    case 'union':
      return fc.oneof(...domain.of.map(domainArbitrary).filter((a) => a !== undefined))
    case 'custom':
      return undefined
  }
}

export const specOf = (element: BuiltinElement<any>): ElementSpec => element[ELEMENT_SPEC]

type AttrPairs = readonly (readonly [string, unknown])[]

function attrsArbitrary(spec: ElementSpec): fc.Arbitrary<AttrPairs> {
  const entries = Object.entries(spec.attributes as Record<string, AttributeDomain>).filter(
    ([name]) => !spec.nonAttributes?.has(name),
  )
  const pairs = entries.flatMap(([name, domain]) => {
    const arb = domainArbitrary(domain)
    return arb === undefined ? [] : [arb.map((v) => [name, v] as const)]
  })
  // A random subset of the attributes, in a random order (attributes render in the order written).
  return fc
    .shuffledSubarray(pairs.map((_, i) => i))
    .chain(
      (indexes): fc.Arbitrary<AttrPairs> =>
        indexes.length === 0 ? fc.constant([]) : fc.tuple(...indexes.map((i) => pairs[i]!)),
    )
}

const sipExtras = fc.record(
  {
    region: fc.constantFrom('us1', 'us2', 'ie1', 'de1', 'sg1', 'jp1', 'br1', 'au1'),
    transport: fc.constantFrom('udp', 'tcp', 'tls'),
    // CR and LF would split a SIP header: the renderer refuses them (tested in sip.test.tsx).
    headers: fc.uniqueArray(
      fc.tuple(
        token.map((t) => `x-${t}`),
        hostileString(16).map((v) => v.replace(/[\r\n]/g, ' ')),
      ),
      {
        maxLength: 3,
        selector: ([n]) => n.toLowerCase(),
      },
    ),
  },
  { requiredKeys: [] },
)

/** The URI Twilio must receive, written out independently of `composeSipUri`. */
function expectedSipUri(uri: string, extras: { region?: string; transport?: string; headers?: [string, string][] }) {
  let out = uri
  if (extras.region !== undefined) out += `;region=${extras.region}`
  if (extras.transport !== undefined) out += `;transport=${extras.transport}`
  if (extras.headers !== undefined && extras.headers.length > 0) {
    out += `?${extras.headers.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&')}`
  }
  return out
}

/**
 * Arbitrary documents rooted at `root`, whose children are drawn from `elements`: those each
 * spec's child rule names (or, under a root, its verbs).
 */
export function documentArbitrary(
  root: BuiltinElement<any>,
  elements: readonly BuiltinElement<any>[],
  { maxDepth = 4, accept }: { maxDepth?: number; accept?: (g: GenElement) => boolean } = {},
) {
  const byTag = new Map(elements.map((e) => [specOf(e).tag, e]))
  const memo = new Map<string, fc.Arbitrary<GenElement>>()

  function arb(element: BuiltinElement<any>, depth: number): fc.Arbitrary<GenElement> {
    const spec = specOf(element)
    const key = `${nameOf(spec)}/${depth}`
    const cached = memo.get(key)
    if (cached) return cached
    const candidates = elements.filter((e) => !specOf(e).root && mayContain(spec, specOf(e)))
    const canNest = candidates.length > 0 && depth < maxDepth
    const attrs = attrsArbitrary(spec)
    let result: fc.Arbitrary<GenElement>
    if (nameOf(spec) === 'Sip') {
      const uri = fc.tuple(token, token).map(([u, h]) => `sip:${u}@${h}.example.com`)
      const composed = fc.tuple(attrs, uri, sipExtras).map(([a, u, extras]) => ({
        tag: 'Sip',
        element,
        attrs: a,
        extraProps: {
          ...extras,
          headers: extras.headers === undefined ? undefined : Object.fromEntries(extras.headers),
        },
        text: u,
        twilioText: expectedSipUri(u, extras as never),
      }))
      // Or, instead of URI text, <Uri> and <Headers> elements (no URI props then).
      const withUris = fc
        .tuple(attrs, fc.array(fc.constant('Uri'), { minLength: 1, maxLength: 3 }), fc.boolean())
        .chain(([a, uris, withHeaders]) =>
          fc
            .tuple(
              ...[...uris, ...(withHeaders ? ['Headers'] : [])]
                .filter((t) => byTag.has(t))
                .map((t) => arb(byTag.get(t)!, depth + 1)),
            )
            .map((children): GenElement => ({ tag: 'Sip', element, attrs: a, children })),
        )
      result = canNest ? fc.oneof(composed, withUris) : composed
    } else {
      const modes: fc.Arbitrary<Partial<GenElement>>[] = []
      if (spec.children?.text) modes.push(hostileString(40).map((text) => ({ text })))
      if (canNest) {
        const child = fc.constantFrom(...candidates).chain((e) => arb(e, depth + 1))
        modes.push(fc.array(child, { maxLength: 4 }).map((children) => ({ children })))
        if (spec.children?.text && (spec.tag === 'Say' || /^[a-z]/.test(spec.tag))) {
          // Text and elements mixed, as in <Say>Hello <emphasis>you</emphasis></Say> (SSML only:
          // elsewhere a noun's text and child elements are alternatives).
          const text = hostileString(20)
            .filter((t) => t !== '')
            .map((t): GenElement => ({ tag: '#text', element: element, attrs: [], text: t }))
          modes.push(fc.array(fc.oneof(child, text), { maxLength: 5 }).map((children) => ({ children })))
        }
      }
      if (modes.length === 0) modes.push(fc.constant({}))
      result = fc
        .tuple(attrs, fc.oneof(...modes))
        .map(([a, content]) => ({ tag: spec.tag, element, attrs: a, ...content }))
    }
    if (accept !== undefined) result = result.filter(accept)
    memo.set(key, result)
    return result
  }
  return arb(root, 0)
}

/** Our tree for a generated element (`#text` entries stand for bare text among children). */
export function toNode(g: GenElement): TwimlNode | string {
  if (g.tag === '#text') return g.text ?? ''
  const props: Record<string, unknown> = Object.fromEntries(g.attrs)
  if (g.extraProps) for (const [k, v] of Object.entries(g.extraProps)) if (v !== undefined) props[k] = v
  if (g.children !== undefined) props.children = g.children.map(toNode)
  else if (g.text !== undefined) props.children = g.text
  return jsx(g.element, props)
}

/** The twilio builder method that creates `tag` under a parent (`Dial` → `dial`, `say-as` → `sayAs`). */
export const twilioMethod = (tag: string) =>
  tag.charAt(0).toLowerCase() + tag.slice(1).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** The same document built with the twilio package (root: voice or messaging `<Response>`). */
export function toTwilio(root: GenElement, kind: 'voice' | 'messaging' = 'voice'): string {
  const response = kind === 'voice' ? new twilio.twiml.VoiceResponse() : new twilio.twiml.MessagingResponse()
  for (const child of root.children ?? []) addTwilio(response, child)
  return response.toString()
}

function addTwilio(parent: any, g: GenElement): void {
  if (g.tag === '#text') {
    parent.addText(g.text)
    return
  }
  const spec = specOf(g.element)
  const attrs = Object.fromEntries(g.attrs.map(([name, value]) => [spec.attributeNames?.[name] ?? name, value]))
  const method = twilioMethod(g.tag)
  const text = g.twilioText ?? g.text
  // Tags twilio has no method for (amazon:effect, and anything under such a generic node) go through addChild.
  const el =
    typeof parent[method] === 'function'
      ? parent[method](attrs, g.children === undefined ? text : undefined)
      : parent.addChild(g.tag, attrs)
  if (typeof parent[method] !== 'function' && g.children === undefined && text !== undefined && text !== '') {
    el.addText(text)
  }
  for (const c of g.children ?? []) addTwilio(el, c)
}

const SIP_CALLER_ID = /^[A-Za-z0-9+\-_.]+$/
const DIALED_ALONE = new Set(['Conference', 'Application'])

/**
 * The rules a generated element must also follow to be valid, beyond what the specs' domains and
 * child rules give (the element `check`s): pass as `accept` to draw documents valid by construction.
 */
export function followsElementRules(g: GenElement): boolean {
  // A line break would split a SIP header: the renderer refuses it (tested in sip.test.tsx).
  if (g.tag === 'Header') return !g.attrs.some(([name, value]) => name === 'value' && /[\r\n]/.test(String(value)))
  if (g.tag !== 'Dial' || g.children === undefined) return true
  const tags = g.children.map((c) => c.tag)
  if (tags.length > 1 && tags.some((t) => DIALED_ALONE.has(t))) return false
  const callerId = g.attrs.find(([name]) => name === 'callerId')?.[1]
  return !tags.includes('Sip') || callerId === undefined || SIP_CALLER_ID.test(String(callerId))
}
