/**
 * Steering a call step by step, as a UI or an explorer does: events stream out as they happen, the
 * call says what it waits for (as data), another task decides, and a virtual clock stands in for
 * time. Same inputs, same call: events, SIDs, timestamps and requests.
 */
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../examples/app.js'
import { twiml } from '../src/hono/index.js'
import { Dial, Enqueue, Gather, Number, Pause, Record, Response, Say, Sip } from '../src/index.js'
import {
  type CallEvent,
  type CallInput,
  CallSimulationError,
  type DialOutcome,
  inputChoices,
  type SimulatedCall,
  simulateCall,
  startCall,
  type WaitingFor,
} from '../src/testing/index.js'

/** A small support line: a menu, a parallel Dial with an action, a survey Gather, a voicemail. */
function supportLine() {
  const app = new Hono()
  app.post('/menu', (c) =>
    twiml(
      c,
      <Response>
        <Gather numDigits={1} action="/route" hints="sales, support" timeout={8}>
          <Say>Press 1 for sales, 2 for support.</Say>
        </Gather>
        <Say>Goodbye.</Say>
      </Response>,
    ),
  )
  app.post('/route', async (c) => {
    const { Digits } = await c.req.parseBody()
    return twiml(
      c,
      Digits === '1' ? (
        <Response>
          <Dial action="/after-dial" timeout={20}>
            <Sip>sip:ann@example.com</Sip>
            <Number>+15550000002</Number>
          </Dial>
        </Response>
      ) : (
        <Response>
          <Enqueue waitUrl="/hold">support</Enqueue>
        </Response>
      ),
      { enhancedSip: true },
    )
  })
  app.post('/hold', (c) =>
    twiml(
      c,
      <Response>
        <Say>Please hold.</Say>
      </Response>,
    ),
  )
  app.post('/after-dial', async (c) => {
    const { DialCallStatus } = await c.req.parseBody()
    return twiml(
      c,
      DialCallStatus === 'completed' ? (
        <Response>
          <Gather numDigits={1} action="/survey" timeout={4}>
            <Say>Rate the call from 1 to 5.</Say>
          </Gather>
          <Say>No rating. Bye.</Say>
        </Response>
      ) : (
        <Response>
          <Say>Leave a message.</Say>
          <Record maxLength={30} finishOnKey="#" action="/saved" />
        </Response>
      ),
    )
  })
  app.post('/survey', (c) =>
    twiml(
      c,
      <Response>
        <Say>Thanks.</Say>
      </Response>,
    ),
  )
  app.post('/saved', (c) =>
    twiml(
      c,
      <Response>
        <Pause length={1} />
        <Say>Saved.</Say>
      </Response>,
    ),
  )
  return app
}

/** The events a reader follows, one short line each, with the virtual second they happened at. */
function story(call: SimulatedCall): string[] {
  const lines: string[] = []
  call.on((event) => {
    const line = describe_(event)
    if (line !== undefined) lines.push(`${call.now}s ${line}`)
  })
  return lines
}

function describe_(event: CallEvent): string | undefined {
  switch (event.type) {
    case 'request':
      return `${event.request.method} ${event.request.path}`
    case 'waiting':
      return `waiting: ${event.waiting.kind}`
    case 'input':
      return event.digits !== undefined ? `presses ${event.digits}` : event.silence ? 'silence' : 'input'
    case 'dial-leg':
      return `${event.target} ${event.outcome}`
    case 'connected':
      return `connected ${event.seconds}s`
    case 'end':
      return `end: ${event.reason}`
    default:
      return undefined
  }
}

