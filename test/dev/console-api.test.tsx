/**
 * The call console's server: its JSON and Server-Sent Events API through `app.request()`, driving
 * the example app and small purpose-built ones — placing calls, steering them, what each webhook
 * shows (signature, pretty TwiML, the app's issues), refusals, sessions and "Copy as test".
 */
import { Hono } from 'hono'
import { describe, expect, test, vi } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../../examples/app.js'
import {
  type CallState,
  devConsole,
  SESSION_FORMAT,
  type SessionFile,
  type TimelineEntry,
} from '../../src/dev/index.js'
import { twilioWebhook, twiml } from '../../src/hono/index.js'
import { Dial, Gather, Hangup, Number, Pause, Record, Response, Say, Sip } from '../../src/index.js'
import { type CallInput, simulateCall } from '../../src/testing/index.js'

type Console = ReturnType<typeof devConsole>

async function post(console_: Console, path: string, body: unknown): Promise<globalThis.Response> {
  return console_.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

async function json<T = any>(response: globalThis.Response | Promise<globalThis.Response>): Promise<T> {
  return (await (await response).json()) as T
}

interface Sse {
  readonly event: string
  readonly id?: string
  readonly data: any
}

/** Reads a call's event stream until `until` says stop (or the stream ends). */
async function events(console_: Console, id: string, until: (m: Sse) => boolean, headers = {}): Promise<Sse[]> {
  const response = await console_.request(`/api/calls/${id}/events`, { headers })
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  const messages: Sse[] = []
  let buffer = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return messages
    buffer += value
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const field = (name: string) => block.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1]
      const message: Sse = {
        event: field('event')!,
        data: JSON.parse(field('data')!),
        ...(field('id') ? { id: field('id')! } : {}),
      }
      messages.push(message)
      if (until(message)) {
        await reader.cancel()
        return messages
      }
    }
  }
}

async function place(console_: Console, call: unknown, inputs?: unknown) {
  const response = await post(console_, '/api/calls', inputs === undefined ? { call } : { call, inputs })
  expect(response.status).toBe(201)
  return json<{ id: string; state: CallState; reloaded?: string[]; replayError?: string }>(response)
}

const examples = () => devConsole(exampleApp, { authToken: DEV_AUTH_TOKEN, authTokenSource: 'DEV_AUTH_TOKEN' })

describe('the page and what it needs to place a call', () => {
  test('one HTML page with its script and styles inline: nothing loaded from elsewhere', async () => {
    const response = await examples().request('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'")
    const html = await response.text()
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)="(?!data:)/)
    expect(html).toContain('role="log"')
    expect(html).toContain('<button type="submit" id="call" class="call">Call</button>')
    expect(html).toContain('>Hang up</button>')
    // The script cannot end the inline <script> early.
    const script = html.slice(html.lastIndexOf('<script>') + 8, html.lastIndexOf('</script>'))
    expect(script).not.toMatch(/<\/script/i)
    expect(html.length).toBeLessThan(60_000)
  })

  test("the app's POST routes, the entry route, the defaults and how requests are signed", async () => {
    const info = await json(examples().request('/api/app'))
    expect(info.routes.slice(0, 3)).toEqual([
      { method: 'POST', path: '/sip/basic' },
      { method: 'POST', path: '/sip/auth' },
      { method: 'POST', path: '/sip/headers' },
    ])
    expect(info.routes.map((r: { path: string }) => r.path)).toContain('/ivr')
    expect(info.routes.map((r: { path: string }) => r.path)).not.toContain('/') // GET only
    expect(info.routes.some((r: { path: string }) => r.path.includes('*'))).toBe(false) // middleware
    expect(info).toMatchObject({
      entry: '/sip/basic',
      from: '+15017122661',
      to: '+15558675310',
      signing: { signed: true, source: 'DEV_AUTH_TOKEN' },
      testFile: 'test/call-console.test.ts',
    })
    const chosen = await json(devConsole(exampleApp, { entry: '/ivr' }).request('/api/app'))
    expect(chosen).toMatchObject({ entry: '/ivr', signing: { signed: false, source: 'no token' } })
  })
})

