/**
 * Exploring an app: every path from the entry, the inputs tried at each kind of wait, states met
 * again not explored again, bounds with a report of what was cut, deterministic maps, and a path to
 * every node that really leads there.
 */
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../../examples/app.js'
import { twiml } from '../../src/hono/index.js'
import { Dial, Enqueue, Gather, Hangup, Number, Record, Redirect, Response, Say, Sip } from '../../src/index.js'
import {
  type CallMap,
  exploreCalls,
  followPath,
  type MapNode,
  pathTo,
  startCall,
  traceCall,
} from '../../src/testing/index.js'
import { outline } from './support.js'

const ivr = () => exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN })

function node(map: CallMap, label: string, verbs?: string): MapNode {
  const found = map.nodes.find(
    (n) => n.label === label && (verbs === undefined || (n.kind === 'route' && n.document.verbs.join(' · ') === verbs)),
  )
  if (found === undefined) throw new Error(`no node ${label}`)
  return found
}

describe('the example IVR', () => {
  test('every route it reaches, with the edges labelled by what the caller did', async () => {
    const map = await ivr()
    const routes = new Set(map.nodes.flatMap((n) => (n.kind === 'route' ? [n.path] : [])))
    expect([...routes].sort()).toEqual([
      '/ivr',
      '/ivr/choice',
      '/ivr/hours',
      '/ivr/sales',
      '/ivr/support',
      '/queue/left',
      '/queue/sales',
      '/queue/wait',
      '/voicemail',
      '/voicemail/saved',
    ])
    expect(outline(map)).toMatchInlineSnapshot(`
      [
        "call to /ivr ----> POST /ivr [Gather: Say “Thanks for calling Example Corp.” · Say “We didn't catch that.” · Redirect /ivr]",
        "POST /ivr [Gather: Say “Thanks for calling Example Corp.” · Say “We didn't catch that.” · Redirect /ivr] ----> Gather (speech, dtmf; 1 digit)",
        "Gather (speech, dtmf; 1 digit) --press 1 · say sales, buy--> POST /ivr/choice [Redirect /ivr/sales]",
        "POST /ivr/choice [Redirect /ivr/sales] --redirect--> POST /ivr/sales [Say “Connecting you to sales.” · Redirect /queue/sales]",
        "POST /ivr/sales [Say “Connecting you to sales.” · Redirect /queue/sales] --redirect--> POST /queue/sales [Enqueue sales]",
        "POST /queue/sales [Enqueue sales] ----> Enqueue sales",
        "Enqueue sales --waits--> POST /queue/wait (enqueue-wait) [Say “You are number 1 in line.” · Play]",
        "POST /queue/wait (enqueue-wait) [Say “You are number 1 in line.” · Play] --ends--> Enqueue sales",
        "Gather (speech, dtmf; 1 digit) --press 2 · say support, help--> POST /ivr/choice [Redirect /ivr/support]",
        "POST /ivr/choice [Redirect /ivr/support] --redirect--> POST /ivr/support [Say “Our support team is busy. Pleas…” · Redirect /voicemail]",
        "POST /ivr/support [Say “Our support team is busy. Pleas…” · Redirect /voicemail] --redirect--> POST /voicemail [Say “Please leave a message after th…” · Record · Say “We did not get a recording. Goo…” · Hangup]",
        "POST /voicemail [Say “Please leave a message after th…” · Record · Say “We did not get a recording. Goo…” · Hangup] ----> Record (max 120s)",
        "Gather (speech, dtmf; 1 digit) --press 3 · say hours, open--> POST /ivr/choice [Redirect /ivr/hours]",
        "POST /ivr/choice [Redirect /ivr/hours] --redirect--> POST /ivr/hours [Say “We are open Monday to Friday, n…” · Pause · Hangup]",
        "POST /ivr/hours [Say “We are open Monday to Friday, n…” · Pause · Hangup] ----> end: hangup",
        "Gather (speech, dtmf; 1 digit) --press 4, 5, 6, 7, 8, 9, 0, *--> POST /ivr/choice [Say “Sorry, that is not an option.” · Redirect /ivr]",
        "POST /ivr/choice [Say “Sorry, that is not an option.” · Redirect /ivr] --redirect--> POST /ivr [Gather: Say “Thanks for calling Example Corp.” · Say “We didn't catch that.” · Redirect /ivr]",
        "Gather (speech, dtmf; 1 digit) --no input--> POST /ivr [Gather: Say “Thanks for calling Example Corp.” · Say “We didn't catch that.” · Redirect /ivr]",
        "Gather (speech, dtmf; 1 digit) --caller hangs up--> end: caller hung up",
        "Enqueue sales --queue full · queue error · queue system error · agent answers--> POST /queue/left [Say “Goodbye.”]",
        "POST /queue/left [Say “Goodbye.”] ----> end: end of document",
        "Enqueue sales --caller hangs up · agent answers, caller hangs up--> POST /queue/left (after-hangup) [Say “Goodbye.”]",
        "POST /queue/left (after-hangup) [Say “Goodbye.”] ----> end: caller hung up in the queue",
        "Record (max 120s) --recording--> POST /voicemail/saved [Say “Thanks, we got your 10 second m…” · Hangup]",
        "POST /voicemail/saved [Say “Thanks, we got your 10 second m…” · Hangup] ----> end: hangup",
        "Record (max 120s) --no recording--> end: hangup",
        "Record (max 120s) --caller hangs up--> end: caller hung up",
        "POST /queue/left (after-hangup) [Say “Goodbye.”] ----> end: caller hung up",
        "Enqueue sales --waits--> POST /queue/wait (enqueue-wait) [Say “Sorry for the wait. Please leav…” · Leave]",
        "POST /queue/wait (enqueue-wait) [Say “Sorry for the wait. Please leav…” · Leave] --ends--> Enqueue sales",
        "Enqueue sales --leaves the queue--> POST /queue/left [Redirect /voicemail]",
        "POST /queue/left [Redirect /voicemail] --redirect--> POST /voicemail [Say “Please leave a message after th…” · Record · Say “We did not get a recording. Goo…” · Hangup]",
      ]
    `)
    expect(map.cut).toEqual([])
  })

  test('two explorations give the same map, JSON for JSON', async () => {
    const [a, b] = [await ivr(), await ivr()]
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  test('the menu met again after "no input" or an invalid key is the same node, explored once', async () => {
    const map = await ivr()
    expect(map.nodes.filter((n) => n.kind === 'route' && n.path === '/ivr')).toHaveLength(1)
    expect(map.nodes.filter((n) => n.kind === 'decision' && n.verb === 'Gather')).toHaveLength(1)
    // Each distinct wait is explored once: the menu, the queue after each of the 21 runs of its wait
    // music before it says to leave (QueueTime 0 to 600), the conversation with the agent, the Record.
    expect(map.stats.states).toBe(24)
  })
})

/** A line that dials two parties in parallel and says what the Dial action got. */
function dialLine() {
  const app = new Hono()
  app.post('/call', (c) =>
    twiml(
      c,
      <Response>
        <Dial action="/after" timeout={20}>
          <Sip>sip:ann@example.com</Sip>
          <Number>+15550000002</Number>
        </Dial>
      </Response>,
      { enhancedSip: true },
    ),
  )
  app.post('/after', async (c) => {
    const { DialCallStatus, DialSipResponseCode } = await c.req.parseBody()
    return twiml(
      c,
      <Response>
        <Say>
          {String(DialCallStatus)} {String(DialSipResponseCode ?? '')}
        </Say>
      </Response>,
    )
  })
  return app
}

describe('what the explorer tries at each wait', () => {
  test('a Dial: each party answering, everyone declining with the SIP codes apps tell apart, nobody answering', async () => {
    const map = await exploreCalls(dialLine(), { entry: '/call' })
    expect(outline(map)).toMatchInlineSnapshot(`
      [
        "call to /call ----> POST /call [Dial sip:ann@example.com, +15550000002]",
        "POST /call [Dial sip:ann@example.com, +15550000002] ----> Dial sip:ann@example.com, +15550000002 (parallel)",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial failed (SIP 404)--> POST /after [Say “failed 404”]",
        "POST /after [Say “failed 404”] ----> end: end of document",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial no-answer (SIP 480)--> POST /after [Say “no-answer 480”]",
        "POST /after [Say “no-answer 480”] ----> end: end of document",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial busy (SIP 486)--> POST /after [Say “busy 486”]",
        "POST /after [Say “busy 486”] ----> end: end of document",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial busy (SIP 603)--> POST /after [Say “busy 603”]",
        "POST /after [Say “busy 603”] ----> end: end of document",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial failed (SIP 503)--> POST /after [Say “failed 503”]",
        "POST /after [Say “failed 503”] ----> end: end of document",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial no-answer (SIP 487)--> POST /after [Say “no-answer 487”]",
        "POST /after [Say “no-answer 487”] ----> end: end of document",
        "Dial sip:ann@example.com, +15550000002 (parallel) --caller hangs up--> POST /after (after-hangup) [Say “canceled 487”]",
        "POST /after (after-hangup) [Say “canceled 487”] ----> end: caller hung up",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial completed--> POST /after [Say “completed 200”]",
        "POST /after [Say “completed 200”] ----> end: end of document",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial completed, caller hangs up--> POST /after (after-hangup) [Say “completed 200”]",
        "POST /after (after-hangup) [Say “completed 200”] ----> end: caller hung up",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial completed--> POST /after [Say “completed”]",
        "POST /after [Say “completed”] ----> end: end of document",
        "Dial sip:ann@example.com, +15550000002 (parallel) --Dial completed, caller hangs up--> POST /after (after-hangup) [Say “completed”]",
        "POST /after (after-hangup) [Say “completed”] ----> end: caller hung up",
      ]
    `)
  })

  test('a Record: a recording, none, the caller hanging up; an Enqueue: each queue result', async () => {
    const app = new Hono()
    app.post('/message', (c) =>
      twiml(
        c,
        <Response>
          <Record action="/saved" finishOnKey="#" />
          <Say>Nothing recorded.</Say>
        </Response>,
      ),
    )
    app.post('/saved', (c) =>
      twiml(
        c,
        <Response>
          <Enqueue action="/left">callbacks</Enqueue>
        </Response>,
      ),
    )
    app.post('/left', async (c) => {
      const { QueueResult } = await c.req.parseBody()
      return twiml(
        c,
        <Response>
          <Say>{String(QueueResult)}</Say>
        </Response>,
      )
    })
    const map = await exploreCalls(app, { entry: '/message' })
    expect(map.cut).toEqual([])
    expect(outline(map)).toMatchInlineSnapshot(`
      [
        "call to /message ----> POST /message [Record · Say “Nothing recorded.”]",
        "POST /message [Record · Say “Nothing recorded.”] ----> Record (max 3600s)",
        "Record (max 3600s) --recording--> POST /saved [Enqueue callbacks]",
        "POST /saved [Enqueue callbacks] ----> Enqueue callbacks",
        "Record (max 3600s) --no recording--> end: end of document",
        "Record (max 3600s) --caller hangs up--> end: caller hung up",
        "Enqueue callbacks --queue full--> POST /left [Say “queue-full”]",
        "POST /left [Say “queue-full”] ----> end: end of document",
        "Enqueue callbacks --queue error--> POST /left [Say “error”]",
        "POST /left [Say “error”] ----> end: end of document",
        "Enqueue callbacks --queue system error--> POST /left [Say “system-error”]",
        "POST /left [Say “system-error”] ----> end: end of document",
        "Enqueue callbacks --caller hangs up--> POST /left (after-hangup) [Say “hangup”]",
        "POST /left (after-hangup) [Say “hangup”] ----> end: caller hung up in the queue",
        "Enqueue callbacks --agent answers--> POST /left [Say “bridged”]",
        "POST /left [Say “bridged”] ----> end: end of document",
        "Enqueue callbacks --agent answers, caller hangs up--> POST /left (after-hangup) [Say “bridged”]",
        "POST /left (after-hangup) [Say “bridged”] ----> end: caller hung up",
      ]
    `)
  })

  test('the choices can be changed: a PIN at a Gather, no hang-ups', async () => {
    const app = new Hono()
    app.post('/pin', (c) =>
      twiml(
        c,
        <Response>
          <Gather numDigits={4} action="/check" />
        </Response>,
      ),
    )
    app.post('/check', async (c) => {
      const { Digits } = await c.req.parseBody()
      return twiml(
        c,
        <Response>
          <Say>{Digits === '1234' ? 'Welcome.' : 'Wrong PIN.'}</Say>
        </Response>,
      )
    })
    const map = await exploreCalls(app, {
      entry: '/pin',
      choices: (waiting, defaults) =>
        waiting.kind === 'gather'
          ? [[{ kind: 'press', digits: '1234' }], ...defaults.filter((c) => c[0]?.kind !== 'hangup')]
          : defaults,
    })
    expect(outline(map)).toMatchInlineSnapshot(`
      [
        "call to /pin ----> POST /pin [Gather]",
        "POST /pin [Gather] ----> Gather (dtmf; 4 digits)",
        "Gather (dtmf; 4 digits) --press 1234--> POST /check [Say “Welcome.”]",
        "POST /check [Say “Welcome.”] ----> end: end of document",
        "Gather (dtmf; 4 digits) --press 1111--> POST /check [Say “Wrong PIN.”]",
        "POST /check [Say “Wrong PIN.”] ----> end: end of document",
        "Gather (dtmf; 4 digits) --no input--> end: end of document",
      ]
    `)
  })
})

describe('variants of the call', () => {
  test('a known caller is explored besides the plain call; paths name the variant', async () => {
    const app = new Hono()
    app.post('/hello', async (c) => {
      const { From } = await c.req.parseBody()
      return twiml(
        c,
        <Response>
          <Say>{From === '+15550009999' ? 'Welcome back.' : 'Hello.'}</Say>
        </Response>,
      )
    })
    const map = await exploreCalls(app, { entry: '/hello', variants: [{ name: 'known caller', from: '+15550009999' }] })
    expect(outline(map)).toMatchInlineSnapshot(`
      [
        "call to /hello ----> POST /hello [Say “Hello.”]",
        "POST /hello [Say “Hello.”] ----> end: end of document",
        "call to /hello --known caller--> POST /hello [Say “Welcome back.”]",
        "POST /hello [Say “Welcome back.”] ----> end: end of document",
      ]
    `)
    expect(node(map, 'POST /hello', 'Say “Welcome back.”').reach).toEqual({
      entry: '/hello',
      method: 'POST',
      variant: { name: 'known caller', from: '+15550009999' },
      inputs: [],
      steps: ['known caller'],
    })
  })
})

describe('bounds', () => {
  test('maxDepth stops a path and says where', async () => {
    const map = await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN, maxDepth: 4 })
    expect(
      map.cut.map((c) => [c.reason, map.nodes.find((n) => n.id === c.node)?.label, c.message, c.reach.steps]),
    ).toEqual([
      [
        'depth',
        'Enqueue sales',
        'not explored: 4 inputs deep (maxDepth 4)',
        ['press 1', 'waits', 'waits', 'waits', 'waits'],
      ],
    ])
    expect(map.nodes.some((n) => n.kind === 'route' && n.document.verbs.includes('Leave'))).toBe(false)
  })

  test('maxStates stops the exploration and says at which waits', async () => {
    const map = await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN, maxStates: 2 })
    expect(map.stats.states).toBe(2)
    expect(map.cut.length).toBeGreaterThan(0)
    expect(new Set(map.cut.map((c) => c.reason))).toEqual(new Set(['states']))
    expect(map.cut[0]!.message).toBe('not explored: 2 waits explored already (maxStates)')
  })

  test('a Redirect to another host and a verb the simulator does not run are reported, not followed', async () => {
    const app = new Hono()
    app.post('/start', (c) =>
      twiml(
        c,
        <Response>
          <Gather numDigits={1} action="/transfer" />
          <Redirect>https://handler.twilio.com/twiml/EH00000000000000000000000000000000</Redirect>
        </Response>,
      ),
    )
    app.post('/transfer', (c) =>
      twiml(
        c,
        <Response>
          <Dial>
            <Number url="/screen">+15550001111</Number>
          </Dial>
        </Response>,
      ),
    )
    app.post('/screen', (c) =>
      twiml(
        c,
        <Response>
          <Enqueue>callbacks</Enqueue>
        </Response>,
      ),
    )
    const map = await exploreCalls(app, { entry: '/start' })
    expect(map.cut.map((c) => [c.reason, c.message, c.reach.steps])).toEqual([
      [
        'outside',
        'POST https://handler.twilio.com/twiml/EH00000000000000000000000000000000 (redirect) is on another host; the simulator only reaches the app at http://localhost',
        ['no input'],
      ],
      ['outside', "<Enqueue> on the called party's leg is not simulated", ['press 1', '+15550001111 answers']],
    ])
  })
})

