/**
 * Coverage against the twilio package: every TwiML element its builder can write, every attribute
 * of every `*Attributes` interface, and every parent → child nesting, must have a counterpart here.
 *
 * The element classes, their builder methods and attribute interfaces are read from the typings
 * (VoiceResponse.d.ts, MessagingResponse.d.ts) with the TypeScript compiler API. The typings do not
 * carry the wire tag of each method (`sayAs` writes `say-as`, `Sip.uri` writes `Uri`), so the compiled
 * JavaScript beside them is parsed too, only to read the tag each method passes to `ele(tag, …)`.
 *
 * Ours: every built-in element exported from the package index (found by its spec's `tag`) and every
 * lowercase intrinsic element; attributes by wire name (after `attributeNames`, without `nonAttributes`).
 *
 * Closed value sets: where twilio types an attribute as a union of string literals (or an array of
 * them), our domain must accept every one of those values, and accept no other value unless it is
 * listed below with the Twilio page that documents it.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as api from 'twiml-jsx'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { SSML_TAGS } from '../src/elements.js'
import { ELEMENT_SPEC, type ElementSpec } from '../src/node.js'
import { type AttributeDomain, mayContain } from '../src/schema.js'
import { ssmlIntrinsic } from '../src/voice/ssml.js'

const require = createRequire(import.meta.url)

/** One way twilio's builder writes an element: `parent.method(attributes)` → `<tag>`. */
interface TwilioElement {
  readonly doc: string
  /** Builder class holding the method (`VoiceResponse`, `Say`, ...). */
  readonly parent: string
  readonly method: string
  readonly tag: string
  /** Class of the element the method returns. */
  readonly cls: string
  /** Wire names of its attributes. */
  readonly attributes: readonly string[]
  /** Attributes twilio types as a closed set: the values, and whether it takes an array of them. */
  readonly closed: ReadonlyMap<string, { readonly values: readonly string[]; readonly list: boolean }>
}

interface TwilioDocument {
  readonly doc: string
  readonly elements: readonly TwilioElement[]
}

function nameOf(name: ts.PropertyName | ts.EntityName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text
  if (ts.isQualifiedName(name)) return name.right.text
  throw new Error(`unexpected name kind ${ts.SyntaxKind[name.kind]}`)
}

/** `VoiceResponse.SsmlBreak` → `SsmlBreak`; `object`, `XMLElement`, ... → the text. */
function typeName(type: ts.TypeNode | undefined): string | undefined {
  if (type === undefined) return undefined
  if (ts.isTypeReferenceNode(type)) return nameOf(type.typeName)
  return undefined
}

