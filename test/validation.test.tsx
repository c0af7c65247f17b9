/**
 * Validation (issue 4): every rule has a document that passes and one that fails with the exact
 * message. Rules come from ../shared/TWIML-RULES.md; the SIP URI rules are in sip.test.tsx.
 */

import {
  Application,
  Client,
  Conference,
  Dial,
  Emphasis,
  Enqueue,
  Gather,
  Hangup,
  Number,
  Parameter,
  Pause,
  Play,
  Redirect,
  Reject,
  Response,
  render,
  Say,
  Sip,
  type TwimlIssue,
  TwimlValidationError,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'

const DECL = '<?xml version="1.0" encoding="UTF-8"?>'

/** The issues a render throws (none: an empty list). */
function issuesOf(fn: () => unknown): { path: string; rule: string; message: string; code?: number | string }[] {
  try {
    fn()
    return []
  } catch (e) {
    if (!(e instanceof TwimlValidationError)) throw e
    return e.issues.map(({ path, rule, message, code }) =>
      code === undefined ? { path, rule, message } : { path, rule, message, code },
    )
  }
}

describe('document rules', () => {
  test('the root is <Response>', () => {
    expect(() =>
      render(
        <Response>
          <Hangup />
        </Response>,
      ),
    ).not.toThrow()
    expect(issuesOf(() => render(<Say>hi</Say>))).toEqual([
      {
        path: 'Say',
        rule: 'document.root',
        message: "the root element is <Say>; a TwiML document's root is <Response>",
      },
    ])
    // A piece of a document (a component under test) may say so.
    expect(render(<Say>hi</Say>, { context: 'fragment' })).toBe(`${DECL}<Say>hi</Say>`)
  })

  test('a webhook response is at most 64 kB (error 11750)', () => {
    const say = (n: number) => <Say>{'a'.repeat(n)}</Say>
    const base = `${DECL}<Response><Say></Say></Response>`.length
    // One <Say> holds at most 4096 characters: build the document from many of them.
    const full = Array.from({ length: 16 }, () => say(4000))
    const exactly = [...full, say(64 * 1024 - base - 16 * 4000 - 16 * '<Say></Say>'.length)]
    expect(render(<Response>{exactly}</Response>)).toHaveLength(64 * 1024)
    expect(issuesOf(() => render(<Response>{[...exactly, <Pause key="p" />]}</Response>))).toEqual([
      {
        path: '(document)',
        rule: 'document.size',
        message: 'the document is 65544 bytes, the limit for a webhook response is 65536 (Twilio error 11750)',
        code: 11750,
      },
    ])
  })

  test('the size counts UTF-8 bytes, not characters', () => {
    const says = Array.from({ length: 8 }, (_, i) => <Say key={i}>{'日'.repeat(3000)}</Say>)
    // 24 000 characters, 72 000 bytes.
    expect(issuesOf(() => render(<Response>{says}</Response>)).map((i) => i.rule)).toEqual(['document.size'])
  })

  test('verbs after Hangup, Redirect or Reject never run: a warning, the document still renders', () => {
    const seen: TwimlIssue[] = []
    const xml = render(
      <Response>
        <Say>bye</Say>
        <Hangup />
        <Say>never heard</Say>
      </Response>,
      { onIssue: (i) => seen.push(i) },
    )
    expect(xml).toBe(`${DECL}<Response><Say>bye</Say><Hangup/><Say>never heard</Say></Response>`)
    expect(seen).toEqual([
      {
        path: 'Response > Say[2]',
        rule: 'document.unreachable',
        message: '<Say> comes after <Hangup> and never runs',
        severity: 'warning',
        code: 'https://www.twilio.com/docs/voice/twiml/hangup',
      },
    ])
    const quiet: TwimlIssue[] = []
    render(
      <Response>
        <Say>bye</Say>
        <Redirect>/next</Redirect>
      </Response>,
      { onIssue: (i) => quiet.push(i) },
    )
    expect(quiet).toEqual([])
  })
})

describe('nesting', () => {
  test('<Gather> holds only Say, Play and Pause', () => {
    expect(() =>
      render(
        <Response>
          <Gather>
            <Say>Press 1</Say>
            <Play>/beep.mp3</Play>
            <Pause />
          </Gather>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Gather>
              <Dial>+15550001111</Dial>
            </Gather>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Gather > Dial',
        rule: 'children.element',
        message: '<Gather> cannot contain <Dial>; it takes <Say>, <Play>, <Pause>',
      },
    ])
  })

  test('no verbs nest in Hangup, Redirect or Reject (Hangup and Reject take only <Parameter>)', () => {
    expect(() =>
      render(
        <Response>
          <Hangup>
            <Parameter name="reason" value="done" />
          </Hangup>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Hangup>
              <Say>x</Say>
            </Hangup>
            <Redirect>{['/next', (<Pause key="p" />) as never]}</Redirect>
            <Reject>{'busy' as never}</Reject>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Hangup > Say',
        rule: 'children.element',
        message: '<Hangup> cannot contain <Say>; it takes <Parameter>',
      },
      {
        path: 'Response > Redirect > Pause',
        rule: 'children.element',
        message: '<Redirect> cannot contain elements, and holds <Pause>',
      },
      { path: 'Response > Reject', rule: 'children.text', message: '<Reject> cannot contain text, and holds "busy"' },
    ])
  })

  test('verbs are not nouns: <Say> inside <Dial>', () => {
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Say>x</Say>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial > Say',
        rule: 'children.element',
        message:
          '<Dial> cannot contain <Say>; it takes <Number>, <Client>, <Sip>, <Conference>, <Queue>, <Sim>, <Application>, <WhatsApp>',
      },
    ])
  })
})

