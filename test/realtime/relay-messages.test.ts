/**
 * ConversationRelay messages: Twilio's documented examples parse to themselves; malformed ones
 * give an error naming each field, never a throw; what you send is checked against the page's
 * "Validation rules" column. https://www.twilio.com/docs/voice/conversationrelay/websocket-messages
 */
import { checkRelayOutbound, parseRelayMessage, parseRelayReply, RealtimeError } from 'twiml-jsx/realtime'
import { describe, expect, test } from 'vitest'

// The examples on Twilio's page, verbatim.
const DOCUMENTED = {
  setup: {
    type: 'setup',
    sessionId: 'VX00000000000000000000000000000000',
    accountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    parentCallSid: '',
    callSid: 'CA00000000000000000000000000000000',
    from: '+18005550100',
    to: '+18005550101',
    forwardedFrom: '+18005550102',
    callType: 'PSTN',
    callerName: '',
    direction: 'inbound',
    callStatus: 'RINGING',
    customParameters: { callReference: 'bar' },
  },
  prompt: { type: 'prompt', voicePrompt: 'Hi! Can you tell me about life?', lang: 'en-US', last: true },
  dtmf: { type: 'dtmf', digit: '1' },
  interrupt: { type: 'interrupt', utteranceUntilInterrupt: 'Life is a complex set of', durationUntilInterruptMs: 460 },
  error: { type: 'error', description: 'Invalid message received: { "foo" : "bar" }' },
}

const issuesOf = (data: unknown) => {
  const result = parseRelayMessage(data)
  if (result.ok) throw new Error(`expected a malformed message, parsed ${JSON.stringify(result.message)}`)
  return { kind: result.error.kind, type: result.error.messageType, issues: result.error.issues }
}

describe('messages from Twilio', () => {
  test.each(Object.entries(DOCUMENTED))('the documented %s message parses to itself', (_type, message) => {
    expect(parseRelayMessage(JSON.stringify(message))).toEqual({ ok: true, message })
  })

  test('durationUntilInterruptMs written as a string (as one version of the page shows it) reads as a number', () => {
    const result = parseRelayMessage(
      '{"type":"interrupt","utteranceUntilInterrupt":"Life is a complex set of","durationUntilInterruptMs":"460"}',
    )
    expect(result).toEqual({ ok: true, message: { ...DOCUMENTED.interrupt, durationUntilInterruptMs: 460 } })
  })

  test('a partial prompt keeps last: false', () => {
    const partial = { type: 'prompt', voicePrompt: 'Hi! Can you', lang: 'en-US', last: false }
    expect(parseRelayMessage(JSON.stringify(partial))).toEqual({ ok: true, message: partial })
  })

  test('a debug info message parses with its name and value', () => {
    const info = { type: 'info', name: 'tokensPlayed', value: 'Hello' }
    expect(parseRelayMessage(JSON.stringify(info))).toEqual({ ok: true, message: info })
  })

  test('fields Twilio adds later are kept, untyped', () => {
    const message = { ...DOCUMENTED.prompt, turnState: { eot: true } }
    expect(parseRelayMessage(JSON.stringify(message))).toEqual({ ok: true, message })
  })

  test('a field of the wrong kind is named with what it must be', () => {
    expect(issuesOf('{"type":"prompt","voicePrompt":42,"lang":"en-US","last":"yes"}')).toEqual({
      kind: 'malformed',
      type: 'prompt',
      issues: [
        { path: 'voicePrompt', message: 'must be a string, got 42' },
        { path: 'last', message: 'must be true or false, got "yes"' },
      ],
    })
  })

  test('a missing field is required', () => {
    expect(issuesOf('{"type":"dtmf"}').issues).toEqual([{ path: 'digit', message: 'is required' }])
    const { callSid: _, ...setup } = DOCUMENTED.setup
    expect(issuesOf(JSON.stringify(setup)).issues).toEqual([{ path: 'callSid', message: 'is required' }])
  })

  test('custom parameters must be strings, each named', () => {
    expect(issuesOf(JSON.stringify({ ...DOCUMENTED.setup, customParameters: { a: 'x', b: 2 } })).issues).toEqual([
      { path: 'customParameters.b', message: 'must be a string, got 2' },
    ])
  })

  test('an unknown type lists the known ones', () => {
    expect(issuesOf('{"type":"hello"}')).toEqual({
      kind: 'malformed',
      type: undefined,
      issues: [
        {
          path: 'type',
          message: 'must be one of "setup", "prompt", "dtmf", "interrupt", "error", "info", got "hello"',
        },
      ],
    })
  })

  test('text that is not JSON, JSON that is not an object, and binary frames are malformed, with a message', () => {
    const notJson = parseRelayMessage('{nope')
    expect(notJson.ok).toBe(false)
    if (!notJson.ok) {
      expect(notJson.error).toBeInstanceOf(RealtimeError)
      expect(notJson.error.message).toMatch(/^Invalid ConversationRelay message: not valid JSON \(/)
      expect(notJson.error.raw).toBe('{nope')
    }
    expect(issuesOf('[1,2]').issues).toEqual([{ path: '', message: 'not a JSON object with a "type" field' }])
    expect(issuesOf('null').issues).toEqual([{ path: '', message: 'not a JSON object with a "type" field' }])
    expect(issuesOf(new ArrayBuffer(4)).issues).toEqual([
      { path: '', message: 'a binary frame; the protocol sends JSON in text frames' },
    ])
  })

  test('the error message lists every problem on its own line', () => {
    const result = parseRelayMessage('{"type":"prompt"}')
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.message).toBe(
        'Invalid ConversationRelay "prompt" message, 3 problems:\n  voicePrompt is required\n  lang is required\n  last is required',
      )
    }
  })

  test('parsing never throws, whatever the input', () => {
    for (const input of [
      '',
      '""',
      '1',
      'true',
      '{"type":null}',
      '{"type":{}}',
      '{"__proto__":{"type":"x"}}',
      undefined,
      7,
    ]) {
      expect(() => parseRelayMessage(input)).not.toThrow()
      expect(parseRelayMessage(input).ok).toBe(false)
    }
  })
})

