/**
 * Well-formed whatever the input: every document render() returns is XML a real parser (xmldom)
 * reads back as written, or render() throws a clear error; and where the twilio builder writes the
 * same document, the bytes are the same.
 */
import { DOMParser } from '@xmldom/xmldom'
import fc from 'fast-check'
import twilio from 'twilio'
import {
  Dial,
  Response,
  render,
  Say,
  Sip,
  TwimlRenderError,
  UncheckedElement,
  WithUncheckedAttributes,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { hostileString } from './support/documents.js'
import { DECL, piece } from './support/issues.js'

/** The document xmldom reads, or the first error it reports (warnings aside). */
function parse(xml: string): { doc?: Document; error?: string } {
  const errors: string[] = []
  const onError = (level: string, msg: string) => level !== 'warning' && errors.push(`${level}: ${msg}`)
  try {
    const doc = new DOMParser({ onError }).parseFromString(xml, 'text/xml') as unknown as Document
    return errors.length === 0 ? { doc } : { error: errors[0] }
  } catch (e) {
    return { error: String(e) }
  }
}

const parsed = (xml: string): Document => {
  const { doc, error } = parse(xml)
  expect(error).toBeUndefined()
  return doc!
}

// Characters around the edges of XML's Name production (letters of several scripts, marks,
// punctuation it allows and refuses, astral letters), without ':' (namespaces: tested apart).
// U+037E is left out: xmldom takes it in names, which the production does not (tested apart).
const nameChar = fc.oneof(
  fc.constantFrom(...'aZ_-.09·‿⁀é×÷ªµ²ºΩ\u0300\u036f\u037f\u2070\u218f\u3001\uf900\ufdd0 "<&='),
  fc.constantFrom('\u{10000}', '\u{1d49c}', '\u{e0001}', '\u{effff}'),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xa0, max: 0x2fff }).map((c) => String.fromCharCode(c)),
)
const candidateName = fc
  .string({ unit: nameChar, minLength: 1, maxLength: 5 })
  .filter((n) => !n.includes(':') && !n.includes('\u037e'))

/** Whether xmldom reads `<name/>` as an element of that name. */
function xmldomTakesName(name: string): boolean {
  const { doc, error } = parse(`<${name}/>`)
  return error === undefined && doc?.documentElement?.tagName === name
}

describe('names: exactly the XML 1.0 Name production', () => {
  test('UncheckedElement takes a tag if and only if a parser reads it as one', () => {
    fc.assert(
      fc.property(candidateName, (tag) => {
        let xml: string | undefined
        try {
          xml = piece(<UncheckedElement tag={tag} />)
        } catch (e) {
          expect(e).toBeInstanceOf(TwimlRenderError)
        }
        expect(xml !== undefined).toBe(xmldomTakesName(tag))
        if (xml !== undefined) expect(parsed(xml).documentElement.tagName).toBe(tag)
      }),
      { numRuns: 2000 },
    )
  }, 30_000)

  test('attribute names of UncheckedElement and WithUncheckedAttributes, likewise', () => {
    fc.assert(
      fc.property(candidateName, fc.boolean(), (name, onKnown) => {
        const node = onKnown ? (
          <WithUncheckedAttributes element={Dial} attributes={{ [name]: 'v' }} />
        ) : (
          <UncheckedElement tag="NewVerb" attributes={{ [name]: 'v' }} />
        )
        let xml: string | undefined
        try {
          xml = piece(node)
        } catch (e) {
          expect(e).toBeInstanceOf(TwimlRenderError)
        }
        // `children` is a prop, never an attribute.
        expect(xml !== undefined).toBe(xmldomTakesName(name) && name !== 'children')
        if (xml !== undefined) expect(parsed(xml).documentElement.getAttribute(name)).toBe('v')
      }),
      { numRuns: 1500 },
    )
  }, 30_000)

  test('the cases the fuzzer found, and names with a colon', () => {
    // U+037E (GREEK QUESTION MARK) sits between the two ranges [#x370-#x37D] and [#x37F-#x1FFF].
    for (const bad of ['ª', 'µ²', '²', 'a b', '-a', '1a', '\u0300a', 'a\u037e']) {
      expect(() => piece(<UncheckedElement tag={bad} />)).toThrow(TwimlRenderError)
    }
    for (const good of ['a·b', 'x‿y', 'é', '_x', 'Ω', 'a\u0300', '\u{10000}', 'amazon:effect', ':x', 'a:b:c']) {
      expect(piece(<UncheckedElement tag={good} />)).toBe(`${DECL}<${good}/>`)
    }
  })

  test("with validate: 'off' an unknown prop that is not an XML name is an error, never written raw", () => {
    expect(() => render(<Say {...{ 'a"b': 'x' }}>hi</Say>, { validate: 'off', context: 'fragment' })).toThrow(
      'Say: "a\\"b" is not an XML attribute name, so it cannot be written',
    )
    fc.assert(
      fc.property(fc.oneof(candidateName, hostileString(6)), (key) => {
        // Names with ':' are XML names a namespace-aware parser such as xmldom reads as prefixes.
        fc.pre(key !== 'children' && key !== '' && !key.includes(':') && !['voice', 'language', 'loop'].includes(key))
        let xml: string | undefined
        try {
          xml = render(<Say {...{ [key]: 'x' }}>hi</Say>, { validate: 'off', context: 'fragment' })
        } catch (e) {
          expect(e).toBeInstanceOf(TwimlRenderError)
          return
        }
        expect(parsed(xml).documentElement.getAttribute(key)).toBe('x')
      }),
      { numRuns: 1500 },
    )
  }, 30_000)
})

