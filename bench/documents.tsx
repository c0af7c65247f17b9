/** @jsxRuntime automatic */
/** @jsxImportSource twiml-jsx */
/**
 * The benchmark documents, each written four ways from the same input data:
 *
 * - twiml-jsx: TSX (automatic runtime, importSource twiml-jsx), then `render()`;
 * - twilio: the `twilio` package's `VoiceResponse` builder, then `toString()`;
 * - hono/jsx: `jsx()` calls building the same tags, then `toString()` (TSX cannot name a capitalised
 *   intrinsic tag such as `Dial`, so hono users would call `jsx()`); the XML declaration is prepended;
 * - template literal: a hand-written function with hand-written escaping, the practical limit.
 *
 * Every implementation takes the document's data as an argument, so no implementation can be
 * folded into a constant string by the engine.
 */
import { jsx as h } from 'hono/jsx'

/** A hono/jsx node: its string conversion renders it (again on each conversion). */
type HonoNode = ReturnType<typeof h>

/** hono/jsx: the tree built from the data, then written (the declaration prepended, as hono has none). */
export const hono = <D,>(doc: Document<D>, d: D): string => XML_DECLARATION + doc.honoTree(d)

import twilio from 'twilio'
import {
  Break,
  Client,
  Dial,
  Emphasis,
  Gather,
  Lang,
  Number,
  Pause,
  Play,
  Prosody,
  Redirect,
  type RenderOptions,
  Response,
  S,
  Say,
  SayAs,
  Sip,
  type TwimlNode,
  WhatsApp,
} from 'twiml-jsx'

const { VoiceResponse } = twilio.twiml
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

// --- hand-written escaping (what the template-literal implementation uses) ---------------------