test("mounted in another server before the app's routes: the page and its API live under its path", async () => {
  const server = new Hono()
  server.route('/console', devConsole(exampleApp, { authToken: DEV_AUTH_TOKEN }))
  server.route('/', exampleApp)
  expect((await server.request('/console')).status).toBe(200)
  const placed = await server.request('/console/api/calls', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ call: { url: '/ivr' } }),
  })
  expect(placed.status).toBe(201)
  expect((await placed.json()).state).toMatchObject({ waiting: { kind: 'gather', document: '/ivr' } })
  expect((await server.request('/ivr', { method: 'POST' })).status).toBe(403) // the app's check still stands
})

describe('placing and steering a call', () => {
  test('the IVR: every entry streams in order with its virtual time, then the state after each move', async () => {
    const console_ = examples()
    const { id, state } = await place(console_, { url: '/ivr' })
    expect(state).toMatchObject({ id, now: 0, ended: false, label: 'waiting for input', inputs: 0 })
    expect(state.waiting).toMatchObject({ kind: 'gather', document: '/ivr', numDigits: 1 })
    const first = await events(console_, id, (m) => m.event === 'state')
    expect(first.map((m) => (m.event === 'entry' ? `${m.id} ${m.data.line}` : 'state'))).toEqual([
      '0 POST /ivr',
      '1 Gather (speech, dtmf; 1 digit) → POST /ivr/choice',
      '2 Say "Thanks for calling Example Corp."',
      '3 Say "For sales, press 1 or say sales. For support, press 2 or say support. For our opening hours, press 3 or say hours."',
      '4 ',
      'state',
    ])
    const request: TimelineEntry = first[0]!.data
    expect(request.http?.signature).toMatch(/^[A-Za-z0-9+/]{27}=$/)
    expect(request.http?.twiml?.split('\n').slice(0, 3)).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Response>',
      '  <Gather input="speech dtmf" numDigits="1" action="/ivr/choice" hints="sales, buy, support, help, hours, open" speechTimeout="auto" language="en-US">',
    ])
    expect(first[4]!.data).toMatchObject({ event: { type: 'waiting' }, label: 'waiting for input' })

    const pressed = await post(console_, `/api/calls/${id}/input`, { input: { kind: 'press', digits: '2' } })
    expect(pressed.status).toBe(200)
    expect((await json(pressed)).state).toMatchObject({ waiting: { kind: 'record' }, inputs: 1 })
    const recorded = await json(
      post(console_, `/api/calls/${id}/input`, { input: { kind: 'record', seconds: 14, key: '#' } }),
    )
    expect(recorded.state).toMatchObject({ ended: true, endReason: 'hangup', now: 14, inputs: 2, choices: [] })

    // A late reader, after Last-Event-ID 4: the rest, then the final state, then the stream ends.
    const rest = await events(console_, id, () => false, { 'Last-Event-ID': '4' })
    expect(rest[0]).toMatchObject({ event: 'entry', id: '5' })
    expect(rest.at(-1)).toMatchObject({ event: 'state', data: { ended: true } })
    const lines = rest.filter((m) => m.event === 'entry').map((m) => `${m.data.at}s ${m.data.line}`)
    expect(lines).toContain('0s Say "Our support team is busy. Please leave a message."')
    expect(lines.slice(-6)).toEqual([
      '14s POST /voicemail/saved RecordingDuration=14 Digits=#',
      '14s ',
      '14s ',
      '14s Say "Thanks, we got your 14 second message. Goodbye."',
      '14s Hangup',
      '14s Call ended: hangup',
    ])
    const callbacks = rest.filter((m) => m.data.event?.type === 'callback').map((m) => m.data.event.request.kind)
    expect(callbacks).toEqual(['recording-status-callback', 'transcribe-callback'])
  })

  test('an input that does not fit the wait is refused with the reason, and the call keeps waiting', async () => {
    const console_ = examples()
    const { id } = await place(console_, { url: '/ivr' })
    const refused = await post(console_, `/api/calls/${id}/input`, { input: { kind: 'answer' } })
    expect(refused.status).toBe(409)
    const body = await json(refused)
    expect(body.error).toBe(
      'answer(): the call is waiting at a <Gather>, which takes press, speak, silence, hangup or advance',
    )
    expect(body.state).toMatchObject({ waiting: { kind: 'gather', index: 0 }, inputs: 0 })
    // In a batch, the refused one is named, and those before it stand.
    const batch = await json(
      post(console_, `/api/calls/${id}/input`, {
        inputs: [
          { kind: 'press', digits: '2' },
          { kind: 'press', digits: '5' },
        ],
      }),
    )
    expect(batch.error).toMatch(/^input 2 of 2: press\('5'\): /)
    expect(batch.state).toMatchObject({ waiting: { kind: 'record' }, inputs: 1 })
  })

  test('malformed requests get 400 naming the field; unknown calls 404', async () => {
    const console_ = examples()
    const bad = async (path: string, body: unknown) => {
      const response = await post(console_, path, body)
      return [response.status, (await json(response)).error]
    }
    expect(await bad('/api/calls', { call: { url: 'voice' } })).toEqual([
      400,
      'call.url: "voice" is neither a path (/voice) nor an http(s) URL',
    ])
    expect(await bad('/api/calls', { call: { url: '/ivr', params: { CallerName: 3 } } })).toEqual([
      400,
      'call.params.CallerName: expected a string',
    ])
    expect(await bad('/api/calls', { call: { url: '/ivr' }, inputs: [{ kind: 'press' }] })).toEqual([
      400,
      'inputs[0].digits: expected a string',
    ])
    const { id } = await place(console_, { url: '/ivr' })
    expect(await bad(`/api/calls/${id}/input`, { input: { kind: 'dance' } })).toEqual([
      400,
      'input[0].kind: unknown input "dance"',
    ])
    expect(await bad(`/api/calls/${id}/input`, { input: { kind: 'decline', status: 'maybe' } })).toEqual([
      400,
      'input[0].status: expected one of "busy", "no-answer", "failed"',
    ])
    const notJson = await console_.request(`/api/calls/${id}/input`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{press',
    })
    expect([notJson.status, (await json(notJson)).error]).toEqual([400, 'the body is not JSON'])
    const missing = await console_.request('/api/calls/c99/events')
    expect([missing.status, (await json(missing)).error]).toEqual([404, 'no call c99 (the console keeps the last 20)'])
  })
})

