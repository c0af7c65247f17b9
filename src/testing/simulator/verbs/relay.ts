/**
 * `<Connect><ConversationRelay>`: the app's socket is opened in-process and the test talks to it as
 * the caller. Rules from https://www.twilio.com/docs/voice/twiml/connect/conversationrelay and
 * https://www.twilio.com/docs/voice/conversationrelay/websocket-messages:
 * - Twilio speaks `welcomeGreeting` and sends `setup` first (the call's SIDs, numbers, direction,
 *   status, and the `<Parameter>`s as `customParameters`);
 * - the caller's speech arrives as `prompt` (`voicePrompt`, `lang`, `last`); with `partialPrompts`
 *   the utterance so far comes first with `last: false` (modelled: one partial per word);
 * - keys arrive as `dtmf` only with `dtmfDetection`; talking over the agent (when `interruptible`
 *   lets speech interrupt) sends `interrupt` with `utteranceUntilInterrupt` and
 *   `durationUntilInterruptMs`;
 * - the app answers with `text` tokens (a turn ends with `last: true`), `play`, `sendDigits`,
 *   `language` (the next prompts' `lang`) and `end`: the session ends and the `<Connect action>` is
 *   requested with `SessionId`, `SessionStatus`, `SessionDuration` and `HandoffData` (the end
 *   message's `handoffData`); its TwiML continues the call;
 * - a message Twilio cannot validate is dropped and answered with an `error` (the session goes on).
 */
import type { RelayInbound, RelayOutbound, RelayPromptMessage } from '../../../realtime/relay-messages.js'
import { attribute, type XmlElement } from '../../xml.js'
import { attributeOr } from '../defaults.js'
import type { EventPosition } from '../events.js'
import type { Step, VerbContext } from '../runtime.js'
import type { CallInput } from '../waiting.js'
import { interruptsBySpeech, type RelayInterruptible, type RelayWait } from '../waiting-realtime.js'
import { connectAction, customParameters, ScriptedTurns, SocketLink, type SocketTarget, scriptFor } from './socket.js'

/** `interruptible` as one of its four values (`true` = `any`, `false` = `none`). */
function interruptibleOf(value: string): RelayInterruptible {
  if (value === 'true') return 'any'
  if (value === 'false') return 'none'
  return value === 'dtmf' || value === 'speech' || value === 'none' ? value : 'any'
}

/** `CallType` of `setup`, from the caller's address. */
function callTypeOf(from: string): string {
  if (/^sip:/i.test(from)) return 'SIP'
  if (/^client:/i.test(from)) return 'CLIENT'
  return 'PSTN'
}

/** What the agent has said since the caller's last turn. */
interface AgentSpeech {
  text: string
  readonly since: number
  readonly greeting: boolean
  complete: boolean
}

