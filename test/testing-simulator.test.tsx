/**
 * The call simulator's own semantics, each on a small purpose-built Hono app: what Twilio would
 * request, with which parameters, and what the caller would hear.
 */
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { twilioWebhook, twiml } from '../src/hono/index.js'
import {
  Connect,
  Dial,
  Echo,
  Enqueue,
  Gather,
  Hangup,
  Leave,
  Number,
  Pause,
  Pay,
  Play,
  Record,
  Redirect,
  Reject,
  Response,
  Say,
  SayAs,
  Sip,
  Start,
  Stream,
  Sub,
} from '../src/index.js'
import { CallSimulationError, type SimulatedRequest, simulateCall } from '../src/testing/index.js'
import { Break } from '../src/voice/ssml.js'
import { own, voiceApp } from './support/voice-app.js'

const STANDARD = ['CallSid', 'AccountSid', 'From', 'To', 'CallStatus', 'Direction', 'ApiVersion']

describe('requests as Twilio sends them', () => {
  const app = voiceApp({
    '/voice': () => (
      <Response>
        <Gather numDigits={1} action="/menu">
          <Say>Press a key.</Say>
        </Gather>
      </Response>
    ),
    '/menu': () => (
      <Response>
        <Say>Bye.</Say>
      </Response>
    ),
  })

  test('standard call parameters on every request; CallStatus ringing first, then in-progress', async () => {
    const call = await simulateCall(app, { url: '/voice', from: '+15550001111', to: '+15550002222' })
    await call.press('5')
    expect(call.requests.map((r) => Object.keys(r.params).slice(0, 7))).toEqual([STANDARD, STANDARD])
    expect(call.requests[0]!.params).toEqual({
      CallSid: call.sid,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: '+15550001111',
      To: '+15550002222',
      CallStatus: 'ringing',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    })
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/)
    expect(call.requests[1]).toMatchObject({
      kind: 'gather-action',
      method: 'POST',
      url: 'http://localhost/menu',
      path: '/menu',
      params: { CallSid: call.sid, CallStatus: 'in-progress', Digits: '5' },
      sent: true,
      status: 200,
    })
    expect(call.ended).toBe(true)
    expect(call.endReason).toBe('end of document')
  })

  test('call-level params go with every request, and stay out of the transcript', async () => {
    const call = await simulateCall(app, {
      url: '/voice',
      params: { CallerName: 'Ada', 'SipHeader_X-Ticket': '42' },
      direction: 'outbound-api',
      callSid: `CA${'f'.repeat(32)}`,
    })
    await call.press('1')
    for (const r of call.requests) {
      expect(r.params).toMatchObject({ CallerName: 'Ada', 'SipHeader_X-Ticket': '42', Direction: 'outbound-api' })
    }
    expect(call.sid).toBe(`CA${'f'.repeat(32)}`)
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /voice
        Gather (dtmf; 1 digit) → POST /menu
          Say "Press a key."
          Caller presses 1
      POST /menu Digits=1
        Say "Bye."
      Call ended: end of document"
    `)
  })

  test('signed with the auth token, an app behind twilioWebhook accepts every request', async () => {
    const guarded = new Hono()
    guarded.use('*', twilioWebhook({ authToken: 'secret' }))
    guarded.route('/', app)
    const call = await simulateCall(guarded, { url: '/voice', authToken: 'secret' })
    await call.press('1')
    expect(call.requests.map((r) => r.status)).toEqual([200, 200])

    // Unsigned (or signed with another token), the app refuses, and the simulator says so.
    await expect(simulateCall(guarded, { url: '/voice' })).rejects.toThrow(
      'POST /voice (call) answered HTTP 403: Missing X-Twilio-Signature header',
    )
    await expect(simulateCall(guarded, { url: '/voice', authToken: 'other' })).rejects.toThrow(/HTTP 403/)
  })

  test('baseUrl is the origin Twilio calls; an absolute url sets it too', async () => {
    const call = await simulateCall(app, { url: 'https://voice.example.com/voice' })
    await call.press('1')
    expect(call.requests.map((r) => [r.url, r.path])).toEqual([
      ['https://voice.example.com/voice', '/voice'],
      ['https://voice.example.com/menu', '/menu'],
    ])
  })

  test('a GET webhook sends the parameters in the query string', async () => {
    const seen: string[] = []
    const getApp = new Hono()
    getApp.get('/voice', (c) => {
      seen.push(new URL(c.req.url).search)
      return twiml(
        c,
        <Response>
          <Say>Hi</Say>
        </Response>,
      )
    })
    const call = await simulateCall(getApp, { url: '/voice?lang=en', method: 'GET', authToken: 't' })
    expect(call.requests[0]).toMatchObject({ method: 'GET', url: 'http://localhost/voice?lang=en' })
    expect(seen[0]).toMatch(/^\?lang=en&CallSid=CA.*&ApiVersion=2010-04-01$/)
  })

  test('a fetch function or an object with fetch() works as the app', async () => {
    const fromFetch = await simulateCall({ fetch: (r: Request) => app.fetch(r) }, { url: '/voice' })
    const fromFunction = await simulateCall((r: Request) => app.fetch(r), { url: '/voice' })
    expect(fromFetch.transcript()).toBe(fromFunction.transcript())
  })
})

describe('<Gather>', () => {
  const app = voiceApp({
    '/menu': () => (
      <Response>
        <Gather input={['dtmf', 'speech']} action="/choice" finishOnKey="#">
          <Say>Enter your account number, then press pound.</Say>
          <Pause length={2} />
        </Gather>
        <Say>We did not get that.</Say>
        <Hangup />
      </Response>
    ),
    '/choice': (_c, p) => (
      <Response>
        <Say>You entered {p.Digits ?? p.SpeechResult ?? 'nothing'}.</Say>
      </Response>
    ),
    '/self': (_c, p) =>
      p.Digits === undefined ? (
        <Response>
          <Gather numDigits={2} method="GET">
            <Say>Two digits.</Say>
          </Gather>
        </Response>
      ) : (
        <Response>
          <Say>Got {p.Digits}.</Say>
        </Response>
      ),
    '/empty': () => (
      <Response>
        <Gather actionOnEmptyResult action="/choice" timeout={3}>
          <Say>Anything?</Say>
        </Gather>
        <Say>Never heard.</Say>
      </Response>
    ),
    '/speech': () => (
      <Response>
        <Gather input={['speech']} action="/choice">
          <Say>Say something.</Say>
        </Gather>
      </Response>
    ),
  })

  test('the call stops at the Gather; press posts Digits (finishOnKey left out) to the action', async () => {
    const call = await simulateCall(app, { url: '/menu' })
    expect(call.gather).toEqual({
      input: ['dtmf', 'speech'],
      finishOnKey: '#',
      actionOnEmptyResult: false,
      method: 'POST',
      action: 'http://localhost/choice',
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /menu
        Gather (dtmf, speech) → POST /choice
          Say "Enter your account number, then press pound."
          Pause 2s
          … waiting for input"
    `)
    await call.press('1234#')
    expect(own(call.requests[1])).toEqual({ Digits: '1234', FinishedOnKey: '#' })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /menu
        Gather (dtmf, speech) → POST /choice
          Say "Enter your account number, then press pound."
          Pause 2s
          Caller presses 1234#
      POST /choice Digits=1234 FinishedOnKey=#
        Say "You entered 1234."
      Call ended: end of document"
    `)
  })

  test('speak posts SpeechResult and Confidence', async () => {
    const call = await simulateCall(app, { url: '/menu' })
    await call.speak('four two', 0.87)
    expect(own(call.requests[1])).toEqual({ SpeechResult: 'four two', Confidence: '0.87' })
    expect(call.transcript()).toContain(
      'Caller says "four two" (confidence 0.87)\nPOST /choice SpeechResult="four two"',
    )
  })

  test('silence falls through to the next verb, as Twilio does', async () => {
    const call = await simulateCall(app, { url: '/menu' })
    await call.silence()
    expect(call.requests).toHaveLength(1)
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /menu
        Gather (dtmf, speech) → POST /choice
          Say "Enter your account number, then press pound."
          Pause 2s
          Caller says nothing
        Say "We did not get that."
        Hangup
      Call ended: hangup"
    `)
  })

  test('with actionOnEmptyResult, silence posts the action with empty Digits', async () => {
    const call = await simulateCall(app, { url: '/empty' })
    await call.silence()
    expect(own(call.requests[1])).toEqual({ Digits: '' })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /empty
        Gather (dtmf) → POST /choice
          Say "Anything?"
          Caller says nothing
      POST /choice Digits=""
        Say "You entered ."
      Call ended: end of document"
    `)
  })

  test("without action, the Gather posts to the document's own URL, with its method", async () => {
    const call = await simulateCall(app, { url: '/self' })
    await call.press('42')
    expect(call.requests[1]).toMatchObject({ kind: 'gather-action', method: 'GET', path: '/self' })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /self
        Gather (dtmf; 2 digits) → GET /self
          Say "Two digits."
          Caller presses 42
      GET /self Digits=42
        Say "Got 42."
      Call ended: end of document"
    `)
  })

  test('hangup ends the call without requesting the action', async () => {
    const call = await simulateCall(app, { url: '/menu' })
    await call.hangup()
    expect(call.requests).toHaveLength(1)
    expect(call.endReason).toBe('caller hung up')
  })

  test('input the Gather cannot take is an error, and so is input when nothing waits', async () => {
    const speech = await simulateCall(app, { url: '/speech' })
    await expect(speech.press('1')).rejects.toThrow("press('1'): the <Gather> takes speech, not dtmf")
    const two = await simulateCall(app, { url: '/self' })
    await expect(two.press('123')).rejects.toThrow("press('123'): the <Gather> ends after numDigits=2; press at most 2")
    const menu = await simulateCall(app, { url: '/menu' })
    await expect(menu.press('1#2')).rejects.toThrow('# ends the input (finishOnKey); it can only come last')
    await expect(menu.press('x')).rejects.toThrow('keys are 0-9, * and #')
    const dtmf = await simulateCall(app, { url: '/self' })
    await expect(dtmf.speak('hi')).rejects.toThrow('the <Gather> takes dtmf, not speech')
    await menu.press('1')
    await expect(menu.press('2')).rejects.toThrow(
      "press('2'): the call has ended (end of document); it is not waiting for input",
    )
  })
})

