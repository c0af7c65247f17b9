/**
 * Recording real traffic and replaying it as a regression test: the example app's calls are
 * recorded through recordWebhooks() (scrubbed), replayed against the same app with zero differences,
 * and against a copy with one route changed, where the replay points at exactly that route.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, describe, expect, test } from 'vitest'
import { app, DEV_AUTH_TOKEN } from '../examples/app.js'
import { twiml } from '../src/hono/index.js'
import { Hangup, Response, Say } from '../src/index.js'
import {
  type RecordedWebhook,
  type RecordWebhooksOptions,
  recordWebhooks,
  replayCalls,
  type SimulateCallOptions,
  simulateCall,
} from '../src/testing/index.js'
import { signTwilioRequest } from '../src/webhook/index.js'

/** The example app behind the recorder; returns the app and the lines it wrote. */
function recorded(options: Omit<RecordWebhooksOptions, 'sink'> = {}) {
  const lines: string[] = []
  const recorder = new Hono()
  recorder.use('*', recordWebhooks({ ...options, sink: (line) => void lines.push(line) }))
  recorder.route('/', app)
  return { recorder, lines }
}

/** A day of traffic: every example flow, driven as Twilio would drive it. */
async function traffic(target: Hono) {
  let calls = 0
  const call = (url: string, options: Omit<SimulateCallOptions, 'url'> = {}) =>
    simulateCall(target, {
      url,
      authToken: DEV_AUTH_TOKEN,
      // Each call its own SID, as in production (the simulator's default is the same in every call).
      callSid: `CA${(++calls).toString(16).padStart(32, 'f')}`,
      from: '+14155550123',
      params: { CallerName: 'Ada Lovelace' },
      ...options,
    })
  const ivr = await call('/ivr', { record: { duration: 14, key: '#', transcription: 'Call Ada back' } })
  await ivr.press('2')
  const hours = await call('/ivr')
  await hours.silence()
  await hours.press('3')
  const sales = await call('/ivr', { queue: { sales: { waits: 2 } } })
  await sales.speak('sales please', 0.8)
  await call('/sip/sequential', { dial: { 'sip:alice@example.com': 'no-answer', 'sip:bob@example.com': 486 } })
  await call('/sip/screened', { dial: { 'sip:kate@example.com': { press: '1', duration: 95 } } })
  await call('/sip/parallel', { dial: { 'sip:alice-desk@example.com': { ringFor: 2 } } })
  await call('/stream')
  await target.request(
    await signTwilioRequest(DEV_AUTH_TOKEN, {
      url: 'http://localhost/sms',
      params: { MessageSid: `SM${'a'.repeat(32)}`, From: '+14155550123', To: '+15558675310', Body: 'hours' },
    }),
  )
}

describe('recording the example app', () => {
  test('every webhook becomes one JSON line; phone numbers, names, SIDs and recording URLs are scrubbed', async () => {
    const { recorder, lines } = recorded()
    await traffic(recorder)
    const text = lines.join('\n')
    expect(lines.length).toBe(29)
    for (const secret of ['+14155550123', 'Ada', 'Lovelace', `SM${'a'.repeat(32)}`, 'api.twilio.com']) {
      expect(text).not.toContain(secret)
    }
    const records = lines.map((line) => JSON.parse(line) as RecordedWebhook)
    const first = records[0]!
    expect(first).toMatchObject({
      v: 1,
      method: 'POST',
      url: 'http://localhost/ivr',
      status: 200,
      contentType: 'text/xml; charset=utf-8',
      scrubbed: true,
      params: {
        CallSid: expect.stringMatching(/^CA0{31}1$/),
        AccountSid: expect.stringMatching(/^AC0{31}1$/),
        From: '+15550000001',
        To: '+15550000002',
        CallerName: 'Name 1',
      },
    })
    expect(first.body).toContain('Thanks for calling <emphasis level="moderate">Example Corp</emphasis>.')
    // A placeholder stands for the same value everywhere: the saved recording's SID in the action is
    // the one of its callbacks, and a screened leg's requests belong to their parent call.
    const saved = records.find((r) => r.url.endsWith('/voicemail/saved'))!
    const status = records.find((r) => r.url.endsWith('/voicemail/status'))!
    expect(status.params.RecordingSid).toBe(saved.params.RecordingSid)
    expect(saved.params.RecordingUrl).toMatch(/^https:\/\/scrubbed\.invalid\/recordingurl\/\d+$/)
    const screening = records.find((r) => r.url.endsWith('/sip/screening'))!
    expect(screening.params.To).toBe('sip:user-1@scrubbed.invalid')
    expect(screening.call).toBe(screening.params.ParentCallSid)
    expect(records.filter((r) => r.call === screening.call).map((r) => new URL(r.url).pathname)).toEqual([
      '/sip/screened',
      '/sip/screening',
      '/sip/screening/decision',
      '/sip/after-dial',
    ])
  })

  test('scrub: false records the traffic as it was; the index page (no CallSid) is not recorded', async () => {
    const { recorder, lines } = recorded({ scrub: false })
    await traffic(recorder)
    await recorder.request('http://localhost/')
    expect(lines.join('\n')).toContain('"From":"+14155550123"')
    expect(lines.every((l) => !l.includes('"url":"http://localhost/"'))).toBe(true)
  })
})

