/**
 * The example call flows, walked end to end with the simulator as a caller would: every request
 * signed with the development token (the app checks signatures, as deployed), each test a call
 * script whose transcript reads what the caller hears and does.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { app, createApp, DEV_AUTH_TOKEN } from '../examples/app.js'
import { Gather, Hangup, Response, Say, Sub } from '../src/index.js'
import { type SimulateCallOptions, simulateCall, twimlSerializer } from '../src/testing/index.js'

/** A call into the example app, signed as Twilio would sign it. */
const call = (url: string, options: Omit<SimulateCallOptions, 'url'> = {}) =>
  simulateCall(app, { url, authToken: DEV_AUTH_TOKEN, ...options })

describe('sequential SIP dialing: Alice, then Bob, then Charlie', () => {
  test('Alice does not answer, Bob is busy: Charlie answers, and the Dial action says goodbye', async () => {
    const c = await call('/sip/sequential', {
      dial: { 'sip:alice@example.com': 'no-answer', 'sip:bob@example.com': 'busy' },
    })
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /sip/sequential
        Dial sip:alice@example.com, sip:bob@example.com, sip:charlie@example.com (sequential, timeout 15s)
          sip:alice@example.com: no answer after 15s (SIP 487)
          sip:bob@example.com: busy (SIP 486)
          sip:charlie@example.com: answered after 5s (SIP 200)
          Connected to sip:charlie@example.com for 30s
        Dial ended: completed
      POST /sip/after-dial DialCallStatus=completed DialCallDuration=30 DialSipResponseCode=200
        Say "Thanks for calling. Goodbye."
        Hangup
      Call ended: hangup"
    `)
    expect(c.requestsTo('/sip/after-dial')[0]?.params).toMatchObject({
      DialCallStatus: 'completed',
      DialSipResponseCode: '200',
    })
  })

  test('nobody can take it: the caller hears why the last attempt failed', async () => {
    const c = await call('/sip/sequential', {
      dial: { 'sip:alice@example.com': 'no-answer', 'sip:bob@example.com': 486, 'sip:charlie@example.com': 404 },
    })
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /sip/sequential
        Dial sip:alice@example.com, sip:bob@example.com, sip:charlie@example.com (sequential, timeout 15s)
          sip:alice@example.com: no answer after 15s (SIP 487)
          sip:bob@example.com: busy (SIP 486)
          sip:charlie@example.com: failed (SIP 404)
        Dial ended: failed
      POST /sip/after-dial DialCallStatus=failed DialSipResponseCode=404
        Say "That extension does not exist. Goodbye."
        Hangup
      Call ended: hangup"
    `)
  })
})

