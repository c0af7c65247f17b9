import twilio from 'twilio'
import {
  AmazonDomain,
  AmazonEffect,
  Break,
  Emphasis,
  Lang,
  P,
  Phoneme,
  Prosody,
  Response,
  render,
  S,
  Say,
  SayAs,
  SSML_TAGS,
  Sub,
  type TwimlNode,
  W,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { ELEMENT_SPEC } from '../src/node.js'
import { DECL, issuesOf } from './support/issues.js'

const inSay = (ssml: string, attrs = '') => `${DECL}<Response><Say${attrs}>${ssml}</Say></Response>`

type TwilioVoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>
type TwilioSay = ReturnType<TwilioVoiceResponse['say']>
type TwilioSayAttributes = Parameters<TwilioVoiceResponse['say']>[0]

/** An element where the types allow only text: what JavaScript callers can still pass. */
const smuggled = (node: TwimlNode) => node as unknown as string

/** The twilio builder's bytes for one `<Say>` built by `build`. */
function oracle(build: (say: TwilioSay) => void, attributes: TwilioSayAttributes = {}): string {
  const vr = new twilio.twiml.VoiceResponse()
  build(vr.say(attributes, ''))
  return vr.toString()
}

describe('SSML inside <Say>: text and SSML mix freely', () => {
  test('the issue example', () => {
    const xml = render(
      <Response>
        <Say>
          Hello <Emphasis>you</Emphasis>, welcome
        </Say>
      </Response>,
    )
    expect(xml).toBe(inSay('Hello <emphasis>you</emphasis>, welcome'))
    expect(xml).toBe(
      oracle((say) => {
        say.addText('Hello ')
        say.emphasis('you')
        say.addText(', welcome')
      }),
    )
  })

  test('the lowercase intrinsic form writes the same bytes', () => {
    expect(
      render(
        <Response>
          <Say>
            Hello <emphasis>you</emphasis>, welcome
          </Say>
        </Response>,
      ),
    ).toBe(inSay('Hello <emphasis>you</emphasis>, welcome'))
  })

  test('every element and attribute, component form, against the twilio builder', () => {
    const xml = render(
      <Response>
        <Say voice="Polly.Joanna" language="en-US" loop={2}>
          Start
          <Break strength="x-strong" time="1500ms" />
          <Emphasis level="reduced">soft</Emphasis>
          <Lang xmlLang="fr-FR">bonjour</Lang>
          <P>para</P>
          <Phoneme alphabet="x-sampa" ph='"bA.t@l'>
            bottle
          </Phoneme>
          <Prosody pitch="+10%" rate="85%" volume="-6dB">
            changed
          </Prosody>
          <S>sentence</S>
          <SayAs interpretAs="date" format="ymd">
            2024-02-29
          </SayAs>
          <Sub alias="Mercury">Hg</Sub>
          {/* biome-ignore lint/a11y/useValidAriaRole: the SSML <w role>, not an ARIA role */}
          <W role="amazon:VBD">read</W>
        </Say>
      </Response>,
    )
    const expected = oracle(
      (say) => {
        say.addText('Start')
        say.break({ strength: 'x-strong', time: '1500ms' })
        say.emphasis({ level: 'reduced' }, 'soft')
        say.lang({ 'xml:lang': 'fr-FR' }, 'bonjour')
        say.p('para')
        say.phoneme({ alphabet: 'x-sampa', ph: '"bA.t@l' }, 'bottle')
        say.prosody({ pitch: '+10%', rate: '85%', volume: '-6dB' }, 'changed')
        say.s('sentence')
        say.sayAs({ 'interpret-as': 'date', format: 'ymd' }, '2024-02-29')
        say.sub({ alias: 'Mercury' }, 'Hg')
        say.w({ role: 'amazon:VBD' }, 'read')
      },
      { voice: 'Polly.Joanna', language: 'en-US', loop: 2 },
    )
    expect(xml).toBe(expected)
    expect(xml).toBe(
      inSay(
        'Start<break strength="x-strong" time="1500ms"/><emphasis level="reduced">soft</emphasis>' +
          '<lang xml:lang="fr-FR">bonjour</lang><p>para</p><phoneme alphabet="x-sampa" ph="&quot;bA.t@l">bottle</phoneme>' +
          '<prosody pitch="+10%" rate="85%" volume="-6dB">changed</prosody><s>sentence</s>' +
          '<say-as interpret-as="date" format="ymd">2024-02-29</say-as><sub alias="Mercury">Hg</sub>' +
          '<w role="amazon:VBD">read</w>',
        ' voice="Polly.Joanna" language="en-US" loop="2"',
      ),
    )
  })

  test('every element and attribute, intrinsic form, gives the same bytes', () => {
    const component = render(
      <Response>
        <Say>
          <Break time="2s" />
          <Lang xmlLang="de-DE">ja</Lang>
          <SayAs interpretAs="telephone">+15550001111</SayAs>
          <AmazonEffect name="whispered" vocalTractLength="+15%">
            psst
          </AmazonEffect>
        </Say>
      </Response>,
    )
    const intrinsic = render(
      <Response>
        <Say>
          <break time="2s" />
          <lang xml:lang="de-DE">ja</lang>
          <say-as interpret-as="telephone">+15550001111</say-as>
          <amazon:effect name="whispered" vocal-tract-length="+15%">
            psst
          </amazon:effect>
        </Say>
      </Response>,
    )
    expect(intrinsic).toBe(component)
    expect(component).toBe(
      inSay(
        '<break time="2s"/><lang xml:lang="de-DE">ja</lang><say-as interpret-as="telephone">+15550001111</say-as>' +
          '<amazon:effect name="whispered" vocal-tract-length="+15%">psst</amazon:effect>',
      ),
    )
  })

  test('nested SSML, against the twilio builder', () => {
    const xml = render(
      <Response>
        <Say voice="Polly.Matthew">
          <P>
            <S>
              Your code is <SayAs interpretAs="spell-out">A1B</SayAs>.
            </S>
            <S>
              <Prosody rate="slow">
                Please <Emphasis level="strong">repeat</Emphasis> it <Break time="500ms" /> now
              </Prosody>
            </S>
          </P>
        </Say>
      </Response>,
    )
    const expected = oracle(
      (say) => {
        const p = say.p('')
        const s1 = p.s('Your code is ')
        s1.sayAs({ 'interpret-as': 'spell-out' }, 'A1B')
        s1.addText('.')
        const prosody = p.s('').prosody({ rate: 'slow' }, 'Please ')
        prosody.emphasis({ level: 'strong' }, 'repeat')
        prosody.addText(' it ')
        prosody.break({ time: '500ms' })
        prosody.addText(' now')
      },
      { voice: 'Polly.Matthew' },
    )
    expect(xml).toBe(expected)
  })

  test('amazon:effect and amazon:domain equal twilio addChild output', () => {
    const xml = render(
      <Response>
        <Say voice="Polly.Joanna-Neural">
          <AmazonDomain name="news">
            Today <AmazonEffect name="drc">loud and clear</AmazonEffect>
          </AmazonDomain>
          <AmazonEffect phonation="soft">quietly</AmazonEffect>
        </Say>
      </Response>,
    )
    const expected = oracle(
      (say) => {
        const domain = say.addChild('amazon:domain', { name: 'news' })
        domain.addText('Today ')
        domain.addChild('amazon:effect', { name: 'drc' }).addText('loud and clear')
        say.addChild('amazon:effect', { phonation: 'soft' }).addText('quietly')
      },
      { voice: 'Polly.Joanna-Neural' },
    )
    expect(xml).toBe(expected)
    expect(xml).toBe(
      inSay(
        '<amazon:domain name="news">Today <amazon:effect name="drc">loud and clear</amazon:effect></amazon:domain>' +
          '<amazon:effect phonation="soft">quietly</amazon:effect>',
        ' voice="Polly.Joanna-Neural"',
      ),
    )
  })

  test('text and attribute escaping inside SSML matches the builder', () => {
    const text = 'Tom & Jerry <3 "quotes"\r\n'
    const alias = 'A & B <"c">\ttab'
    const xml = render(
      <Response>
        <Say>
          {text}
          <Sub alias={alias}>{text}</Sub>
        </Say>
      </Response>,
    )
    expect(xml).toBe(
      oracle((say) => {
        say.addText(text)
        say.sub({ alias }, text)
      }),
    )
    expect(xml).toBe(
      inSay(
        'Tom &amp; Jerry &lt;3 "quotes"&#xD;\n<sub alias="A &amp; B &lt;&quot;c&quot;>&#x9;tab">Tom &amp; Jerry &lt;3 "quotes"&#xD;\n</sub>',
      ),
    )
  })

  test('an empty <Break/> and an empty <Say/>', () => {
    expect(
      render(
        <Response>
          <Say>
            <Break />
          </Say>
          <Say />
        </Response>,
      ),
    ).toBe(`${DECL}<Response><Say><break/></Say><Say/></Response>`)
  })

  test('a voice or language Twilio adds later renders as written', () => {
    expect(
      render(
        <Response>
          <Say voice="Polly.SomeFutureVoice-Neural" language="xx-YY">
            hi <Lang xmlLang="xx-YY">there</Lang>
          </Say>
        </Response>,
      ),
    ).toBe(inSay('hi <lang xml:lang="xx-YY">there</lang>', ' voice="Polly.SomeFutureVoice-Neural" language="xx-YY"'))
  })
})

describe('SSML validation', () => {
  test('<Say> names every SSML element as a child', () => {
    const children = (Say[ELEMENT_SPEC].children?.elements?.() ?? []).map((e) => e.tag)
    expect([...children].sort()).toEqual([...SSML_TAGS].sort())
  })

  test('nesting follows the builder: no <p> inside <p>, no element inside <say-as>', () => {
    const issues = issuesOf(() =>
      render(
        <Response>
          <Say>
            <P>
              <P>nested</P>
            </P>
            <say-as interpret-as="digits">{smuggled(<Break />)}</say-as>
          </Say>
        </Response>,
      ),
    )
    expect(issues.map((i) => i.rule)).toEqual(['children.element', 'children.element'])
    expect(issues[0]?.message).toContain('<p>')
    expect(issues[1]?.message).toContain('<break>')
  })

  test('closed values are checked at run time too (values from JavaScript, not TSX)', () => {
    const props = { interpretAs: 'weekday' } as unknown as { interpretAs: 'date' }
    const issues = issuesOf(() =>
      render(
        <Response>
          <Say>
            <SayAs {...props}>x</SayAs>
          </Say>
        </Response>,
      ),
    )
    expect(issues.map((i) => i.rule)).toEqual(['attribute.value'])
  })

  test('a misspelled hyphenated attribute on an intrinsic element is reported at run time', () => {
    const misspelled = { 'interpret-ass': 'date' } as Record<string, string>
    const issues = issuesOf(() =>
      render(
        <Response>
          <Say>
            <say-as interpret-as="date" {...misspelled}>
              x
            </say-as>
          </Say>
        </Response>,
      ),
    )
    expect(issues.map((i) => i.rule)).toEqual(['attribute.unknown'])
  })

  test('SSML outside <Say> is reported', () => {
    const issues = issuesOf(() =>
      render(
        <Response>
          <Break time="1s" />
        </Response>,
      ),
    )
    expect(issues.map((i) => i.rule)).toEqual(['children.element'])
    expect(issues[0]?.message).toContain('<break>')
  })
})
