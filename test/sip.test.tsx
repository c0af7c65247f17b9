import {
  type Child,
  composeSipUri,
  Dial,
  Header,
  Headers,
  type RenderOptions,
  Response,
  render,
  Sip,
  TwimlValidationError,
  Uri,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'

/** Renders a piece of a document (its root is not <Response>). */
const piece = (node: Child, options: RenderOptions = {}) => render(node, { context: 'fragment', ...options })
const DECL = '<?xml version="1.0" encoding="UTF-8"?>'
const inDial = (sip: string) => `${DECL}<Response><Dial>${sip}</Dial></Response>`

function errorOf(fn: () => unknown): TwimlValidationError {
  try {
    fn()
  } catch (e) {
    if (e instanceof TwimlValidationError) return e
    throw e
  }
  throw new Error('expected a TwimlValidationError')
}

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

describe('<Sip>: render-time errors naming the path', () => {
  test('URI longer than 255 characters (exactly 255 passes)', () => {
    const at255 = `sip:${'a'.repeat(255 - 'sip:@example.com'.length)}@example.com`
    expect(at255).toHaveLength(255)
    expect(() => piece(<Sip>{at255}</Sip>)).not.toThrow()
    const long = `sip:${'a'.repeat(301 - 'sip:@example.com'.length)}@example.com`
    expect(() =>
      render(
        <Response>
          <Dial>
            <Sip>sip:ok@example.com</Sip>
            <Sip>{long}</Sip>
          </Dial>
        </Response>,
        { enhancedSip: true },
      ),
    ).toThrow('Response > Dial > Sip[2]: SIP URI is 301 characters, the limit is 255')
  })

  test('the region prop counts towards the 255', () => {
    const at250 = `sip:${'a'.repeat(250 - 'sip:@example.com'.length)}@example.com`
    expect(() => piece(<Sip region="jp1">{at250}</Sip>)).toThrow('Sip: SIP URI is 261 characters, the limit is 255')
  })

  test('header part longer than 1024 characters (error 21227)', () => {
    const e = errorOf(() => piece(<Sip headers={{ 'x-big': 'v'.repeat(1020) }}>sip:a@example.com</Sip>))
    expect(e.issues).toEqual([
      {
        path: 'Sip',
        rule: 'sip.headers-length',
        message: 'SIP headers are 1026 characters, the limit is 1024 (Twilio error 21227)',
        severity: 'error',
        code: 21227,
      },
    ])
  })

  test('a header name that Twilio does not pass on (error 13252)', () => {
    expect(() => piece(<Sip headers={{ Subject: 'hi' } as never}>sip:a@example.com</Sip>)).toThrow(
      'Sip: SIP header name "Subject" is not allowed: use an x- header, User-to-User, Remote-Party-ID, P-Preferred-Identity or P-Called-Party-ID (Twilio error 13252)',
    )
  })

  test('header names written in the URI text are checked too', () => {
    expect(() => piece(<Sip>sip:a@example.com?mycustomheader=foo</Sip>)).toThrow(
      'SIP header name "mycustomheader" is not allowed',
    )
  })

  test('header values written into the URI text must be percent-encoded (errors 32110-32112)', () => {
    expect(() => piece(<Sip>sip:a@example.com?x-name=Madhu%2CMathiyalagan%3BTitle%3DManager</Sip>)).not.toThrow()
    expect(() => piece(<Sip>sip:a@example.com?x-name=Madhu,Mathiyalagan;Title=Manager</Sip>)).toThrow(
      'Sip: SIP header x-name has characters that must be percent-encoded (Twilio errors 32110-32112); give it in the headers prop, which encodes it',
    )
  })

  test('region given both as a prop and in the URI', () => {
    expect(() => piece(<Sip region="jp1">sip:a@example.com;region=ie1</Sip>)).toThrow(
      'Sip: region is given both as a prop ("jp1") and in the URI ("ie1"); give it once',
    )
  })

  test('transport given twice, and an unknown region in the URI text', () => {
    const e = errorOf(() => piece(<Sip transport="tls">sip:a@example.com;region=xx1;transport=tcp</Sip>))
    expect(e.issues.map((i) => i.message)).toEqual([
      'SIP region "xx1" in the URI is not one of us1, us2, ie1, de1, sg1, jp1, br1, au1',
      'transport is given both as a prop ("tls") and in the URI ("tcp"); give it once',
    ])
  })

  test('CR or LF in a header value', () => {
    expect(() => piece(<Sip headers={{ 'x-a': 'one\r\nInjected: yes' }}>sip:a@example.com</Sip>)).toThrow(
      'Sip: SIP header x-a contains a line break (CR or LF), which would split the header',
    )
  })

  test('a header given in the text and as a prop', () => {
    expect(() => piece(<Sip headers={{ 'x-a': '2' }}>sip:a@example.com?x-a=1</Sip>)).toThrow(
      'Sip: SIP header x-a is given both in the URI and in headers; give it once',
    )
  })

  test('a URI without the sip: scheme', () => {
    expect(() => piece(<Sip>kate@example.com</Sip>)).toThrow(
      'Sip: SIP URI "kate@example.com" must start with sip: (or sips:)',
    )
  })

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