describe('realtime sessions through the console', () => {
  test('a ConversationRelay call: the socket opens in-process, tokens stream as entries, turns and the handoff follow', async () => {
    const console_ = examples()
    const { id, state } = await place(console_, { url: '/agent' })
    expect(state).toMatchObject({
      label: "waiting for the caller's turn (ConversationRelay)",
      waiting: { kind: 'relay' },
    })
    const turn = await json(post(console_, `/api/calls/${id}/input`, { input: { kind: 'speak', text: 'hours' } }))
    expect(turn.state.waiting).toMatchObject({
      kind: 'relay',
      agentSpeech: 'We are open Monday to Friday, 9 AM to 5 PM.',
    })
    const cut = await json(
      post(console_, `/api/calls/${id}/input`, { input: { kind: 'interrupt', text: 'a human please' } }),
    )
    expect(cut.state.waiting).toMatchObject({ kind: 'dial' }) // the handoff's <Dial>
    const entries = (await events(console_, id, (m) => m.event === 'state' && m.data.inputs === 2)).filter(
      (m) => m.event === 'entry',
    )
    const tokens = entries.filter((m) => m.data.event.type === 'relay-text').map((m) => m.data.event.token)
    expect(tokens.join('')).toBe('We are open Monday to Friday, 9 AM to 5 PM.')
    expect(entries.map((m) => m.data.line).filter((line: string) => /^(Agent|Caller|Session|POST)/.test(line))).toEqual(
      [
        'POST /agent',
        'Agent says "Hi, this is the example agent. Say menu to hear what I can do, or say human to talk to a person."' +
          ' (welcome greeting)',
        'Caller says "hours"',
        'Agent says "We are open Monday to Friday, 9 AM to 5 PM."',
        'Caller interrupts the agent after "We are open Monday to Friday, 9 AM to 5 PM."',
        'Caller says "a human please"',
        'Session ended by the app, handoff {"reasonCode":"live-agent-handoff","reason":"The caller asked for a human"}',
        expect.stringMatching(/^POST \/agent\/handoff SessionDuration=0 SessionStatus=ended HandoffData=/),
      ],
    )
    // The socket's upgrade is not a webhook of the timeline: the webhooks keep their signatures.
    const webhooks = entries.filter((m) => m.data.event.type === 'request')
    expect(webhooks.map((m) => m.data.event.request.path)).toEqual(['/agent', '/agent/handoff'])
    expect(webhooks.every((m) => /^[A-Za-z0-9+/]{27}=$/.test(m.data.http.signature))).toBe(true)
    const session = await json<SessionFile>(console_.request(`/api/calls/${id}/session`))
    expect(session.inputs).toEqual([
      { kind: 'speak', text: 'hours' },
      { kind: 'interrupt', text: 'a human please' },
    ])
  })

  test('a Media Stream: audio as silence or a WAV file, and malformed audio inputs get 400', async () => {
    const console_ = examples()
    const { id } = await place(console_, { url: '/echo' })
    const sent = await json(post(console_, `/api/calls/${id}/input`, { input: { kind: 'audio', silenceMs: 40 } }))
    expect(sent.state.waiting).toMatchObject({ kind: 'stream', framesSent: 2, pendingMarks: ['echo-2'] })
    const bad = await post(console_, `/api/calls/${id}/input`, { input: { kind: 'audio' } })
    expect([bad.status, (await json(bad)).error]).toEqual([
      400,
      'input[0]: give silenceMs or wav (a WAV file in base64)',
    ])
    const refused = await post(console_, `/api/calls/${id}/input`, { input: { kind: 'audio', wav: 'UklGRg==' } })
    expect(refused.status).toBe(409)
    expect((await json(refused)).error).toBe(
      'audio(): WAV: not a RIFF/WAVE file (it must start with "RIFF" and "WAVE")',
    )
  })
})

