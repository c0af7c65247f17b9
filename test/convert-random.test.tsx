/**
 * Random documents from the oracle generator (every element, attribute values from their real
 * domains, hostile text) convert to modules that render them back byte for byte: thousands checked
 * in process (convertTwiml renders its own output before returning it), and a sample written out,
 * imported, rendered and type-checked like a user's module.
 */
import fc from 'fast-check'
import * as twimlJsx from 'twiml-jsx'
import { MessagingResponse, Response, render } from 'twiml-jsx'
import { convertTwiml } from 'twiml-jsx/convert'
import { afterAll, describe, expect, test } from 'vitest'
import type { BuiltinElement } from '../src/node.js'
import { ELEMENT_SPEC } from '../src/node.js'
import { ConvertedModules } from './support/converted.js'
import { documentArbitrary, followsElementRules, toNode } from './support/documents.js'

const ALL = [
  ...new Set(Object.values(twimlJsx).filter((v) => typeof v === 'function' && ELEMENT_SPEC in v)),
] as BuiltinElement<any>[]
const MESSAGING_ONLY = new Set([MessagingResponse, twimlJsx.Message, twimlJsx.Body, twimlJsx.Media])
const VOICE = ALL.filter((e) => !MESSAGING_ONLY.has(e) && e !== twimlJsx.ReferSip)
const MESSAGING = [MessagingResponse, twimlJsx.Message, twimlJsx.Body, twimlJsx.Media, twimlJsx.Redirect]

const voiceXml = documentArbitrary(Response, VOICE, { accept: followsElementRules, maxDepth: 5 }).map((doc) =>
  render(toNode(doc), { enhancedSip: true, onIssue: () => {} }),
)
const messagingXml = documentArbitrary(MessagingResponse, MESSAGING).map((doc) =>
  render(toNode(doc), { context: 'messaging', onIssue: () => {} }),
)

const modules = new ConvertedModules('random')
afterAll(() => modules.remove())

describe('random documents', () => {
  test('2000 voice and 300 messaging documents convert (each conversion renders its input exactly)', () => {
    fc.assert(
      fc.property(voiceXml, (xml) => {
        expect(() => convertTwiml(xml)).not.toThrow()
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(messagingXml, (xml) => {
        expect(() => convertTwiml(xml)).not.toThrow()
      }),
      { numRuns: 300 },
    )
  }, 120_000)

  test('200 converted modules, formatted by biome, imported and rendered, give back their documents, and type-check', async () => {
    const samples = [
      ...fc.sample(voiceXml, { numRuns: 180, seed: 16 }),
      ...fc.sample(messagingXml, { numRuns: 20, seed: 16 }),
    ]
    for (const [i, xml] of samples.entries()) modules.write(`doc-${i}.tsx`, convertTwiml(xml).code)
    await modules.format()
    for (const [i, xml] of samples.entries()) {
      const mod = await modules.import<{ default: () => unknown; renderOptions?: object }>(`doc-${i}.tsx`)
      expect(render(mod.default() as never, { ...mod.renderOptions, onIssue: () => {} })).toBe(xml)
    }
    const { ok, output } = await modules.typecheck()
    expect(output).toBe('')
    expect(ok).toBe(true)
  }, 240_000)
})
