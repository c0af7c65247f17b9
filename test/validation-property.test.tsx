/**
 * Property tests of validation: documents drawn from the rules table (element specs: attribute
 * domains, child rules) and valid by construction never raise; the same documents with one random
 * violation raise exactly that rule.
 */
import fc from 'fast-check'
import {
  Application,
  ApplicationSid,
  Client,
  Conference,
  Dial,
  Gather,
  Hangup,
  Identity,
  Number,
  Parameter,
  Pause,
  Play,
  Queue,
  Redirect,
  Reject,
  Response,
  render,
  Say,
  Sim,
  Sip,
  TwimlValidationError,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import type { AttributeDomain } from '../src/schema.js'
import { documentArbitrary, followsElementRules, type GenElement, specOf, toNode } from './support/documents.js'

const ELEMENTS = [
  Response,
  Dial,
  Number,
  Client,
  Identity,
  Parameter,
  Sip,
  Conference,
  Queue,
  Sim,
  Application,
  ApplicationSid,
  Say,
  Play,
  Pause,
  Gather,
  Hangup,
  Redirect,
  Reject,
]

const validDocuments = documentArbitrary(Response, ELEMENTS, { accept: followsElementRules })

/** Errors (not warnings) a render raises, by rule. */
function ruleErrors(node: ReturnType<typeof toNode>): string[] {
  try {
    render(node, { enhancedSip: true, onIssue: () => {} })
    return []
  } catch (e) {
    if (e instanceof TwimlValidationError) return e.issues.map((i) => i.rule)
    throw e
  }
}

type Violation = 'attribute.unknown' | 'attribute.value' | 'children.element' | 'children.text'

/** A value outside `domain`, where one exists. */
function outside(domain: AttributeDomain): unknown {
  switch (domain.kind) {
    case 'enum':
      return 'not-a-value'
    case 'list':
      return ['not-a-value']
    case 'boolean':
      return 'yes'
    case 'integer':
      return domain.min !== undefined ? domain.min - 1 : 1.5
    case 'url':
      return 'https://bad_host.example.com/'
    default:
      return undefined
  }
}

/** Applies `wanted` to `g` if it can; returns the new element and the rule that must fire. */
function violate(g: GenElement, wanted: Violation): [GenElement, Violation] {
  const spec = specOf(g.element)
  const composesText = spec.text !== undefined
  if (wanted === 'attribute.value') {
    for (const [name, domain] of Object.entries(spec.attributes as Record<string, AttributeDomain>)) {
      const bad = outside(domain)
      if (bad === undefined) continue
      const attrs = [...g.attrs.filter(([n]) => n !== name), [name, bad] as const]
      return [{ ...g, attrs }, wanted]
    }
  }
  if (wanted === 'children.element' && !composesText) {
    // <Response> belongs in no element.
    const stray: GenElement = { tag: 'Response', element: Response, attrs: [] }
    const children = g.children ?? []
    return [{ ...g, text: undefined, children: [...children, stray] }, wanted]
  }
  if (wanted === 'children.text' && !composesText && spec.children?.text !== true && g.children !== undefined) {
    const text: GenElement = { tag: '#text', element: Response, attrs: [], text: 'stray' }
    return [{ ...g, children: [...g.children, text] }, wanted]
  }
  return [{ ...g, attrs: [...g.attrs, ['notAnAttribute', 'x'] as const] }, 'attribute.unknown']
}

/** Preorder list of the elements of a document, for picking one at random. */
function elementsOf(g: GenElement): GenElement[] {
  return [g, ...(g.children ?? []).filter((c) => c.tag !== '#text').flatMap(elementsOf)]
}

function replace(root: GenElement, target: GenElement, next: GenElement): GenElement {
  if (root === target) return next
  if (root.children === undefined) return root
  return { ...root, children: root.children.map((c) => replace(c, target, next)) }
}

describe('validation properties', () => {
  test('documents valid by construction never raise', () => {
    fc.assert(
      fc.property(validDocuments, (doc) => {
        expect(ruleErrors(toNode(doc))).toEqual([])
      }),
      { numRuns: 1000 },
    )
  })

  test('one random violation raises exactly that rule', () => {
    const kinds: Violation[] = ['attribute.unknown', 'attribute.value', 'children.element', 'children.text']
    fc.assert(
      fc.property(validDocuments, fc.nat(), fc.constantFrom(...kinds), (doc, pick, kind) => {
        const all = elementsOf(doc)
        const target = all[pick % all.length]!
        const [mutated, rule] = violate(target, kind)
        expect(ruleErrors(toNode(replace(doc, target, mutated)))).toEqual([rule])
      }),
      { numRuns: 1000 },
    )
  })
})