describe('<Dial>', () => {
  const events = ['initiated', 'ringing', 'answered', 'completed'] as const
  const app = voiceApp({
    '/sequential': () => (
      <Response>
        <Dial sequential timeout={20} action="/after">
          <Sip statusCallback="/events" statusCallbackEvent={[...events]}>
            sip:alice@example.com
          </Sip>
          <Sip statusCallback="/events" statusCallbackEvent={[...events]}>
            sip:bob@example.com
          </Sip>
          <Sip statusCallback="/events" statusCallbackEvent={[...events]}>
            sip:carol@example.com
          </Sip>
        </Dial>
      </Response>
    ),
    '/parallel': () => (
      <Response>
        <Dial action="/after" timeout={25}>
          <Number statusCallback="/events" statusCallbackEvent={[...events]}>
            +15550000001
          </Number>
          <Number statusCallback="/events" statusCallbackEvent={[...events]}>
            +15550000002
          </Number>
          <Number statusCallback="/events" statusCallbackEvent={[...events]}>
            +15550000003
          </Number>
        </Dial>
      </Response>
    ),
    '/plain': () => (
      <Response>
        <Dial>+15550009999</Dial>
        <Say>After the call.</Say>
      </Response>
    ),
    '/screened': () => (
      <Response>
        <Dial action="/after" callerId="+15550004444">
          <Number url="/whisper">+15550000001</Number>
          <Number url="/whisper">+15550000002</Number>
        </Dial>
      </Response>
    ),
    '/whisper': () => (
      <Response>
        <Gather numDigits={1} action="/whisper/decision">
          <Say>Press 1 to take the call.</Say>
        </Gather>
        <Hangup />
      </Response>
    ),
    '/whisper/decision': (_c, p) => <Response>{p.Digits === '1' ? <Say>Connecting.</Say> : <Hangup />}</Response>,
    '/remote-callbacks': () => (
      <Response>
        <Dial>
          <Sip statusCallback="https://hooks.example.net/status" statusCallbackEvent={['answered', 'completed']}>
            sip:kate@example.com
          </Sip>
          <Number statusCallback="/events">+15550000005</Number>
        </Dial>
      </Response>
    ),
    '/events': () => (
      <Response>
        <Say>ignored</Say>
      </Response>
    ),
    '/after': (_c, p) => (
      <Response>
        <Say>Dial status {p.DialCallStatus}.</Say>
      </Response>
    ),
    '/time-limited': () => (
      <Response>
        <Dial timeLimit={10} record="record-from-answer" action="/after">
          <Sip>sip:alice@example.com</Sip>
        </Dial>
      </Response>
    ),
  })

  const callbacks = (requests: readonly SimulatedRequest[]) =>
    requests
      .filter((r) => r.kind === 'status-callback')
      .map((r) => `${r.params.To} #${r.params.SequenceNumber} ${r.params.CallStatus}`)

  test('sequential: in order, the first to answer wins; the rest are never dialed', async () => {
    const call = await simulateCall(app, {
      url: '/sequential',
      dial: { 'sip:alice@example.com': 'no-answer', 'sip:bob@example.com': { ringFor: 3, duration: 42 } },
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /sequential
        Dial sip:alice@example.com, sip:bob@example.com, sip:carol@example.com (sequential, timeout 20s)
          sip:alice@example.com: no answer after 20s (SIP 487)
          sip:bob@example.com: answered after 3s (SIP 200)
          Connected to sip:bob@example.com for 42s
        Dial ended: completed
      POST /after DialCallStatus=completed DialCallDuration=42 DialSipResponseCode=200
        Say "Dial status completed."
      Call ended: end of document"
    `)
    const action = call.requestsTo('/after')[0]
    expect(own(action)).toEqual({
      DialCallStatus: 'completed',
      DialCallSid: expect.stringMatching(/^CA/),
      DialCallDuration: '42',
      DialBridged: 'true',
      DialSipCallId: expect.stringMatching(/@/),
      DialSipResponseCode: '200',
    })
    expect(callbacks(call.requests)).toEqual([
      'sip:alice@example.com #0 initiated',
      'sip:alice@example.com #1 ringing',
      'sip:alice@example.com #2 no-answer',
      'sip:bob@example.com #0 initiated',
      'sip:bob@example.com #1 ringing',
      'sip:bob@example.com #2 in-progress',
      'sip:bob@example.com #3 completed',
    ])
  })

  test('sequential: nobody answers, the action gets the last status and SIP response code', async () => {
    const call = await simulateCall(app, {
      url: '/sequential',
      dial: { 'sip:alice@example.com': 'busy', 'sip:bob@example.com': 480, 'sip:carol@example.com': 404 },
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /sequential
        Dial sip:alice@example.com, sip:bob@example.com, sip:carol@example.com (sequential, timeout 20s)
          sip:alice@example.com: busy (SIP 486)
          sip:bob@example.com: no answer (SIP 480)
          sip:carol@example.com: failed (SIP 404)
        Dial ended: failed
      POST /after DialCallStatus=failed DialSipResponseCode=404
        Say "Dial status failed."
      Call ended: end of document"
    `)
    expect(own(call.requestsTo('/after')[0])).toMatchObject({
      DialCallStatus: 'failed',
      DialBridged: 'false',
      DialSipResponseCode: '404',
    })
    expect(own(call.requestsTo('/after')[0])).not.toHaveProperty('DialCallDuration')
  })

  test('timeout: a party that would answer after the timeout counts as no answer (SIP 487)', async () => {
    const call = await simulateCall(app, {
      url: '/sequential',
      dial: { '*': { ringFor: 21 }, 'sip:carol@example.com': { ringFor: 20 } },
    })
    expect(call.events.filter((e) => e.type === 'dial-leg')).toEqual([
      expect.objectContaining({
        target: 'sip:alice@example.com',
        outcome: 'no-answer',
        rang: 20,
        sipResponseCode: 487,
      }),
      expect.objectContaining({ target: 'sip:bob@example.com', outcome: 'no-answer', rang: 20, sipResponseCode: 487 }),
      expect.objectContaining({ target: 'sip:carol@example.com', outcome: 'answered', rang: 20, sipResponseCode: 200 }),
    ])
  })

  test('parallel: the first to answer wins, the others are canceled', async () => {
    const call = await simulateCall(app, {
      url: '/parallel',
      dial: { '+15550000001': { ringFor: 9 }, '+15550000002': { ringFor: 4 }, '+15550000003': 'busy' },
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /parallel
        Dial +15550000001, +15550000002, +15550000003 (parallel, timeout 25s)
          +15550000003: busy
          +15550000002: answered after 4s
          +15550000001: canceled after 4s, another leg answered
          Connected to +15550000002 for 30s
        Dial ended: completed
      POST /after DialCallStatus=completed DialCallDuration=30
        Say "Dial status completed."
      Call ended: end of document"
    `)
    expect(callbacks(call.requests)).toEqual([
      '+15550000001 #0 initiated',
      '+15550000002 #0 initiated',
      '+15550000003 #0 initiated',
      '+15550000003 #1 busy',
      '+15550000001 #1 ringing',
      '+15550000002 #1 ringing',
      '+15550000002 #2 in-progress',
      '+15550000001 #2 canceled',
      '+15550000002 #3 completed',
    ])
    // No SIP parameters for phone numbers.
    expect(own(call.requestsTo('/after')[0])).toEqual({
      DialCallStatus: 'completed',
      DialCallSid: call.requestsTo('/events').find((r) => r.params.To === '+15550000002')!.params.CallSid,
      DialCallDuration: '30',
      DialBridged: 'true',
    })
  })

  test('parallel: parties answering at the same moment win in the order of the script', async () => {
    const first = async (dial: Record<string, 'answer'>) => {
      const call = await simulateCall(app, { url: '/parallel', dial })
      return call.events.find((e) => e.type === 'connected')
    }
    expect(await first({ '+15550000003': 'answer', '+15550000001': 'answer' })).toMatchObject({
      target: '+15550000003',
    })
    expect(await first({ '+15550000001': 'answer', '+15550000003': 'answer' })).toMatchObject({
      target: '+15550000001',
    })
    // Unscripted parties answer too, after the scripted ones, in document order.
    expect(await first({})).toMatchObject({ target: '+15550000001' })
  })

  test('parallel: nobody answers; a missed call counts before busy, busy before failure', async () => {
    const status = async (dial: Record<string, 'busy' | 'failed' | 'no-answer'>) => {
      const call = await simulateCall(app, { url: '/parallel', dial })
      return call.requestsTo('/after')[0]?.params.DialCallStatus
    }
    expect(await status({ '*': 'busy', '+15550000002': 'no-answer' })).toBe('no-answer')
    expect(await status({ '*': 'failed', '+15550000003': 'busy' })).toBe('busy')
    expect(await status({ '*': 'failed' })).toBe('failed')
  })

  test('a function script sees each noun', async () => {
    const seen: unknown[] = []
    const call = await simulateCall(app, {
      url: '/sequential',
      dial: (t) => {
        seen.push(t)
        return t.index < 2 ? 'busy' : undefined
      },
    })
    expect(seen).toEqual([
      { noun: 'Sip', target: 'sip:alice@example.com', address: 'sip:alice@example.com', index: 0 },
      { noun: 'Sip', target: 'sip:bob@example.com', address: 'sip:bob@example.com', index: 1 },
      { noun: 'Sip', target: 'sip:carol@example.com', address: 'sip:carol@example.com', index: 2 },
    ])
    expect(call.requestsTo('/after')[0]?.params.DialCallStatus).toBe('completed')
  })

  test('without an action, the caller goes on with the next verb', async () => {
    const call = await simulateCall(app, { url: '/plain', dial: { '+15550009999': 'busy' } })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /plain
        Dial +15550009999 (timeout 30s)
          +15550009999: busy
        Dial ended: busy
        Say "After the call."
      Call ended: end of document"
    `)
  })

  test('screening: the callee presses 1, the document ends, the parties are connected', async () => {
    const call = await simulateCall(app, {
      url: '/screened',
      dial: { '+15550000001': { press: '1' }, '+15550000002': { ringFor: 8 } },
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /screened
        Dial +15550000001, +15550000002 (parallel, timeout 30s)
          +15550000001: answered after 5s
            POST /whisper
              Gather (dtmf; 1 digit) → POST /whisper/decision
                Say "Press 1 to take the call."
                Callee presses 1
            POST /whisper/decision Digits=1
              Say "Connecting."
          +15550000001: accepted during screening
          +15550000002: canceled after 5s, another leg answered
          Connected to +15550000001 for 30s
        Dial ended: completed
      POST /after DialCallStatus=completed DialCallDuration=30
        Say "Dial status completed."
      Call ended: end of document"
    `)
    const screening = call.requestsTo('/whisper')[0]!
    expect(screening).toMatchObject({ kind: 'screening', leg: 'callee' })
    expect(screening.params).toMatchObject({
      From: '+15550004444',
      To: '+15550000001',
      Direction: 'outbound-dial',
      ParentCallSid: call.sid,
      CallStatus: 'in-progress',
    })
    expect(screening.params.CallSid).not.toBe(call.sid)
  })

  test('screening: a callee who hangs up counts as not answered; the next one to answer is screened', async () => {
    const call = await simulateCall(app, {
      url: '/screened',
      dial: { '+15550000001': { press: '9' }, '+15550000002': { ringFor: 8, speak: 'yes' } },
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /screened
        Dial +15550000001, +15550000002 (parallel, timeout 30s)
          +15550000001: answered after 5s
            POST /whisper
              Gather (dtmf; 1 digit) → POST /whisper/decision
                Say "Press 1 to take the call."
                Callee presses 9
            POST /whisper/decision Digits=9
              Hangup
          +15550000001: declined during screening
          +15550000002: answered after 8s
            POST /whisper
              Gather (dtmf; 1 digit) → POST /whisper/decision
                Say "Press 1 to take the call."
                Callee says "yes" (confidence 0.9)
            POST /whisper/decision SpeechResult=yes Confidence=0.9
              Hangup
          +15550000002: declined during screening
        Dial ended: no-answer
      POST /after DialCallStatus=no-answer
        Say "Dial status no-answer."
      Call ended: end of document"
    `)
    expect(call.requestsTo('/after')[0]?.params.DialCallStatus).toBe('no-answer')
  })

  test('status callbacks on another host are recorded, not sent; without events only completed', async () => {
    const call = await simulateCall(app, { url: '/remote-callbacks', dial: { '+15550000005': 'busy' } })
    expect(
      call.requests
        .filter((r) => r.kind === 'status-callback')
        .map((r) => [r.url, r.sent, r.params.SequenceNumber, r.params.CallStatus, r.params.CallbackSource]),
    ).toEqual([
      ['http://localhost/events', true, '0', 'busy', 'call-progress-events'],
      ['https://hooks.example.net/status', false, '0', 'in-progress', 'call-progress-events'],
      ['https://hooks.example.net/status', false, '1', 'completed', 'call-progress-events'],
    ])
    const completed = call.requests.at(-1)!
    expect(completed.params).toMatchObject({
      CallDuration: '30',
      ParentCallSid: call.sid,
      Timestamp: 'Wed, 01 Jan 2025 00:00:35 +0000',
    })
    expect(completed).not.toHaveProperty('status')
  })

  test('timeLimit caps the call; record adds the recording to the action', async () => {
    const call = await simulateCall(app, { url: '/time-limited' })
    expect(own(call.requestsTo('/after')[0])).toMatchObject({
      DialCallDuration: '10',
      RecordingDuration: '10',
      RecordingSid: expect.stringMatching(/^RE/),
      RecordingUrl: expect.stringMatching(/^https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC0+\/Recordings\/RE/),
    })
  })
})

describe('<Record>', () => {
  const app = voiceApp({
    '/voicemail': () => (
      <Response>
        <Say>Leave a message.</Say>
        <Record
          action="/saved"
          maxLength={60}
          finishOnKey="#*"
          transcribe
          transcribeCallback="/transcription"
          recordingStatusCallback="/recording"
          recordingStatusCallbackEvent={['completed', 'absent']}
        />
        <Say>No message recorded.</Say>
      </Response>
    ),
    '/saved': (_c, p) => (
      <Response>
        <Say>Saved {p.RecordingDuration} seconds.</Say>
      </Response>
    ),
  })

  test("posts RecordingUrl, RecordingSid and RecordingDuration to the action (default: the document's URL)", async () => {
    const recorded = new Hono()
    recorded.post('/voicemail', async (c) => {
      const body = await c.req.parseBody()
      return twiml(
        c,
        body.RecordingUrl === undefined ? (
          <Response>
            <Record maxLength={60} finishOnKey="#*" />
          </Response>
        ) : (
          <Response>
            <Say>Got {String(body.RecordingDuration)} seconds.</Say>
          </Response>
        ),
      )
    })
    const call = await simulateCall(recorded, { url: '/voicemail', record: { duration: 75, key: '*' } })
    expect(own(call.requests[1])).toEqual({
      RecordingSid: expect.stringMatching(/^RE/),
      RecordingUrl: expect.stringMatching(/\/Recordings\/RE/),
      RecordingDuration: '60',
      Digits: '*',
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /voicemail
        Record (beep, max 60s, finish on #*)
          Caller records 60s, ends with *
      POST /voicemail RecordingDuration=60 Digits=*
        Say "Got 60 seconds."
      Call ended: end of document"
    `)
  })

  // Twilio requests the action as soon as the recording ends; the recording status callback comes once
  // the file is ready, the transcription later still: https://www.twilio.com/docs/voice/twiml/record
  test('the action first, then the recording status and transcription callbacks, each to its URL', async () => {
    const callbackApp = new Hono()
    callbackApp.post('/transcription', (c) => c.body(null, 204))
    callbackApp.post('/recording', (c) => c.body(null, 204))
    callbackApp.route('/', app)
    const call = await simulateCall(callbackApp, {
      url: '/voicemail',
      record: { duration: 12, key: '#', transcription: 'Call me back' },
    })
    const [first, saved, recording, transcription] = call.requests
    expect(first?.kind).toBe('call')
    expect(recording).toMatchObject({ kind: 'recording-status-callback', path: '/recording', status: 204 })
    expect(recording?.params).toEqual({
      AccountSid: `AC${'0'.repeat(32)}`,
      CallSid: call.sid,
      RecordingSid: saved?.params.RecordingSid,
      RecordingUrl: saved?.params.RecordingUrl,
      RecordingDuration: '12',
      RecordingStatus: 'completed',
      RecordingChannels: '1',
      RecordingSource: 'RecordVerb',
      Timestamp: 'Wed, 01 Jan 2025 00:00:12 +0000',
    })
    expect(transcription).toMatchObject({ kind: 'transcribe-callback', path: '/transcription', status: 204 })
    expect(own(transcription)).toMatchObject({
      TranscriptionText: 'Call me back',
      TranscriptionStatus: 'completed',
      RecordingSid: saved?.params.RecordingSid,
    })
    expect(saved).toMatchObject({ kind: 'record-action', path: '/saved' })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /voicemail
        Say "Leave a message."
        Record (beep, max 60s, finish on #*, transcribe)
          Caller records 12s, ends with #
      POST /saved RecordingDuration=12 Digits=#
        Say "Saved 12 seconds."
      Call ended: end of document"
    `)
  })

  test('an empty recording skips the action and goes on with the next verb', async () => {
    const callbackApp = new Hono()
    callbackApp.post('/recording', (c) => c.body(null, 204))
    callbackApp.route('/', app)
    const call = await simulateCall(callbackApp, { url: '/voicemail', record: { duration: 0 } })
    expect(call.requests.map((r) => [r.kind, r.path, r.params.RecordingStatus])).toEqual([
      ['call', '/voicemail', undefined],
      ['recording-status-callback', '/recording', 'absent'],
    ])
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /voicemail
        Say "Leave a message."
        Record (beep, max 60s, finish on #*, transcribe)
          Caller records nothing
        Say "No message recorded."
      Call ended: end of document"
    `)
  })

  test('a callback answered with an error is a warning in the transcript', async () => {
    const call = await simulateCall(app, { url: '/voicemail', record: { duration: 0 } })
    expect(call.transcript()).toContain('! recording-status-callback POST /recording answered 404')
  })

  test('the caller hangs up to end the recording: Digits=hangup, the action is requested, the call ends', async () => {
    const seen: string[] = []
    const hangupApp = new Hono()
    hangupApp.post('/r', (c) =>
      twiml(
        c,
        <Response>
          <Record action="/saved" />
        </Response>,
      ),
    )
    hangupApp.post('/saved', async (c) => {
      seen.push(String((await c.req.parseBody()).CallStatus))
      return twiml(
        c,
        <Response>
          <Say>Never heard.</Say>
        </Response>,
      )
    })
    const call = await simulateCall(hangupApp, { url: '/r', record: { hangup: true, duration: 5 } })
    expect(seen).toEqual(['completed'])
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /r
        Record (beep, max 3600s, finish on 1234567890*#)
          Caller records 5s, then hangs up
      POST /saved RecordingDuration=5 Digits=hangup
      Call ended: caller hung up"
    `)
  })

  test('the scripted key must be one that ends the recording', async () => {
    await expect(simulateCall(app, { url: '/voicemail', record: { key: '1' } })).rejects.toThrow(
      'record script key "1" does not end this <Record> (finishOnKey "#*")',
    )
  })

  test('a function scripts each recording in turn', async () => {
    const loop = new Hono()
    loop.post('/r', async (c) => {
      const body = await c.req.parseBody()
      return twiml(
        c,
        body.RecordingDuration === '3' ? (
          <Response>
            <Say>Done.</Say>
          </Response>
        ) : (
          <Response>
            <Record action="/r" />
          </Response>
        ),
      )
    })
    const call = await simulateCall(loop, { url: '/r', record: (i) => ({ duration: i + 1 }) })
    expect(call.requests.map((r) => r.params.RecordingDuration)).toEqual([undefined, '1', '2', '3'])
  })
})

describe('<Redirect>, the end of the call, and verbs that are only recorded', () => {
  const app = voiceApp({
    '/a': () => (
      <Response>
        <Say>
          A <Sub alias="World Wide Web">WWW</Sub> page, <SayAs interpretAs="digits">42</SayAs>
          <Break time="1s" />
          done.
        </Say>
        <Play digits="ww1" />
        <Play loop={2}>https://example.com/beep.mp3</Play>
        <Redirect method="GET">/b?step=2</Redirect>
      </Response>
    ),
    '/b': () => (
      <Response>
        <Start>
          <Stream url="wss://example.com/audio" name="monitor" />
        </Start>
        <Connect action="/c">
          <Stream url="wss://example.com/bot" />
        </Connect>
      </Response>
    ),
    '/c': () => (
      <Response>
        <Reject reason="busy" />
      </Response>
    ),
    '/loop': () => (
      <Response>
        <Redirect>/loop</Redirect>
      </Response>
    ),
    '/echo': () => (
      <Response>
        <Echo />
        <Say>Never.</Say>
      </Response>
    ),
    '/forever': () => (
      <Response>
        <Play loop={0}>https://example.com/music.mp3</Play>
        <Say>Never.</Say>
      </Response>
    ),
    '/pay': () => (
      <Response>
        <Dial>
          <Number url="/pay/screen">+15550000001</Number>
        </Dial>
      </Response>
    ),
    '/pay/screen': () => (
      <Response>
        <Pay />
      </Response>
    ),
    '/away': () => (
      <Response>
        <Redirect>https://elsewhere.example.org/voice</Redirect>
      </Response>
    ),
  })

  test('Redirect is followed with its method; Connect is taken to end at once; Reject ends the call', async () => {
    const call = await simulateCall(app, { url: '/a' })
    expect(call.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST http://localhost/a',
      'GET http://localhost/b?step=2',
      'POST http://localhost/c',
    ])
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /a
        Say "A World Wide Web page, 42 done."
        Play digits ww1
        Play https://example.com/beep.mp3 (×2)
        Redirect → GET /b?step=2
      GET /b?step=2
        Start Stream wss://example.com/audio (monitor)
        Connect Stream wss://example.com/bot
          ! wss://example.com/bot is on another host: not opened (socketApps can name its app), the session is taken to end at once
      POST /c
        Reject (busy)
      Call ended: rejected (busy)"
    `)
    expect(call.events.find((e) => e.type === 'say')).toEqual({
      leg: 'caller',
      depth: 1,
      type: 'say',
      text: 'A World Wide Web page, 42 done.',
      loop: 1,
    })
  })

  test('a redirect loop hits the request limit with a clear error', async () => {
    const error = await simulateCall(app, { url: '/loop', maxRequests: 5 }).catch((e) => e)
    expect(error).toBeInstanceOf(CallSimulationError)
    expect(error.message).toBe(
      'more than 5 requests without input from the caller: a redirect loop? The last ones: POST /loop, POST /loop, POST /loop, POST /loop, POST /loop',
    )
    expect(error.request).toMatchObject({ kind: 'redirect', path: '/loop', sent: false })
  })

  test('the limit counts TwiML requests since the caller last gave input, not callbacks', async () => {
    const menu = voiceApp({
      '/menu': () => (
        <Response>
          <Gather numDigits={1} action="/hop">
            <Say>Press a key.</Say>
          </Gather>
        </Response>
      ),
      '/hop': () => (
        <Response>
          <Dial>
            <Number statusCallback="/events" statusCallbackEvent={['initiated', 'ringing', 'answered', 'completed']}>
              +15550000001
            </Number>
          </Dial>
          <Redirect>/menu</Redirect>
        </Response>
      ),
      '/events': () => null,
    })
    const call = await simulateCall(menu, { url: '/menu', maxRequests: 2 })
    for (let i = 0; i < 5; i++) await call.press('1')
    expect(call.requests.filter((r) => r.kind === 'status-callback')).toHaveLength(20)
    expect(call.gather).toBeDefined()
  })

  test('Echo and an endless Play end the call (the caller has to hang up)', async () => {
    expect((await simulateCall(app, { url: '/echo' })).endReason).toBe('<Echo> runs until the caller hangs up')
    expect((await simulateCall(app, { url: '/forever' })).transcript()).toMatchInlineSnapshot(`
      "POST /forever
        Play https://example.com/music.mp3 (repeating)
      Call ended: <Play loop="0"> repeats until the caller hangs up"
    `)
  })

  test('a verb the simulator cannot run where it stands is a clear error; so is a TwiML URL on another host', async () => {
    await expect(simulateCall(app, { url: '/pay' })).rejects.toThrow("<Pay> on the called party's leg is not simulated")
    await expect(simulateCall(app, { url: '/away' })).rejects.toThrow(
      'POST https://elsewhere.example.org/voice (redirect) is on another host; the simulator only reaches the app at http://localhost',
    )
  })
})

describe('<Enqueue>', () => {
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
        {globalThis.Number(p.QueueTime) >= 60 ? (
          <Leave />
        ) : (
          <Say>
            You are number {p.QueuePosition}, waited {p.QueueTime} seconds.
          </Say>
        )}
      </Response>
    ),
    '/left': (_c, p) => (
      <Response>
        <Say>Queue result {p.QueueResult}.</Say>
      </Response>
    ),
  })

  test('runs the wait document, then an agent answers (bridged) and the action continues', async () => {
    const call = await simulateCall(app, { url: '/queue', queue: { support: { waits: 2, position: 3 } } })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /queue
        Enqueue support (wait: /wait)
          POST /wait QueuePosition=3 QueueTime=0
            Say "You are number 3, waited 0 seconds."
          POST /wait QueuePosition=3 QueueTime=30
            Say "You are number 3, waited 30 seconds."
        Left the queue: bridged, connected for 30s
      POST /left QueueResult=bridged QueueTime=60
        Say "Queue result bridged."
      Call ended: end of document"
    `)
  })

  test('<Leave> in the wait document leaves the queue: QueueResult=leave', async () => {
    const call = await simulateCall(app, { url: '/queue', queue: { '*': { waits: 5, secondsPerWait: 60 } } })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /queue
        Enqueue support (wait: /wait)
          POST /wait QueuePosition=1 QueueTime=0
            Say "You are number 1, waited 0 seconds."
          POST /wait QueuePosition=1 QueueTime=60
            Leave
        Left the queue: leave
      POST /left QueueResult=leave QueueTime=60
        Say "Queue result leave."
      Call ended: end of document"
    `)
  })

  test('a full queue ends the wait before it starts', async () => {
    const call = await simulateCall(app, { url: '/queue', queue: () => ({ result: 'queue-full' }) })
    expect(call.requests.map((r) => [r.path, r.params.QueueResult])).toEqual([
      ['/queue', undefined],
      ['/left', 'queue-full'],
    ])
  })
})

describe('errors name the request', () => {
  const app = new Hono()
  // The body of a 500 is the app's own: this one says what went wrong (and keeps the test output quiet).
  app.onError((error, c) => c.text(`Internal Server Error: ${error.message}`, 500))
  app.post('/boom', () => {
    throw new Error('database down')
  })
  app.post('/text', (c) => c.text('hello'))
  app.post('/html-ish', (c) => c.body('<Response><Say>hi</Say>', 200, { 'Content-Type': 'text/xml' }))
  app.post('/root', (c) => c.body('<Reply/>', 200, { 'Content-Type': 'application/xml' }))
  app.post('/verb', (c) => c.body('<Response><Speak>hi</Speak></Response>', 200, { 'Content-Type': 'text/xml' }))
  app.post('/to-missing', (c) =>
    twiml(
      c,
      <Response>
        <Redirect>/missing</Redirect>
      </Response>,
    ),
  )
  app.post('/screen-dial', (c) =>
    twiml(
      c,
      <Response>
        <Dial>
          <Number url="/dialing-screen">+15550000001</Number>
        </Dial>
      </Response>,
    ),
  )
  app.post('/dialing-screen', (c) =>
    c.body('<Response><Dial>+15550000002</Dial></Response>', 200, { 'Content-Type': 'text/xml' }),
  )

  test.each([
    ['/boom', 'POST /boom (call) answered HTTP 500: Internal Server Error: database down'],
    ['/text', 'POST /text (call) answered text/plain;charset=UTF-8, not TwiML (text/xml): hello'],
    [
      '/html-ish',
      'POST /html-ish (call) answered invalid TwiML: XML line 1, column 1: <Response> is not closed: <Response><Say>hi</Say>',
    ],
    ['/root', "POST /root (call) answered <Reply>; a TwiML document's root is <Response>"],
    ['/verb', '<Speak> in /verb is not a TwiML voice verb'],
    ['/to-missing', 'POST /missing (redirect) answered HTTP 404: 404 Not Found'],
    ['/screen-dial', '<Dial> in the screening document /dialing-screen: Twilio refuses it'],
  ])('%s', async (url, message) => {
    const error = await simulateCall(app, { url }).catch((e) => e)
    expect(error).toBeInstanceOf(CallSimulationError)
    expect(error.message).toBe(message)
  })

  test('the error carries the request', async () => {
    const error = await simulateCall(app, { url: '/boom' }).catch((e) => e)
    expect(error.request).toMatchObject({ kind: 'call', method: 'POST', path: '/boom', status: 500, sent: true })
  })
})
