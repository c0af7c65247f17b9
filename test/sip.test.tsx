import twilio from 'twilio'
import { composeSipUri, Dial, Header, Headers, Response, render, Sip, Uri } from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { DECL, errorOf, piece } from './support/issues.js'

const inDial = (sip: string) => `${DECL}<Response><Dial>${sip}</Dial></Response>`

/** twilio's builder for one `<Dial><Sip>` (the oracle). */
function twilioSip(uri: string, attributes: Record<string, string> = {}): string {
  const response = new twilio.twiml.VoiceResponse()
  response.dial().sip(attributes, uri)
  return response.toString()
}

describe("<Sip>: Twilio's published examples, exactly as written", () => {
  // https://www.twilio.com/docs/voice/twiml/sip#examples: a bare SIP address, no sip: scheme.
  test('example 1: dialing a SIP endpoint', () => {
    const xml = render(
      <Response>
        <Dial>
          <Sip>kate@example.com</Sip>
        </Dial>
      </Response>,
    )
    expect(xml).toBe(inDial('<Sip>kate@example.com</Sip>'))
    expect(xml).toBe(twilioSip('kate@example.com'))
  })

  test('example 2: a SIP endpoint protected by authentication', () => {
    const xml = render(
      <Response>
        <Dial>
          <Sip username="admin" password="1234">
            kate@example.com
          </Sip>
        </Dial>
      </Response>,
    )
    expect(xml).toBe(inDial('<Sip username="admin" password="1234">kate@example.com</Sip>'))
    expect(xml).toBe(twilioSip('kate@example.com', { username: 'admin', password: '1234' }))
  })

  test('example 3: headers written into the URI', () => {
    const uri = 'sip:kate@example.com?x-mycustomheader=foo&x-myotherheader=bar'
    const xml = render(
      <Response>
        <Dial>
          <Sip>{uri}</Sip>
        </Dial>
      </Response>,
    )
    expect(xml).toBe(inDial('<Sip>sip:kate@example.com?x-mycustomheader=foo&amp;x-myotherheader=bar</Sip>'))
    expect(xml).toBe(twilioSip(uri))
  })

  test('a bare address composes region, transport and headers like a sip: URI', () => {
    expect(
      piece(
        <Sip region="ie1" transport="tls" headers={{ 'x-ticket': '42' }}>
          kate@example.com
        </Sip>,
      ),
    ).toBe(`${DECL}<Sip>kate@example.com;region=ie1;transport=tls?x-ticket=42</Sip>`)
  })

  test('a ? with nothing after it is kept, as twilio writes it', () => {
    expect(piece(<Sip>sip:alice@example.com?</Sip>)).toBe(`${DECL}<Sip>sip:alice@example.com?</Sip>`)
    expect(render(sipDoc('sip:alice@example.com?'))).toBe(twilioSip('sip:alice@example.com?'))
    expect(piece(<Sip headers={{ 'x-a': '1' }}>sip:alice@example.com?</Sip>)).toBe(
      `${DECL}<Sip>sip:alice@example.com?x-a=1</Sip>`,
    )
  })
})

const sipDoc = (uri: string) => (
  <Response>
    <Dial>
      <Sip>{uri}</Sip>
    </Dial>
  </Response>
)

