/**
 * Oracle: random documents of the Dial family and the verbs around it, rendered with our
 * components and with the twilio package's VoiceResponse, must be the same bytes.
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
  WhatsApp,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { documentArbitrary, toNode, toTwilio } from './support/documents.js'

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
  WhatsApp,
  Say,
  Play,
  Pause,
  Gather,
  Hangup,
  Redirect,
  Reject,
]

describe('oracle: twilio VoiceResponse', () => {
  test('1500 random documents render to identical bytes', () => {
    fc.assert(
      fc.property(documentArbitrary(Response, ELEMENTS), (doc) => {
        expect(render(toNode(doc), { validate: 'off' })).toBe(toTwilio(doc))
      }),
      { numRuns: 1500 },
    )
  })

  test('the generator reaches every element', () => {
    const seen = new Set<string>()
    const visit = (g: { tag: string; children?: readonly unknown[] }) => {
      if (g.tag !== '#text') seen.add(g.tag)
      for (const c of g.children ?? []) visit(c as never)
    }
    for (const doc of fc.sample(documentArbitrary(Response, ELEMENTS), { numRuns: 2000, seed: 42 })) visit(doc)
    expect([...seen].sort()).toEqual(ELEMENTS.map((e) => e.tag).sort())
  })
})