describe('text: surrogate pairs split across children join as the builder joins them', () => {
  /** Text split at random UTF-16 positions, a pair's halves possibly apart. */
  const split = fc.tuple(hostileString(30), fc.array(fc.nat(), { maxLength: 4 })).map(([text, cuts]) => {
    const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
    const parts: string[] = []
    let from = 0
    for (const cut of at) {
      parts.push(text.slice(from, cut))
      from = cut
    }
    parts.push(text.slice(from))
    return { text, parts }
  })

  test('the bytes of the joined text, which twilio writes the same, and a parser reads it back', () => {
    fc.assert(
      fc.property(split, ({ text, parts }) => {
        const xml = render(
          <Response>
            <Say>{parts}</Say>
          </Response>,
        )
        // twilio's builder takes one string per text (a lone half there is its error): the joined text.
        const vr = new twilio.twiml.VoiceResponse()
        vr.say({}, text)
        expect(xml).toBe(vr.toString())
        expect(xml).toBe(
          render(
            <Response>
              <Say>{text}</Say>
            </Response>,
          ),
        )
        expect(parsed(xml).getElementsByTagName('Say')[0]!.textContent).toBe(
          text.replace(/[\u2028\u2029\u0085]/g, '\n'),
        )
      }),
      { numRuns: 1500 },
    )
  }, 30_000)

  test('a half that stays alone is an error naming where it is', () => {
    expect(piece(<Say>{['\uD83D', '\uDE00']}</Say>)).toBe(`${DECL}<Say>😀</Say>`)
    expect(() => piece(<Say>{['a\uD83D', 'b']}</Say>)).toThrow(
      'Say: U+D83D at index 1 of the text is not allowed in XML 1.0',
    )
    expect(() => piece(<Say>{['a', '\uDE00']}</Say>)).toThrow(
      'Say: U+DE00 at index 0 of the text is not allowed in XML 1.0',
    )
    expect(() => piece(<Say>a{'\uD83D'}</Say>)).toThrow('Say: U+D83D at index 0 of the text is not allowed in XML 1.0')
  })
})

describe('SIP URIs: written as given when nothing is composed', () => {
  const uriChar = fc.constantFrom(...'abc:@.;=?&%-_!~*()[]/+$', ...'0123456789')
  const uri = fc
    .tuple(fc.string({ unit: uriChar, maxLength: 20 }), fc.boolean())
    .map(([rest, bare]) => `${bare ? '' : 'sip:'}kate@example.com${rest}`)

  test("any text, a trailing '?' included, is the bytes twilio writes, and parses back", () => {
    expect(piece(<Sip>sip:alice@example.com?</Sip>)).toBe(`${DECL}<Sip>sip:alice@example.com?</Sip>`)
    fc.assert(
      fc.property(uri, (text) => {
        const xml = render(
          <Response>
            <Dial>
              <Sip>{text}</Sip>
            </Dial>
          </Response>,
          { validate: 'off' },
        )
        const vr = new twilio.twiml.VoiceResponse()
        vr.dial().sip(text)
        expect(xml).toBe(vr.toString())
        expect(parsed(xml).getElementsByTagName('Sip')[0]!.textContent).toBe(text)
      }),
      { numRuns: 1500 },
    )
  }, 30_000)
})