describe('only its own page can drive it', () => {
  test('another Host (DNS rebinding), another Origin, or a POST that is not JSON is refused', async () => {
    const console_ = examples()
    const rebound = await console_.request('http://evil.example/api/app', { headers: { Host: 'evil.example' } })
    expect(rebound.status).toBe(403)
    expect((await json(rebound)).error).toBe('the call console answers only requests for localhost, 127.0.0.1, [::1]')
    expect((await console_.request('http://127.0.0.1:5173/api/app')).status).toBe(200)
    const form = await console_.request('/api/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'call=x',
    })
    expect(form.status).toBe(415)
    const crossSite = await console_.request('/api/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ call: { url: '/ivr' } }),
    })
    expect(crossSite.status).toBe(403)
    const allowed = devConsole(exampleApp, { allowedHosts: ['dev.internal'] })
    expect((await allowed.request('http://dev.internal/api/app')).status).toBe(200)
  })
})

describe('what each webhook shows', () => {
  test('a token the app does not accept: 403, and the console says which token it signed with', async () => {
    const wrong = devConsole(exampleApp, { authToken: 'not-the-token', authTokenSource: '--token' })
    const { id, state } = await place(wrong, { url: '/ivr' })
    expect(state.error).toMatch(/^POST \/ivr \(call\) answered HTTP 403\b/)
    const [failure] = (await events(wrong, id, () => false)).filter((m) => m.data.event?.type === 'error')
    expect(failure!.data.failed).toMatchObject({ path: '/ivr', status: 403 })
    expect(failure!.data.http.issues).toEqual([
      {
        severity: 'error',
        rule: 'signature',
        message:
          'The app refused the request: does it check signatures with another token? The console signs with --token.',
      },
    ])
    const unsigned = devConsole(exampleApp)
    const second = await place(unsigned, { url: '/ivr' })
    const [entry] = (await events(unsigned, second.id, () => false)).filter((m) => m.data.event?.type === 'error')
    expect(entry!.data.http.issues[0].message).toMatch(/^The app refused the request: the console sends it unsigned/)
  })

  test("the app's validation issues and warnings are shown on the request that caused them", async () => {
    const app = new Hono()
    app.post('/voice', (c) =>
      twiml(
        c,
        <Response>
          <Say>Hello.</Say>
          <Hangup />
          <Say>Never heard.</Say>
        </Response>,
      ),
    )
    app.post('/broken', (c) =>
      twiml(
        c,
        <Response>
          <Dial timeout={1}>
            <Sip>sip:ann@example.com</Sip>
            <Number>+15550000002</Number>
          </Dial>
        </Response>,
      ),
    )
    // The app's reports still reach the terminal, as without the console.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const console_ = devConsole(app)
    const warned = await place(console_, { url: '/voice' })
    const [request] = (await events(console_, warned.id, () => false)).filter((m) => m.data.event?.type === 'request')
    expect(request!.data.http.issues).toEqual([
      expect.objectContaining({ severity: 'warning', path: 'Response > Say[2]' }),
    ])
    const broken = await place(console_, { url: '/broken' })
    // Under the console the app runs in development mode: a broken document answers its readable error.
    expect(broken.state.error).toMatch(
      /^POST \/broken \(call\) answered HTTP 500: twiml: POST \/broken: TwimlValidationError: 2 problems in TwiML document/,
    )
    const [failure] = (await events(console_, broken.id, () => false)).filter((m) => m.data.event?.type === 'error')
    const issues = failure!.data.http.issues as { severity: string; path: string; rule: string }[]
    expect(issues.map((i) => [i.severity, i.path])).toEqual([
      ['error', 'Response > Dial'],
      ['error', 'Response > Dial'],
    ])
    expect(issues.every((i) => typeof i.rule === 'string' && i.rule !== 'exception')).toBe(true)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(error).toHaveBeenCalledTimes(1)
    warn.mockRestore()
    error.mockRestore()
  })

  test('a route that throws something else: the exception, by name and message', async () => {
    const app = new Hono()
    app.post('/voice', () => {
      throw new RangeError('no such menu')
    })
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const console_ = devConsole(app)
    const { id } = await place(console_, { url: '/voice' })
    const [failure] = (await events(console_, id, () => false)).filter((m) => m.data.event?.type === 'error')
    expect(failure!.data.http.issues).toEqual([
      { severity: 'error', message: 'RangeError: no such menu', rule: 'exception' },
    ])
    // Outside a request the console listens to nothing: the console methods are what they were.
    expect(console.error).toBe(error)
    error.mockRestore()
  })
})