describe('attribute values, checked at run time too (JavaScript callers, computed values)', () => {
  const js = (props: Record<string, unknown>) => props as Record<string, never>

  test('closed unions, numbers in range, booleans', () => {
    expect(() =>
      render(
        <Response>
          <Dial method="POST" timeout={5} hangupOnStar>
            +1
          </Dial>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial {...js({ method: 'PUT', timeout: -1, hangupOnStar: 'yes', record: 'always' })}>+1</Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      { path: 'Response > Dial', rule: 'attribute.value', message: 'method is "PUT"; it must be one of GET, POST' },
      {
        path: 'Response > Dial',
        rule: 'attribute.value',
        message: 'timeout is -1; it must be a whole number from 5 to 600',
      },
      {
        path: 'Response > Dial',
        rule: 'attribute.value',
        message: 'hangupOnStar is "yes"; it must be true or false (Twilio warning 13218)',
      },
      {
        path: 'Response > Dial',
        rule: 'attribute.value',
        message:
          'record is "always"; it must be one of do-not-record, record-from-answer, record-from-ringing, record-from-answer-dual, record-from-ringing-dual',
      },
    ])
  })

  test('SIP region and transport props', () => {
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Sip {...js({ region: 'xx' })}>sip:a@example.com</Sip>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial > Sip',
        rule: 'attribute.value',
        message: 'region is "xx"; it must be one of us1, us2, ie1, de1, sg1, jp1, br1, au1',
      },
    ])
  })

  test('statusCallbackEvent values', () => {
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Number {...js({ statusCallbackEvent: ['ringing', 'hangup'] })}>+1</Number>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial > Number',
        rule: 'attribute.value',
        message: 'statusCallbackEvent has "hangup"; allowed: initiated, ringing, answered, completed',
      },
    ])
  })

  test('statusCallback: relative, or absolute with a valid host (no underscores)', () => {
    const ok = ['/events', 'events?x=1', 'https://example.com/events', 'http://10.0.0.1:8080/e', 'https://[::1]/e']
    for (const url of ok) {
      expect(() =>
        render(
          <Response>
            <Dial>
              <Sip statusCallback={url}>sip:a@example.com</Sip>
            </Dial>
          </Response>,
        ),
      ).not.toThrow()
    }
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Sip statusCallback="https://my_app.example.com/events">sip:a@example.com</Sip>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial > Sip',
        rule: 'attribute.value',
        message: 'statusCallback has host "my_app.example.com", and host names cannot contain underscores',
      },
    ])
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial action="ftp://example.com/x">+1</Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'attribute.value',
        message: 'action is "ftp://example.com/x"; it must be an http or https URL',
      },
    ])
  })

  test('SIP username under 256 characters (error 21221)', () => {
    expect(() =>
      render(
        <Response>
          <Dial>
            <Sip username={'u'.repeat(255)}>sip:a@example.com</Sip>
          </Dial>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Sip username={'u'.repeat(256)}>sip:a@example.com</Sip>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial > Sip',
        rule: 'attribute.value',
        message: 'username is 256 characters, the limit is 255 (Twilio error 21221)',
        code: 21221,
      },
    ])
  })

  test('Application customerId at most 256 characters', () => {
    expect(() =>
      render(
        <Response>
          <Dial>
            <Application customerId={'c'.repeat(256)}>AP123</Application>
          </Dial>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Application customerId={'c'.repeat(257)}>AP123</Application>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial > Application',
        rule: 'attribute.value',
        message: 'customerId is 257 characters, the limit is 256',
      },
    ])
  })

  test('a misspelled attribute from JavaScript is caught, with a suggestion', () => {
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial {...js({ callerID: '+1' })}>+1</Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'attribute.unknown',
        message: 'callerID is not an attribute of <Dial> (did you mean callerId?)',
      },
    ])
  })
})