describe('replaying the recording', () => {
  test('the same app answers every request as recorded: zero differences', async () => {
    const { recorder, lines } = recorded()
    await traffic(recorder)
    const report = await replayCalls(app, lines, { authToken: DEV_AUTH_TOKEN })
    expect(report.differences).toEqual([])
    expect(report.calls.map((c) => c.requests).reduce((a, b) => a + b)).toBe(lines.length)
    expect(report.calls).toHaveLength(8)
    expect(report.format().split('\n')[0]).toMatch(/^CA0+1: \d+ requests, as recorded$/)
  })

  test('a change in one route is reported there, and only there', async () => {
    const { recorder, lines } = recorded()
    await traffic(recorder)
    const changed = new Hono()
    changed.post('/ivr/hours', (c) =>
      twiml(
        c,
        <Response>
          <Say>We are open every day.</Say>
          <Hangup />
        </Response>,
      ),
    )
    changed.route('/', app)
    const report = await replayCalls(changed, lines, { authToken: DEV_AUTH_TOKEN })
    expect(report.differences.map((d) => d.path)).toEqual(['/ivr/hours'])
    expect(report.differences[0]!.diff).toEqual([
      '-   <Say voice="Polly.Joanna-Neural">We are open <prosody rate="slow">Monday to Friday, nine to five</prosody>.</Say>',
      '-   <Pause length="1"/>',
      '+   <Say>We are open every day.</Say>',
    ])
    expect(report.calls.filter((c) => c.differences.length > 0)).toHaveLength(1)
    expect(report.format()).toContain('POST /ivr/hours (line')
  })

  test('unsigned or signed with another token, the app refuses the replay: reported as a changed status', async () => {
    const { recorder, lines } = recorded()
    await traffic(recorder)
    const report = await replayCalls(app, lines.slice(0, 1), { authToken: 'wrong-token' })
    expect(report.differences[0]!.diff.slice(0, 2)).toEqual(['- HTTP 200', '+ HTTP 403'])
  })
})

describe('recording to a file and replaying from it (Node)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twiml-jsx-replay-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('file appends JSON lines; replayCalls reads the path', async () => {
    const file = join(dir, 'traffic.jsonl')
    const recorder = new Hono()
    recorder.use('*', recordWebhooks({ file }))
    recorder.route('/', app)
    await traffic(recorder)
    const text = readFileSync(file, 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    expect(
      text
        .trim()
        .split('\n')
        .every((l) => JSON.parse(l).v === 1),
    ).toBe(true)
    const report = await replayCalls(app, file, { authToken: DEV_AUTH_TOKEN })
    expect(report.differences).toEqual([])
  })

  test('a line that is not a recorded webhook is a clear error', async () => {
    await expect(replayCalls(app, '{"v":1}\n')).rejects.toThrow(
      'replayCalls: line 1 is not a recorded webhook (v 1 with method and url)',
    )
    await expect(replayCalls(app, ['not json'])).rejects.toThrow('replayCalls: line 1 is not JSON: not json')
  })
})