/** A line with a Dial that rings out, a conversation, a Record and a Pause: waits with deadlines. */
function supportLine() {
  const app = new Hono()
  app.use('*', twilioWebhook({ authToken: 'line-token' }))
  app.post('/menu', (c) =>
    twiml(
      c,
      <Response>
        <Gather numDigits={1} action="/route" timeout={8}>
          <Say>Press 1 for sales.</Say>
        </Gather>
        <Say>Goodbye.</Say>
      </Response>,
    ),
  )
  app.post('/route', (c) =>
    twiml(
      c,
      <Response>
        <Dial action="/after-dial" timeout={20} timeLimit={60}>
          <Number>+15550000002</Number>
        </Dial>
      </Response>,
    ),
  )
  app.post('/after-dial', async (c) => {
    const { DialCallStatus } = await c.req.parseBody()
    return twiml(
      c,
      DialCallStatus === 'completed' ? (
        <Response>
          <Pause length={2} />
          <Say>Bye.</Say>
        </Response>
      ) : (
        <Response>
          <Say>Leave a message.</Say>
          <Record maxLength={30} action="/saved" />
        </Response>
      ),
    )
  })
  app.post('/saved', (c) =>
    twiml(
      c,
      <Response>
        <Say>Saved.</Say>
      </Response>,
    ),
  )
  return app
}

