/**
 * twiml-jsx/testing snapshots: prettyXml keeps meaning (text and attributes exactly as written,
 * mixed content on one line), prettyTwiml renders then prints, and the vitest serializer makes
 * nodes and TwiML strings print the same readable way.
 */
import { describe, expect, test } from 'vitest'
import { app, DEV_AUTH_TOKEN } from '../examples/app.js'
import {
  Dial,
  Emphasis,
  Gather,
  Hangup,
  Message,
  MessagingResponse,
  Pause,
  Response,
  render,
  Say,
  SayAs,
  Sip,
  Sub,
} from '../src/index.js'
import {
  isTwimlString,
  parseXml,
  prettyTwiml,
  prettyXml,
  twimlSerializer,
  type XmlNode,
  XmlParseError,
} from '../src/testing/index.js'
import defaultSerializer from '../src/testing/serializer.js'
import { signTwilioRequest } from '../src/webhook/index.js'

expect.addSnapshotSerializer(twimlSerializer)

const DECL = '<?xml version="1.0" encoding="UTF-8"?>'

/** What a parsed element means: names, decoded values and text, without layout-only whitespace. */
function meaning(node: XmlNode): unknown {
  if (node.kind !== 'element') return node.kind === 'text' ? node.value : null
  const speech = node.name === 'Say' || /^[a-z]/.test(node.name)
  return {
    name: node.name,
    attributes: node.attributes.map((a) => [a.name, a.value]),
    children: node.children.filter((c) => speech || c.kind !== 'text' || c.value.trim() !== '').map(meaning),
  }
}