/** Reads one twilio TwiML module: its typings for classes and attributes, its JS for tags. */
function readTwilio(doc: 'VoiceResponse' | 'MessagingResponse'): TwilioDocument {
  const dtsPath = require.resolve(`twilio/lib/twiml/${doc}.d.ts`)
  const jsPath = require.resolve(`twilio/lib/twiml/${doc}.js`)
  const dts = ts.createSourceFile(dtsPath, readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest, true)
  const js = ts.createSourceFile(jsPath, readFileSync(jsPath, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)

  // Typings: classes (the root and those in the namespace), attribute interfaces (merged), and the
  // type aliases that are unions of string literals.
  const classes = new Map<string, ts.ClassDeclaration>()
  const interfaces = new Map<string, Map<string, ts.TypeNode | undefined>>()
  const unions = new Map<string, string[]>()
  const visitDts = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) && node.name) classes.set(node.name.text, node)
    if (ts.isInterfaceDeclaration(node)) {
      const members = interfaces.get(node.name.text) ?? new Map<string, ts.TypeNode | undefined>()
      for (const m of node.members)
        if (m.name) members.set(nameOf(m.name), ts.isPropertySignature(m) ? m.type : undefined)
      interfaces.set(node.name.text, members)
    }
    if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type)) {
      const literals = node.type.types.flatMap((t) =>
        ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : [],
      )
      if (literals.length === node.type.types.length) unions.set(node.name.text, literals)
    }
    ts.forEachChild(node, visitDts)
  }
  visitDts(dts)
  /** The closed set an attribute's type names, if it names one. */
  const closedSet = (type: ts.TypeNode | undefined) => {
    const list = type !== undefined && ts.isArrayTypeNode(type)
    const values = unions.get(typeName(list ? (type as ts.ArrayTypeNode).elementType : type) ?? '')
    return values === undefined ? undefined : { values, list }
  }

  // JavaScript: the tag each `Class.method` passes to `….ele("tag", …)`.
  const tags = new Map<string, string>()
  const visitJs = (node: ts.Node, cls: string | undefined, method: string | undefined): void => {
    if (ts.isClassDeclaration(node) && node.name) cls = node.name.text
    if (ts.isMethodDeclaration(node)) method = nameOf(node.name)
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'ele' &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0]) &&
      cls !== undefined &&
      method !== undefined
    ) {
      tags.set(`${cls}.${method}`, node.arguments[0].text)
    }
    ts.forEachChild(node, (child) => visitJs(child, cls, method))
  }
  visitJs(js, undefined, undefined)

  const elements: TwilioElement[] = [
    { doc, parent: '', method: '', tag: 'Response', cls: doc, attributes: [], closed: new Map() },
  ]
  for (const [parent, decl] of classes) {
    const byMethod = new Map<string, { cls: string; attributes: Set<string>; closed: TwilioElement['closed'] }>()
    for (const member of decl.members) {
      if (!ts.isMethodDeclaration(member)) continue
      const cls = typeName(member.type)
      if (cls === undefined || !classes.has(cls)) continue // comment(), toString(), ...
      const method = nameOf(member.name)
      const entry = byMethod.get(method) ?? { cls, attributes: new Set<string>(), closed: new Map() }
      const attributesParam = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === 'attributes')
      const iface = typeName(attributesParam?.type)
      for (const [a, type] of (iface !== undefined && interfaces.get(iface)) || []) {
        entry.attributes.add(a)
        const closed = closedSet(type)
        if (closed !== undefined) (entry.closed as Map<string, typeof closed>).set(a, closed)
      }
      byMethod.set(method, entry)
    }
    for (const [method, { cls, attributes, closed }] of byMethod) {
      const tag = tags.get(`${parent}.${method}`)
      if (tag === undefined) throw new Error(`${doc}: no ele() tag found for ${parent}.${method}`)
      elements.push({ doc, parent, method, tag, cls, attributes: [...attributes], closed })
    }
  }
  return { doc, elements }
}

// Ours -------------------------------------------------------------------------------------------

const exported = new Map<string, ElementSpec>()
for (const [name, value] of Object.entries(api)) {
  const spec = typeof value === 'function' ? (value as { [ELEMENT_SPEC]?: ElementSpec })[ELEMENT_SPEC] : undefined
  if (spec !== undefined) exported.set(name, spec)
}
const ours = new Map<string, Set<ElementSpec>>()
const intrinsics = SSML_TAGS.map((tag) => ssmlIntrinsic(tag)!)
for (const spec of [...exported.values(), ...intrinsics]) {
  const set = ours.get(spec.tag) ?? new Set<ElementSpec>()
  set.add(spec)
  ours.set(spec.tag, set)
}
/** The export that is each twilio document's root. */
const ROOT_EXPORT: Record<string, string> = { VoiceResponse: 'VoiceResponse', MessagingResponse: 'MessagingResponse' }

function wireAttributes(spec: ElementSpec): Set<string> {
  return new Set(
    Object.keys(spec.attributes)
      .filter((k) => !spec.nonAttributes?.has(k))
      .map((k) => spec.attributeNames?.[k] ?? k),
  )
}

const documents = [readTwilio('VoiceResponse'), readTwilio('MessagingResponse')]

/**
 * Twilio classes that share a tag with another (`Sip` in `<Dial>`, `ReferSip` in `<Refer>`) are told
 * apart by export name: an export named like the class stands for it, and only for it.
 */
const claimedBy = new Map<ElementSpec, string>()
for (const { elements } of documents) {
  for (const e of elements) {
    const spec = exported.get(e.cls)
    if (spec !== undefined && spec.tag === e.tag && e.cls !== e.doc) claimedBy.set(spec, e.cls)
  }
}

/** Our specs standing for a twilio class: the document's root export, the export named like it, or the rest with its tag. */
function specsFor(doc: string, cls: string, tag: string): ElementSpec[] {
  if (cls === doc) {
    const root = exported.get(ROOT_EXPORT[doc] ?? '')
    return root !== undefined && root.tag === 'Response' ? [root] : []
  }
  const named = exported.get(cls)
  if (named !== undefined && named.tag === tag) return [named]
  return [...(ours.get(tag) ?? [])].filter((spec) => !claimedBy.has(spec))
}

