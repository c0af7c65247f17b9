/**
 * Media Streams messages: Twilio's documented examples parse to themselves, malformed ones give an
 * error naming each field, what you send is checked.
 * https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
import { checkStreamOutbound, parseStreamMessage, parseStreamReply } from 'twiml-jsx/realtime'
import { describe, expect, test } from 'vitest'

const SID = 'MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'

// The examples on Twilio's page (payloads, abbreviated there, made whole base64 here).
const DOCUMENTED = {
  connected: { event: 'connected', protocol: 'Call', version: '1.0.0' },
  start: {
    event: 'start',
    sequenceNumber: '1',
    start: {
      accountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      streamSid: SID,
      callSid: 'CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      tracks: ['inbound'],
      mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      customParameters: { FirstName: 'Jane', LastName: 'Doe', RemoteParty: 'Bob' },
    },
    streamSid: SID,
  },
  media: {
    event: 'media',
    sequenceNumber: '4',
    media: { track: 'inbound', chunk: '2', timestamp: '5', payload: 'no+JhoaJjpzS' },
    streamSid: SID,
  },
  dtmf: { event: 'dtmf', streamSid: SID, sequenceNumber: '5', dtmf: { track: 'inbound_track', digit: '1' } },
  mark: { event: 'mark', sequenceNumber: '4', streamSid: SID, mark: { name: 'my label' } },
  stop: {
    event: 'stop',
    sequenceNumber: '5',
    stop: { accountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', callSid: 'CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' },
    streamSid: SID,
  },
}

const issuesOf = (message: unknown) => {
  const result = parseStreamMessage(typeof message === 'string' ? message : JSON.stringify(message))
  if (result.ok) throw new Error(`expected a malformed message, parsed ${JSON.stringify(result.message)}`)
  return result.error.issues
}

describe('messages from Twilio', () => {
  test.each(Object.entries(DOCUMENTED))('the documented %s message parses to itself', (_event, message) => {
    expect(parseStreamMessage(JSON.stringify(message))).toEqual({ ok: true, message })
  })

  test('an outbound-track media message and a start with both tracks parse', () => {
    const media = { ...DOCUMENTED.media, media: { ...DOCUMENTED.media.media, track: 'outbound' } }
    expect(parseStreamMessage(JSON.stringify(media)).ok).toBe(true)
    const start = { ...DOCUMENTED.start, start: { ...DOCUMENTED.start.start, tracks: ['inbound', 'outbound'] } }
    expect(parseStreamMessage(JSON.stringify(start)).ok).toBe(true)
  })

  test('counters are strings of digits, as Twilio writes them', () => {
    expect(issuesOf({ ...DOCUMENTED.mark, sequenceNumber: 4 })).toEqual([
      { path: 'sequenceNumber', message: 'must be a string of digits, got 4' },
    ])
    expect(issuesOf({ ...DOCUMENTED.media, media: { ...DOCUMENTED.media.media, chunk: 'two' } })).toEqual([
      { path: 'media.chunk', message: 'must be a string of digits, got "two"' },
    ])
  })

  test('the payload must be base64', () => {
    expect(issuesOf({ ...DOCUMENTED.media, media: { ...DOCUMENTED.media.media, payload: 'not base64!' } })).toEqual([
      { path: 'media.payload', message: 'must be base64 text (standard alphabet, padded), got "not base64!"' },
    ])
  })

  test('the media format is the one Twilio documents, each field named', () => {
    const start = {
      ...DOCUMENTED.start,
      start: { ...DOCUMENTED.start.start, mediaFormat: { encoding: 'audio/l16', sampleRate: 16000, channels: 1 } },
    }
    expect(issuesOf(start)).toEqual([
      { path: 'start.mediaFormat.encoding', message: 'must be "audio/x-mulaw", got "audio/l16"' },
      { path: 'start.mediaFormat.sampleRate', message: 'must be 8000, got 16000' },
    ])
  })

  test('tracks and nested objects are checked item by item', () => {
    expect(
      issuesOf({ ...DOCUMENTED.start, start: { ...DOCUMENTED.start.start, tracks: ['inbound', 'both'] } }),
    ).toEqual([{ path: 'start.tracks[1]', message: 'must be one of "inbound", "outbound", got "both"' }])
    expect(issuesOf({ ...DOCUMENTED.dtmf, dtmf: { track: 'outbound_track', digit: '1' } })).toEqual([
      { path: 'dtmf.track', message: 'must be "inbound_track", got "outbound_track"' },
    ])
    expect(issuesOf({ ...DOCUMENTED.stop, stop: 'CA1' })).toEqual([
      { path: 'stop', message: 'must be an object, got "CA1"' },
    ])
    const { streamSid: _, ...withoutSid } = DOCUMENTED.media
    expect(issuesOf(withoutSid)).toEqual([{ path: 'streamSid', message: 'is required' }])
  })

  test('an unknown event lists the known ones', () => {
    expect(issuesOf({ event: 'clear', streamSid: SID })).toEqual([
      { path: 'event', message: 'must be one of "connected", "start", "media", "dtmf", "mark", "stop", got "clear"' },
    ])
  })
})

describe('messages to Twilio', () => {
  test.each([
    { event: 'media', streamSid: SID, media: { payload: 'a3242sa=' } },
    { event: 'mark', streamSid: SID, mark: { name: 'my label' } },
    { event: 'clear', streamSid: SID },
  ])('the documented $event message passes', (message) => {
    expect(checkStreamOutbound(message)).toEqual({ ok: true, message })
  })

  test.each([
    [{ event: 'media', streamSid: SID, media: {} }, '"media" message: media.payload is required'],
    [{ event: 'mark', mark: { name: 'x' } }, '"mark" message: streamSid is required'],
    [{ event: 'clear', streamSid: '' }, '"clear" message: streamSid must be a non-empty string, got ""'],
    [{ event: 'stop', streamSid: SID }, 'message: event must be one of "media", "mark", "clear", got "stop"'],
  ])('%j is refused: %s', (message, problem) => {
    const result = checkStreamOutbound(message)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toBe(`Cannot send Media Streams ${problem}`)
  })

  test('a reply as Twilio receives it parses', () => {
    expect(parseStreamReply(`{"event":"clear","streamSid":"${SID}"}`)).toEqual({
      ok: true,
      message: { event: 'clear', streamSid: SID },
    })
  })
})
