/**
 * `<Connect><ConversationRelay>` in the simulator: the app's socket opens in-process, the test is
 * the caller (prompts, keys, interrupts, hang-ups), the app's text becomes transcript lines, and
 * `end` hands the call back to the `<Connect action>` with Twilio's parameters.
 * https://www.twilio.com/docs/voice/twiml/connect/conversationrelay,
 * https://www.twilio.com/docs/voice/conversationrelay/websocket-messages
 */
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { ADDRESS, GREETING, HANDOFF_REASON, HOURS, MENU } from '../examples/agent.js'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../examples/app.js'
import { twiml } from '../src/hono/index.js'
import { Connect, ConversationRelay, Response, Say } from '../src/index.js'
import {
  type CallEvent,
  CallSimulationError,
  inputChoices,
  type SimulateCallOptions,
  simulateCall,
  startCall,
} from '../src/testing/index.js'
import { rawSocketApp, relayApp, TOKEN } from './support/realtime-app.js'

const agentCall = (options: Partial<SimulateCallOptions> = {}) =>
  simulateCall(exampleApp, { url: '/agent', authToken: DEV_AUTH_TOKEN, ...options })

/** The messages of the call's sessions, one direction, as plain data. */
const sent = (
  call: { messages: readonly { direction: string; message: object }[] },
  direction: 'to-app' | 'from-app',
) => call.messages.filter((m) => m.direction === direction).map((m) => m.message)

describe('the example agent, end to end', () => {
  test('prompts, a key and "human": the handoff ends the session, /agent/handoff dials a person', async () => {
    const call = await agentCall()
    expect(call.waitingFor).toMatchObject({ kind: 'relay', dtmfDetection: true, partialPrompts: false, turns: 0 })
    await call.say('menu')
    await call.press('2')
    await call.say('Can I talk to a human?')
    expect(call.transcript()).toBe(
      [
        'POST /agent',
        '  Connect ConversationRelay ws://localhost/agent/ws',
        '    ConversationRelay session started (caller=+15017122661)',
        `    Agent says ${JSON.stringify(GREETING)} (welcome greeting)`,
        '    Caller says "menu"',
        `    Agent says ${JSON.stringify(MENU)}`,
        '    Caller presses 2',
        `    Agent says ${JSON.stringify(ADDRESS)}`,
        '    Caller says "Can I talk to a human?"',
        '    Session ended by the app, handoff {"reasonCode":"live-agent-handoff","reason":"The caller asked for a human"}',
        'POST /agent/handoff SessionDuration=0 SessionStatus=ended HandoffData="{\\"reasonCode\\":\\"live-agent-handoff\\",\\"reason\\":\\"The caller asked for a human\\"}"',
        '  Say "Connecting you to a person now."',
        '  Dial sip:support@example.com (timeout 30s)',
        '    sip:support@example.com: answered after 5s (SIP 200)',
        '    Connected to sip:support@example.com for 30s',
        '  Dial ended: completed',
        'Call ended: end of document',
      ].join('\n'),
    )
    // The Connect action: Twilio's standard parameters, then the session's.
    const [handoff] = call.requestsTo('/agent/handoff')
    expect(handoff?.params).toEqual({
      CallSid: call.sid,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: '+15017122661',
      To: '+15558675310',
      CallStatus: 'in-progress',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
      SessionId: 'VX00000000000000000000000000000002',
      SessionDuration: '0',
      SessionStatus: 'ended',
      HandoffData: JSON.stringify({ reasonCode: HANDOFF_REASON, reason: 'The caller asked for a human' }),
    })
  })

  test("Twilio's messages: setup with the call's data, whole prompts (last: true), one dtmf per key", async () => {
    const call = await agentCall({ params: { CallerName: 'Jane Doe', ForwardedFrom: '+15550001111' } })
    await call.say('hours please')
    await call.press('1')
    await call.say('human')
    expect(sent(call, 'to-app')).toEqual([
      {
        type: 'setup',
        sessionId: 'VX00000000000000000000000000000002',
        accountSid: `AC${'0'.repeat(32)}`,
        parentCallSid: '',
        callSid: call.sid,
        from: '+15017122661',
        to: '+15558675310',
        forwardedFrom: '+15550001111',
        callType: 'PSTN',
        callerName: 'Jane Doe',
        direction: 'inbound',
        callStatus: 'IN-PROGRESS',
        customParameters: { caller: '+15017122661' },
      },
      { type: 'prompt', voicePrompt: 'hours please', lang: 'en-US', last: true },
      { type: 'dtmf', digit: '1' },
      { type: 'prompt', voicePrompt: 'human', lang: 'en-US', last: true },
    ])
    // The app's answers, token by token; each turn ends with last: true, then the end.
    const fromApp = sent(call, 'from-app')
    expect(fromApp.filter((m) => 'last' in m && m.last).length).toBe(2)
    expect(fromApp.at(-1)).toEqual({ type: 'end', handoffData: expect.any(String) })
    const tokens = call.events.filter((e): e is Extract<CallEvent, { type: 'relay-text' }> => e.type === 'relay-text')
    expect(tokens.map((t) => t.token).join('')).toBe(HOURS + HOURS)
  })

  test('a list of caller turns in the options runs the same call as steering it turn by turn', async () => {
    // The person the handoff dials is busy, in both runs (scripted parties are decided, not waited for).
    const dial = { '*': 'busy' } as const
    const scripted = await agentCall({ dial, relay: { turns: ['menu', { kind: 'press', digits: '2' }, 'human'] } })
    const steered = startCall(exampleApp, { url: '/agent', authToken: DEV_AUTH_TOKEN, dial })
    await steered.nextWait()
    await steered.speak('menu')
    await steered.press('2')
    await steered.speak('human')
    await steered.finished()
    expect(scripted.ended).toBe(true)
    expect(steered.transcript()).toBe(scripted.transcript())
    expect(JSON.parse(JSON.stringify(steered.messages))).toEqual(scripted.messages)
  })

  test('the caller hangs up: the action is requested with SessionStatus=completed, its TwiML not run', async () => {
    const call = await agentCall({ relay: { turns: ['hello', { kind: 'advance', seconds: 12 }], hangup: true } })
    expect(call.transcript()).toBe(
      [
        'POST /agent',
        '  Connect ConversationRelay ws://localhost/agent/ws',
        '    ConversationRelay session started (caller=+15017122661)',
        `    Agent says ${JSON.stringify(GREETING)} (welcome greeting)`,
        '    Caller says "hello"',
        '    Agent says "You said: hello"',
        '    Caller hangs up',
        '    Session ended: the caller hung up',
        'POST /agent/handoff SessionDuration=12 SessionStatus=completed',
        'Call ended: caller hung up',
      ].join('\n'),
    )
    expect(call.requestsTo('/agent/handoff')[0]?.params.CallStatus).toBe('completed')
  })
})

