/**
 * Type tests: `npm test` runs `tsc --noEmit` over this file. Each `@ts-expect-error` line must
 * fail to compile (tsc reports an unused directive otherwise); the other lines must compile.
 * Not a vitest file: it only needs to type-check.
 */
import {
  Client,
  Conference,
  Dial,
  DialNumber,
  Gather,
  Hangup,
  Number,
  Pause,
  Reject,
  Response,
  renderAsync,
  Say,
  Sip,
  type TwimlNode,
} from 'twiml-jsx'

export const ok: TwimlNode[] = [
  <Response key="1">
    <Dial sequential callerId="support" action="/after-dial" timeout={20} record="record-from-answer">
      <Sip region="jp1" transport="tls" headers={{ 'x-ticket': '42', 'User-to-User': 'abc' }}>
        sip:alice@example.com
      </Sip>
      <Number statusCallbackEvent={['initiated', 'answered']}>+15550001111</Number>
      <DialNumber>+15550002222</DialNumber>
      <Client>alice</Client>
    </Dial>
  </Response>,
  <Conference key="2" beep="onEnter" statusCallbackEvent={['join', 'leave']}>
    room
  </Conference>,
  <Say key="3" voice="Polly.Joanna-Neural" language="en-GB">
    Hi
  </Say>,
  // Catalogues stay open: a voice Twilio adds later still compiles.
  <Say key="4" voice="Polly.SomeFutureVoice-Neural">
    Hi
  </Say>,
  <Gather key="5" input={['dtmf', 'speech']} speechTimeout="auto" />,
]

// Wrong region.
// @ts-expect-error 'xx1' is not a SipRegion
export const badRegion = <Sip region="xx1">sip:a@example.com</Sip>

// Wrong transport.
// @ts-expect-error 'sctp' is not a SipTransport
export const badTransport = <Sip transport="sctp">sip:a@example.com</Sip>

// Header names Twilio will not pass on.
// @ts-expect-error 'Subject' is not a SipHeaderName
export const badHeader = <Sip headers={{ Subject: 'x' }}>sip:a@example.com</Sip>

// Misspelled attribute.
// @ts-expect-error callerID is not an attribute (callerId is)
export const misspelled = <Dial callerID="x">+1</Dial>

// Unknown status callback event.
// @ts-expect-error 'hangup' is not a call progress event
export const badEvent = <Sip statusCallbackEvent={['hangup']}>sip:a@example.com</Sip>

// Events are an array, not a space-separated string.
// @ts-expect-error a string is not an event array
export const eventString = <Number statusCallbackEvent="initiated ringing">+1</Number>

// Closed unions for protocol values.
// @ts-expect-error 'PUT' is not an HTTP method Twilio uses
export const badMethod = <Dial method="PUT">+1</Dial>
// @ts-expect-error 'always' is not a Dial record mode
export const badRecord = <Dial record="always">+1</Dial>
// @ts-expect-error 'cut' is not a trim mode
export const badTrim = <Dial trim="cut">+1</Dial>
// @ts-expect-error 'maybe' is not a Reject reason
export const badReason = <Reject reason="maybe" />

// Numbers where numbers belong.
// @ts-expect-error timeout is a number
export const stringTimeout = <Dial timeout="20">+1</Dial>

// Leaf verbs take no children.
// @ts-expect-error <Hangup> has no children
export const hangupChildren = <Hangup>bye</Hangup>
// @ts-expect-error <Pause> has no children
export const pauseChildren = <Pause length={2}>x</Pause>

// URI nouns take text, not elements.
// @ts-expect-error <Number> takes text only
export const numberElement = <Number>{<Hangup />}</Number>

// A TwiML node is not a string (no type lie), so it cannot go where HTML text is expected.
// @ts-expect-error JSX.Element is the node type, not a string
export const notAString: string = <Hangup />

// Async components type-check and render through renderAsync.
async function Later() {
  await Promise.resolve()
  return <Say>later</Say>
}
export const asyncOk: Promise<string> = renderAsync(
  <Response>
    <Later />
  </Response>,
)