describe('parallel SIP dialing', () => {
  test("Alice's desk phone answers first; her soft phone and mobile stop ringing", async () => {
    const c = await call('/sip/parallel', {
      dial: { 'sip:alice-desk@example.com': { ringFor: 2 }, 'sip:alice-mobile@example.com': 'busy' },
    })
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /sip/parallel
        Dial sip:alice-soft@example.com, sip:alice-desk@example.com, sip:alice-mobile@example.com (parallel, timeout 30s)
          sip:alice-mobile@example.com: busy (SIP 486)
          sip:alice-desk@example.com: answered after 2s (SIP 200)
          sip:alice-soft@example.com: canceled after 2s, another leg answered (SIP 487)
          Connected to sip:alice-desk@example.com for 30s
        Dial ended: completed
      POST /sip/after-dial DialCallStatus=completed DialCallDuration=30 DialSipResponseCode=200
        Say "Thanks for calling. Goodbye."
        Hangup
      Call ended: hangup"
    `)
  })
})

describe('call screening', () => {
  test('Kate presses 9 at the screening prompt: declined, the caller hears nobody answered', async () => {
    const c = await call('/sip/screened', { dial: { 'sip:kate@example.com': { press: '9' } } })
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /sip/screened
        Dial sip:kate@example.com?x-mycustomheader=foo&x-myotherheader=bar (timeout 10s)
          sip:kate@example.com: answered after 5s (SIP 200)
            POST /sip/screening
              Gather (dtmf; 1 digit) → POST /sip/screening/decision
                Say "You have a call from the support line. Press 1 to accept, any other key to decline."
                Callee presses 9
            POST /sip/screening/decision Digits=9
              Hangup
          sip:kate@example.com: declined during screening
        Dial ended: no-answer
      POST /sip/after-dial DialCallStatus=no-answer DialSipResponseCode=200
        Say "Nobody answered. Goodbye."
        Hangup
      Call ended: hangup"
    `)
    expect(c.requestsTo('/sip/screening')[0]?.params).toMatchObject({
      Direction: 'outbound-dial',
      From: 'bob',
      To: 'sip:kate@example.com',
      ParentCallSid: c.sid,
    })
  })

  test('Kate presses 1: connected, the call is recorded, and the caller is thanked', async () => {
    const c = await call('/sip/screened', { dial: { 'sip:kate@example.com': { press: '1', duration: 95 } } })
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /sip/screened
        Dial sip:kate@example.com?x-mycustomheader=foo&x-myotherheader=bar (timeout 10s)
          sip:kate@example.com: answered after 5s (SIP 200)
            POST /sip/screening
              Gather (dtmf; 1 digit) → POST /sip/screening/decision
                Say "You have a call from the support line. Press 1 to accept, any other key to decline."
                Callee presses 1
            POST /sip/screening/decision Digits=1
              Say "Connecting."
          sip:kate@example.com: accepted during screening
          Connected to sip:kate@example.com for 95s
        Dial ended: completed
      POST /sip/after-dial DialCallStatus=completed DialCallDuration=95 DialSipResponseCode=200 RecordingDuration=95
        Say "Thanks for calling. Goodbye."
        Hangup
      Call ended: hangup"
    `)
    expect(c.requestsTo('/sip/after-dial')[0]?.params).toMatchObject({
      DialCallStatus: 'completed',
      DialCallDuration: '95',
      RecordingDuration: '95',
    })
  })

  test('Kate says nothing: the screening document declines for her', async () => {
    const c = await call('/sip/screened')
    expect(c.events.filter((e) => e.type === 'screening-result')).toEqual([
      { leg: 'caller', depth: 2, type: 'screening-result', target: 'sip:kate@example.com', accepted: false },
    ])
  })
})

describe('call progress events', () => {
  test('every state of the SIP leg is reported, numbered from 0; another host is only recorded', async () => {
    const c = await call('/sip/progress')
    const events = c.requests.filter((r) => r.kind === 'status-callback')
    expect(events.map((r) => [r.params.SequenceNumber, r.params.CallStatus, r.sent])).toEqual([
      ['0', 'initiated', false],
      ['1', 'ringing', false],
      ['2', 'in-progress', false],
      ['3', 'completed', false],
    ])
    expect(events[0]).toMatchObject({
      method: 'POST',
      url: 'https://myapp.com/calls/events',
      params: { CallbackSource: 'call-progress-events', To: 'sip:kate@example.com', ParentCallSid: c.sid },
    })
  })
})

describe('the IVR', () => {
  test('press 2 for support: support is busy, voicemail records the message', async () => {
    const c = await call('/ivr', { record: { duration: 14, key: '#', transcription: 'Please call me back.' } })
    await c.press('2')
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /ivr
        Gather (speech, dtmf; 1 digit) → POST /ivr/choice
          Say "Thanks for calling Example Corp."
          Say "For sales, press 1 or say sales. For support, press 2 or say support. For our opening hours, press 3 or say hours."
          Caller presses 2
      POST /ivr/choice Digits=2
        Redirect → POST /ivr/support
      POST /ivr/support
        Say "Our support team is busy. Please leave a message."
        Redirect → POST /voicemail
      POST /voicemail
        Say "Please leave a message after the beep. Press the pound key when you are done."
        Record (beep, max 120s, finish on #, transcribe)
          Caller records 14s, ends with #
      POST /voicemail/saved RecordingDuration=14 Digits=#
        Say "Thanks, we got your 14 second message. Goodbye."
        Hangup
      Call ended: hangup"
    `)
    // Twilio also reports the recording and its transcription to the app.
    expect(c.requests.filter((r) => r.kind.endsWith('callback')).map((r) => [r.path, r.status])).toEqual([
      ['/voicemail/status', 204],
      ['/voicemail/transcription', 204],
    ])
  })

  test('"help" by speech leads to support too', async () => {
    const c = await call('/ivr')
    await c.speak('I need help with my order', 0.93)
    expect(c.requestsTo('/ivr/choice')[0]?.params).toMatchObject({
      SpeechResult: 'I need help with my order',
      Confidence: '0.93',
    })
    expect(c.requestsTo('/ivr/support')).toHaveLength(1)
  })

  test('silence repeats the menu; a wrong key is refused; 3 gives the opening hours', async () => {
    const c = await call('/ivr')
    await c.silence()
    await c.press('7')
    await c.press('3')
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /ivr
        Gather (speech, dtmf; 1 digit) → POST /ivr/choice
          Say "Thanks for calling Example Corp."
          Say "For sales, press 1 or say sales. For support, press 2 or say support. For our opening hours, press 3 or say hours."
          Caller says nothing
        Say "We didn't catch that."
        Redirect → POST /ivr
      POST /ivr
        Gather (speech, dtmf; 1 digit) → POST /ivr/choice
          Say "Thanks for calling Example Corp."
          Say "For sales, press 1 or say sales. For support, press 2 or say support. For our opening hours, press 3 or say hours."
          Caller presses 7
      POST /ivr/choice Digits=7
        Say "Sorry, that is not an option."
        Redirect → POST /ivr
      POST /ivr
        Gather (speech, dtmf; 1 digit) → POST /ivr/choice
          Say "Thanks for calling Example Corp."
          Say "For sales, press 1 or say sales. For support, press 2 or say support. For our opening hours, press 3 or say hours."
          Caller presses 3
      POST /ivr/choice Digits=3
        Redirect → POST /ivr/hours
      POST /ivr/hours
        Say "We are open Monday to Friday, nine to five."
        Pause 1s
        Hangup
      Call ended: hangup"
    `)
  })

  test('a caller who hangs up at the menu ends the call there', async () => {
    const c = await call('/ivr')
    await c.hangup()
    expect(c.ended).toBe(true)
    expect(c.requests.map((r) => r.path)).toEqual(['/ivr'])
  })
})

describe('the sales queue', () => {
  test('press 1 for sales: the caller waits in the queue, an agent picks up', async () => {
    const c = await call('/ivr', { queue: { sales: { position: 2 } } })
    await c.press('1')
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /ivr
        Gather (speech, dtmf; 1 digit) → POST /ivr/choice
          Say "Thanks for calling Example Corp."
          Say "For sales, press 1 or say sales. For support, press 2 or say support. For our opening hours, press 3 or say hours."
          Caller presses 1
      POST /ivr/choice Digits=1
        Redirect → POST /ivr/sales
      POST /ivr/sales
        Say "Connecting you to sales."
        Redirect → POST /queue/sales
      POST /queue/sales
        Enqueue sales (wait: /queue/wait)
          POST /queue/wait QueuePosition=2 QueueTime=0
            Say "You are number 2 in line."
            Play https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3
        Left the queue: bridged, connected for 30s
      POST /queue/left QueueResult=bridged QueueTime=30
        Say "Goodbye."
      Call ended: end of document"
    `)
  })

  test('after ten minutes in the queue the caller is offered voicemail', async () => {
    const c = await call('/queue/sales', {
      queue: { sales: { waits: 3, secondsPerWait: 700 } },
      record: { duration: 20 },
    })
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /queue/sales
        Enqueue sales (wait: /queue/wait)
          POST /queue/wait QueuePosition=1 QueueTime=0
            Say "You are number 1 in line."
            Play https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3
          POST /queue/wait QueuePosition=1 QueueTime=700
            Say "Sorry for the wait. Please leave a message instead."
            Leave
        Left the queue: leave
      POST /queue/left QueueResult=leave QueueTime=700
        Redirect → POST /voicemail
      POST /voicemail
        Say "Please leave a message after the beep. Press the pound key when you are done."
        Record (beep, max 120s, finish on #, transcribe)
          Caller records 20s
      POST /voicemail/saved RecordingDuration=20
        Say "Thanks, we got your 20 second message. Goodbye."
        Hangup
      Call ended: hangup"
    `)
  })
})

describe('the media stream', () => {
  test('the caller is connected to the assistant; when the stream ends, the Connect action says goodbye', async () => {
    const c = await call('/stream')
    expect(c.transcript()).toMatchInlineSnapshot(`
      "POST /stream
        Say "Connecting you to our assistant."
        Connect Stream wss://media.example.com/calls (assistant)
          ! wss://media.example.com/calls is on another host: not opened (socketApps can name its app), the session is taken to end at once
      POST /stream/ended
        Say "The assistant has left the call. Goodbye."
      Call ended: end of document"
    `)
  })
})

describe('deployed behind a tunnel', () => {
  test('with publicUrl and another token, the simulator calls the public URL and signs with that token', async () => {
    const tunnelled = createApp({ authToken: 'production-token', publicUrl: 'https://abc.ngrok.app' })
    const c = await simulateCall(tunnelled, {
      url: '/ivr',
      baseUrl: 'https://abc.ngrok.app',
      authToken: 'production-token',
    })
    await c.press('3')
    expect(c.requests.map((r) => [r.url, r.status])).toEqual([
      ['https://abc.ngrok.app/ivr', 200],
      ['https://abc.ngrok.app/ivr/choice', 200],
      ['https://abc.ngrok.app/ivr/hours', 200],
    ])
    await expect(simulateCall(tunnelled, { url: '/ivr', authToken: DEV_AUTH_TOKEN })).rejects.toThrow(
      'POST /ivr (call) answered HTTP 403',
    )
  })
})

describe('the README', () => {
  /** The inline snapshots of the README's "Testing call flows" section, without their indentation. */
  function readmeSnapshots(): string[] {
    const readme = readFileSync('README.md', 'utf8')
    const section = readme.slice(readme.indexOf('## Testing call flows'), readme.indexOf('## Repository layout'))
    return [...section.matchAll(/toMatchInlineSnapshot\(`\n([\s\S]*?)\n\s*`\)/g)].map((m) => {
      const lines = m[1]!.split('\n')
      const indent = Math.min(...lines.map((l) => l.match(/^ */)![0].length))
      return lines.map((l) => l.slice(indent)).join('\n')
    })
  }

  test('shows the transcripts the simulator really produces', async () => {
    const ivr = await call('/ivr', { record: { duration: 14, key: '#' } })
    await ivr.press('2')
    const sequential = await call('/sip/sequential', {
      dial: { 'sip:alice@example.com': 'no-answer', 'sip:bob@example.com': 486, 'sip:charlie@example.com': 404 },
    })
    const snapshots = readmeSnapshots()
    expect(snapshots).toContain(`"${ivr.transcript()}"`)
    expect(snapshots).toContain(`"${sequential.transcript()}"`)
  })

  test('shows the snapshot the serializer really prints', () => {
    const node = (
      <Response>
        <Gather numDigits={1} action="/menu">
          <Say>
            Press 1 for <Sub alias="sales and marketing">S and M</Sub>.
          </Say>
        </Gather>
        <Say>Goodbye.</Say>
        <Hangup />
      </Response>
    )
    expect(readmeSnapshots()).toContain(twimlSerializer.serialize(node, {}, '', 0, [], undefined))
  })
})
