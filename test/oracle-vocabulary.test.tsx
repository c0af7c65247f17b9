/**
 * Oracle across the whole vocabulary: random valid documents drawn from every element's
 * spec — every element reachable, attributes from their real domains, hostile strings in text and
 * attribute values — rendered with our components (validation on) and with the twilio builder
 * must be the same bytes.
 */
import fc from 'fast-check'
import * as twimlJsx from 'twiml-jsx'
import { MessagingResponse, Response, render } from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import type { BuiltinElement } from '../src/node.js'
import { ELEMENT_SPEC } from '../src/node.js'
import { documentArbitrary, followsElementRules, type GenElement, toNode, toTwilio } from './support/documents.js'

/** Every built-in element the package exports, once (aliases such as DialNumber point at the same function). */
const ALL: BuiltinElement<any>[] = [
  ...new Set(Object.values(twimlJsx).filter((v) => typeof v === 'function' && ELEMENT_SPEC in v)),
] as BuiltinElement<any>[]

// The voice tree and the messaging tree share tags (Response, Redirect); each root draws its own.
// Children are drawn by definition, so Refer's <Sip> is ReferSip and Dial's is Sip.
const MESSAGING_ONLY = new Set([MessagingResponse, twimlJsx.Message, twimlJsx.Body, twimlJsx.Media])
const VOICE = ALL.filter((e) => !MESSAGING_ONLY.has(e))
const MESSAGING = [MessagingResponse, twimlJsx.Message, twimlJsx.Body, twimlJsx.Media, twimlJsx.Redirect]

const voiceDocs = documentArbitrary(Response, VOICE, { accept: followsElementRules, maxDepth: 5 })
const messagingDocs = documentArbitrary(MessagingResponse, MESSAGING)

function tagsOf(g: GenElement, into = new Set<string>()): Set<string> {
  if (g.tag !== '#text') into.add(g.tag)
  for (const c of g.children ?? []) tagsOf(c, into)
  return into
}

describe('oracle: the whole vocabulary against the twilio builder', () => {
  test('5000 random valid voice documents: identical bytes, no validation error', () => {
    fc.assert(
      fc.property(voiceDocs, (doc) => {
        const ours = render(toNode(doc), { enhancedSip: true, onIssue: () => {} })
        expect(ours).toBe(toTwilio(doc, 'voice'))
      }),
      { numRuns: 5000 },
    )
    // A 5000-document property: give it room on a loaded machine (the default is 5 s).
  }, 60_000)

  test('1000 random valid messaging documents: identical bytes', () => {
    fc.assert(
      fc.property(messagingDocs, (doc) => {
        const ours = render(toNode(doc), { context: 'messaging', onIssue: () => {} })
        expect(ours).toBe(toTwilio(doc, 'messaging'))
      }),
      { numRuns: 1000 },
    )
  })

  test('every element is reachable from a root', () => {
    const seen = new Set<string>()
    for (const doc of fc.sample(voiceDocs, { numRuns: 3000, seed: 7 })) tagsOf(doc, seen)
    for (const doc of fc.sample(messagingDocs, { numRuns: 300, seed: 7 })) tagsOf(doc, seen)
    const tags = new Set(ALL.map((e) => e[ELEMENT_SPEC].tag))
    expect([...tags].filter((t) => !seen.has(t)).sort()).toEqual([])
    // twilio's 58 voice tags, Message, Body, Media, and amazon:effect / amazon:domain.
    expect(tags.size).toBeGreaterThanOrEqual(63)
  })
})