describe('<Dial> nouns', () => {
  const sips = (n: number) => Array.from({ length: n }, (_, i) => <Sip key={i}>{`sip:agent${i}@example.com`}</Sip>)

  test('at most 10 nouns', () => {
    expect(() =>
      render(
        <Response>
          <Dial>{sips(10)}</Dial>
        </Response>,
        { enhancedSip: true },
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>{sips(11)}</Dial>
          </Response>,
          { enhancedSip: true },
        ),
      ),
    ).toEqual([{ path: 'Response > Dial', rule: 'dial.max-nouns', message: '<Dial> holds 11 nouns, the limit is 10' }])
  })

  test('without Enhanced Programmable SIP Features: one <Sip>, and nothing beside it', () => {
    expect(() =>
      render(
        <Response>
          <Dial>{sips(1)}</Dial>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>{sips(2)}</Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'dial.enhanced-sip',
        message:
          '<Dial> holds 2 <Sip> nouns; more than one needs Enhanced Programmable SIP Features (render option enhancedSip: true)',
        code: 'https://www.twilio.com/docs/voice/twiml/sip',
      },
    ])
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Sip>sip:a@example.com</Sip>
              <Number>+15550001111</Number>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'dial.enhanced-sip',
        message:
          '<Dial> holds <Sip> beside other nouns; that needs Enhanced Programmable SIP Features (render option enhancedSip: true)',
        code: 'https://www.twilio.com/docs/voice/twiml/sip',
      },
    ])
    // Numbers and clients may ring together without it.
    expect(() =>
      render(
        <Response>
          <Dial>
            <Number>+15550001111</Number>
            <Client>alice</Client>
          </Dial>
        </Response>,
      ),
    ).not.toThrow()
  })

  test('<Conference> once, alone (error 13000)', () => {
    expect(() =>
      render(
        <Response>
          <Dial>
            <Conference>room</Conference>
          </Dial>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Conference>a</Conference>
              <Conference>b</Conference>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'dial.conference-alone',
        message: '<Conference> must be the only noun in its <Dial> (Twilio error 13000)',
        code: 13000,
      },
    ])
  })

  test('<Application> is not dialed in parallel', () => {
    expect(() =>
      render(
        <Response>
          <Dial>
            <Application>AP1</Application>
          </Dial>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              <Application>AP1</Application>
              <Number>+1</Number>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'dial.application-alone',
        message: '<Application> cannot be dialed together with other nouns',
        code: 'https://www.twilio.com/docs/voice/twiml/dial/application',
      },
    ])
  })

  test('text and nouns are not mixed', () => {
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>
              +15550001111<Number>+15550002222</Number>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'dial.text-and-nouns',
        message: '<Dial> holds both text and nouns; put the phone number in a <Number>',
      },
    ])
  })

  test('SIP callerId: letters, digits and + - _ . without spaces', () => {
    expect(() =>
      render(
        <Response>
          <Dial callerId="Support_Line-1.0+">
            <Sip>sip:a@example.com</Sip>
          </Dial>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial callerId="Support Line">
              <Sip>sip:a@example.com</Sip>
            </Dial>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'dial.sip-caller-id',
        message: 'callerId "Support Line" is not valid for SIP: use letters, digits and + - _ . (no spaces)',
        code: 'https://www.twilio.com/docs/voice/twiml/sip',
      },
    ])
  })
})

