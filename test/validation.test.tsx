import {
  Application,
  Client,
  Conference,
  Dial,
  Emphasis,
  Enqueue,
  Gather,
  Hangup,
  Header,
  Headers,
  Message,
  MessagingResponse,
  Number,
  Parameter,
  Pause,
  Play,
  Redirect,
  Refer,
  ReferSip,
  Reject,
  type RenderOptions,
  Response,
  Say,
  Sip,
  TWIML_RULES,
  type TwimlNode,
  type TwimlRule,
  Uri,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { DECL, type IssueSummary, reported } from './support/issues.js'

/** Props from JavaScript, which the types would refuse. */
const js = (props: Record<string, unknown>) => props as Record<string, never>

/** One rule: a document that keeps it, one that breaks it, and exactly what is reported. */
interface RuleCase {
  readonly rule: TwimlRule
  readonly behaviour: string
  /** Renders with no issue at all (`null`: the rule has no meaningful passing twin here). */
  readonly valid: TwimlNode | null
  readonly invalid: TwimlNode
  readonly options?: RenderOptions
  readonly issues: readonly IssueSummary[]
}

const sips = (n: number) => Array.from({ length: n }, (_, i) => <Sip key={i}>{`sip:agent${i}@example.com`}</Sip>)
const chars = (n: number) => 'a'.repeat(n)
const DIAL_NOUN_LIST = '<Number>, <Client>, <Sip>, <Conference>, <Queue>, <Sim>, <Application>, <WhatsApp>'
const sipIn = (sip: TwimlNode) => (
  <Response>
    <Dial>{sip}</Dial>
  </Response>
)
const SIP = 'Response > Dial > Sip'

// A webhook response of exactly 64 kB, from <Say>s of at most 4096 characters each.
const say = (n: number) => <Say>{chars(n)}</Say>
const FULL = Array.from({ length: 16 }, () => say(4000))
const AT_LIMIT = [...FULL, say(64 * 1024 - `${DECL}<Response></Response>`.length - 16 * 4011 - 11)]
const inline = (n: number) => <Say>{chars(n - `${DECL}<Response><Say></Say></Response>`.length)}</Say>

const CASES: readonly RuleCase[] = [
  // --- the document -----------------------------------------------------------------------------
  {
    rule: 'document.root',
    behaviour: 'the root is <Response>',
    valid: (
      <Response>
        <Hangup />
      </Response>
    ),
    invalid: <Say>hi</Say>,
    issues: [
      {
        path: 'Say',
        rule: 'document.root',
        message: "the root element is <Say>; a TwiML document's root is <Response>",
      },
    ],
  },
  {
    rule: 'document.size',
    behaviour: 'a webhook response is at most 64 kB of UTF-8 (error 11750)',
    valid: <Response>{AT_LIMIT}</Response>,
    invalid: <Response>{[...AT_LIMIT, <Pause key="p" />]}</Response>,
    issues: [
      {
        path: '(document)',
        rule: 'document.size',
        message:
          'the document is 65544 bytes of UTF-8 (declaration included), the limit for a webhook response is 65536 (Twilio error 11750)',
        code: 11750,
      },
    ],
  },
  {
    rule: 'document.inline-length',
    behaviour: "context 'rest-api': at most 4000 characters (error 32018)",
    valid: <Response>{inline(4000)}</Response>,
    invalid: <Response>{inline(4001)}</Response>,
    options: { context: 'rest-api' },
    issues: [
      {
        path: '(document)',
        rule: 'document.inline-length',
        message:
          'the document is 4001 characters (declaration included), the limit for TwiML passed to the REST API is 4000 (Twilio error 32018)',
        code: 32018,
      },
    ],
  },
  {
    rule: 'document.unreachable',
    behaviour: 'verbs after Hangup, Redirect or Reject never run (a warning)',
    valid: (
      <Response>
        <Say>bye</Say>
        <Redirect>/next</Redirect>
      </Response>
    ),
    invalid: (
      <Response>
        <Say>bye</Say>
        <Hangup />
        <Say>never heard</Say>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Say[2]',
        rule: 'document.unreachable',
        message: '<Say> comes after <Hangup> and never runs',
        code: 'https://www.twilio.com/docs/voice/twiml/hangup',
      },
    ],
  },
  // --- nesting ----------------------------------------------------------------------------------
  {
    rule: 'children.element',
    behaviour: '<Gather> holds only Say, Play and Pause',
    valid: (
      <Response>
        <Gather>
          <Say>Press 1</Say>
          <Play>/beep.mp3</Play>
          <Pause />
        </Gather>
      </Response>
    ),
    invalid: (
      <Response>
        <Gather>
          <Dial>+15550001111</Dial>
        </Gather>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Gather > Dial',
        rule: 'children.element',
        message: '<Gather> cannot contain <Dial>; it takes <Say>, <Play>, <Pause>',
      },
    ],
  },
  {
    rule: 'children.element',
    behaviour: 'Hangup takes only <Parameter>; Redirect no elements',
    valid: (
      <Response>
        <Hangup>
          <Parameter name="reason" value="done" />
        </Hangup>
      </Response>
    ),
    invalid: (
      <Response>
        <Redirect>{['/next', (<Pause key="p" />) as never]}</Redirect>
        <Hangup>
          <Say>x</Say>
        </Hangup>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Redirect > Pause',
        rule: 'children.element',
        message: '<Redirect> cannot contain elements, and holds <Pause>',
      },
      {
        path: 'Response > Hangup',
        rule: 'document.unreachable',
        message: '<Hangup> comes after <Redirect> and never runs',
        code: 'https://www.twilio.com/docs/voice/twiml/hangup',
      },
      {
        path: 'Response > Hangup > Say',
        rule: 'children.element',
        message: '<Hangup> cannot contain <Say>; it takes <Parameter>',
      },
    ],
  },
  {
    rule: 'children.element',
    behaviour: 'verbs are not nouns: <Say> inside <Dial>',
    valid: (
      <Response>
        <Dial>
          <Number>+15550001111</Number>
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>
          <Say>x</Say>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial > Say',
        rule: 'children.element',
        message: `<Dial> cannot contain <Say>; it takes ${DIAL_NOUN_LIST}`,
      },
    ],
  },
  {
    rule: 'children.element',
    behaviour: "<Refer>'s <Sip> is ReferSip: Dial's Sip, with its URI props, is refused by definition",
    valid: (
      <Response>
        <Refer>
          <ReferSip>sip:alice@example.com</ReferSip>
        </Refer>
      </Response>
    ),
    invalid: (
      <Response>
        <Refer>
          <Sip region="jp1">sip:alice@example.com</Sip>
        </Refer>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Refer > Sip',
        rule: 'children.element',
        message: '<Refer> cannot contain Sip; its <Sip> is ReferSip',
      },
    ],
  },
  {
    rule: 'children.element',
    behaviour: "and Dial's <Sip> is Sip, not ReferSip",
    valid: null,
    invalid: sipIn(<ReferSip>sip:alice@example.com</ReferSip>),
    issues: [{ path: SIP, rule: 'children.element', message: '<Dial> cannot contain ReferSip; its <Sip> is Sip' }],
  },
  {
    rule: 'children.element',
    behaviour: 'a root holds verbs: a noun under <Response> is refused',
    valid: null,
    invalid: (
      <Response>
        <Number>+15550001111</Number>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Number',
        rule: 'children.element',
        message: '<Response> cannot contain <Number>, which is not a verb',
      },
    ],
  },
  {
    rule: 'children.element',
    behaviour: 'the two roots share a tag, not their verbs',
    valid: (
      <MessagingResponse>
        <Message>hi</Message>
        <Redirect>/next</Redirect>
      </MessagingResponse>
    ),
    invalid: (
      <Response>
        <Message>hi</Message>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Message',
        rule: 'children.element',
        message: '<Response> cannot contain <Message>, a verb of MessagingResponse',
      },
    ],
  },
  {
    rule: 'children.text',
    behaviour: '<Reject> holds no text',
    valid: (
      <Response>
        <Reject reason="busy" />
      </Response>
    ),
    invalid: (
      <Response>
        <Reject>{'busy' as never}</Reject>
      </Response>
    ),
    issues: [
      { path: 'Response > Reject', rule: 'children.text', message: '<Reject> cannot contain text, and holds "busy"' },
    ],
  },
  // --- attributes -------------------------------------------------------------------------------
  {
    rule: 'attribute.unknown',
    behaviour: 'a misspelled prop from JavaScript is caught, with the closest real one',
    valid: (
      <Response>
        <Gather numDigits={1} speechTimeout="auto">
          <Say voice="alice">Press 1</Say>
        </Gather>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial {...js({ callerID: '+1' })}>+1</Dial>
        <Gather {...js({ numDigit: 1, speechTimout: 'auto' })}>
          <Say {...js({ vioce: 'alice' })}>Press 1</Say>
        </Gather>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial',
        rule: 'attribute.unknown',
        message: 'callerID is not an attribute of <Dial> (did you mean callerId?)',
      },
      {
        path: 'Response > Gather',
        rule: 'attribute.unknown',
        message: 'numDigit is not an attribute of <Gather> (did you mean numDigits?)',
      },
      {
        path: 'Response > Gather',
        rule: 'attribute.unknown',
        message: 'speechTimout is not an attribute of <Gather> (did you mean speechTimeout?)',
      },
      {
        path: 'Response > Gather > Say',
        rule: 'attribute.unknown',
        message: 'vioce is not an attribute of <Say> (did you mean voice?)',
      },
    ],
  },
  {
    rule: 'attribute.unknown',
    behaviour: 'no suggestion when nothing is close',
    valid: null,
    invalid: (
      <Response>
        <Hangup {...js({ reason: 'done' })} />
      </Response>
    ),
    issues: [
      { path: 'Response > Hangup', rule: 'attribute.unknown', message: 'reason is not an attribute of <Hangup>' },
    ],
  },
  {
    rule: 'attribute.value',
    behaviour: 'closed sets, numbers in range, booleans (values from JavaScript)',
    valid: (
      <Response>
        <Dial method="POST" timeout={5} hangupOnStar record="record-from-answer">
          +1
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial {...js({ method: 'PUT', timeout: -1, hangupOnStar: 'yes', record: 'always' })}>+1</Dial>
      </Response>
    ),
    issues: [
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
          'record is "always"; it must be one of do-not-record, record-from-answer, record-from-ringing, record-from-answer-dual, record-from-ringing-dual, or true or false (Twilio warning 13218)',
      },
    ],
  },
  {
    rule: 'attribute.value',
    behaviour: 'lists: each value from the set; unions: any member',
    valid: (
      <Response>
        <Dial>
          <Number statusCallbackEvent={['ringing', 'answered']}>+1</Number>
        </Dial>
        <Gather speechTimeout={3} />
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>
          <Number {...js({ statusCallbackEvent: ['ringing', 'hangup'] })}>+1</Number>
        </Dial>
        <Gather {...js({ speechTimeout: 'soon' })} />
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial > Number',
        rule: 'attribute.value',
        message: 'statusCallbackEvent has "hangup"; allowed: initiated, ringing, answered, completed',
      },
      {
        path: 'Response > Gather',
        rule: 'attribute.value',
        message: 'speechTimeout is "soon"; it must be a whole number of at least 0, or one of auto',
      },
    ],
  },
  {
    rule: 'attribute.value',
    behaviour: 'callback URLs: relative, or http(s) with a valid host (no underscores)',
    valid: (
      <Response>
        <Dial action="https://example.com/after">
          <Sip statusCallback="/events">sip:a@example.com</Sip>
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial action="ftp://example.com/x">
          <Sip statusCallback="https://my_app.example.com/events">sip:a@example.com</Sip>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial',
        rule: 'attribute.value',
        message: 'action is "ftp://example.com/x"; it must be an http or https URL',
      },
      {
        path: SIP,
        rule: 'attribute.value',
        message: 'statusCallback has host "my_app.example.com", and host names cannot contain underscores',
      },
    ],
  },
  {
    rule: 'attribute.value',
    behaviour: 'text lengths: SIP username under 256 (error 21221), Application customerId at most 256',
    valid: (
      <Response>
        <Dial>
          <Sip username={chars(255)}>sip:a@example.com</Sip>
        </Dial>
        <Dial>
          <Application customerId={chars(256)}>AP123</Application>
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>
          <Sip username={chars(256)}>sip:a@example.com</Sip>
        </Dial>
        <Dial>
          <Application customerId={chars(257)}>AP123</Application>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: SIP,
        rule: 'attribute.value',
        message: 'username is 256 characters, the limit is 255 (Twilio error 21221)',
        code: 21221,
      },
      {
        path: 'Response > Dial[2] > Application',
        rule: 'attribute.value',
        message: 'customerId is 257 characters, the limit is 256',
      },
    ],
  },
  // --- document contexts ------------------------------------------------------------------------
  {
    rule: 'context.screening',
    behaviour: "screening documents (a noun's url) cannot <Dial>",
    valid: (
      <Response>
        <Gather numDigits={1} action="/decide">
          <Say>Press 1 to accept</Say>
        </Gather>
        <Hangup />
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>+1</Dial>
      </Response>
    ),
    options: { context: 'screening' },
    issues: [
      {
        path: 'Response > Dial',
        rule: 'context.screening',
        message: "a screening document (run at a noun's url) cannot contain <Dial>",
      },
    ],
  },
  {
    rule: 'context.conference-wait',
    behaviour: 'conference wait documents use only Say, Play, Pause, Redirect (error 13238)',
    valid: (
      <Response>
        <Say>Please wait</Say>
        <Play loop={0}>/hold.mp3</Play>
        <Pause />
        <Redirect>/wait</Redirect>
      </Response>
    ),
    invalid: (
      <Response>
        <Gather />
      </Response>
    ),
    options: { context: 'conference-wait' },
    issues: [
      {
        path: 'Response > Gather',
        rule: 'context.conference-wait',
        message:
          'a conference waitUrl document can only use <Say>, <Play>, <Pause> and <Redirect>, not <Gather> (Twilio error 13238)',
        code: 13238,
      },
    ],
  },
  // --- <Dial> -----------------------------------------------------------------------------------
  {
    rule: 'dial.max-nouns',
    behaviour: 'at most 10 nouns',
    valid: (
      <Response>
        <Dial>{sips(10)}</Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>{sips(11)}</Dial>
      </Response>
    ),
    options: { enhancedSip: true },
    issues: [{ path: 'Response > Dial', rule: 'dial.max-nouns', message: '<Dial> holds 11 nouns, the limit is 10' }],
  },
  {
    rule: 'dial.text-and-nouns',
    behaviour: 'text and nouns are not mixed',
    valid: (
      <Response>
        <Dial>+15550001111</Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>
          +15550001111<Number>+15550002222</Number>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial',
        rule: 'dial.text-and-nouns',
        message: '<Dial> holds both text and nouns; put the phone number in a <Number>',
      },
    ],
  },
  {
    rule: 'dial.enhanced-sip',
    behaviour: 'without Enhanced Programmable SIP Features: one <Sip>',
    valid: (
      <Response>
        <Dial>{sips(1)}</Dial>
        <Dial>
          <Number>+15550001111</Number>
          <Client>alice</Client>
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>{sips(2)}</Dial>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial',
        rule: 'dial.enhanced-sip',
        message:
          '<Dial> holds 2 <Sip> nouns; more than one needs Enhanced Programmable SIP Features (render option enhancedSip: true)',
        code: 'https://www.twilio.com/docs/voice/twiml/sip',
      },
    ],
  },
  {
    rule: 'dial.enhanced-sip',
    behaviour: 'without Enhanced Programmable SIP Features: nothing beside a <Sip>',
    valid: null,
    invalid: (
      <Response>
        <Dial>
          <Sip>sip:a@example.com</Sip>
          <Number>+15550001111</Number>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial',
        rule: 'dial.enhanced-sip',
        message:
          '<Dial> holds <Sip> beside other nouns; that needs Enhanced Programmable SIP Features (render option enhancedSip: true)',
        code: 'https://www.twilio.com/docs/voice/twiml/sip',
      },
    ],
  },
  {
    rule: 'dial.conference-alone',
    behaviour: '<Conference> once, alone (error 13000)',
    valid: (
      <Response>
        <Dial>
          <Conference>room</Conference>
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>
          <Conference>a</Conference>
          <Conference>b</Conference>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial',
        rule: 'dial.conference-alone',
        message: '<Conference> must be the only noun in its <Dial> (Twilio error 13000)',
        code: 13000,
      },
    ],
  },
  {
    rule: 'dial.application-alone',
    behaviour: '<Application> is not dialed in parallel',
    valid: (
      <Response>
        <Dial>
          <Application>AP1</Application>
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>
          <Application>AP1</Application>
          <Number>+1</Number>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial',
        rule: 'dial.application-alone',
        message: '<Application> cannot be dialed together with other nouns',
        code: 'https://www.twilio.com/docs/voice/twiml/dial/application',
      },
    ],
  },
  {
    rule: 'dial.sip-caller-id',
    behaviour: 'SIP callerId: letters, digits and + - _ . without spaces',
    valid: (
      <Response>
        <Dial callerId="Support_Line-1.0+">
          <Sip>sip:a@example.com</Sip>
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial callerId="Support Line">
          <Sip>sip:a@example.com</Sip>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Dial',
        rule: 'dial.sip-caller-id',
        message: 'callerId "Support Line" is not valid for SIP: use letters, digits and + - _ . (no spaces)',
        code: 'https://www.twilio.com/docs/voice/twiml/sip',
      },
    ],
  },
  // --- <Sip> ------------------------------------------------------------------------------------
  {
    rule: 'sip.address',
    behaviour: 'a SIP URI, or a bare user@host as Twilio writes it; nothing else',
    valid: (
      <Response>
        <Dial>
          <Sip>kate@example.com</Sip>
        </Dial>
        <Dial>
          <Sip>sips:kate@example.com:5061;transport=tls</Sip>
        </Dial>
      </Response>
    ),
    invalid: (
      <Response>
        <Dial>
          <Sip>http://example.com/kate</Sip>
        </Dial>
        <Dial>
          <Sip>tel:+15550001111</Sip>
        </Dial>
        <Dial>
          <Sip>{'kate @example.com'}</Sip>
        </Dial>
        <Dial>
          <Sip>{''}</Sip>
        </Dial>
        <Dial>
          <Sip>example.com</Sip>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: SIP,
        rule: 'sip.address',
        message: 'SIP address "http://example.com/kate" has the scheme http:; write sip:, sips: or a bare user@host',
      },
      {
        path: 'Response > Dial[2] > Sip',
        rule: 'sip.address',
        message: 'SIP address "tel:+15550001111" has the scheme tel:; write sip:, sips: or a bare user@host',
      },
      {
        path: 'Response > Dial[3] > Sip',
        rule: 'sip.address',
        message: 'SIP address "kate @example.com" contains whitespace',
      },
      {
        path: 'Response > Dial[4] > Sip',
        rule: 'sip.address',
        message: 'the SIP address is empty; write sip:user@host or user@host',
      },
      {
        path: 'Response > Dial[5] > Sip',
        rule: 'sip.address',
        message: 'SIP address "example.com" is neither a sip: or sips: URI nor user@host',
      },
    ],
  },
  {
    rule: 'sip.region',
    behaviour: 'a region written in the URI text is one Twilio has',
    valid: sipIn(<Sip>sip:a@example.com;region=ie1</Sip>),
    invalid: sipIn(<Sip>sip:a@example.com;region=xx1</Sip>),
    issues: [
      {
        path: SIP,
        rule: 'sip.region',
        message: 'SIP region "xx1" in the URI is not one of us1, us2, ie1, de1, sg1, jp1, br1, au1',
      },
    ],
  },
  {
    rule: 'sip.transport',
    behaviour: 'a transport written in the URI text is udp, tcp or tls',
    valid: sipIn(<Sip>sip:a@example.com;transport=tcp</Sip>),
    invalid: sipIn(<Sip>sip:a@example.com;transport=sctp</Sip>),
    issues: [
      { path: SIP, rule: 'sip.transport', message: 'SIP transport "sctp" in the URI is not one of udp, tcp, tls' },
    ],
  },
  {
    rule: 'sip.region-twice',
    behaviour: 'region given once: as a prop or in the URI',
    valid: sipIn(<Sip region="jp1">sip:a@example.com</Sip>),
    invalid: sipIn(<Sip region="jp1">sip:a@example.com;region=ie1</Sip>),
    issues: [
      {
        path: SIP,
        rule: 'sip.region-twice',
        message: 'region is given both as a prop ("jp1") and in the URI ("ie1"); give it once',
      },
    ],
  },
  {
    rule: 'sip.transport-twice',
    behaviour: 'transport given once: as a prop or in the URI',
    valid: sipIn(<Sip transport="tls">sip:a@example.com</Sip>),
    invalid: sipIn(<Sip transport="tls">sip:a@example.com;transport=tcp</Sip>),
    issues: [
      {
        path: SIP,
        rule: 'sip.transport-twice',
        message: 'transport is given both as a prop ("tls") and in the URI ("tcp"); give it once',
      },
    ],
  },
  {
    rule: 'sip.header-name',
    behaviour: 'header names Twilio passes on: x- headers and four standard ones (error 13252)',
    valid: sipIn(<Sip headers={{ 'x-a': '1', 'User-to-User': '2', 'P-Called-Party-ID': '3' }}>sip:a@example.com</Sip>),
    invalid: sipIn(<Sip headers={{ Subject: 'hi' } as never}>sip:a@example.com?mycustomheader=foo</Sip>),
    issues: [
      {
        path: SIP,
        rule: 'sip.header-name',
        message:
          'SIP header name "mycustomheader" is not allowed: use an x- header, User-to-User, Remote-Party-ID, P-Preferred-Identity or P-Called-Party-ID (Twilio error 13252)',
        code: 13252,
      },
      {
        path: SIP,
        rule: 'sip.header-name',
        message:
          'SIP header name "Subject" is not allowed: use an x- header, User-to-User, Remote-Party-ID, P-Preferred-Identity or P-Called-Party-ID (Twilio error 13252)',
        code: 13252,
      },
    ],
  },
  {
    rule: 'sip.header-escaping',
    behaviour: 'header values written into the URI text are percent-encoded (errors 32110-32112)',
    valid: sipIn(<Sip>sip:a@example.com?x-name=Madhu%2CMathiyalagan%3BTitle%3DManager</Sip>),
    invalid: sipIn(<Sip>sip:a@example.com?x-name=Madhu,Mathiyalagan;Title=Manager</Sip>),
    issues: [
      {
        path: SIP,
        rule: 'sip.header-escaping',
        message:
          'SIP header x-name has characters that must be percent-encoded (Twilio errors 32110-32112); give it in the headers prop, which encodes it',
      },
    ],
  },
  {
    rule: 'sip.header-twice',
    behaviour: 'a header given once: in the text or as a prop',
    valid: sipIn(<Sip headers={{ 'x-b': '2' }}>sip:a@example.com?x-a=1</Sip>),
    invalid: sipIn(<Sip headers={{ 'x-a': '2' }}>sip:a@example.com?x-a=1</Sip>),
    issues: [
      {
        path: SIP,
        rule: 'sip.header-twice',
        message: 'SIP header x-a is given both in the URI and in headers; give it once',
      },
    ],
  },
  {
    rule: 'sip.header-value',
    behaviour: 'no CR or LF in a header value (prop or <Header>)',
    valid: sipIn(<Sip headers={{ 'x-a': 'one two' }}>sip:a@example.com</Sip>),
    invalid: (
      <Response>
        <Dial>
          <Sip headers={{ 'x-a': 'one\r\nInjected: yes' }}>sip:a@example.com</Sip>
        </Dial>
        <Dial>
          <Sip>
            <Uri>sip:a@example.com</Uri>
            <Headers>
              <Header name="x-b" value={'two\nlines'} />
            </Headers>
          </Sip>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: SIP,
        rule: 'sip.header-value',
        message: 'SIP header x-a contains a line break (CR or LF), which would split the header',
      },
      {
        path: 'Response > Dial[2] > Sip > Headers > Header',
        rule: 'sip.header-value',
        message: 'SIP header x-b contains a line break (CR or LF), which would split the header',
      },
    ],
  },
  {
    rule: 'sip.uri-length',
    behaviour: 'the URI is at most 255 characters before its headers, counting what the props add',
    valid: sipIn(<Sip region="jp1">{`sip:${chars(244 - 'sip:@example.com'.length)}@example.com`}</Sip>),
    invalid: (
      <Response>
        <Dial>
          <Sip region="jp1">{`sip:${chars(250 - 'sip:@example.com'.length)}@example.com`}</Sip>
        </Dial>
        <Dial>
          <Sip>
            <Uri>{`sip:${chars(256 - 'sip:@example.com'.length)}@example.com`}</Uri>
          </Sip>
        </Dial>
      </Response>
    ),
    issues: [
      {
        path: SIP,
        rule: 'sip.uri-length',
        message:
          'SIP URI is 261 characters, the limit is 255 (counted before any ?headers, with the ;region=jp1 the props add)',
      },
      {
        path: 'Response > Dial[2] > Sip > Uri',
        rule: 'sip.uri-length',
        message: 'SIP URI is 256 characters, the limit is 255 (the text of <Uri>)',
      },
    ],
  },
  {
    rule: 'sip.headers-length',
    behaviour: 'the header part is at most 1024 characters (error 21227)',
    valid: sipIn(<Sip headers={{ 'x-big': 'v'.repeat(1018) }}>sip:a@example.com</Sip>),
    invalid: sipIn(<Sip headers={{ 'x-big': 'v'.repeat(1020) }}>sip:a@example.com</Sip>),
    issues: [
      {
        path: SIP,
        rule: 'sip.headers-length',
        message:
          'SIP headers are 1026 characters, the limit is 1024 (counted after the ?, values percent-encoded; Twilio error 21227)',
        code: 21227,
      },
    ],
  },
  {
    rule: 'sip.uri-props-with-elements',
    behaviour: 'URI props compose the URI text, so they cannot combine with <Uri> children',
    valid: sipIn(
      <Sip>
        <Uri>sip:a@example.com;region=ie1</Uri>
      </Sip>,
    ),
    invalid: sipIn(
      <Sip region="ie1">
        <Uri>sip:a@example.com</Uri>
      </Sip>,
    ),
    issues: [
      {
        path: SIP,
        rule: 'sip.uri-props-with-elements',
        message:
          'region, transport and headers are composed into the URI text; with <Uri> children, write them into each URI or use <Headers>',
      },
    ],
  },
  {
    rule: 'sip.headers-once',
    behaviour: 'one <Headers> per <Sip>',
    valid: sipIn(
      <Sip>
        <Uri>sip:a@example.com</Uri>
        <Headers>
          <Header name="x-a" value="1" />
          <Header name="x-b" value="2" />
        </Headers>
      </Sip>,
    ),
    invalid: sipIn(
      <Sip>
        <Uri>sip:a@example.com</Uri>
        <Headers>
          <Header name="x-a" value="1" />
        </Headers>
        <Headers>
          <Header name="x-b" value="2" />
        </Headers>
      </Sip>,
    ),
    issues: [
      {
        path: SIP,
        rule: 'sip.headers-once',
        message: '<Sip> holds more than one <Headers>; put every <Header> in one',
      },
    ],
  },
  // --- text lengths -----------------------------------------------------------------------------
  {
    rule: 'say.length',
    behaviour: '<Say>: 4096 characters for basic voices, 3000 for Polly, 5000 for Google (error 13521)',
    valid: (
      <Response>
        <Say>{chars(4096)}</Say>
        <Say voice="Polly.Joanna">{chars(3000)}</Say>
        <Say voice="Google.en-US-Standard-C">{chars(5000)}</Say>
      </Response>
    ),
    invalid: (
      <Response>
        <Say>{chars(4097)}</Say>
        <Say voice="Polly.Joanna">
          {chars(2000)}
          <Emphasis>{chars(1001)}</Emphasis>
        </Say>
        <Say voice="Google.en-US-Standard-C">{chars(5001)}</Say>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Say',
        rule: 'say.length',
        message:
          "<Say> text is 4097 characters (its SSML elements' text included); this voice takes at most 4096 (Twilio error 13521)",
        code: 13521,
      },
      {
        path: 'Response > Say[2]',
        rule: 'say.length',
        message:
          "<Say> text is 3001 characters (its SSML elements' text included); Amazon Polly voices take at most 3000 (Twilio error 13521)",
        code: 13521,
      },
      {
        path: 'Response > Say[3]',
        rule: 'say.length',
        message:
          "<Say> text is 5001 characters (its SSML elements' text included); Google voices take at most 5000 (Twilio error 13521)",
        code: 13521,
      },
    ],
  },
  {
    rule: 'enqueue.name-length',
    behaviour: '<Enqueue>: queue name at most 64 characters',
    valid: (
      <Response>
        <Enqueue>{chars(64)}</Enqueue>
      </Response>
    ),
    invalid: (
      <Response>
        <Enqueue>{chars(65)}</Enqueue>
      </Response>
    ),
    issues: [
      {
        path: 'Response > Enqueue',
        rule: 'enqueue.name-length',
        message: 'queue name is 65 characters (the text of <Enqueue>), the limit is 64',
      },
    ],
  },
]

describe('every rule: a document that keeps it passes, one that breaks it reports exactly this', () => {
  test.each(CASES)('$rule: $behaviour', ({ valid, invalid, options, issues }) => {
    if (valid !== null) expect(reported(valid, options)).toEqual([])
    expect(reported(invalid, options)).toEqual(issues)
  })

  test('the table covers every rule id', () => {
    expect([...new Set(CASES.map((c) => c.rule))].sort()).toEqual([...TWIML_RULES].sort())
  })

  test('each rule reported is a known rule id, for every case', () => {
    for (const c of CASES) for (const i of c.issues) expect(TWIML_RULES).toContain(i.rule)
  })
})
