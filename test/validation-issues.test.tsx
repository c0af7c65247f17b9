/**
 * Validation issues as a user meets them: issues as data (segments, suggestions, what a length
 * counted), the validation modes, the error message the README shows, and the 64 kB size counted in
 * UTF-8 as the document is written. test/validation.test.tsx holds the table of every rule.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import {
  Dial,
  Gather,
  Hangup,
  Number,
  Pause,
  Response,
  render,
  Say,
  Sip,
  type TwimlIssue,
  TwimlValidationError,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { hostileString } from './support/documents.js'
import { DECL, issuesOf } from './support/issues.js'

const sips = (n: number) => Array.from({ length: n }, (_, i) => <Sip key={i}>{`sip:agent${i}@example.com`}</Sip>)
const chars = (n: number) => 'a'.repeat(n)
describe('issues as data', () => {
  test('segments: tag, rank among same-tag siblings, and the user component that wrote the element', () => {
    function Agents({ n }: { n: number }) {
      return <>{sips(n)}</>
    }
    function Transfer() {
      return (
        <Dial callerId="Support Line">
          <Agents n={2} />
        </Dial>
      )
    }
    const seen: TwimlIssue[] = []
    render(
      <Response>
        <Transfer />
      </Response>,
      { validate: 'warn', onIssue: (i) => seen.push(i) },
    )
    expect(seen.map(({ rule, path, segments }) => ({ rule, path, segments }))).toEqual([
      {
        rule: 'dial.enhanced-sip',
        path: 'Response > Dial',
        segments: [
          { tag: 'Response', index: 1 },
          { tag: 'Dial', index: 1, component: 'Transfer' },
        ],
      },
      {
        rule: 'dial.sip-caller-id',
        path: 'Response > Dial',
        segments: [
          { tag: 'Response', index: 1 },
          { tag: 'Dial', index: 1, component: 'Transfer' },
        ],
      },
    ])
    const second = issuesOf(() =>
      render(
        <Response>
          <Transfer />
        </Response>,
        { enhancedSip: true },
      ),
    )
    expect(second).toEqual([
      {
        path: 'Response > Dial',
        rule: 'dial.sip-caller-id',
        message: 'callerId "Support Line" is not valid for SIP: use letters, digits and + - _ . (no spaces)',
        code: 'https://www.twilio.com/docs/voice/twiml/sip',
      },
    ])
  })

  test('segments of nested elements name each component, and renderAsync keeps them', async () => {
    function Agent({ user }: { user: string }) {
      return <Sip>{`${user}@example.com`}</Sip>
    }
    async function Later() {
      return <Agent user="kate @" />
    }
    const doc = (
      <Response>
        <Dial>
          <Number>+1</Number>
          <Later />
        </Dial>
      </Response>
    )
    const expected = [
      { tag: 'Response', index: 1 },
      { tag: 'Dial', index: 1 },
      { tag: 'Sip', index: 1, component: 'Agent' },
    ]
    const { renderAsync } = await import('twiml-jsx')
    const error = await renderAsync(doc, { enhancedSip: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TwimlValidationError)
    expect((error as TwimlValidationError).issues.map((i) => i.segments)).toEqual([expected])
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

  test("warnings go to onIssue in 'throw' mode, and the document renders", () => {
    const seen: TwimlIssue[] = []
    const xml = render(
      <Response>
        <Hangup />
        <Say>never heard</Say>
      </Response>,
      { onIssue: (i) => seen.push(i) },
    )
    expect(xml).toBe(`${DECL}<Response><Hangup/><Say>never heard</Say></Response>`)
    expect(seen.map((i) => [i.rule, i.severity])).toEqual([['document.unreachable', 'warning']])
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

  test('a piece of a document (a component under test) may skip the root rule', () => {
    expect(render(<Say>hi</Say>, { context: 'fragment' })).toBe(`${DECL}<Say>hi</Say>`)
  })
})

describe('the README', () => {
  test('shows the error a user really sees', () => {
    const long = `sip:${chars(301 - 'sip:@example.com'.length)}@example.com`
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
        '  Response > Dial > Sip[2]: SIP URI is 301 characters, the limit is 255 (counted before any ?headers)',
        '  Response > Gather > Dial: <Gather> cannot contain <Dial>; it takes <Say>, <Play>, <Pause>',
      ].join('\n'),
    )
    expect(readFileSync('README.md', 'utf8')).toContain(message)
  })
})

describe('the document size is counted in UTF-8 bytes as the document is written', () => {
  test('any text and attribute values: exactly at the limit passes, one byte more is reported with its count', () => {
    const utf8 = (s: string) => new TextEncoder().encode(s).length
    fc.assert(
      fc.property(fc.array(fc.tuple(hostileString(40), hostileString(12)), { maxLength: 6 }), (parts) => {
        const says = parts.map(([text, language], i) => (
          <Say key={i} language={language}>
            {text}
          </Say>
        ))
        // The documents below have children, so <Response> is written open and closed: measure it so.
        const body = `${render(<Response>{[...says, <Pause key="p" />]}</Response>, { validate: 'off' }).slice(
          0,
          -'<Pause/></Response>'.length,
        )}</Response>`
        // Fill up to the limit with <Say>s of ASCII (at most 4000 characters each): 11 bytes of tags each.
        const filler = (bytes: number) => {
          const out = []
          for (let left = bytes; left > 0; left -= 4011) {
            out.push(<Say key={`f${left}`}>{'a'.repeat(Math.min(4000, left - 11))}</Say>)
          }
          return out
        }
        const free = 64 * 1024 - utf8(body)
        fc.pre(free % 4011 > 11 && free % 4011 < 4011)
        const at = (extra: number) => (
          <Response>{[...says, ...filler(free), <Say key="x">{'b'.repeat(extra)}</Say>]}</Response>
        )
        const exact = <Response>{[...says, ...filler(free)]}</Response>
        expect(utf8(render(exact))).toBe(64 * 1024)
        expect(issuesOf(() => render(at(1))).map((i) => i.message)).toEqual([
          'the document is 65548 bytes of UTF-8 (declaration included), the limit for a webhook response is 65536 (Twilio error 11750)',
        ])
      }),
      { numRuns: 200 },
    )
  })
})