describe('driving a call from another task', () => {
  test('press, answer a Dial in flight, advance past a timeout: the events arrive in order', async () => {
    const call = startCall(supportLine(), { url: '/menu' })
    const lines = story(call)
    // The driver: a separate task that reacts to what the call waits for, as a UI would.
    const driver = (async () => {
      for (let wait = await call.nextWait(); wait !== undefined; wait = await call.nextWait()) {
        if (wait.kind === 'gather' && wait.document === '/menu') await call.press('1')
        else if (wait.kind === 'dial') {
          await call.advance(3) // both ring for three seconds…
          await call.answer('+15550000002') // …then the second one picks up
        } else if (wait.kind === 'bridged') {
          await call.advance(40)
          await call.hangup('callee')
        } else if (wait.kind === 'gather') await call.advance(10) // past the survey's 4 s timeout
      }
    })()
    const streamed: CallEvent[] = []
    for await (const event of call) streamed.push(event)
    await driver
    expect(lines).toEqual([
      '0s POST /menu',
      '0s waiting: gather',
      '0s presses 1',
      '0s POST /route',
      '0s waiting: dial',
      '3s +15550000002 answered',
      '3s sip:ann@example.com canceled',
      '3s waiting: bridged',
      '43s connected 40s',
      '43s POST /after-dial',
      '43s waiting: gather',
      '47s silence',
      '47s end: end of document',
    ])
    expect(streamed).toEqual(call.events)
    expect(call.requestsTo('/after-dial')[0]?.params).toMatchObject({
      DialCallStatus: 'completed',
      DialCallDuration: '40',
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /menu
        Gather (dtmf; 1 digit) → POST /route
          Say "Press 1 for sales, 2 for support."
          Caller presses 1
      POST /route Digits=1
        Dial sip:ann@example.com, +15550000002 (parallel, timeout 20s)
          +15550000002: answered after 3s
          sip:ann@example.com: canceled after 3s, another leg answered (SIP 487)
          Connected to +15550000002 for 40s
        Dial ended: completed
      POST /after-dial DialCallStatus=completed DialCallDuration=40
        Gather (dtmf; 1 digit) → POST /survey
          Say "Rate the call from 1 to 5."
          Caller says nothing
        Say "No rating. Bye."
      Call ended: end of document"
    `)
  })

  test('a dial script may return a Promise: the call waits at the Dial until it settles', async () => {
    let pickUp: (outcome: DialOutcome) => void = () => {}
    const decided = new Promise<DialOutcome>((resolve) => {
      pickUp = resolve
    })
    const call = await simulateCall(supportLine(), {
      url: '/menu',
      dial: (target) => (target.noun === 'Sip' ? decided : 'busy'),
    })
    await call.press('1')
    // Ann's outcome is not known yet: the call shows what it waits for, the other party already busy.
    expect(call.waitingFor).toMatchObject({
      kind: 'dial',
      parties: [
        { noun: 'Sip', target: 'sip:ann@example.com', state: 'ringing' },
        { noun: 'Number', target: '+15550000002', state: 'busy' },
      ],
    })
    pickUp({ ringFor: 6, duration: 12 })
    const wait = await waitFor(call, (w) => w.kind === 'gather' && w.document === '/after-dial')
    expect(wait).toMatchObject({ kind: 'gather', since: 18, deadline: 22 })
    expect(call.requestsTo('/after-dial')[0]?.params).toMatchObject({
      DialCallStatus: 'completed',
      DialCallDuration: '12',
    })
  })

  test('the decide hook answers every wait, from Promises too: recordings and queue results', async () => {
    const asked: string[] = []
    const call = startCall(supportLine(), {
      url: '/menu',
      decide: async (waiting): Promise<CallInput | undefined> => {
        asked.push(waiting.kind)
        if (waiting.kind === 'gather') return { kind: 'press', digits: '2' }
        if (waiting.kind === 'queue') return { kind: 'queue-result', result: 'bridged' }
        if (waiting.kind === 'bridged') return { kind: 'hangup', leg: 'callee' }
        return undefined
      },
    })
    await call.finished()
    expect(asked).toEqual(['gather', 'queue', 'bridged'])
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /menu
        Gather (dtmf; 1 digit) → POST /route
          Say "Press 1 for sales, 2 for support."
          Caller presses 2
      POST /route Digits=2
        Enqueue support (wait: /hold)
          POST /hold QueuePosition=1 QueueTime=0
            Say "Please hold."
        Left the queue: bridged, connected for 0s
      Call ended: end of document"
    `)
  })

  test('a hang-up sent while the call is busy takes effect at its next wait', async () => {
    const call = startCall(supportLine(), { url: '/menu' })
    const hungUp = call.hangup() // before the first request has even been answered
    await hungUp
    expect(call.endReason).toBe('caller hung up')
    expect(call.requests.map((r) => r.path)).toEqual(['/menu'])
  })
})

/** Runs the call's waits through `choose` until `until` matches one; returns it. */
async function waitFor(call: SimulatedCall, until: (waiting: WaitingFor) => boolean): Promise<WaitingFor> {
  for (let wait = await call.nextWait(); wait !== undefined; wait = await call.nextWait()) {
    if (until(wait)) return wait
    await call.advance(1)
  }
  throw new Error('the call ended first')
}

describe('what the call waits for, as data', () => {
  test('a Gather: its input, numDigits, finishOnKey, timeout and hints, and the inputs that make sense', async () => {
    const call = startCall(supportLine(), { url: '/menu' })
    const wait = await call.nextWait()
    expect(wait).toEqual({
      kind: 'gather',
      index: 0,
      leg: 'caller',
      since: 0,
      deadline: 8,
      document: '/menu',
      input: ['dtmf'],
      numDigits: 1,
      finishOnKey: '#',
      timeout: 8,
      speechTimeout: 8,
      hints: ['sales', 'support'],
      language: 'en-US',
      actionOnEmptyResult: false,
      action: '/route',
      method: 'POST',
    })
    expect(inputChoices(wait!)).toEqual([
      ...[...'1234567890*'].map((digits) => ({ kind: 'press', digits })),
      { kind: 'silence' },
      { kind: 'hangup' },
    ])
  })

  test('a Dial: each party with its noun, target and state; a Record: maxLength and finishOnKey', async () => {
    const call = startCall(supportLine(), { url: '/menu' })
    await call.nextWait()
    await call.press('1')
    expect(call.waitingFor).toEqual({
      kind: 'dial',
      index: 1,
      leg: 'caller',
      since: 0,
      deadline: 20,
      document: '/route',
      sequential: false,
      timeout: 20,
      parties: [
        { index: 0, noun: 'Sip', target: 'sip:ann@example.com', address: 'sip:ann@example.com', state: 'ringing' },
        { index: 1, noun: 'Number', target: '+15550000002', address: '+15550000002', state: 'ringing' },
      ],
    })
    await call.decline(0, { sipResponseCode: 486 })
    expect(call.waitingFor).toMatchObject({ kind: 'dial', parties: [{ state: 'busy' }, { state: 'ringing' }] })
    await call.advance(20) // nobody else answers: the timeout
    expect(call.waitingFor).toEqual({
      kind: 'record',
      index: 3,
      leg: 'caller',
      since: 20,
      deadline: 50,
      document: '/after-dial',
      maxLength: 30,
      finishOnKey: '#',
      timeout: 5,
      playBeep: true,
      transcribe: false,
    })
    await call.advance(9)
    await call.press('#')
    expect(call.requestsTo('/saved')[0]?.params).toMatchObject({ RecordingDuration: '9', Digits: '#' })
    expect(call.requestsTo('/after-dial')[0]?.params).toMatchObject({
      DialCallStatus: 'no-answer',
      DialBridged: 'false',
    })
  })

  test('an Enqueue: the queue, the position, the time waited; the deadline runs the wait document again', async () => {
    const call = startCall(supportLine(), { url: '/menu' })
    await call.nextWait()
    await call.press('2')
    expect(call.waitingFor).toMatchObject({ kind: 'queue', queue: 'support', position: 1, queueTime: 0, deadline: 30 })
    await call.advance(75)
    expect(call.requestsTo('/hold').map((r) => r.params.QueueTime)).toEqual(['0', '30', '60'])
    expect(call.waitingFor).toMatchObject({ kind: 'queue', queueTime: 60, since: 60, deadline: 90 })
    await call.respond({ kind: 'queue-result', result: 'bridged' })
    expect(call.waitingFor).toMatchObject({ kind: 'bridged', party: { noun: 'Queue', target: 'support' } })
    await call.hangup()
    expect(call.endReason).toBe('caller hung up')
  })

  test('waits, events and requests are plain data: JSON round-trips them', async () => {
    const call = startCall(supportLine(), { url: '/menu' })
    await call.nextWait()
    await call.press('1')
    await call.answer()
    expect(JSON.parse(JSON.stringify(call.events))).toEqual(call.events)
    expect(JSON.parse(JSON.stringify(call.requests))).toEqual(call.requests)
    expect(JSON.parse(JSON.stringify(call.waitingFor))).toEqual(call.waitingFor)
  })
})

describe('the same inputs give the same call', () => {
  /** Re-runs a call from the start with a list of choices, as an explorer does. */
  async function run(choices: readonly CallInput[]) {
    let next = 0
    const call = startCall(exampleApp, {
      url: '/ivr',
      authToken: DEV_AUTH_TOKEN,
      decide: () => choices[next++] ?? { kind: 'hangup' },
    })
    await call.finished()
    return call
  }

  test('SIDs, timestamps, requests and events repeat exactly', async () => {
    const choices: CallInput[] = [
      { kind: 'press', digits: '2' },
      { kind: 'record', seconds: 14, key: '#' },
    ]
    const [a, b] = [await run(choices), await run(choices)]
    expect(a.transcript()).toBe(b.transcript())
    expect(JSON.stringify(a.requests)).toBe(JSON.stringify(b.requests))
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events))
    expect(a.requests.find((r) => r.kind === 'recording-status-callback')?.params.Timestamp).toBe(
      'Wed, 01 Jan 2025 00:00:14 +0000',
    )
  })

  test("an explorer walks every branch of the IVR's menu by re-running with one choice more", async () => {
    const first = startCall(exampleApp, { url: '/ivr', authToken: DEV_AUTH_TOKEN })
    const menu = await first.nextWait()
    const branches = inputChoices(menu!).filter((c) => c.kind !== 'hangup')
    const endings: string[] = []
    for (const choice of branches) {
      const call = await run([choice])
      const last = call.requests.filter((r) => r.kind !== 'status-callback').at(-1)!
      endings.push(
        `${choice.kind === 'press' ? choice.digits : choice.kind === 'speak' ? choice.text : choice.kind} → ${last.path}`,
      )
    }
    expect(endings).toMatchInlineSnapshot(`
      [
        "1 → /queue/left",
        "2 → /voicemail",
        "3 → /ivr/hours",
        "4 → /ivr",
        "5 → /ivr",
        "6 → /ivr",
        "7 → /ivr",
        "8 → /ivr",
        "9 → /ivr",
        "0 → /ivr",
        "* → /ivr",
        "sales → /queue/left",
        "buy → /queue/left",
        "support → /voicemail",
        "help → /voicemail",
        "hours → /ivr/hours",
        "open → /ivr/hours",
        "silence → /ivr",
      ]
    `)
  })
})