describe('what the caller can do', () => {
  test('with partialPrompts, the utterance so far comes first, word by word, with last: false', async () => {
    const call = await simulateCall(
      relayApp((s) => s.on('prompt', (p) => p.last && s.text(`Heard ${p.voicePrompt}`, { last: true })), {
        partialPrompts: true,
        language: 'en-GB',
      }),
      { url: '/voice', authToken: TOKEN },
    )
    await call.say('I need help')
    expect(sent(call, 'to-app').slice(1)).toEqual([
      { type: 'prompt', voicePrompt: 'I', lang: 'en-GB', last: false },
      { type: 'prompt', voicePrompt: 'I need', lang: 'en-GB', last: false },
      { type: 'prompt', voicePrompt: 'I need help', lang: 'en-GB', last: true },
    ])
    expect(call.transcript().split('\n').slice(-3)).toEqual([
      '    Caller says "I need help"',
      '    Agent says "Heard I need help"',
      "    … waiting for the caller's turn (ConversationRelay)",
    ])
  })

  test("an interrupt carries what the agent had said; the caller's words follow as a prompt", async () => {
    const app = relayApp(
      (s) =>
        s.on('prompt', (p) => {
          // A long answer, cut off before its last token.
          if (p.voicePrompt === 'tell me a story') for (const word of ['Once ', 'upon ', 'a ']) s.text(word)
          else s.text(`OK: ${p.voicePrompt}`, { last: true })
        }),
      { welcomeGreeting: 'Hello!', welcomeGreetingInterruptible: 'none' },
    )
    const call = startCall(app, { url: '/voice', authToken: TOKEN, socketTimeoutMs: 30 })
    const greeting = await call.nextWait()
    expect(greeting).toMatchObject({ kind: 'relay', agentSpeech: 'Hello!', interruptible: 'none' })
    expect(inputChoices(greeting!)).toEqual([{ kind: 'speak', text: 'hello' }, { kind: 'hangup' }])
    await expect(call.interrupt()).rejects.toThrow(
      'interrupt(): interruptible="none": speech does not interrupt the agent',
    )
    await call.say('tell me a story')
    expect(call.waitingFor).toMatchObject({ agentSpeech: 'Once upon a ', interruptible: 'any' })
    await call.advance(2)
    await call.interrupt('stop')
    expect(sent(call, 'to-app').slice(2)).toEqual([
      { type: 'interrupt', utteranceUntilInterrupt: 'Once upon a ', durationUntilInterruptMs: 2000 },
      { type: 'prompt', voicePrompt: 'stop', lang: 'en-US', last: true },
    ])
    await call.hangup()
    expect(call.transcript()).toBe(
      [
        'POST /voice',
        '  Connect ConversationRelay ws://localhost/ws',
        '    ConversationRelay session started',
        '    Agent says "Hello!" (welcome greeting)',
        '    Caller says "tell me a story"',
        "    ! the app's turn had no text with last: true within 30 ms",
        '    Agent says "Once upon a " (cut short)',
        '    Caller interrupts the agent after "Once upon a "',
        '    Caller says "stop"',
        '    Agent says "OK: stop"',
        '    Caller hangs up',
        '    Session ended: the caller hung up',
        'POST /after SessionDuration=2 SessionStatus=completed',
        'Call ended: caller hung up',
      ].join('\n'),
    )
  })

  test('keys need dtmfDetection; input a session cannot take is refused and the call keeps waiting', async () => {
    const call = await simulateCall(
      relayApp((s) => s.on('prompt', () => s.text('Yes.', { last: true }))),
      {
        url: '/voice',
        authToken: TOKEN,
      },
    )
    await expect(call.interrupt()).rejects.toThrow(
      'interrupt(): the agent is not speaking: there is nothing to interrupt',
    )
    await expect(call.press('1')).rejects.toThrow(
      "press('1'): the <ConversationRelay> has no dtmfDetection: keys never reach the app",
    )
    await expect(call.silence()).rejects.toThrow(
      'silence(): the caller is talking to the app: speak, press, interrupt, hang up or advance',
    )
    await expect(call.say('  ')).rejects.toThrow('speak("  "): say something: an empty prompt is never sent')
    await expect(call.sendAudio(100)).rejects.toBeInstanceOf(CallSimulationError)
    expect(call.waitingFor?.kind).toBe('relay')
    await call.say('anyone there?')
    expect(call.transcript()).toContain('    Agent says "Yes."')
  })
})