describe('messages to Twilio', () => {
  test.each([
    { type: 'text', token: 'Hello world!', last: false, interruptible: false, preemptible: false },
    { type: 'text', token: '' },
    { type: 'play', source: 'https://api.twilio.com/cowbell.mp3', loop: 1, preemptible: false, interruptible: true },
    { type: 'play', source: 'https://api.twilio.com/cowbell.mp3', loop: 0 },
    { type: 'sendDigits', digits: '9www4085551212' },
    { type: 'language', ttsLanguage: 'sv-SE', transcriptionLanguage: 'en-US' },
    { type: 'language', ttsLanguage: 'sv-SE' },
    {
      type: 'end',
      handoffData: '{"reasonCode":"live-agent-handoff", "reason": "The caller wants to talk to a real person"}',
    },
    { type: 'end' },
  ])('the documented $type message passes', (message) => {
    expect(checkRelayOutbound(message)).toEqual({ ok: true, message })
  })

  test.each([
    [{ type: 'text' }, 'token is required'],
    [{ type: 'text', token: null }, 'token must be a string, got null'],
    [{ type: 'text', token: 'Hi', last: 'true' }, 'last must be true or false, got "true"'],
    [{ type: 'play', source: 'cowbell.mp3' }, 'source must be an absolute http(s) URL, got "cowbell.mp3"'],
    [
      { type: 'play', source: 'https://example.com/a.mp3', loop: -1 },
      'loop must be a whole number of at least 0, got -1',
    ],
    [{ type: 'sendDigits', digits: '' }, 'digits must be one or more of 0-9, w, #, *, got ""'],
    [{ type: 'sendDigits', digits: '12a' }, 'digits must be one or more of 0-9, w, #, *, got "12a"'],
    [{ type: 'language' }, 'needs ttsLanguage, transcriptionLanguage or both'],
    [{ type: 'end', handoffData: { reason: 'x' } }, 'handoffData must be a string, got {"reason":"x"}'],
  ])('%j is refused: %s', (message, problem) => {
    const result = checkRelayOutbound(message)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-outbound')
      expect(result.error.message).toBe(`Cannot send ConversationRelay "${message.type}" message: ${problem}`)
    }
  })

  test('a reply as Twilio receives it parses to the typed message', () => {
    expect(parseRelayReply('{"type":"text","token":"Hi","last":true}')).toEqual({
      ok: true,
      message: { type: 'text', token: 'Hi', last: true },
    })
    expect(parseRelayReply('{"type":"say"}').ok).toBe(false)
  })
})