describe('the app as the explorer drives it', () => {
  test('each distinct request reaches the app once; replays are answered from memory', async () => {
    let handled = 0
    const app = new Hono()
    app.use('*', async (_c, next) => {
      handled++
      await next()
    })
    app.route('/', dialLine())
    const map = await exploreCalls(app, { entry: '/call' })
    expect(handled).toBe(map.stats.requests)
    expect(map.stats.runs).toBeGreaterThan(map.stats.states)
  })

  test('a plain fetch function is explored too (without validation issues)', async () => {
    const app = dialLine()
    const map = await exploreCalls((request: Request) => app.fetch(request), { entry: '/call' })
    expect(outline(map)).toEqual(outline(await exploreCalls(app, { entry: '/call' })))
  })

  test('validation issues from the renderer land on the route that rendered them', async () => {
    const app = new Hono()
    app.post('/bye', (c) =>
      twiml(
        c,
        <Response>
          <Hangup />
          <Say>Never heard.</Say>
        </Response>,
      ),
    )
    const map = await exploreCalls(app, { entry: '/bye' })
    expect(node(map, 'POST /bye')).toMatchObject({
      issues: [{ path: 'Response > Say', rule: 'document.unreachable', severity: 'warning' }],
    })
    const off = await exploreCalls(app, { entry: '/bye', validation: false })
    expect(node(off, 'POST /bye')).toMatchObject({ issues: [] })
  })
})

describe('the path to a node', () => {
  test('for every node of the IVR map, a call placed along its path gets there', async () => {
    const map = await ivr()
    for (const target of map.nodes) {
      const path = pathTo(map, target.id)!
      const call = startCall(exampleApp, followPath(path, { authToken: DEV_AUTH_TOKEN }))
      await call.nextWait().catch(() => undefined)
      const keys = traceCall(call.events, { error: call.error }).points.map((p) => p.key)
      expect(keys, `${target.id} ${target.label}`).toContain(target.key)
    }
  })

  test('a decision node: the call placed along its path waits at that verb', async () => {
    const map = await ivr()
    const record = map.nodes.find((n) => n.kind === 'decision' && n.verb === 'Record')!
    expect(pathTo(map, record.id)).toEqual({
      entry: '/ivr',
      method: 'POST',
      inputs: [{ kind: 'press', digits: '2' }],
      steps: ['press 2'],
    })
    const call = startCall(exampleApp, followPath(pathTo(map, record.id)!, { authToken: DEV_AUTH_TOKEN }))
    expect(await call.nextWait()).toMatchObject({ kind: 'record', document: '/voicemail' })
    expect(pathTo(map, 'n9999')).toBeUndefined()
  })
})