describe('prettyXml', () => {
  test('one element per line, indented; the declaration on its own line', () => {
    expect(
      prettyXml(`${DECL}<Response><Dial timeout="10"><Number>+15551234567</Number></Dial><Hangup/></Response>`),
    ).toBe(`${DECL}
<Response>
  <Dial timeout="10">
    <Number>+15551234567</Number>
  </Dial>
  <Hangup/>
</Response>`)
  })

  test('attribute values and text are copied as written: entities, quotes, order', () => {
    const xml = `<Response><Say voice='Polly.Joanna' language="en-US">Tom &amp; Jerry &lt;3 &#x1F600; &#65;</Say><Play loop="2" digits="1&#xA;2">a.mp3</Play></Response>`
    expect(prettyXml(xml)).toBe(`<Response>
  <Say voice='Polly.Joanna' language="en-US">Tom &amp; Jerry &lt;3 &#x1F600; &#65;</Say>
  <Play loop="2" digits="1&#xA;2">a.mp3</Play>
</Response>`)
  })

  test('empty elements keep their form: <X/> stays, <X></X> stays, and so does blank text alone', () => {
    expect(prettyXml('<Response><Hangup/><Leave></Leave><Dial> </Dial></Response>')).toBe(`<Response>
  <Hangup/>
  <Leave></Leave>
  <Dial> </Dial>
</Response>`)
  })

  test('speech stays on one line: spaces between SSML elements are heard', () => {
    const xml = '<Response><Say><emphasis>a</emphasis> <emphasis>b</emphasis><break time="1s"/>c</Say></Response>'
    expect(prettyXml(xml)).toBe(`<Response>
  <Say><emphasis>a</emphasis> <emphasis>b</emphasis><break time="1s"/>c</Say>
</Response>`)
    // No space between them is kept too: adding a line break would make "ab" into "a b".
    expect(
      prettyXml('<Response><Say><say-as interpret-as="digits">1</say-as><say-as>2</say-as></Say></Response>'),
    ).toBe(`<Response>
  <Say><say-as interpret-as="digits">1</say-as><say-as>2</say-as></Say>
</Response>`)
  })

  test('any element with text beside elements stays on one line (mixed content)', () => {
    expect(prettyXml('<Response><Dial>x<Number>1</Number></Dial></Response>')).toBe(`<Response>
  <Dial>x<Number>1</Number></Dial>
</Response>`)
  })

  test('text keeps its spaces and line breaks; only whitespace between elements is layout', () => {
    const xml = '<Response>\n  <Say>  two  spaces\nand a line  </Say>\n\n  <Hangup/>\n</Response>'
    expect(prettyXml(xml)).toBe('<Response>\n  <Say>  two  spaces\nand a line  </Say>\n  <Hangup/>\n</Response>')
  })

  test('is idempotent, and what it prints parses to the same elements, attributes and text', () => {
    const xml = render(
      <Response>
        <Gather input={['speech', 'dtmf']} numDigits={1} action="/menu?x=1&y=2">
          <Say voice="Polly.Joanna">
            Press <SayAs interpretAs="digits">1</SayAs> for <Emphasis level="strong">sales</Emphasis> &amp; more.
          </Say>
          <Pause length={2} />
        </Gather>
        <Dial sequential action="/after">
          <Sip headers={{ 'x-a': 'b&c' }}>sip:alice@example.com</Sip>
          <Sip>sip:bob@example.com</Sip>
        </Dial>
      </Response>,
      { enhancedSip: true },
    )
    const pretty = prettyXml(xml)
    expect(prettyXml(pretty)).toBe(pretty)
    expect(meaning(parseXml(pretty).root)).toEqual(meaning(parseXml(xml).root))
    expect(pretty).toContain('\n    <Say voice="Polly.Joanna">Press <say-as')
  })

  test('comments and CDATA are kept; a fragment may have several top-level elements', () => {
    expect(prettyXml('<Response><!-- menu --><Say><![CDATA[a < b]]></Say></Response>')).toBe(`<Response>
  <!-- menu -->
  <Say><![CDATA[a < b]]></Say>
</Response>`)
    expect(prettyXml(`${DECL}<Say>Hi</Say><Hangup/>`)).toBe(`${DECL}\n<Say>Hi</Say>\n<Hangup/>`)
  })

  test('malformed XML is an XmlParseError with line and column', () => {
    expect(() => prettyXml('<Response>\n<Say>hi</Response>')).toThrow(
      new XmlParseError('</Response> closes <Say>', 2, 8),
    )
    expect(() => prettyXml('<Response><Say>a & b</Say></Response>')).toThrow(/"&" must start an entity/)
    expect(() => prettyXml('<Response><Say>&nbsp;</Say></Response>')).toThrow(/unknown entity &nbsp;/)
    expect(() => prettyXml('<!DOCTYPE x><Response/>')).toThrow(/DTDs .* are not supported/)
    expect(() => prettyXml('<Response a="1" a="2"/>')).toThrow(/attribute a appears twice/)
    expect(() => prettyXml('<Response a="<"/>')).toThrow(/"<" is not allowed in an attribute value/)
    expect(() => prettyXml('<Response><Say>&#0;</Say></Response>')).toThrow(/&#0; is not a character XML 1.0 allows/)
  })
})

describe('parseXml', () => {
  test('decodes the five entities and character references; keeps the raw text beside', () => {
    const doc = parseXml(
      `${DECL}<Response><Say a="&quot;x&apos; &#x41;&#66;">&amp;&lt;&gt;&quot;&apos;&#x1F600;</Say></Response>`,
    )
    expect(doc.declaration).toBe(DECL)
    const say = doc.root.children[0]
    expect(say).toMatchObject({
      kind: 'element',
      name: 'Say',
      attributes: [{ name: 'a', value: `"x' AB`, raw: '&quot;x&apos; &#x41;&#66;', quote: '"' }],
      children: [{ kind: 'text', value: `&<>"'😀`, raw: '&amp;&lt;&gt;&quot;&apos;&#x1F600;' }],
    })
  })

  test('refuses a second root and text outside the root', () => {
    expect(() => parseXml('<Response/><Response/>')).toThrow(/content after the root element/)
    expect(() => parseXml('hello<Response/>')).toThrow(/text before the root element/)
    expect(() => parseXml('')).toThrow(/no root element/)
  })
})

describe('prettyTwiml', () => {
  test('renders with the render options, then prints', () => {
    expect(
      prettyTwiml(
        <Response>
          <Say>Hello</Say>
          <Hangup />
        </Response>,
      ),
    ).toBe(`${DECL}\n<Response>\n  <Say>Hello</Say>\n  <Hangup/>\n</Response>`)
  })

  test('validation errors are thrown as by render', () => {
    expect(() =>
      prettyTwiml(
        <Response>
          <Dial>
            <Sip>sip:a@example.com</Sip>
            <Sip>sip:b@example.com</Sip>
          </Dial>
        </Response>,
      ),
    ).toThrow(/Enhanced Programmable SIP Features/)
  })
})

describe('twimlSerializer', () => {
  test('a node prints as indented XML', () => {
    expect(
      <Response>
        <Gather numDigits={1} action="/menu">
          <Say>
            Press 1 for <Sub alias="sales and marketing">S and M</Sub>.
          </Say>
        </Gather>
        <Say>Goodbye.</Say>
        <Hangup />
      </Response>,
    ).toMatchInlineSnapshot(`
      <?xml version="1.0" encoding="UTF-8"?>
      <Response>
        <Gather numDigits="1" action="/menu">
          <Say>Press 1 for <sub alias="sales and marketing">S and M</sub>.</Say>
        </Gather>
        <Say>Goodbye.</Say>
        <Hangup/>
      </Response>
    `)
  })

  test('a TwiML string (an app response body) prints the same way as its node', () => {
    const node = (
      <Response>
        <Dial callerId="+15550001111">
          <Sip headers={{ 'x-ticket': '42', 'x-name': 'A&B' }}>sip:alice@example.com</Sip>
        </Dial>
      </Response>
    )
    const xml = render(node)
    expect(isTwimlString(xml)).toBe(true)
    expect(xml).toMatchInlineSnapshot(`
      <?xml version="1.0" encoding="UTF-8"?>
      <Response>
        <Dial callerId="+15550001111">
          <Sip>sip:alice@example.com?x-ticket=42&amp;x-name=A%26B</Sip>
        </Dial>
      </Response>
    `)
    const serialize = (v: unknown) => twimlSerializer.serialize(v, {}, '', 0, [], undefined)
    expect(serialize(node)).toBe(serialize(xml))
  })

  test("an app's response body in a file snapshot (test/__snapshots__/) reads the same", async () => {
    const res = await app.request(
      await signTwilioRequest(DEV_AUTH_TOKEN, { url: 'http://localhost/sip/sequential', params: {} }),
    )
    expect(await res.text()).toMatchSnapshot()
  })

  test('messaging documents print too', () => {
    expect(
      <MessagingResponse>
        <Message>Thanks!</Message>
      </MessagingResponse>,
    ).toMatchInlineSnapshot(`
      <?xml version="1.0" encoding="UTF-8"?>
      <Response>
        <Message>Thanks!</Message>
      </Response>
    `)
  })

  test("a component's fragment (several verbs, no <Response>) prints without a root", () => {
    const Goodbye = ({ reason }: { reason: string }) => (
      <>
        <Say>{reason} Goodbye.</Say>
        <Hangup />
      </>
    )
    expect(<Goodbye reason="Thanks." />).toMatchInlineSnapshot(`
      <?xml version="1.0" encoding="UTF-8"?>
      <Say>Thanks. Goodbye.</Say>
      <Hangup/>
    `)
  })

  test('nested in other values, lines after the first are indented with them', () => {
    expect({
      status: 200,
      body: render(
        <Response>
          <Hangup />
        </Response>,
      ),
    }).toMatchInlineSnapshot(`
      {
        "body": <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Hangup/>
        </Response>,
        "status": 200,
      }
    `)
  })

  test('only TwiML: other strings, XML without a <Response> root and plain objects are left alone', () => {
    expect(twimlSerializer.test('hello')).toBe(false)
    expect(twimlSerializer.test('<Response/>')).toBe(false)
    expect(twimlSerializer.test(`${DECL}<svg/>`)).toBe(false)
    expect(twimlSerializer.test({ type: 'Say', props: {} })).toBe(false)
    expect(twimlSerializer.test(`${DECL}<Response/>`)).toBe(true)
    expect(twimlSerializer.test(<Hangup />)).toBe(true)
  })

  test('a TwiML string that is not well-formed fails the snapshot with the parse error', () => {
    expect(() => twimlSerializer.serialize(`${DECL}<Response><Say>`, {}, '', 0, [], undefined)).toThrow(
      'twimlSerializer: the TwiML is not well-formed XML: XML line 1, column 49: <Say> is not closed',
    )
  })

  test('an invalid document fails the snapshot with the validation error', () => {
    expect(() =>
      twimlSerializer.serialize(
        <Response>
          <Say>{'x'.repeat(5000)}</Say>
        </Response>,
        {},
        '',
        0,
        [],
        undefined,
      ),
    ).toThrow(/Say/)
  })

  test('the serializer module default-exports it, for snapshotSerializers in vitest.config', () => {
    expect(defaultSerializer).toBe(twimlSerializer)
  })
})
