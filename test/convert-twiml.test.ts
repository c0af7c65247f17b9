/**
 * What convertTwiml prints for the constructs the issue names: typed props, SIP URI props, SSML
 * components, the escape hatch with its notes, render options, the route module, and clear errors.
 */
import { ConvertError, convertTwiml } from 'twiml-jsx/convert'
import { describe, expect, test } from 'vitest'

const XML = '<?xml version="1.0" encoding="UTF-8"?>'

describe('convertTwiml', () => {
  test('attribute values become typed props: numbers, booleans, lists', () => {
    const { code, notes } = convertTwiml(
      `${XML}<Response><Dial timeout="10" sequential="true" answerOnBridge="false"><Number statusCallbackEvent="initiated answered">+15558675310</Number></Dial></Response>`,
    )
    expect(code).toContain('<Dial timeout={10} sequential answerOnBridge={false}>')
    expect(code).toContain("<Number statusCallbackEvent={['initiated', 'answered']}>+15558675310</Number>")
    expect(code).toContain("import { Dial, Number, Response } from 'twiml-jsx'")
    expect(code).toContain('export default function Twiml() {')
    expect(notes).toEqual([])
  })

  test('a SIP URI gives its region, transport and x- headers to <Sip> props when they write the same URI', () => {
    const { code } = convertTwiml(
      `${XML}<Response><Dial><Sip>sip:alice@example.com;region=jp1;transport=tls?x-ticket=42&amp;x-name=Ada%20L</Sip></Dial></Response>`,
    )
    expect(code).toContain(
      `<Sip region="jp1" transport="tls" headers={{ 'x-ticket': '42', 'x-name': 'Ada L' }}>sip:alice@example.com</Sip>`,
    )
    // %2c (lower case) would be written %2C by the headers prop: the URI stays as written.
    expect(
      convertTwiml(`${XML}<Response><Dial><Sip>sip:a@example.com?x-a=1%2c2</Sip></Dial></Response>`).code,
    ).toContain('<Sip>sip:a@example.com?x-a=1%2c2</Sip>')
  })

  test('SSML becomes the SSML components, their attributes camelCase', () => {
    const { code } = convertTwiml(
      `${XML}<Response><Say voice="Polly.Joanna">Dial <say-as interpret-as="digits">123</say-as><break time="1s"/><lang xml:lang="fr-FR">merci</lang></Say></Response>`,
    )
    expect(code).toContain(
      '<Say voice="Polly.Joanna">Dial <SayAs interpretAs="digits">123</SayAs><Break time="1s" /><Lang xmlLang="fr-FR">merci</Lang></Say>',
    )
  })

  test('unknown elements and attributes go through the escape hatch, with a comment and a note', () => {
    const { code, notes } = convertTwiml(
      `${XML}<Response><Say loop="2" rate="fast">Hi</Say><NewVerb mode="x">y</NewVerb></Response>`,
    )
    expect(code).toContain('{/* rate is not an attribute twiml-jsx knows for <Say>: written as is, unchecked */}')
    expect(code).toContain(`<WithUncheckedAttributes element={Say} loop={2} attributes={{ rate: 'fast' }}>`)
    expect(code).toContain(`<UncheckedElement tag="NewVerb" attributes={{ mode: 'x' }}>`)
    expect(notes).toEqual([
      'Response > Say: rate is not an attribute twiml-jsx knows for <Say>: written as is, unchecked',
      'Response > NewVerb: twiml-jsx has no <NewVerb> element: written as is, unchecked',
    ])
  })

  test('values twiml-jsx rejects stay exact through the escape hatch, saying why', () => {
    const { code } = convertTwiml(`${XML}<Response><Dial timeout="1">+15558675310</Dial></Response>`)
    expect(code).toContain(
      '{/* timeout is written as is, unchecked: timeout is 1; it must be a whole number from 5 to 600 */}',
    )
    expect(code).toContain(`<WithUncheckedAttributes element={Dial} attributes={{ timeout: '1' }}>`)
  })

  test('documents that need render options export them', () => {
    const { code } = convertTwiml(
      `${XML}<Response><Dial><Number>+1555</Number><Sip>sip:a@example.com</Sip></Dial></Response>`,
    )
    expect(code).toContain('export const renderOptions: RenderOptions = { enhancedSip: true }')
    expect(convertTwiml(`${XML}<Response><Message>Hi</Message></Response>`).code).toContain(
      "export const renderOptions: RenderOptions = { context: 'messaging' }",
    )
  })

  test('--route: a Hono app serving the document', () => {
    const { code } = convertTwiml(`${XML}<Response><Hangup/></Response>`, { route: '/bye', name: 'Bye' })
    expect(code).toContain("import { Hono } from 'hono'")
    expect(code).toContain('export function Bye() {')
    expect(code).toContain("app.on(['GET', 'POST'], '/bye', (c) => twiml(c, <Bye />))")
    expect(code).toContain('export default app')
  })

  test('bad input: a clear error', () => {
    expect(() => convertTwiml('<Response><Say>Hi</Response>')).toThrow(ConvertError)
    expect(() => convertTwiml('<Response><Say>Hi</Response>')).toThrow(
      'XML line 1, column 18: </Response> closes <Say>',
    )
    expect(() => convertTwiml('<Response/>', { name: 'lower' })).toThrow('component name "lower" must be an identifier')
    expect(() => convertTwiml('<Response/>', { route: 'voice' })).toThrow('route "voice" must be a path such as /voice')
  })
})