describe('<Sip>: the seed page examples', () => {
  test('region parameter', () => {
    expect(
      render(
        <Response>
          <Dial>
            <Sip region="ie1">sip:alice@example.com</Sip>
          </Dial>
        </Response>,
      ),
    ).toBe(inDial('<Sip>sip:alice@example.com;region=ie1</Sip>'))
  })

  test('custom headers: values percent-encoded, & escaped in XML', () => {
    expect(
      render(
        <Response>
          <Dial>
            <Sip headers={{ 'x-customname': 'Madhu,Mathiyalagan;Title=Manager', 'x-myotherheader': 'bar' }}>
              sip:jack@example.com
            </Sip>
          </Dial>
        </Response>,
      ),
    ).toBe(
      inDial(
        '<Sip>sip:jack@example.com?x-customname=Madhu%2CMathiyalagan%3BTitle%3DManager&amp;x-myotherheader=bar</Sip>',
      ),
    )
  })

  test('User-to-User goes without the x- prefix', () => {
    expect(
      render(
        <Response>
          <Dial>
            <Sip headers={{ 'User-to-User': '123456789;encoding=hex', 'x-myotherheader': 'bar' }}>
              sip:jack@example.com
            </Sip>
          </Dial>
        </Response>,
      ),
    ).toBe(inDial('<Sip>sip:jack@example.com?User-to-User=123456789%3Bencoding%3Dhex&amp;x-myotherheader=bar</Sip>'))
  })

  test('authentication and the other attributes are XML attributes; URI props are not', () => {
    expect(
      piece(
        <Sip
          username="admin"
          region="jp1"
          password="1234"
          transport="tls"
          statusCallbackEvent={['initiated', 'completed']}
          statusCallback="/events"
          url="/screen"
          method="GET"
        >
          sip:kate@example.com
        </Sip>,
      ),
    ).toBe(
      `${DECL}<Sip username="admin" password="1234" statusCallbackEvent="initiated completed" statusCallback="/events" url="/screen" method="GET">sip:kate@example.com;region=jp1;transport=tls</Sip>`,
    )
  })

  test('URI parameters go before headers already in the text; headers merge', () => {
    expect(
      piece(
        <Sip transport="tcp" headers={{ 'X-Two': 2 }}>
          sip:bob@example.com:5080?x-one=1
        </Sip>,
      ),
    ).toBe(`${DECL}<Sip>sip:bob@example.com:5080;transport=tcp?x-one=1&amp;X-Two=2</Sip>`)
  })

  test('text split by JSX expressions is joined before composing', () => {
    const user = 'kate'
    expect(piece(<Sip region="us2">sip:{user}@example.com</Sip>)).toBe(
      `${DECL}<Sip>sip:kate@example.com;region=us2</Sip>`,
    )
  })

  test('composeSipUri is usable alone', () => {
    const problems: string[] = []
    expect(
      composeSipUri('sip:a@b.c', { region: 'de1', headers: { 'x-a': 'b c' } }, (_rule, m) => problems.push(m)),
    ).toBe('sip:a@b.c;region=de1?x-a=b%20c')
    expect(problems).toEqual([])
  })
})

describe('<Sip> with <Uri> and <Headers> elements', () => {
  test('several URIs with their own credentials, priority and weight; headers as elements', () => {
    expect(
      render(
        <Response>
          <Dial>
            <Sip>
              <Uri priority={1} weight={10} username="u1" password="p1">
                sip:primary@example.com
              </Uri>
              <Uri priority={2}>sip:backup@example.com;transport=tls</Uri>
              <Headers>
                <Header name="x-ticket" value="42" />
                <Header name="User-to-User" value="abc;encoding=hex" />
              </Headers>
            </Sip>
          </Dial>
        </Response>,
      ),
    ).toBe(
      inDial(
        '<Sip><Uri priority="1" weight="10" username="u1" password="p1">sip:primary@example.com</Uri><Uri priority="2">sip:backup@example.com;transport=tls</Uri><Headers><Header name="x-ticket" value="42"/><Header name="User-to-User" value="abc;encoding=hex"/></Headers></Sip>',
      ),
    )
  })
})

describe('<Sip>: render-time errors naming the path (each rule has its row in validation.test.tsx)', () => {
  test('inside <Sip> only <Uri> and <Headers> may stand', () => {
    expect(() => piece(<Sip>{(<Sip>sip:a@b.c</Sip>) as never}</Sip>)).toThrow(
      'Sip > Sip: <Sip> cannot contain <Sip>; it takes <Uri>, <Headers>',
    )
  })

  test('URI props cannot combine with <Uri> children', () => {
    expect(() =>
      piece(
        <Sip region="ie1">
          <Uri>sip:a@example.com</Uri>
        </Sip>,
      ),
    ).toThrow(
      'Sip: region, transport and headers are composed into the URI text; with <Uri> children, write them into each URI or use <Headers>',
    )
  })

  test('<Header> names follow the same rule as the headers prop', () => {
    expect(() =>
      piece(
        <Sip>
          <Headers>
            <Header name={'Subject' as never} value="x" />
          </Headers>
        </Sip>,
      ),
    ).toThrow(
      'Sip > Headers > Header: name is "Subject"; it must be an x- header name, User-to-User, Remote-Party-ID, P-Preferred-Identity or P-Called-Party-ID (Twilio error 13252)',
    )
  })

  test('every problem is collected before throwing', () => {
    const e = errorOf(() =>
      render(
        <Response>
          <Dial>
            <Sip region="jp1" headers={{ Bad: 'x', 'x-ok': 'a\nb' } as never}>
              sip:a@example.com;region=us1
            </Sip>
          </Dial>
        </Response>,
      ),
    )
    expect(e.issues.map((i) => `${i.path} ${i.rule}`)).toEqual([
      'Response > Dial > Sip sip.region-twice',
      'Response > Dial > Sip sip.header-name',
      'Response > Dial > Sip sip.header-value',
    ])
    expect(e.message).toMatch(/^3 problems in TwiML document:\n {2}Response > Dial > Sip: region is given both/)
  })
})