describe('document contexts', () => {
  test("screening documents (a noun's url) cannot <Dial>", () => {
    const screening = (
      <Response>
        <Gather numDigits={1} action="/decide">
          <Say>Press 1 to accept</Say>
        </Gather>
        <Hangup />
      </Response>
    )
    expect(() => render(screening, { context: 'screening' })).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Dial>+1</Dial>
          </Response>,
          { context: 'screening' },
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Dial',
        rule: 'context.screening',
        message: "a screening document (run at a noun's url) cannot contain <Dial>",
      },
    ])
  })

  test('conference wait documents use only Say, Play, Pause, Redirect (error 13238)', () => {
    expect(() =>
      render(
        <Response>
          <Say>Please wait</Say>
          <Play loop={0}>/hold.mp3</Play>
          <Pause />
          <Redirect>/wait</Redirect>
        </Response>,
        { context: 'conference-wait' },
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Gather />
          </Response>,
          { context: 'conference-wait' },
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Gather',
        rule: 'context.conference-wait',
        message:
          'a conference waitUrl document can only use <Say>, <Play>, <Pause> and <Redirect>, not <Gather> (Twilio error 13238)',
        code: 13238,
      },
    ])
  })
})

describe('modes', () => {
  const broken = (
    <Response>
      <Dial timeout={1}>
        <Sip region="jp1">sip:a@example.com;region=us1</Sip>
        <Number>+15550001111</Number>
      </Dial>
      <Gather>
        <Hangup />
      </Gather>
    </Response>
  )

  test("'throw' (default) collects every problem in the document into one error", () => {
    let error: unknown
    try {
      render(broken)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TwimlValidationError)
    expect((error as TwimlValidationError).message).toBe(
      [
        '4 problems in TwiML document:',
        '  Response > Dial: timeout is 1; it must be a whole number from 5 to 600',
        '  Response > Dial > Sip: region is given both as a prop ("jp1") and in the URI ("us1"); give it once',
        '  Response > Dial: <Dial> holds <Sip> beside other nouns; that needs Enhanced Programmable SIP Features (render option enhancedSip: true)',
        '  Response > Gather > Hangup: <Gather> cannot contain <Hangup>; it takes <Say>, <Play>, <Pause>',
      ].join('\n'),
    )
  })

  test("'warn' hands every problem to onIssue and still renders", () => {
    const seen: string[] = []
    const xml = render(broken, { validate: 'warn', onIssue: (i) => seen.push(i.rule) })
    expect(seen).toEqual(['attribute.value', 'sip.region-twice', 'dial.enhanced-sip', 'children.element'])
    expect(xml).toBe(
      `${DECL}<Response><Dial timeout="1"><Sip>sip:a@example.com;region=us1</Sip><Number>+15550001111</Number></Dial><Gather><Hangup/></Gather></Response>`,
    )
  })

  test("'off' renders without checking", () => {
    expect(render(broken, { validate: 'off' })).toBe(render(broken, { validate: 'warn', onIssue: () => {} }))
  })
})

