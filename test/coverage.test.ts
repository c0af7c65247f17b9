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
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as api from 'twiml-jsx'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { ELEMENT_SPEC, type ElementSpec, intrinsicElements } from '../src/node.js'

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

  // Typings: classes (the root and those in the namespace) and attribute interfaces (merged).
  const classes = new Map<string, ts.ClassDeclaration>()
  const interfaces = new Map<string, Set<string>>()
  const visitDts = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) && node.name) classes.set(node.name.text, node)
    if (ts.isInterfaceDeclaration(node)) {
      const members = interfaces.get(node.name.text) ?? new Set<string>()
      for (const m of node.members) if (m.name) members.add(nameOf(m.name))
      interfaces.set(node.name.text, members)
    }
    ts.forEachChild(node, visitDts)
  }
  visitDts(dts)

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

  const elements: TwilioElement[] = [{ doc, parent: '', method: '', tag: 'Response', cls: doc, attributes: [] }]
  for (const [parent, decl] of classes) {
    const byMethod = new Map<string, { cls: string; attributes: Set<string> }>()
    for (const member of decl.members) {
      if (!ts.isMethodDeclaration(member)) continue
      const cls = typeName(member.type)
      if (cls === undefined || !classes.has(cls)) continue // comment(), toString(), ...
      const method = nameOf(member.name)
      const entry = byMethod.get(method) ?? { cls, attributes: new Set<string>() }
      const attributesParam = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === 'attributes')
      const iface = typeName(attributesParam?.type)
      for (const a of (iface !== undefined && interfaces.get(iface)) || []) entry.attributes.add(a)
      byMethod.set(method, entry)
    }
    for (const [method, { cls, attributes }] of byMethod) {
      const tag = tags.get(`${parent}.${method}`)
      if (tag === undefined) throw new Error(`${doc}: no ele() tag found for ${parent}.${method}`)
      elements.push({ doc, parent, method, tag, cls, attributes: [...attributes] })
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
for (const spec of [...exported.values(), ...intrinsicElements.values()]) {
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

  test('every child the builder can nest is allowed by our parent', () => {
    const missing = new Set<string>()
    for (const { doc, elements } of documents) {
      const tagOf = new Map(elements.map((e) => [e.cls, e.tag]))
      for (const e of elements) {
        if (e.parent === '') continue
        for (const parent of specsFor(doc, e.parent, tagOf.get(e.parent) ?? '?')) {
          if (!parent.children?.elements?.includes(e.tag)) missing.add(`${doc}: <${parent.tag}> > <${e.tag}>`)
        }
      }
    }
    expect([...missing].sort()).toEqual([])
  })
})