describe('what the app sends', () => {
  test('play, sendDigits and language are events; the new transcription language goes with the next prompts', async () => {
    const app = relayApp((s) =>
      s.on('prompt', (p) => {
        if (p.voicePrompt === 'svenska') {
          s.send({ type: 'language', ttsLanguage: 'sv-SE', transcriptionLanguage: 'sv-SE' })
          s.text('Hej!', { last: true })
        } else {
          s.send({ type: 'play', source: 'https://example.com/jingle.mp3', loop: 2 })
          s.send({ type: 'sendDigits', digits: '12w#' })
          s.end()
        }
      }),
    )
    const call = await simulateCall(app, { url: '/voice', authToken: TOKEN, relay: { turns: ['svenska', 'tack'] } })
    expect(sent(call, 'to-app').slice(1)).toEqual([
      { type: 'prompt', voicePrompt: 'svenska', lang: 'en-US', last: true },
      { type: 'prompt', voicePrompt: 'tack', lang: 'sv-SE', last: true },
    ])
    expect(call.transcript()).toBe(
      [
        'POST /voice',
        '  Connect ConversationRelay ws://localhost/ws',
        '    ConversationRelay session started',
        '    Caller says "svenska"',
        '    Agent switches language: speech sv-SE, transcription sv-SE',
        '    Agent says "Hej!"',
        '    Caller says "tack"',
        '    Agent plays https://example.com/jingle.mp3 (×2)',
        '    Agent sends digits 12w#',
        '    Session ended by the app',
        'POST /after SessionDuration=0 SessionStatus=ended',
        '  Say "After the session: ended."',
        'Call ended: end of document',
      ].join('\n'),
    )
  })

  test('the app closes its socket without end: SessionStatus=failed, and the action continues the call', async () => {
    const app = relayApp((s) => s.on('prompt', () => s.close()), {}, { ticket: '42' })
    const call = await simulateCall(app, { url: '/voice', authToken: TOKEN, relay: { turns: ['bye'] } })
    expect(call.transcript()).toBe(
      [
        'POST /voice',
        '  Connect ConversationRelay ws://localhost/ws',
        '    ConversationRelay session started (ticket=42)',
        '    Caller says "bye"',
        '    Session ended: the app closed its socket',
        'POST /after SessionDuration=0 SessionStatus=failed ErrorCode=64105',
        '  Say "After the session: failed."',
        'Call ended: end of document',
      ].join('\n'),
    )
  })

  test('malformed messages are dropped with a "!" line and answered with an error; the session goes on', async () => {
    const app = rawSocketApp('ConversationRelay', (socket, text) => {
      const message = JSON.parse(text) as { type: string; voicePrompt?: string }
      if (message.type !== 'prompt') return
      socket.send('{not json')
      socket.send(JSON.stringify({ type: 'text', last: true }))
      socket.send(JSON.stringify({ type: 'text', token: 'Fine.', last: true }))
      if (message.voicePrompt === 'bye') socket.send(JSON.stringify({ type: 'end' }))
    })
    const call = await simulateCall(app, { url: '/voice', relay: { turns: ['hi', 'bye'] } })
    const lines = call.transcript().split('\n')
    expect(lines.slice(3, 8)).toEqual([
      '    Caller says "hi"',
      expect.stringMatching(
        /^ {4}! the app sent a message Twilio would reject: Invalid ConversationRelay message: not valid JSON/,
      ),
      '    ! the app sent a message Twilio would reject: Invalid ConversationRelay "text" message: token is required',
      '    Agent says "Fine."',
      '    Caller says "bye"',
    ])
    expect(lines.at(-1)).toBe('Call ended: end of document')
    const errors = sent(call, 'to-app').filter((m) => 'type' in m && m.type === 'error')
    expect(errors).toHaveLength(4)
    expect(errors[1]).toEqual({
      type: 'error',
      description: 'Invalid ConversationRelay "text" message: token is required',
    })
  })

  test('an app that never answers, or never ends its turn, gets a warning after socketTimeoutMs — never a hang', async () => {
    const app = relayApp((s) =>
      s.on('prompt', (p) => {
        if (p.voicePrompt === 'half') s.text('Let me think')
      }),
    )
    const call = await simulateCall(app, { url: '/voice', authToken: TOKEN, socketTimeoutMs: 20 })
    await call.say('anything')
    await call.say('half')
    expect(call.transcript().split('\n').slice(3)).toEqual([
      '    Caller says "anything"',
      '    ! the app did not answer the prompt "anything" within 20 ms',
      '    Caller says "half"',
      "    ! the app's turn had no text with last: true within 20 ms",
      '    Agent says "Let me think" (cut short)',
      "    … waiting for the caller's turn (ConversationRelay)",
    ])
  })

  test('a socket route that never opens fails the call after socketTimeoutMs, naming the socket', async () => {
    const call = startCall(
      relayApp(() => new Promise(() => {})),
      { url: '/voice', authToken: TOKEN, socketTimeoutMs: 30 },
    )
    await expect(call.finished()).rejects.toThrow(
      "<ConversationRelay> in /voice: the app's socket ws://localhost/ws did not open: no answer to the upgrade within 30 ms",
    )
    expect(call.transcript().split('\n').at(-1)).toBe(
      "! simulation failed: <ConversationRelay> in /voice: the app's socket ws://localhost/ws did not open: no answer to the upgrade within 30 ms",
    )
  })

  test('a socket on another host opens in the app socketApps names; without one it is a warning', async () => {
    const agent = relayApp((s) => s.on('prompt', (p) => s.text(p.voicePrompt.toUpperCase(), { last: true })))
    const voice = new Hono()
    voice.post('/voice', (c) =>
      twiml(
        c,
        <Response>
          <Connect>
            <ConversationRelay url="wss://agents.example.net/ws" />
          </Connect>
          <Say>Bye.</Say>
        </Response>,
      ),
    )
    const call = await simulateCall(voice, {
      url: '/voice',
      authToken: TOKEN,
      socketApps: { 'wss://agents.example.net': agent },
      relay: { turns: ['shout'], hangup: true },
    })
    expect(call.transcript().split('\n').slice(1, 5)).toEqual([
      '  Connect ConversationRelay wss://agents.example.net/ws',
      '    ConversationRelay session started',
      '    Caller says "shout"',
      '    Agent says "SHOUT"',
    ])
    const alone = await simulateCall(voice, { url: '/voice', authToken: TOKEN })
    expect(alone.transcript()).toBe(
      [
        'POST /voice',
        '  Connect ConversationRelay wss://agents.example.net/ws',
        '    ! wss://agents.example.net/ws is on another host: not opened (socketApps can name its app), the session is taken to end at once',
        '  Say "Bye."',
        'Call ended: end of document',
      ].join('\n'),
    )
  })

  test('a socket the app refuses is a simulation error naming it', async () => {
    await expect(
      simulateCall(
        relayApp(() => {}),
        { url: '/voice', authToken: 'wrong-token' },
      ),
    ).rejects.toThrow(
      /^<ConversationRelay> in \/voice: the app's socket ws:\/\/localhost\/ws did not open: answered 403/,
    )
  })
})

