/**
 * Escaping properties: any string XML 1.0 can carry survives a round trip through an XML
 * parser, in text and in attribute values; any string with a character it cannot carry is a
 * clear error, never silent wrong XML.
 */
import { DOMParser } from '@xmldom/xmldom'
import fc from 'fast-check'
import { Dial, Number, Parameter, Response, render, Say, TwimlRenderError } from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { hostileString } from './support/documents.js'
import { piece } from './support/issues.js'

// xmldom applies XML 1.1's line-end rules to U+2028, U+2029 and U+0085 (XML 1.0 leaves them alone, and so do
// we and the twilio builder): it reads them as LF in text and as a space in attribute values.
const asTextRead = (s: string) => s.replace(/[\u2028\u2029\u0085]/g, '\n')
const asAttributeRead = (s: string) => s.replace(/[\u2028\u2029\u0085]/g, ' ')

function parse(xml: string) {
  const errors: string[] = []
  // Warnings (xmldom warns about U+FFFD, a legal character) are not parse failures.
  const onError = (level: string, msg: string) => level !== 'warning' && errors.push(`${level}: ${msg}`)
  const doc = new DOMParser({ onError }).parseFromString(xml, 'text/xml')
  expect(errors).toEqual([])
  return doc
}

describe('escaping round-trips through an XML parser', () => {
  test('U+2028, U+2029 and U+0085 are written as they are (XML 1.0 gives them no special meaning)', () => {
    expect(render(<Say>{'a\u2028b\u2029c\u0085d'}</Say>, { context: 'fragment' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Say>a\u2028b\u2029c\u0085d</Say>',
    )
  })

  test('text content', () => {
    fc.assert(
      fc.property(hostileString(60), (text) => {
        const doc = parse(piece(<Say>{text}</Say>))
        expect(doc.documentElement!.textContent).toBe(asTextRead(text))
      }),
      { numRuns: 1000 },
    )
  })

  test('attribute values, including the same string in several attributes', () => {
    fc.assert(
      fc.property(hostileString(60), hostileString(20), (a, b) => {
        const doc = parse(piece(<Parameter name={a} value={b} />))
        expect(doc.documentElement!.getAttribute('name')).toBe(asAttributeRead(a))
        expect(doc.documentElement!.getAttribute('value')).toBe(asAttributeRead(b))
      }),
      { numRuns: 1000 },
    )
  })

  test('nested positions keep their text', () => {
    fc.assert(
      fc.property(hostileString(), hostileString(), (callerId, number) => {
        const doc = parse(
          render(
            <Response>
              <Dial callerId={callerId}>
                <Number>{number}</Number>
              </Dial>
            </Response>,
          ),
        )
        const dial = doc.getElementsByTagName('Dial')[0]!
        expect(dial.getAttribute('callerId')).toBe(asAttributeRead(callerId))
        expect(doc.getElementsByTagName('Number')[0]!.textContent).toBe(asTextRead(number))
      }),
      { numRuns: 300 },
    )
  })
})

describe('characters XML 1.0 cannot carry are an error', () => {
  const illegal = fc.oneof(
    fc.integer({ min: 0, max: 8 }),
    fc.constantFrom(0x0b, 0x0c, 0xfffe, 0xffff),
    fc.integer({ min: 0x0e, max: 0x1f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )

  test('in text and in attributes, at any position', () => {
    fc.assert(
      fc.property(hostileString(), illegal, hostileString(), fc.boolean(), (before, code, after, inAttribute) => {
        // hostileString only yields whole surrogate pairs, and the 'x' keeps a high surrogate lone.
        const bad = `${before}${String.fromCharCode(code)}x${after}`
        const node = inAttribute ? <Say voice={bad}>hi</Say> : <Say>{bad}</Say>
        const hex = code.toString(16).toUpperCase().padStart(4, '0')
        const where = inAttribute ? 'attribute voice' : 'the text'
        expect(() => render(<Response>{node}</Response>)).toThrow(TwimlRenderError)
        expect(() => render(<Response>{node}</Response>)).toThrow(
          `Response > Say: U+${hex} at index ${before.length} of ${where} is not allowed in XML 1.0`,
        )
      }),
      { numRuns: 500 },
    )
  })
})
