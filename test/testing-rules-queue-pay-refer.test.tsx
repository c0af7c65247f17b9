/**
 * The simulator follows Twilio's documented semantics of <Enqueue> wait documents, <Pay> and <Refer>,
 * and says clearly what it does not simulate: each test names the page its rule comes from.
 */
import { describe, expect, test } from 'vitest'
import {
  Connect,
  Dial,
  Enqueue,
  Gather,
  Leave,
  Number,
  Pay,
  Redirect,
  Refer,
  Response,
  Say,
  Sip,
  Stream,
} from '../src/index.js'
import { CallSimulationError, simulateCall, startCall } from '../src/testing/index.js'
import { ReferSip } from '../src/voice/refer.js'
import { own, voiceApp } from './support/voice-app.js'

describe('<Enqueue> wait documents (https://www.twilio.com/docs/voice/twiml/enqueue)', () => {
  const app = voiceApp({
    '/queue': () => (
      <Response>
        <Enqueue waitUrl="/wait" action="/left">
          support
        </Enqueue>
      </Response>
    ),
    '/wait': (_c, p) => (
      <Response>
        <Say>You are number {p.QueuePosition}.</Say>
        <Redirect>/wait/menu</Redirect>
      </Response>
    ),
    '/wait/menu': () => (
      <Response>
        <Gather numDigits={1} action="/wait/choice" timeout={3}>
          <Say>Press 1 to leave a message instead.</Say>
        </Gather>
      </Response>
    ),
    '/wait/choice': (_c, p) => <Response>{p.Digits === '1' ? <Leave /> : <Say>Keep holding.</Say>}</Response>,
    '/bad-queue': () => (
      <Response>
        <Enqueue waitUrl="/bad-wait">support</Enqueue>
      </Response>
    ),
    '/bad-wait': () => (
      <Response>
        <Dial>+15550001111</Dial>
      </Response>
    ),
    '/left': (_c, p) => (
      <Response>
        <Say>Queue result {p.QueueResult}.</Say>
      </Response>
    ),
  })

  // The waitUrl TwiML may hold Play, Say, Pause, Hangup, Redirect, Leave and Gather; a Gather's action
  // answers with more wait TwiML (here a <Leave>, which requests the Enqueue action at once).
  test('a wait document may Redirect and Gather: the caller presses 1 in the queue and leaves it', async () => {
    const call = await simulateCall(app, { url: '/queue', queue: { support: { position: 4 } } })
    expect(call.gather).toMatchObject({ action: 'http://localhost/wait/choice' })
    await call.press('1')
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /queue
        Enqueue support (wait: /wait)
          POST /wait QueuePosition=4 QueueTime=0
            Say "You are number 4."
            Redirect → POST /wait/menu
          POST /wait/menu
            Gather (dtmf; 1 digit) → POST /wait/choice
              Say "Press 1 to leave a message instead."
              Caller presses 1
          POST /wait/choice Digits=1
            Leave
        Left the queue: leave
      POST /left QueueResult=leave QueueTime=0
        Say "Queue result leave."
      Call ended: end of document"
    `)
  })

  test('a verb Twilio does not allow in a wait document is an error naming the rule', async () => {
    const error = await simulateCall(app, { url: '/bad-queue' }).catch((e) => e)
    expect(error).toBeInstanceOf(CallSimulationError)
    expect(error.message).toBe(
      '<Dial> in the queue wait document /bad-wait: Twilio allows only Play, Say, Pause, Hangup, Redirect, Leave and Gather there (https://www.twilio.com/docs/voice/twiml/enqueue)',
    )
  })
})

describe('<Pay> (https://www.twilio.com/docs/voice/twiml/pay)', () => {
  const app = voiceApp({
    '/charge': () => (
      <Response>
        <Pay action="/paid" chargeAmount="20.45" validCardTypes={['visa', 'mastercard']} maxAttempts={2} />
      </Response>
    ),
    '/tokenize': () => (
      <Response>
        <Pay action="/paid" paymentMethod="ach-debit" />
        <Say>Never heard: the action answers.</Say>
      </Response>
    ),
    '/no-action': () => (
      <Response>
        <Pay />
        <Say>After the payment.</Say>
      </Response>
    ),
    '/paid': (_c, p) => (
      <Response>
        <Say>Payment {p.Result}.</Say>
      </Response>
    ),
  })

  test('a charge: the action gets Result, a confirmation code and the card masked; its TwiML continues', async () => {
    const call = await simulateCall(app, {
      url: '/charge',
      pay: { cardNumber: '5555555555554444', expirationDate: '0428' },
    })
    expect(own(call.requestsTo('/paid')[0])).toEqual({
      Result: 'success',
      PaymentConfirmationCode: expect.stringMatching(/^PC[0-9a-f]{12}$/),
      PaymentCardNumber: 'xxxxxxxxxxxx4444',
      PaymentCardType: 'mastercard',
      ExpirationDate: '0428',
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /charge
        Pay (credit-card, charge 20.45)
          Payment: success
      POST /paid Result=success PaymentCardNumber=xxxxxxxxxxxx4444 PaymentCardType=mastercard ExpirationDate=0428
        Say "Payment success."
      Call ended: end of document"
    `)
  })

  test('a tokenization gets a PaymentToken; failures report their Result; no action goes on with the next verb', async () => {
    const token = await simulateCall(app, { url: '/tokenize' })
    expect(own(token.requestsTo('/paid')[0])).toEqual({ Result: 'success', PaymentToken: expect.stringMatching(/^PT/) })
    const failed = await simulateCall(app, { url: '/charge', pay: { result: 'too-many-failed-attempts' } })
    expect(own(failed.requestsTo('/paid')[0])).toEqual({ Result: 'too-many-failed-attempts' })
    const next = await simulateCall(app, { url: '/no-action' })
    expect(next.transcript()).toContain('Say "After the payment."')
  })

  // "<Pay> will terminate when DTMF * keypress is received at any point."
  test('steered: the wait describes the payment; * ends it (caller-interrupted-with-star)', async () => {
    const call = startCall(app, { url: '/charge' })
    expect(await call.nextWait()).toMatchObject({
      kind: 'pay',
      paymentMethod: 'credit-card',
      chargeAmount: '20.45',
      currency: 'usd',
      validCardTypes: ['visa', 'mastercard'],
      timeout: 5,
      maxAttempts: 2,
    })
    await call.press('*')
    expect(own(call.requestsTo('/paid')[0])).toEqual({ Result: 'caller-interrupted-with-star' })
  })
})

