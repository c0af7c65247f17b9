import twilio from 'twilio'
import {
  Dial,
  Number,
  Reject,
  Response,
  render,
  renderAsync,
  Say,
  SayAs,
  Sip,
  TwimlRenderError,
  TwimlValidationError,
  UncheckedElement,
  WithUncheckedAttributes,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { DECL } from './support/issues.js'

describe('UncheckedElement: an element twiml-jsx does not know yet', () => {
  test('renders like the rest, byte-identical to twilio addChild', () => {
    const xml = render(
      <Response>
        <UncheckedElement
          tag="NewVerb"
          attributes={{ mode: 'fast', on: true, off: false, n: 3, list: ['a', 1], no: null }}
        >
          a & b<Say>hi</Say>
        </UncheckedElement>
      </Response>,
    )
    const vr = new twilio.twiml.VoiceResponse()
    const node = vr.addChild('NewVerb', { mode: 'fast', on: true, off: false, n: 3, list: ['a', 1] })
    node.addText('a & b')
    node.addChild('Say', {}).addText('hi')
    expect(xml).toBe(vr.toString())
    expect(xml).toBe(
      `${DECL}<Response><NewVerb mode="fast" on="true" off="false" n="3" list="a 1">a &amp; b<Say>hi</Say></NewVerb></Response>`,
    )
  })

  test('passes validation anywhere, with anything inside (a new SSML tag in <Say>)', () => {
    expect(
      render(
        <Response>
          <Say voice="Polly.Joanna">
            <UncheckedElement tag="amazon:breath" attributes={{ duration: 'long', volume: 'x-loud' }} />
            hi
          </Say>
        </Response>,
      ),
    ).toBe(
      `${DECL}<Response><Say voice="Polly.Joanna"><amazon:breath duration="long" volume="x-loud"/>hi</Say></Response>`,
    )
  })

  test('what it holds is still checked by its own rules', () => {
    expect(() =>
      render(
        <Response>
          <UncheckedElement tag="NewVerb">
            <Say loop={-1}>hi</Say>
          </UncheckedElement>
        </Response>,
      ),
    ).toThrow(TwimlValidationError)
  })

  test('names must be XML names: the document stays well-formed', () => {
    expect(() => render(<UncheckedElement tag="New Verb" />)).toThrow(TwimlRenderError)
    expect(() => render(<UncheckedElement tag="Verb" attributes={{ 'a"b': 'x' }} />)).toThrow(TwimlRenderError)
    expect(() => render(<UncheckedElement tag="Verb" attributes={{ children: 'x' }} />)).toThrow(TwimlRenderError)
  })

  test('async rendering gives the same bytes', async () => {
    const tree = (
      <Response>
        <UncheckedElement tag="NewVerb" attributes={{ a: 1 }}>
          x
        </UncheckedElement>
      </Response>
    )
    expect(await renderAsync(tree)).toBe(render(tree))
  })
})

describe('WithUncheckedAttributes: a known element with attributes twiml-jsx does not know yet', () => {
  test('typed props stay, extra attributes are written where the prop stands', () => {
    const xml = render(
      <Response>
        <WithUncheckedAttributes
          element={Dial}
          callerId="+15550001111"
          attributes={{ newThing: 'x', 'x-y': 2 }}
          timeout={10}
        >
          <Number>+15550002222</Number>
        </WithUncheckedAttributes>
      </Response>,
    )
    const vr = new twilio.twiml.VoiceResponse()
    vr.dial({ callerId: '+15550001111', newThing: 'x', 'x-y': 2, timeout: 10 } as never).number('+15550002222')
    expect(xml).toBe(vr.toString())
    expect(xml).toBe(
      `${DECL}<Response><Dial callerId="+15550001111" newThing="x" x-y="2" timeout="10"><Number>+15550002222</Number></Dial></Response>`,
    )
  })

  test('a value the types do not know yet, for a known attribute, passes validation', () => {
    expect(
      render(
        <Response>
          <WithUncheckedAttributes element={Reject} attributes={{ reason: 'some-new-reason' }} />
        </Response>,
      ),
    ).toBe(`${DECL}<Response><Reject reason="some-new-reason"/></Response>`)
  })

  test('the element keeps its behaviour: renamed props, URI composition, nesting rules', () => {
    expect(
      render(
        <Response>
          <Say>
            <WithUncheckedAttributes element={SayAs} interpretAs="date" attributes={{ detail: 1 }}>
              2024
            </WithUncheckedAttributes>
          </Say>
          <Dial>
            <WithUncheckedAttributes element={Sip} region="jp1" attributes={{ newSipThing: 'y' }}>
              sip:a@example.com
            </WithUncheckedAttributes>
          </Dial>
        </Response>,
      ),
    ).toBe(
      `${DECL}<Response><Say><say-as interpret-as="date" detail="1">2024</say-as></Say>` +
        '<Dial><Sip newSipThing="y">sip:a@example.com;region=jp1</Sip></Dial></Response>',
    )
  })

  test('its typed props are still validated', () => {
    const bad = { timeout: 'soon' } as unknown as { timeout: number }
    expect(() =>
      render(
        <Response>
          <WithUncheckedAttributes element={Dial} attributes={{ newThing: 'x' }} {...bad}>
            +15550002222
          </WithUncheckedAttributes>
        </Response>,
      ),
    ).toThrow(TwimlValidationError)
  })

  test('the same attribute given both ways, a non-attribute prop, or a bad name is an error', () => {
    expect(() => render(<WithUncheckedAttributes element={Dial} timeout={5} attributes={{ timeout: 6 }} />)).toThrow(
      /both as a prop and in attributes/,
    )
    expect(() =>
      render(
        <WithUncheckedAttributes element={SayAs} interpretAs="date" attributes={{ 'interpret-as': 'time' }}>
          x
        </WithUncheckedAttributes>,
      ),
    ).toThrow(/both as a prop and in attributes/)
    expect(() =>
      render(
        <WithUncheckedAttributes element={Sip} attributes={{ region: 'xx1' }}>
          sip:a@example.com
        </WithUncheckedAttributes>,
      ),
    ).toThrow(/not an XML attribute/)
    expect(() => render(<WithUncheckedAttributes element={Reject} attributes={{ '1x': 'y' }} />)).toThrow(
      TwimlRenderError,
    )
  })
})