describe('moves that do not fit the wait are refused, and the call keeps waiting', () => {
  test('answering a party that is not ringing, pressing at a Dial, a negative advance, input after the end', async () => {
    const call = startCall(supportLine(), { url: '/menu' })
    await call.nextWait()
    await call.press('1')
    await call.decline(1)
    await expect(call.answer(1)).rejects.toThrow('answer(1): no ringing party 1 to answer')
    await expect(call.press('5')).rejects.toThrow(
      "press('5'): the call is waiting at a <Dial>, which takes answer, decline, hangup or advance",
    )
    await expect(call.advance(-1)).rejects.toThrow('advance(-1): give a number of seconds, 0 or more')
    expect(call.waitingFor?.kind).toBe('dial')
    await call.hangup()
    await expect(call.press('1')).rejects.toThrow(
      "press('1'): the call has ended (caller hung up); it is not waiting for input",
    )
  })

  test('an app error stops the call: nextWait rejects with it, and the events say so', async () => {
    const broken = new Hono()
    broken.post('/menu', (c) =>
      twiml(
        c,
        <Response>
          <Gather action="/missing" />
        </Response>,
      ),
    )
    const call = startCall(broken, { url: '/menu' })
    await call.nextWait()
    const error = await call.press('1').catch((e) => e)
    expect(error).toBeInstanceOf(CallSimulationError)
    expect(error.message).toBe('POST /missing (gather-action) answered HTTP 404: 404 Not Found')
    await expect(call.nextWait()).rejects.toBe(error)
    expect(call.error).toBe(error)
    expect(call.events.at(-1)).toEqual({ leg: 'caller', depth: 0, type: 'error', message: error.message })
  })
})