describe('<Refer> (https://www.twilio.com/docs/voice/twiml/refer)', () => {
  const app = voiceApp({
    '/transfer': () => (
      <Response>
        <Refer action="/referred">
          <ReferSip>sip:front-desk@pbx.example.com</ReferSip>
        </Refer>
        <Say>Never reached.</Say>
      </Response>
    ),
    '/referred': (_c, p) => (
      <Response>
        <Say>Transfer {p.ReferCallStatus ?? 'rejected'}.</Say>
      </Response>
    ),
  })
  const sipCall = { url: '/transfer', from: 'sip:caller@customer.example.com' }

  test('the target takes the call: the action gets ReferCallStatus and both SIP codes, and the call leaves Twilio', async () => {
    const call = await simulateCall(app, sipCall)
    expect(own(call.requestsTo('/referred')[0])).toEqual({
      ReferCallStatus: 'in-progress',
      ReferSipResponseCode: '202',
      NotifySipResponseCode: '200',
    })
    expect(call.endReason).toBe('transferred to sip:front-desk@pbx.example.com')
    expect(call.transcript()).not.toContain('Transfer in-progress.')
  })

  test('a busy target: its TwiML continues the call; a rejected REFER reports only its own code', async () => {
    const busy = await simulateCall(app, { ...sipCall, refer: { status: 'busy' } })
    expect(own(busy.requestsTo('/referred')[0])).toEqual({
      ReferCallStatus: 'busy',
      ReferSipResponseCode: '202',
      NotifySipResponseCode: '486',
    })
    expect(busy.transcript()).toContain('Say "Transfer busy."')
    const rejected = await simulateCall(app, { ...sipCall, refer: { sipResponseCode: 603 } })
    expect(own(rejected.requestsTo('/referred')[0])).toEqual({ ReferSipResponseCode: '603' })
  })

  // "<Refer> is only supported on SIP call legs ... PSTN and Twilio Voice SDK calls ... will result in an error."
  test('a call that is not SIP cannot be referred', async () => {
    await expect(simulateCall(app, { url: '/transfer' })).rejects.toThrow(
      '<Refer> in /transfer: only SIP calls can be referred (give the call a sip: From or To, or a SipCallId param)',
    )
  })
})

describe('what is not simulated says so', () => {
  const app = voiceApp({
    '/screened': () => (
      <Response>
        <Dial>
          <Number url="/screen">+15550001111</Number>
        </Dial>
      </Response>
    ),
    '/screen': () => (
      <Response>
        <Connect>
          <Stream url="wss://example.com/media" />
        </Connect>
      </Response>
    ),
    '/partial': () => (
      <Response>
        <Gather input={['speech']} partialResultCallback="/partial-results">
          <Say>Talk to me.</Say>
        </Gather>
      </Response>
    ),
    '/sip': () => (
      <Response>
        <Dial>
          <Sip>sip:a@example.com</Sip>
        </Dial>
      </Response>
    ),
  })

  test('a verb the simulator cannot run where it stands is a CallSimulationError', async () => {
    await expect(simulateCall(app, { url: '/screened' })).rejects.toThrow(
      "<Connect> on the called party's leg is not simulated",
    )
  })

  test('a callback the simulator does not send is a warning in the transcript, never silent', async () => {
    const call = await simulateCall(app, { url: '/partial' })
    expect(call.transcript()).toContain(
      '! <Gather partialResultCallback> is not simulated: no partial results are sent',
    )
  })
})