describe('text lengths', () => {
  test('<Say>: 4096 characters for basic voices, 3000 for Polly, 5000 for Google (error 13521)', () => {
    const text = (n: number) => 'a'.repeat(n)
    expect(() =>
      render(
        <Response>
          <Say>{text(4096)}</Say>
        </Response>,
      ),
    ).not.toThrow()
    expect(() =>
      render(
        <Response>
          <Say voice="Google.en-US-Standard-C">{text(5000)}</Say>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Say>{text(4097)}</Say>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Say',
        rule: 'say.length',
        message: '<Say> text is 4097 characters; this voice takes at most 4096 (Twilio error 13521)',
        code: 13521,
      },
    ])
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Say voice="Polly.Joanna">{text(3001)}</Say>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Say',
        rule: 'say.length',
        message: '<Say> text is 3001 characters; Amazon Polly voices take at most 3000 (Twilio error 13521)',
        code: 13521,
      },
    ])
  })

  test('<Say>: text inside SSML elements counts', () => {
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Say voice="Polly.Joanna">
              {'a'.repeat(2000)}
              <Emphasis>{'b'.repeat(1001)}</Emphasis>
            </Say>
          </Response>,
        ),
      ).map((i) => i.message),
    ).toEqual(['<Say> text is 3001 characters; Amazon Polly voices take at most 3000 (Twilio error 13521)'])
  })

  test('<Enqueue>: queue name at most 64 characters', () => {
    expect(() =>
      render(
        <Response>
          <Enqueue>{'q'.repeat(64)}</Enqueue>
        </Response>,
      ),
    ).not.toThrow()
    expect(
      issuesOf(() =>
        render(
          <Response>
            <Enqueue>{'q'.repeat(65)}</Enqueue>
          </Response>,
        ),
      ),
    ).toEqual([
      {
        path: 'Response > Enqueue',
        rule: 'enqueue.name-length',
        message: 'queue name is 65 characters, the limit is 64',
      },
    ])
  })
})

describe('the README', () => {
  test('shows the error a user really sees', async () => {
    const { readFileSync } = await import('node:fs')
    const long = `sip:${'a'.repeat(301 - 'sip:@example.com'.length)}@example.com`
    let message = ''
    try {
      render(
        <Response>
          <Dial timeout={1}>
            <Sip>sip:alice@example.com</Sip>
            <Sip>{long}</Sip>
          </Dial>
          <Gather>
            <Dial>+15550001111</Dial>
          </Gather>
        </Response>,
        { enhancedSip: true },
      )
    } catch (e) {
      message = `${(e as Error).name}: ${(e as Error).message}`
    }
    expect(message).toBe(
      [
        'TwimlValidationError: 3 problems in TwiML document:',
        '  Response > Dial: timeout is 1; it must be a whole number from 5 to 600',
        '  Response > Dial > Sip[2]: SIP URI is 301 characters, the limit is 255',
        '  Response > Gather > Dial: <Gather> cannot contain <Dial>; it takes <Say>, <Play>, <Pause>',
      ].join('\n'),
    )
    expect(readFileSync('README.md', 'utf8')).toContain(message)
  })
})

describe('TwiML passed inline to the REST API', () => {
  test("context 'rest-api': at most 4000 characters (error 32018)", () => {
    const fill = (n: number) => <Say>{'a'.repeat(n - `${DECL}<Response><Say></Say></Response>`.length)}</Say>
    expect(render(<Response>{fill(4000)}</Response>, { context: 'rest-api' })).toHaveLength(4000)
    expect(issuesOf(() => render(<Response>{fill(4001)}</Response>, { context: 'rest-api' }))).toEqual([
      {
        path: '(document)',
        rule: 'document.inline-length',
        message:
          'the document is 4001 characters, the limit for TwiML passed to the REST API is 4000 (Twilio error 32018)',
        code: 32018,
      },
    ])
    // A webhook response may be longer.
    expect(() => render(<Response>{fill(4001)}</Response>)).not.toThrow()
  })
})