describe('steering', () => {
  test('waits and events are plain data, and the same turns give the same call', async () => {
    const run = async () => {
      const call = startCall(exampleApp, { url: '/agent', authToken: DEV_AUTH_TOKEN, dial: { '*': 'busy' } })
      const waits = [await call.nextWait()]
      await call.say('hours')
      waits.push(call.waitingFor)
      await call.press('0')
      await call.finished()
      return { call, waits }
    }
    const first = await run()
    const second = await run()
    expect(JSON.parse(JSON.stringify(first.waits))).toEqual(first.waits)
    expect(first.waits[1]).toEqual({
      kind: 'relay',
      index: 1,
      leg: 'caller',
      since: 0,
      document: '/agent',
      url: 'ws://localhost/agent/ws',
      sessionId: 'VX00000000000000000000000000000002',
      dtmfDetection: true,
      partialPrompts: false,
      interruptible: 'any',
      language: 'en-US',
      hints: [],
      agentSpeech: HOURS,
      turns: 1,
    })
    expect(inputChoices(first.waits[1]!)).toEqual([
      { kind: 'speak', text: 'hello' },
      { kind: 'press', digits: '1' },
      { kind: 'interrupt' },
      { kind: 'hangup' },
    ])
    expect(JSON.parse(JSON.stringify(first.call.events))).toEqual(second.call.events)
    expect(second.call.messages).toEqual(first.call.messages)
    expect(first.call.requestsTo('/agent/handoff')[0]?.params.HandoffData).toBe(
      JSON.stringify({ reasonCode: HANDOFF_REASON, reason: 'The caller pressed 0' }),
    )
  })

  test("the agent's tokens are events as they stream, for a chat view; the turn is one transcript line", async () => {
    const seen: string[] = []
    const call = startCall(exampleApp, { url: '/agent', authToken: DEV_AUTH_TOKEN })
    call.on((event) => {
      if (event.type === 'relay-text') seen.push(event.token)
      if (event.type === 'relay-turn') seen.push(`[${event.complete ? 'turn' : 'cut'}]`)
    })
    await call.nextWait()
    await call.say('address')
    expect(seen).toEqual([
      '[turn]',
      ...ADDRESS.split(' ').map((w, i, all) => (i < all.length - 1 ? `${w} ` : w)),
      '[turn]',
    ])
  })
})