describe('sessions', () => {
  test('time that crosses several waits is kept as one step per wait: replayed one input per decision, it gives the same call', async () => {
    const app = supportLine()
    const console_ = devConsole(app, { authToken: 'line-token' })
    const { id } = await place(console_, { url: '/menu' })
    const send = (input: CallInput) => post(console_, `/api/calls/${id}/input`, { input })
    await send({ kind: 'press', digits: '1' })
    await send({ kind: 'advance', seconds: 3 }) // ringing…
    await send({ kind: 'advance', seconds: 200 }) // …past the Dial's timeout (17 s on) and the Record's 30 s
    const { state, inputs, transcript } = await json(console_.request(`/api/calls/${id}`))
    expect(state).toMatchObject({ ended: true, endReason: 'end of document', now: 50 })
    expect(inputs.map((r: { input: CallInput; wait: number }) => [r.wait, r.input])).toEqual([
      [0, { kind: 'press', digits: '1' }],
      [1, { kind: 'advance', seconds: 3 }],
      [1, { kind: 'advance', seconds: 17 }],
      [2, { kind: 'advance', seconds: 30 }],
    ])
    const session: SessionFile = await json(console_.request(`/api/calls/${id}/session`))
    expect(session).toMatchObject({ format: SESSION_FORMAT, version: 1, call: { url: '/menu' }, transcript })
    // The decide hook that "Copy as test" writes: the same transcript, offline, no console.
    const queue = [...session.inputs]
    const replayed = await simulateCall(app, { url: '/menu', authToken: 'line-token', decide: () => queue.shift() })
    expect(replayed.transcript()).toBe(transcript)
    expect(transcript).toContain('+15550000002: no answer after 20s')
  })

  test('a saved session loads as a new call that replays its inputs', async () => {
    const console_ = examples()
    const { id } = await place(console_, { url: '/ivr', from: '+15550001111', params: { CallerName: 'Ada' } })
    await post(console_, `/api/calls/${id}/input`, { input: { kind: 'speak', text: 'support' } })
    await post(console_, `/api/calls/${id}/input`, { input: { kind: 'record', seconds: 9, key: '#' } })
    const saved = await console_.request(`/api/calls/${id}/session`)
    expect(saved.headers.get('content-disposition')).toBe(`attachment; filename="call-${id}.json"`)
    const session: SessionFile = await saved.json()
    expect(session.call).toEqual({ url: '/ivr', from: '+15550001111', params: { CallerName: 'Ada' } })
    const loaded = await place(console_, session.call, session.inputs)
    expect(loaded.id).not.toBe(id)
    expect(loaded.state).toMatchObject({ ended: true, inputs: 2 })
    expect((await json(console_.request(`/api/calls/${loaded.id}`))).transcript).toBe(session.transcript)
    // A session whose inputs no longer fit says where it stopped.
    const stale = await place(console_, { url: '/ivr' }, [{ kind: 'answer' }])
    expect(stale.replayError).toMatch(/^answer\(\): the call is waiting at a <Gather>/)
  })

  test('Copy as test: the imports, the inputs with the wait each answered, the transcript as an inline snapshot', async () => {
    const console_ = devConsole(exampleApp, {
      authToken: DEV_AUTH_TOKEN,
      test: { module: 'examples/app.tsx', app: 'app', token: 'DEV_AUTH_TOKEN' },
    })
    const { id } = await place(console_, { url: '/ivr/hours', to: '+15550009999' })
    const { file, code } = await json(post(console_, `/api/calls/${id}/test`, { file: 'test/flows/hours.test.ts' }))
    expect(file).toBe('test/flows/hours.test.ts')
    expect(code).toBe(`import { type CallInput, simulateCall } from 'twiml-jsx/testing'
import { expect, test } from 'vitest'
import { app, DEV_AUTH_TOKEN } from '../../examples/app.js'

// Recorded in the call console (twiml-jsx dev): the same call and inputs, the transcript it gave.
test('a call to /ivr/hours', async () => {
  const inputs: CallInput[] = []
  const call = await simulateCall(app, {
    url: '/ivr/hours',
    to: '+15550009999',
    authToken: DEV_AUTH_TOKEN,
    decide: () => inputs.shift(),
  })
  expect(call.transcript()).toMatchInlineSnapshot(\`
    "POST /ivr/hours
      Say "We are open Monday to Friday, nine to five."
      Pause 1s
      Hangup
    Call ended: hangup"
  \`)
})
`)
  })
})

describe('an app that changes while the console runs', () => {
  test('every call asks the source for the app; what it reloaded is reported with the call', async () => {
    let version = 1
    const make = (text: string) => {
      const app = new Hono()
      app.post('/voice', (c) =>
        twiml(
          c,
          <Response>
            <Say>{text}</Say>
          </Response>,
        ),
      )
      return app
    }
    const console_ = devConsole({
      load: () =>
        version === 1 ? { app: make('Version one.') } : { app: make('Version two.'), reloaded: ['app.tsx'] },
    })
    const first = await place(console_, { url: '/voice' })
    expect(first.reloaded).toBeUndefined()
    version = 2
    const second = await place(console_, { url: '/voice' })
    expect(second.reloaded).toEqual(['app.tsx'])
    const said = async (id: string) =>
      (await json(console_.request(`/api/calls/${id}`))).entries
        .filter((e: TimelineEntry) => e.event.type === 'say')
        .map((e: TimelineEntry) => e.line)
    expect(await said(first.id)).toEqual(['Say "Version one."'])
    expect(await said(second.id)).toEqual(['Say "Version two."'])
  })

  test('an app that fails to load: the page is told why, and calls are refused with the reason', async () => {
    const console_ = devConsole({
      load: () => {
        throw new Error('could not reload app.tsx: Unexpected token')
      },
    })
    expect(await json(console_.request('/api/app'))).toMatchObject({
      routes: [],
      error: 'could not reload app.tsx: Unexpected token',
    })
    const refused = await post(console_, '/api/calls', { call: { url: '/voice' } })
    expect([refused.status, (await json(refused)).error]).toEqual([500, 'could not reload app.tsx: Unexpected token'])
  })
})