export async function relayVerb(
  context: VerbContext,
  connect: XmlElement,
  noun: XmlElement,
  target: SocketTarget,
): Promise<Step> {
  const { url } = target
  const { call, leg, doc, at } = context
  const inner: EventPosition = { leg: leg.name, depth: at.depth + 1 }
  const where = `<ConversationRelay> in ${call.http.display(doc.url)}`
  // https://www.twilio.com/docs/voice/twiml/connect/conversationrelay: both off unless "true".
  const dtmfDetection = attribute(noun, 'dtmfDetection') === 'true'
  const partialPrompts = attribute(noun, 'partialPrompts') === 'true'
  const interruptible = interruptibleOf(attributeOr(noun, 'ConversationRelay', 'interruptible'))
  const greetingInterruptible = interruptibleOf(attributeOr(noun, 'ConversationRelay', 'welcomeGreetingInterruptible'))
  const hints = (attribute(noun, 'hints') ?? '')
    .split(',')
    .map((hint) => hint.trim())
    .filter(Boolean)
  let language = attribute(noun, 'transcriptionLanguage') ?? attributeOr(noun, 'ConversationRelay', 'language')
  const script = await scriptFor(call.options.relay, call.count('relay'))
  const turns = new ScriptedTurns(
    call,
    (script?.turns ?? []).map((turn): CallInput => (typeof turn === 'string' ? { kind: 'speak', text: turn } : turn)),
    script?.hangup === true,
  )
  const sessionId = call.clock.sid('VX')
  const since = call.clock.now
  let speech: AgentSpeech | undefined
  let ended: { handoffData?: string } | undefined
  let callerTurns = 0

  /** The agent's unfinished turn is over (the caller's turn, an interrupt, the end): print it as it stands. */
  const cutShort = () => {
    if (speech !== undefined && !speech.complete) {
      speech.complete = true
      call.emit(inner, { type: 'relay-turn', text: speech.text, complete: false })
    }
  }
  const fromApp = (message: RelayOutbound) => {
    if (ended !== undefined) return
    switch (message.type) {
      case 'text': {
        if (speech === undefined || speech.complete)
          speech = { text: '', since: call.clock.now, greeting: false, complete: false }
        speech.text += message.token
        const last = message.last === true
        call.emit(inner, { type: 'relay-text', token: message.token, last })
        if (last) {
          speech.complete = true
          call.emit(inner, { type: 'relay-turn', text: speech.text, complete: true })
        }
        break
      }
      case 'play':
        call.emit(inner, { type: 'relay-play', source: message.source, loop: message.loop ?? 1 })
        break
      case 'sendDigits':
        call.emit(inner, { type: 'relay-digits', digits: message.digits })
        break
      case 'language':
        if (message.transcriptionLanguage !== undefined) language = message.transcriptionLanguage
        call.emit(inner, {
          type: 'relay-language',
          ...(message.ttsLanguage === undefined ? {} : { ttsLanguage: message.ttsLanguage }),
          ...(message.transcriptionLanguage === undefined
            ? {}
            : { transcriptionLanguage: message.transcriptionLanguage }),
        })
        break
      case 'end':
        ended = message.handoffData === undefined ? {} : { handoffData: message.handoffData }
        link?.finish()
        break
    }
  }

  const parameters = customParameters(noun)
  // Assigned once the socket is open; the app may send (or `end`) before that.
  let link: SocketLink<RelayInbound, RelayOutbound> | undefined
  link = await SocketLink.open<RelayInbound, RelayOutbound>(call, where, {
    protocol: 'conversation-relay',
    sid: sessionId,
    target,
    at: inner,
    onMessage: (message) => fromApp(message),
    // Twilio answers a message it cannot validate with an `error` message; the session goes on.
    answerInvalid: (description) => ({ type: 'error', description }),
  })
  try {
    call.emit(inner, {
      type: 'session-start',
      protocol: 'conversation-relay',
      sid: sessionId,
      url,
      customParameters: parameters,
    })
    const greeting = attribute(noun, 'welcomeGreeting')
    if (greeting !== undefined && greeting.trim() !== '') {
      speech = { text: greeting, since: call.clock.now, greeting: true, complete: true }
      call.emit(inner, { type: 'relay-turn', text: greeting, complete: true, greeting: true })
    }
    const base = leg.base
    link.send({
      type: 'setup',
      sessionId,
      accountSid: call.accountSid,
      parentCallSid: base.ParentCallSid ?? '',
      callSid: base.CallSid ?? call.sid,
      from: base.From ?? '',
      to: base.To ?? '',
      ...(base.ForwardedFrom === undefined ? {} : { forwardedFrom: base.ForwardedFrom }),
      callType: callTypeOf(base.From ?? ''),
      callerName: base.CallerName ?? '',
      direction: base.Direction ?? 'inbound',
      // Twilio writes the status in capitals here (its example: "RINGING"); the call's status now.
      callStatus: leg.status.toUpperCase(),
      ...(Object.keys(parameters).length === 0 ? {} : { customParameters: parameters }),
    })
    await link.settle()

    /** Waits for the app to finish what it began, and after a prompt for its answer; a warning when it does not. */
    const answer = async (said?: string) => {
      const before = link.activity
      const done = await link.until(
        () => (said === undefined || link.activity > before) && (speech === undefined || speech.complete),
      )
      if (!done && !link.isOver) {
        const timeout = call.options.socketTimeoutMs ?? 2000
        call.emit(inner, {
          type: 'warning',
          message:
            link.activity === before
              ? `the app did not answer the prompt ${JSON.stringify(said)} within ${timeout} ms`
              : `the app's turn had no text with last: true within ${timeout} ms`,
        })
        cutShort()
      }
    }
    const prompt = async (text: string) => {
      call.emit(inner, { type: 'input', speech: text })
      const words = text.trim().split(/\s+/)
      const send = (voicePrompt: string, last: boolean): RelayPromptMessage => ({
        type: 'prompt',
        voicePrompt,
        lang: language,
        last,
      })
      if (partialPrompts) for (let n = 1; n < words.length; n++) link.send(send(words.slice(0, n).join(' '), false))
      link.send(send(text, true))
      await answer(text)
    }

    let callerHungUp = false
    while (ended === undefined && link.closedByApp === undefined) {
      const speaking = speech
      const spec: Omit<RelayWait, 'index' | 'leg' | 'since' | 'document'> = {
        kind: 'relay',
        url,
        sessionId,
        dtmfDetection,
        partialPrompts,
        interruptible: speaking?.greeting ? greetingInterruptible : interruptible,
        language,
        hints,
        ...(speaking === undefined ? {} : { agentSpeech: speaking.text }),
        turns: callerTurns,
      }
      const resolution = await call.wait(inner, spec, doc, {
        script: turns.next,
        wake: link.over,
        accepts: (input) => {
          switch (input.kind) {
            case 'speak':
              return input.text.trim() === '' ? 'say something: an empty prompt is never sent' : undefined
            case 'press':
              if (!dtmfDetection) return 'the <ConversationRelay> has no dtmfDetection: keys never reach the app'
              return /^[0-9*#]+$/.test(input.digits) ? undefined : 'keys are 0-9, * and #'
            case 'interrupt':
              if (speaking === undefined) return 'the agent is not speaking: there is nothing to interrupt'
              if (!interruptsBySpeech(spec.interruptible))
                return `interruptible="${spec.interruptible}": speech does not interrupt the agent`
              return input.text !== undefined && input.text.trim() === ''
                ? 'give the interrupting speech, or no text'
                : undefined
            case 'hangup':
              return input.leg === 'callee' ? 'no dialed party is on the line' : undefined
            default:
              return 'the caller is talking to the app: speak, press, interrupt, hang up or advance'
          }
        },
      })
      turns.taken(resolution)
      if (resolution.kind === 'wake' || resolution.kind === 'deadline') continue
      if (resolution.kind === 'hangup') {
        cutShort()
        call.emit(inner, { type: 'input', hangup: true })
        callerHungUp = true
        break
      }
      cutShort()
      callerTurns++
      if (resolution.kind === 'speak') {
        speech = undefined
        await prompt(resolution.text)
      } else if (resolution.kind === 'press') {
        speech = undefined
        call.emit(inner, { type: 'input', digits: resolution.digits })
        for (const digit of resolution.digits) link.send({ type: 'dtmf', digit })
        await answer()
      } else if (resolution.kind === 'interrupt') {
        const cut = speaking!
        call.emit(inner, {
          type: 'relay-interrupt',
          utterance: cut.text,
          durationMs: Math.round((call.clock.now - cut.since) * 1000),
        })
        speech = undefined
        link.send({
          type: 'interrupt',
          utteranceUntilInterrupt: cut.text,
          durationUntilInterruptMs: Math.round((call.clock.now - cut.since) * 1000),
        })
        if (resolution.text !== undefined) await prompt(resolution.text)
        else await answer()
      }
    }

    cutShort()
    const seconds = Math.round(call.clock.now - since)
    const params: Record<string, string> = { SessionId: sessionId, SessionDuration: String(seconds) }
    if (callerHungUp) {
      params.SessionStatus = 'completed'
      call.emit(inner, {
        type: 'session-end',
        protocol: 'conversation-relay',
        by: 'caller',
        seconds,
        status: 'completed',
      })
    } else if (ended !== undefined) {
      params.SessionStatus = 'ended'
      if (ended.handoffData !== undefined) params.HandoffData = ended.handoffData
      call.emit(inner, {
        type: 'session-end',
        protocol: 'conversation-relay',
        by: 'app-end',
        seconds,
        status: 'ended',
        ...(ended.handoffData === undefined ? {} : { handoffData: ended.handoffData }),
      })
    } else {
      // The app closed its socket without `end`: Twilio reports the session failed.
      params.SessionStatus = 'failed'
      params.ErrorCode = '64105'
      call.emit(inner, {
        type: 'session-end',
        protocol: 'conversation-relay',
        by: 'app-close',
        seconds,
        status: 'failed',
      })
    }
    link.finish()
    link.close()
    return await connectAction(context, connect, params, callerHungUp)
  } finally {
    link.finish()
    link.close()
  }
}