describe('either leg hangs up at any time', () => {
  const screened = new Hono()
  screened.post('/call', (c) =>
    twiml(
      c,
      <Response>
        <Dial action="/after-dial">
          <Number url="/screen">+15550000002</Number>
        </Dial>
      </Response>,
    ),
  )
  screened.post('/screen', (c) =>
    twiml(
      c,
      <Response>
        <Gather numDigits={1}>
          <Say>Press 1 to take the call.</Say>
        </Gather>
      </Response>,
    ),
  )
  screened.post('/after-dial', async (c) => {
    const { DialCallStatus } = await c.req.parseBody()
    return twiml(
      c,
      <Response>
        <Say>Dial {String(DialCallStatus)}.</Say>
      </Response>,
    )
  })

  test("the dialed party's screening Gather waits on the callee leg; the callee hanging up declines", async () => {
    const call = startCall(screened, { url: '/call' })
    await call.nextWait()
    await call.answer()
    expect(call.waitingFor).toMatchObject({ kind: 'gather', leg: 'callee', document: '/screen' })
    await call.hangup('callee')
    expect(call.requestsTo('/after-dial')[0]?.params.DialCallStatus).toBe('no-answer')
    expect(call.transcript()).toContain('Callee hangs up')
  })

  test('the caller hanging up during the screening ends the call: the attempt is canceled', async () => {
    const call = startCall(screened, { url: '/call' })
    await call.nextWait()
    await call.answer()
    await call.hangup()
    expect(call.endReason).toBe('caller hung up')
    expect(call.requestsTo('/after-dial')[0]?.params).toMatchObject({
      DialCallStatus: 'canceled',
      CallStatus: 'completed',
    })
  })

  test('at the caller’s own Gather there is no other leg to hang up', async () => {
    const call = startCall(supportLine(), { url: '/menu' })
    await call.nextWait()
    await expect(call.hangup('callee')).rejects.toThrow("hangup('callee'): no dialed party is on the line")
  })
})
