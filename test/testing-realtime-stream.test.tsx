/**
 * `<Connect><Stream>` in the simulator: a bidirectional Media Stream to the app's socket,
 * in-process. The caller's audio goes as 20 ms μ-law frames on the virtual clock (from a WAV file
 * or silence), keys as `dtmf`; the app's audio plays on the same clock and its marks come back once
 * played. https://www.twilio.com/docs/voice/twiml/stream,
 * https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
import { describe, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../examples/app.js'
import { encodeBase64, encodeMulaw, encodeWav, FRAME_BYTES, frames } from '../src/realtime/index.js'
import { inputChoices, simulateCall, startCall } from '../src/testing/index.js'
import { rawSocketApp, streamApp, TOKEN } from './support/realtime-app.js'

/** `ms` of a 440 Hz tone, 8 kHz 16-bit PCM. */
function tone(ms: number): Int16Array {
  const samples = new Int16Array((ms * 8000) / 1000)
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000))
  return samples
}

type Message = Record<string, unknown> & { event?: string }
const messages = (
  call: { messages: readonly { direction: string; message: object }[] },
  direction: 'to-app' | 'from-app',
) => call.messages.filter((m) => m.direction === direction).map((m) => m.message as Message)

describe('the example echo', () => {
  test('a WAV file goes as 20 ms frames; every frame comes back, followed by a mark that is echoed once played', async () => {
    const pcm = tone(100)
    const call = await simulateCall(exampleApp, {
      url: '/echo',
      authToken: DEV_AUTH_TOKEN,
      stream: {
        turns: [
          { kind: 'audio', wav: encodeBase64(encodeWav(pcm)) },
          { kind: 'advance', seconds: 1 },
        ],
        hangup: true,
      },
    })
    expect(call.transcript()).toBe(
      [
        'POST /echo',
        '  Say "You will hear yourself. Hang up when you are done."',
        '  Connect Stream ws://localhost/echo/ws (echo)',
        '    Media stream started (caller=+15017122661)',
        '    Caller sends 100 ms of audio (5 frames)',
        '    App sends 5 audio messages (100 ms), marks echo-1, echo-2 … echo-5 (5); marks played: echo-1, echo-2 … echo-5 (5)',
        '    Caller hangs up',
        '    Session ended: the caller hung up',
        'POST /echo/ended',
        'Call ended: caller hung up',
      ].join('\n'),
    )
    const toApp = messages(call, 'to-app')
    const streamSid = 'MZ00000000000000000000000000000002'
    expect(toApp.slice(0, 2)).toEqual([
      { event: 'connected', protocol: 'Call', version: '1.0.0' },
      {
        event: 'start',
        sequenceNumber: '1',
        start: {
          streamSid,
          accountSid: `AC${'0'.repeat(32)}`,
          callSid: call.sid,
          tracks: ['inbound'],
          customParameters: { caller: '+15017122661' },
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
        streamSid,
      },
    ])
    // The caller's frames: the WAV's samples as μ-law, 160 bytes each, numbered, 20 ms apart.
    const expected = frames(encodeMulaw(pcm)).map(encodeBase64)
    const media = toApp.filter((m) => m.event === 'media')
    expect(media).toEqual(
      expected.map((payload, i) => ({
        event: 'media',
        sequenceNumber: expect.any(String),
        media: { track: 'inbound', chunk: String(i + 1), timestamp: String(i * 20), payload },
        streamSid,
      })),
    )
    expect(toApp.slice(1).map((m) => m.sequenceNumber)).toEqual(toApp.slice(1).map((_, i) => String(i + 1)))
    // The app's side: each frame back, then its mark.
    expect(messages(call, 'from-app')).toEqual(
      expected.flatMap((payload, i) => [
        { event: 'media', streamSid, media: { payload } },
        { event: 'mark', streamSid, mark: { name: `echo-${i + 1}` } },
      ]),
    )
    // Marks come back as their audio has played: 20 ms after each frame arrived.
    expect(
      call.messages
        .filter((m) => m.direction === 'to-app' && (m.message as Message).event === 'mark')
        .map((m) => [m.at, (m.message as { mark: { name: string } }).mark.name]),
    ).toEqual([
      [0.04, 'echo-1'],
      [0.06, 'echo-2'],
      [0.08, 'echo-3'],
      [0.1, 'echo-4'],
      [0.12, 'echo-5'],
    ])
    expect(toApp.at(-1)).toEqual({
      event: 'stop',
      sequenceNumber: String(toApp.length - 1),
      stop: { accountSid: `AC${'0'.repeat(32)}`, callSid: call.sid },
      streamSid,
    })
    expect(call.requestsTo('/echo/ended')[0]?.params.CallStatus).toBe('completed')
  })

  test('steered: the wait says what is buffered; its deadline is the next mark; keys go as dtmf', async () => {
    const call = startCall(exampleApp, { url: '/echo', authToken: DEV_AUTH_TOKEN })
    const first = await call.nextWait()
    expect(first).toMatchObject({ kind: 'stream', framesSent: 0, bufferedMs: 0, pendingMarks: [], name: 'echo' })
    expect(first).not.toHaveProperty('deadline')
    expect(inputChoices(first!)).toEqual([
      { kind: 'audio', silenceMs: 1000 },
      { kind: 'press', digits: '1' },
      { kind: 'hangup' },
    ])
    await call.sendAudio(40)
    expect(call.waitingFor).toMatchObject({ framesSent: 2, bufferedMs: 20, pendingMarks: ['echo-2'], deadline: 0.06 })
    await call.press('5#')
    await call.advance(0.5)
    expect(call.waitingFor).toMatchObject({ pendingMarks: [], bufferedMs: 0 })
    expect(call.now).toBe(0.54)
    // start 1, media 2, mark echo-1 3 (played before the second frame), media 4; then the keys.
    expect(messages(call, 'to-app').filter((m) => m.event === 'dtmf')).toEqual([
      {
        event: 'dtmf',
        streamSid: 'MZ00000000000000000000000000000002',
        sequenceNumber: '5',
        dtmf: { track: 'inbound_track', digit: '5' },
      },
      {
        event: 'dtmf',
        streamSid: 'MZ00000000000000000000000000000002',
        sequenceNumber: '6',
        dtmf: { track: 'inbound_track', digit: '#' },
      },
    ])
    await call.hangup()
    expect(call.transcript().split('\n').slice(4)).toEqual([
      '    Caller sends 40 ms of silence (2 frames)',
      '    App sends 2 audio messages (40 ms), marks echo-1, echo-2; marks played: echo-1',
      '    Caller presses 5#',
      '    Marks played: echo-2',
      '    Caller hangs up',
      '    Session ended: the caller hung up',
      'POST /echo/ended',
      'Call ended: caller hung up',
    ])
  })

  test('audio that is not 8 kHz mono is refused with the reason; the stream keeps waiting', async () => {
    const call = await simulateCall(exampleApp, { url: '/echo', authToken: DEV_AUTH_TOKEN })
    await expect(call.sendAudio(encodeWav(tone(20), { sampleRate: 16000 }))).rejects.toThrow(
      'audio(): WAV: 16000 Hz; Media Streams audio is 8000 Hz (resample it first)',
    )
    await expect(call.sendAudio(new Uint8Array([1, 2, 3]))).rejects.toThrow(
      'audio(): WAV: not a RIFF/WAVE file (it must start with "RIFF" and "WAVE")',
    )
    await expect(call.speak('hello')).rejects.toThrow(
      'speak("hello"): the call is streaming: send audio, press keys, hang up or advance',
    )
    expect(call.waitingFor?.kind).toBe('stream')
  })
})

describe("the app's side of a stream", () => {
  test('clear drops the buffered audio and sends every pending mark back at once', async () => {
    const app = streamApp((stream) => {
      stream.on('start', () => {
        stream.sendAudio(new Uint8Array(8000).fill(0xff)) // 1 s
        stream.mark('greeting')
        stream.sendAudio(new Uint8Array(FRAME_BYTES).fill(0xff))
        stream.mark('after')
      })
      stream.on('dtmf', () => stream.clear())
    })
    const call = startCall(app, { url: '/voice', authToken: TOKEN })
    expect(await call.nextWait()).toMatchObject({ bufferedMs: 1020, pendingMarks: ['greeting', 'after'], deadline: 1 })
    await call.advance(0.2)
    await call.press('1')
    expect(call.waitingFor).toMatchObject({ bufferedMs: 0, pendingMarks: [] })
    expect(call.events.filter((e) => e.type === 'stream-clear')).toEqual([
      { leg: 'caller', depth: 2, type: 'stream-clear', droppedMs: 820 },
    ])
    await call.hangup()
    expect(call.transcript().split('\n').slice(3, 7)).toEqual([
      '    App sends 2 audio messages (1020 ms), marks greeting, after',
      '    Caller presses 1',
      '    App sends clear; marks cleared: greeting, after',
      '    Caller hangs up',
    ])
  })

  test('the app closes its socket: the stream ends, the Connect action runs; statusCallback hears start and stop', async () => {
    const app = streamApp((stream) => stream.on('dtmf', () => stream.close()), {
      name: 'bot',
      statusCallback: '/stream-status',
      parameters: { ticket: '42' },
    })
    const call = await simulateCall(app, {
      url: '/voice',
      authToken: TOKEN,
      stream: {
        turns: [
          { kind: 'audio', silenceMs: 3000 },
          { kind: 'press', digits: '9' },
        ],
      },
    })
    expect(call.transcript()).toBe(
      [
        'POST /voice',
        '  Connect Stream ws://localhost/ws (bot)',
        '    Media stream started (ticket=42)',
        '    Caller sends 3000 ms of silence (150 frames)',
        '    Caller presses 9',
        '    Session ended: the app closed its socket',
        'POST /after',
        '  Say "After the session: stream."',
        'Call ended: end of document',
      ].join('\n'),
    )
    expect(call.requestsTo('/stream-status').map((r) => r.params)).toEqual([
      {
        AccountSid: `AC${'0'.repeat(32)}`,
        CallSid: call.sid,
        StreamSid: 'MZ00000000000000000000000000000002',
        StreamName: 'bot',
        StreamEvent: 'stream-started',
        Timestamp: 'Wed, 01 Jan 2025 00:00:00 +0000',
      },
      {
        AccountSid: `AC${'0'.repeat(32)}`,
        CallSid: call.sid,
        StreamSid: 'MZ00000000000000000000000000000002',
        StreamName: 'bot',
        StreamEvent: 'stream-stopped',
        Timestamp: 'Wed, 01 Jan 2025 00:00:03 +0000',
      },
    ])
  })

  test('messages Twilio would reject — not JSON, another stream\'s SID — are "!" lines; the stream goes on', async () => {
    const app = rawSocketApp('Media Streams', (socket, text) => {
      const message = JSON.parse(text) as { event: string }
      if (message.event !== 'dtmf') return
      socket.send('nope')
      socket.send(JSON.stringify({ event: 'mark', streamSid: 'MZ-someone-else', mark: { name: 'x' } }))
      socket.send(JSON.stringify({ event: 'media', streamSid: 'MZ00000000000000000000000000000002' }))
      socket.close()
    })
    const call = await simulateCall(app, { url: '/voice', stream: { turns: [{ kind: 'press', digits: '1' }] } })
    expect(call.transcript().split('\n').slice(3)).toEqual([
      '    Caller presses 1',
      expect.stringMatching(
        /^ {4}! the app sent a message Twilio would reject: Invalid Media Streams message: not valid JSON/,
      ),
      '    ! the app sent a message Twilio would reject: "mark" for stream MZ-someone-else, not this stream (MZ00000000000000000000000000000002): dropped',
      '    ! the app sent a message Twilio would reject: Invalid Media Streams "media" message: media is required',
      '    Session ended: the app closed its socket',
      'POST /after',
      '  Say "After the session: stream."',
      'Call ended: end of document',
    ])
  })
})