const TEXT_SPECIAL = /[&<>\r]/
const TEXT_ALL = /[&<>\r]/g
const ATTR_SPECIAL = /[&<"\t\n\r]/
const ATTR_ALL = /[&<"\t\n\r]/g
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
}
const entity = (c: string) => ENTITY[c]!
/** Text escaping as twilio's builder does it (`& < >` CR); no check for characters XML forbids. */
export const escText = (s: string) => (TEXT_SPECIAL.test(s) ? s.replace(TEXT_ALL, entity) : s)
/** Attribute escaping as twilio's builder does it (`& < "` TAB LF CR). */
export const escAttr = (s: string) => (ATTR_SPECIAL.test(s) ? s.replace(ATTR_ALL, entity) : s)

/** What a twilio/hono/template user writes to put headers into a SIP URI (twiml-jsx's `<Sip headers>` does it). */
export function sipUri(uri: string, headers: Readonly<Record<string, string>>): string {
  let out = uri
  let sep = '?'
  for (const name in headers) {
    out += `${sep}${name}=${encodeURIComponent(headers[name]!)}`
    sep = '&'
  }
  return out
}

/** One benchmark document: its data, and the four ways of producing its bytes. */
export interface Document<D> {
  readonly name: string
  readonly data: D
  /** Render options twiml-jsx needs for this document. */
  readonly options: RenderOptions
  readonly jsx: (d: D) => TwimlNode
  readonly twilio: (d: D) => string
  /** hono/jsx's tree of the same tags; `hono()` below writes it with the declaration. */
  readonly honoTree: (d: D) => HonoNode
  readonly template: (d: D) => string
}

// --- 1. the seed: <Sip> with custom headers ---------------------------------------------------

interface SipHeadersData {
  readonly uri: string
  readonly headers: Readonly<Record<string, string>>
}

export const sipHeaders: Document<SipHeadersData> = {
  name: 'SIP dial with headers',
  data: {
    uri: 'sip:jack@example.com',
    headers: { 'x-customname': 'Madhu,Mathiyalagan;Title=Manager', 'x-myotherheader': 'bar' },
  },
  options: {},
  jsx: (d) => (
    <Response>
      <Dial>
        <Sip headers={d.headers}>{d.uri}</Sip>
      </Dial>
    </Response>
  ),
  twilio: (d) => {
    const response = new VoiceResponse()
    response.dial().sip(sipUri(d.uri, d.headers))
    return response.toString()
  },
  honoTree: (d) => h('Response', null, h('Dial', null, h('Sip', null, sipUri(d.uri, d.headers)))),
  template: (d) =>
    `${XML_DECLARATION}<Response><Dial><Sip>${escText(sipUri(d.uri, d.headers))}</Sip></Dial></Response>`,
}

// --- 2. a sequential <Dial> of ten nouns (enhancedSip) -------------------------------------------

interface Dial10Data {
  readonly callerId: string
  readonly action: string
  readonly timeout: number
  readonly statusCallback: string
  readonly sips: readonly string[]
  readonly numbers: readonly string[]
  readonly clients: readonly string[]
  readonly whatsApp: string
  readonly screening: string
}

export const dial10: Document<Dial10Data> = {
  name: 'sequential Dial, 10 nouns',
  data: {
    callerId: '+14155550100',
    action: '/after-dial?attempt=1&queue=support',
    timeout: 15,
    statusCallback: 'https://example.com/calls/events',
    sips: ['sip:alice@example.com', 'sip:bob@example.com', 'sip:erin@example.com', 'sip:frank@example.com'],
    numbers: ['+14155550101', '+14155550102', '+14155550103'],
    clients: ['agent-carol', 'agent-dave'],
    whatsApp: '+14155550104',
    screening: '/screen',
  },
  options: { enhancedSip: true },
  jsx: (d) => (
    <Response>
      <Dial sequential callerId={d.callerId} action={d.action} timeout={d.timeout} answerOnBridge>
        <Sip region="ie1" transport="tls">
          {d.sips[0]}
        </Sip>
        <Sip username="admin" password="1234">
          {d.sips[1]}
        </Sip>
        <Number statusCallbackEvent={['initiated', 'answered']} statusCallback={d.statusCallback}>
          {d.numbers[0]}
        </Number>
        <Number sendDigits="ww1234">{d.numbers[1]}</Number>
        <Client url={d.screening}>{d.clients[0]}</Client>
        <Client>{d.clients[1]}</Client>
        <Sip headers={{ 'x-ticket': '42', 'x-queue': 'support & sales' }}>{d.sips[2]}</Sip>
        <Number>{d.numbers[2]}</Number>
        <WhatsApp>{d.whatsApp}</WhatsApp>
        <Sip>{d.sips[3]}</Sip>
      </Dial>
    </Response>
  ),
  twilio: (d) => {
    const response = new VoiceResponse()
    const dial = response.dial({
      sequential: true,
      callerId: d.callerId,
      action: d.action,
      timeout: d.timeout,
      answerOnBridge: true,
    })
    dial.sip(`${d.sips[0]};region=ie1;transport=tls`)
    dial.sip({ username: 'admin', password: '1234' }, d.sips[1]!)
    dial.number({ statusCallbackEvent: ['initiated', 'answered'], statusCallback: d.statusCallback }, d.numbers[0]!)
    dial.number({ sendDigits: 'ww1234' }, d.numbers[1]!)
    dial.client({ url: d.screening }, d.clients[0]!)
    dial.client(d.clients[1]!)
    dial.sip(sipUri(d.sips[2]!, { 'x-ticket': '42', 'x-queue': 'support & sales' }))
    dial.number(d.numbers[2]!)
    dial.whatsApp(d.whatsApp)
    dial.sip(d.sips[3]!)
    return response.toString()
  },
  honoTree: (d) =>
    h(
      'Response',
      null,
      h(
        'Dial',
        { sequential: true, callerId: d.callerId, action: d.action, timeout: d.timeout, answerOnBridge: true },
        h('Sip', null, `${d.sips[0]};region=ie1;transport=tls`),
        h('Sip', { username: 'admin', password: '1234' }, d.sips[1]!),
        h('Number', { statusCallbackEvent: 'initiated answered', statusCallback: d.statusCallback }, d.numbers[0]!),
        h('Number', { sendDigits: 'ww1234' }, d.numbers[1]!),
        h('Client', { url: d.screening }, d.clients[0]!),
        h('Client', null, d.clients[1]!),
        h('Sip', null, sipUri(d.sips[2]!, { 'x-ticket': '42', 'x-queue': 'support & sales' })),
        h('Number', null, d.numbers[2]!),
        h('WhatsApp', null, d.whatsApp),
        h('Sip', null, d.sips[3]!),
      ),
    ),
  template: (d) =>
    `${XML_DECLARATION}<Response><Dial sequential="true" callerId="${escAttr(d.callerId)}" action="${escAttr(d.action)}" timeout="${d.timeout}" answerOnBridge="true">` +
    `<Sip>${escText(`${d.sips[0]};region=ie1;transport=tls`)}</Sip>` +
    `<Sip username="admin" password="1234">${escText(d.sips[1]!)}</Sip>` +
    `<Number statusCallbackEvent="initiated answered" statusCallback="${escAttr(d.statusCallback)}">${escText(d.numbers[0]!)}</Number>` +
    `<Number sendDigits="ww1234">${escText(d.numbers[1]!)}</Number>` +
    `<Client url="${escAttr(d.screening)}">${escText(d.clients[0]!)}</Client>` +
    `<Client>${escText(d.clients[1]!)}</Client>` +
    `<Sip>${escText(sipUri(d.sips[2]!, { 'x-ticket': '42', 'x-queue': 'support & sales' }))}</Sip>` +
    `<Number>${escText(d.numbers[2]!)}</Number>` +
    `<WhatsApp>${escText(d.whatsApp)}</WhatsApp>` +
    `<Sip>${escText(d.sips[3]!)}</Sip></Dial></Response>`,
}

// --- 3. an IVR menu: Gather, Say with SSML (about 30 elements) -----------------------------------

interface IvrData {
  readonly company: string
  readonly voice: 'Polly.Joanna'
  readonly language: 'en-US'
  readonly menuUrl: string
  readonly hints: string
  readonly options: readonly { readonly digit: string; readonly name: string }[]
  readonly holdMusic: string
  readonly supportNumber: string
  readonly welcomeUrl: string
}

export const ivr: Document<IvrData> = {
  name: 'IVR menu, Gather + SSML',
  data: {
    company: 'Owl & Sons',
    voice: 'Polly.Joanna',
    language: 'en-US',
    menuUrl: '/ivr/menu',
    hints: 'sales, support, billing, orders, returns, operator',
    options: [
      { digit: '1', name: 'sales' },
      { digit: '2', name: 'support' },
      { digit: '3', name: 'billing' },
      { digit: '4', name: 'orders' },
      { digit: '5', name: 'returns' },
      { digit: '0', name: 'the operator' },
    ],
    holdMusic: 'https://example.com/audio/menu-loop.mp3',
    supportNumber: '+1-415-555-0100',
    welcomeUrl: '/ivr/welcome',
  },
  options: {},
  jsx: (d) => (
    <Response>
      <Say voice={d.voice} language={d.language}>
        <Prosody rate="95%">{`Thanks for calling ${d.company}.`}</Prosody>
        <Break time="300ms" />
        {'This call may be recorded for quality & training.'}
      </Say>
      <Gather
        input={['dtmf', 'speech']}
        numDigits={1}
        timeout={5}
        action={d.menuUrl}
        method="POST"
        hints={d.hints}
        language={d.language}
      >
        <Say voice={d.voice} language={d.language}>
          {d.options.map((o) => (
            <S>
              {`For ${o.name}, press `}
              <SayAs interpretAs="digits">{o.digit}</SayAs>
              {` or say ${o.name}.`}
            </S>
          ))}
          <Break strength="medium" />
          <Emphasis level="strong">To hear these options again</Emphasis>
          {', press star.'}
        </Say>
        <Pause length={1} />
        <Play loop={1}>{d.holdMusic}</Play>
      </Gather>
      <Say voice={d.voice} language={d.language}>
        {"We didn't get your choice. Call us at "}
        <SayAs interpretAs="telephone">{d.supportNumber}</SayAs>
        <Break time="500ms" />
        <Lang xmlLang="es-US">Para español, llame más tarde.</Lang>
      </Say>
      <Redirect method="POST">{d.welcomeUrl}</Redirect>
    </Response>
  ),
  twilio: (d) => {
    const response = new VoiceResponse()
    // The builder's types want a message; SSML-first content starts from an empty one (twilio-node #435).
    const intro = response.say({ voice: d.voice, language: d.language }, '')
    intro.prosody({ rate: '95%' }, `Thanks for calling ${d.company}.`)
    intro.break({ time: '300ms' })
    intro.addText('This call may be recorded for quality & training.')
    const gather = response.gather({
      input: ['dtmf', 'speech'],
      numDigits: 1,
      timeout: 5,
      action: d.menuUrl,
      method: 'POST',
      hints: d.hints,
      language: d.language,
    })
    const menu = gather.say({ voice: d.voice, language: d.language }, '')
    for (const o of d.options) {
      const s = menu.s({}, '')
      s.addText(`For ${o.name}, press `)
      s.sayAs({ 'interpret-as': 'digits' }, o.digit)
      s.addText(` or say ${o.name}.`)
    }
    menu.break({ strength: 'medium' })
    menu.emphasis({ level: 'strong' }, 'To hear these options again')
    menu.addText(', press star.')
    gather.pause({ length: 1 })
    gather.play({ loop: 1 }, d.holdMusic)
    const fallback = response.say({ voice: d.voice, language: d.language }, '')
    fallback.addText("We didn't get your choice. Call us at ")
    fallback.sayAs({ 'interpret-as': 'telephone' }, d.supportNumber)
    fallback.break({ time: '500ms' })
    fallback.lang({ 'xml:lang': 'es-US' }, 'Para español, llame más tarde.')
    response.redirect({ method: 'POST' }, d.welcomeUrl)
    return response.toString()
  },
  honoTree: (d) =>
    h(
      'Response',
      null,
      h(
        'Say',
        { voice: d.voice, language: d.language },
        h('prosody', { rate: '95%' }, `Thanks for calling ${d.company}.`),
        h('break', { time: '300ms' }),
        'This call may be recorded for quality & training.',
      ),
      h(
        'Gather',
        {
          input: 'dtmf speech',
          numDigits: 1,
          timeout: 5,
          action: d.menuUrl,
          method: 'POST',
          hints: d.hints,
          language: d.language,
        },
        h(
          'Say',
          { voice: d.voice, language: d.language },
          d.options.map((o) =>
            h(
              's',
              null,
              `For ${o.name}, press `,
              h('say-as', { 'interpret-as': 'digits' }, o.digit),
              ` or say ${o.name}.`,
            ),
          ),
          h('break', { strength: 'medium' }),
          h('emphasis', { level: 'strong' }, 'To hear these options again'),
          ', press star.',
        ),
        h('Pause', { length: 1 }),
        h('Play', { loop: 1 }, d.holdMusic),
      ),
      h(
        'Say',
        { voice: d.voice, language: d.language },
        "We didn't get your choice. Call us at ",
        h('say-as', { 'interpret-as': 'telephone' }, d.supportNumber),
        h('break', { time: '500ms' }),
        h('lang', { 'xml:lang': 'es-US' }, 'Para español, llame más tarde.'),
      ),
      h('Redirect', { method: 'POST' }, d.welcomeUrl),
    ),
  template: (d) => {
    const voice = `voice="${escAttr(d.voice)}" language="${escAttr(d.language)}"`
    let menu = ''
    for (const o of d.options) {
      menu += `<s>${escText(`For ${o.name}, press `)}<say-as interpret-as="digits">${escText(o.digit)}</say-as>${escText(` or say ${o.name}.`)}</s>`
    }
    return (
      `${XML_DECLARATION}<Response><Say ${voice}><prosody rate="95%">${escText(`Thanks for calling ${d.company}.`)}</prosody>` +
      '<break time="300ms"/>This call may be recorded for quality &amp; training.</Say>' +
      `<Gather input="dtmf speech" numDigits="1" timeout="5" action="${escAttr(d.menuUrl)}" method="POST" hints="${escAttr(d.hints)}" language="${escAttr(d.language)}">` +
      `<Say ${voice}>${menu}<break strength="medium"/><emphasis level="strong">To hear these options again</emphasis>, press star.</Say>` +
      `<Pause length="1"/><Play loop="1">${escText(d.holdMusic)}</Play></Gather>` +
      `<Say ${voice}>We didn't get your choice. Call us at <say-as interpret-as="telephone">${escText(d.supportNumber)}</say-as>` +
      '<break time="500ms"/><lang xml:lang="es-US">Para español, llame más tarde.</lang></Say>' +
      `<Redirect method="POST">${escText(d.welcomeUrl)}</Redirect></Response>`
    )
  },
}

// --- 4. a document of about 60 kB (the limit is 64 kB) -----------------------------------------

interface Announcement {
  readonly text: string
  /** Every tenth item also plays a jingle. */
  readonly jingle?: string
}

interface LargeData {
  readonly voice: 'Polly.Matthew'
  readonly language: 'en-GB'
  readonly items: readonly Announcement[]
}

const WORDS = ['flight', 'gate', 'boarding', 'delayed', 'terminal', 'baggage', 'connection', 'passengers', 'now', 'row']

/** Deterministic announcements; some carry `&` or `<` so that escaping does real work. */
export function announcements(count: number): Announcement[] {
  const items: Announcement[] = []
  for (let i = 0; i < count; i++) {
    let text = `Announcement ${i + 1}:`
    for (let w = 0; w < 14; w++) text += ` ${WORDS[(i * 7 + w * 3) % WORDS.length]}`
    if (i % 3 === 0) text += ' & lounges'
    if (i % 11 === 0) text += ' (rows <10 first)'
    items.push(
      i % 10 === 9 ? { text: `${text}.`, jingle: `https://example.com/jingles/${i}.mp3` } : { text: `${text}.` },
    )
  }
  return items
}

const LARGE_ITEMS = 300

export const large: Document<LargeData> = {
  name: '~60 kB document',
  data: { voice: 'Polly.Matthew', language: 'en-GB', items: announcements(LARGE_ITEMS) },
  options: {},
  jsx: (d) => (
    <Response>
      {d.items.map((item) => (
        <>
          <Say voice={d.voice} language={d.language}>
            {item.text}
          </Say>
          {item.jingle === undefined ? <Pause length={1} /> : <Play loop={1}>{item.jingle}</Play>}
        </>
      ))}
    </Response>
  ),
  twilio: (d) => {
    const response = new VoiceResponse()
    for (const item of d.items) {
      response.say({ voice: d.voice, language: d.language }, item.text)
      if (item.jingle === undefined) response.pause({ length: 1 })
      else response.play({ loop: 1 }, item.jingle)
    }
    return response.toString()
  },
  honoTree: (d) =>
    h(
      'Response',
      null,
      d.items.map((item) => [
        h('Say', { voice: d.voice, language: d.language }, item.text),
        item.jingle === undefined ? h('Pause', { length: 1 }) : h('Play', { loop: 1 }, item.jingle),
      ]),
    ),
  template: (d) => {
    const say = `<Say voice="${escAttr(d.voice)}" language="${escAttr(d.language)}">`
    let out = `${XML_DECLARATION}<Response>`
    for (const item of d.items) {
      out += `${say}${escText(item.text)}</Say>`
      out += item.jingle === undefined ? '<Pause length="1"/>' : `<Play loop="1">${escText(item.jingle)}</Play>`
    }
    return `${out}</Response>`
  },
}

export const DOCUMENTS: readonly Document<any>[] = [sipHeaders, dial10, ivr, large]

// --- growth: documents of n elements ------------------------------------------------------------

/** Data for a document of exactly `n` elements: `<Response>` and n - 1 alternating `<Say>` / `<Pause>`. */
export function growthData(n: number): readonly string[] {
  const texts: string[] = []
  for (let i = 1; i < n; i++) texts.push(i % 2 === 1 ? `Item ${i} & more.` : '')
  return texts
}

/** twiml-jsx: the growth document (an empty text stands for a `<Pause>`). */
export const growthJsx = (texts: readonly string[]) => (
  <Response>{texts.map((t) => (t === '' ? <Pause length={1} /> : <Say voice="alice">{t}</Say>))}</Response>
)

/** twilio: the same growth document. */
export function growthTwilio(texts: readonly string[]): string {
  const response = new VoiceResponse()
  for (const t of texts) {
    if (t === '') response.pause({ length: 1 })
    else response.say({ voice: 'alice' }, t)
  }
  return response.toString()
}

// --- output comparison -----------------------------------------------------------------------

/**
 * What hono/jsx cannot produce, undone before comparing (never inside the timed code):
 * - it writes an empty non-HTML element as `<Hangup></Hangup>`, never `<Hangup/>`;
 * - it escapes `'` as `&#39;` everywhere (twilio writes `'`), `"` in text as `&quot;` and `>` in
 *   attribute values as `&gt;` (none of the documents has those last two, so only `&#39;` occurs).
 * The XML declaration is not normalised: the hono implementation prepends it (a string concat).
 */
export function normaliseHono(xml: string): string {
  return xml.replace(/<([A-Za-z][\w:-]*)((?: [^>]*)?)><\/\1>/g, '<$1$2/>').replace(/&#39;/g, "'")
}