describe('coverage of the twilio builder', () => {
  test('the typings were read (sanity)', () => {
    const voice = documents[0]!.elements
    expect(voice.length).toBeGreaterThan(50)
    expect(voice.find((e) => e.parent === 'Say' && e.method === 'sayAs')).toMatchObject({
      tag: 'say-as',
      attributes: ['format', 'interpret-as'],
    })
    expect(documents[1]!.elements.map((e) => e.tag).sort()).toEqual([
      'Body',
      'Media',
      'Message',
      'Redirect',
      'Response',
    ])
  })

  test('every element has a counterpart', () => {
    const missing = new Set<string>()
    for (const { doc, elements } of documents) {
      for (const e of elements) {
        if (specsFor(doc, e.cls, e.tag).length === 0) {
          missing.add(e.cls === doc ? `${doc}: root export ${ROOT_EXPORT[doc]}` : `${doc}: <${e.tag}> (${e.cls})`)
        }
      }
    }
    expect([...missing].sort()).toEqual([])
  })

  test('every attribute of every element has a counterpart, by wire name', () => {
    const missing = new Set<string>()
    for (const { doc, elements } of documents) {
      for (const e of elements) {
        for (const spec of specsFor(doc, e.cls, e.tag)) {
          const ourAttributes = wireAttributes(spec)
          for (const a of e.attributes) if (!ourAttributes.has(a)) missing.add(`${doc}: <${e.tag}> ${a}`)
        }
      }
    }
    expect([...missing].sort()).toEqual([])
  })

  test('every child the builder can nest is allowed by our parent, as the same definition', () => {
    const missing = new Set<string>()
    for (const { doc, elements } of documents) {
      const tagOf = new Map(elements.map((e) => [e.cls, e.tag]))
      for (const e of elements) {
        if (e.parent === '') continue
        const children = specsFor(doc, e.cls, e.tag)
        for (const parent of specsFor(doc, e.parent, tagOf.get(e.parent) ?? '?')) {
          if (!children.some((child) => mayContain(parent, child))) {
            missing.add(`${doc}: <${parent.tag}> > <${e.tag}> (${e.cls})`)
          }
        }
      }
    }
    expect([...missing].sort()).toEqual([])
  })

  test("every value of a closed set twilio types is accepted, and ours add only values Twilio's pages document", () => {
    const refused = new Set<string>()
    const extra = new Set<string>()
    for (const { doc, elements } of documents) {
      for (const e of elements) {
        for (const spec of specsFor(doc, e.cls, e.tag)) {
          for (const [wire, { values, list }] of e.closed) {
            const domain = domainByWireName(spec, wire)
            if (domain === undefined) continue // reported by the attribute test
            for (const v of values) {
              if (domain.check(list ? [v] : v) !== undefined) refused.add(`<${e.tag}> ${wire}="${v}"`)
            }
            for (const v of closedValues(domain)) {
              if (!values.includes(v) && !DOCUMENTED_EXTRAS[`${e.tag} ${wire}`]?.includes(v)) {
                extra.add(`<${e.tag}> ${wire}="${v}"`)
              }
            }
          }
        }
      }
    }
    expect([...refused].sort()).toEqual([])
    expect([...extra].sort()).toEqual([])
  })
})

/** Values Twilio's pages document that twilio's typings lack, by `Tag attribute`, with the page. */
const DOCUMENTED_EXTRAS: Readonly<Record<string, readonly string[]>> = {
  // https://www.twilio.com/docs/voice/twiml/pay/prompt (its ACH example), and the error table of
  // https://www.twilio.com/docs/voice/twiml/pay
  'Prompt errorType': [
    'date-validation-failed',
    'invalid-postal-code',
    'invalid-bank-routing-number',
    'invalid-bank-account-number',
  ],
}

function domainByWireName(spec: ElementSpec, wire: string): AttributeDomain | undefined {
  const renamed = Object.entries(spec.attributeNames ?? {}).find(([, w]) => w === wire)?.[0]
  return (spec.attributes as Record<string, AttributeDomain | undefined>)[renamed ?? wire]
}

/** The closed strings a domain names (in an enum or list, or in the closed members of a union). */
function closedValues(domain: AttributeDomain): readonly string[] {
  if (domain.kind === 'enum' || domain.kind === 'list') return domain.values
  if (domain.kind === 'union') return domain.of.flatMap(closedValues)
  return []
}
