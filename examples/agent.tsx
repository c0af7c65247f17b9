/**
 * An AI-agent-shaped call flow that needs no AI service: `POST /agent` connects the call to
 * ConversationRelay, whose socket (`/agent/ws`) answers by rules. Twilio does the speech-to-text
 * and text-to-speech; this handler only sees text.
 *
 * - a prompt containing "human" (or the key 0) ends the session with a handoff: `end` with
 *   `handoffData`, after which Twilio requests `/agent/handoff`, which dials a person;
 * - "menu" or "help" (or `*`) reads the menu; "hours" (1) and "address" (2) answer from it;
 * - anything else is echoed back ("You said: ...").
 *
 * Every answer is streamed as `text` tokens, one per word, the last with `last: true`.
 */
import { Hono } from 'hono'
import { Connect, ConversationRelay, Dial, Hangup, Parameter, Response, Say, Sip } from 'twiml-jsx'
import { type TwilioWebhookEnv, twilioParams, twiml } from 'twiml-jsx/hono'
import { type ConversationRelaySession, conversationRelay, type RealtimeRouteOptions } from 'twiml-jsx/realtime'
import { socketUrl } from './socket-url.js'

export const GREETING =
  'Hi, this is the example agent. Say menu to hear what I can do, or say human to talk to a person.'
export const MENU =
  'I can tell you our opening hours or our address, or put you through to a person. Say hours, address or human, or press 1, 2 or 0.'
export const HOURS = 'We are open Monday to Friday, 9 AM to 5 PM.'
export const ADDRESS = 'You find us at 101 Spear Street, San Francisco.'

/** The `reasonCode` in `handoffData` when the caller wants a person. */
export const HANDOFF_REASON = 'live-agent-handoff'

/** Speaks `sentence` as one `text` token per word (spaces kept, as Twilio asks), the last one with `last: true`. */
export function speak(session: ConversationRelaySession, sentence: string): void {
  const words = sentence.split(' ')
  words.forEach((word, index) => {
    const last = index === words.length - 1
    session.text(last ? word : `${word} `, { last })
  })
}

function handOff(session: ConversationRelaySession, reason: string): void {
  session.end({ reasonCode: HANDOFF_REASON, reason })
}

/** The rules: what the agent answers to a whole utterance. */
function answerPrompt(session: ConversationRelaySession, voicePrompt: string): void {
  const said = voicePrompt.toLowerCase()
  if (said.includes('human')) handOff(session, 'The caller asked for a human')
  else if (/\b(menu|help)\b/.test(said)) speak(session, MENU)
  else if (/\bhours?\b/.test(said)) speak(session, HOURS)
  else if (/\baddress\b/.test(said)) speak(session, ADDRESS)
  else speak(session, `You said: ${voicePrompt.trim()}`)
}

function answerKey(session: ConversationRelaySession, digit: string): void {
  if (digit === '0') handOff(session, 'The caller pressed 0')
  else if (digit === '1') speak(session, HOURS)
  else if (digit === '2') speak(session, ADDRESS)
  else if (digit === '*') speak(session, MENU)
  else speak(session, `Key ${digit} is not on the menu. ${MENU}`)
}

/** The socket handler, on its own so tests can run it in-process too. */
export function agentSession(session: ConversationRelaySession): void {
  // With partialPrompts on, Twilio also sends the utterance so far (`last: false`): wait for the whole one.
  session.on('prompt', ({ voicePrompt, last }) => {
    if (last) answerPrompt(session, voicePrompt)
  })
  session.on('dtmf', ({ digit }) => answerKey(session, digit))
  // The caller talked over the agent: Twilio has already cut the speech short; nothing to resend.
  session.on('interrupt', () => {})
  session.on('error', ({ description }) => console.warn(`agent: ConversationRelay reported: ${description}`))
  session.onError((error) => console.warn(`agent: ${error.message}`))
}

/** `/agent`, `/agent/handoff` and the socket `/agent/ws`. */
export function createAgent(realtime: RealtimeRouteOptions) {
  const agent = new Hono<TwilioWebhookEnv>()

  agent.on(['GET', 'POST'], '/', (c) => {
    const { From } = twilioParams(c)
    return twiml(
      c,
      <Response>
        <Connect action="/agent/handoff">
          <ConversationRelay url={socketUrl(c)} welcomeGreeting={GREETING} dtmfDetection>
            <Parameter name="caller" value={From ?? 'unknown'} />
          </ConversationRelay>
        </Connect>
      </Response>,
    )
  })

  // The <Connect action>: Twilio posts the `end` message's handoffData as HandoffData.
  // https://www.twilio.com/docs/voice/twiml/connect/conversationrelay
  agent.on(['GET', 'POST'], '/handoff', (c) => {
    const { HandoffData } = twilioParams<{ HandoffData?: string }>(c)
    let reasonCode: unknown
    try {
      reasonCode = HandoffData ? (JSON.parse(HandoffData) as { reasonCode?: unknown }).reasonCode : undefined
    } catch {
      reasonCode = undefined
    }
    if (reasonCode === HANDOFF_REASON) {
      return twiml(
        c,
        <Response>
          <Say>Connecting you to a person now.</Say>
          <Dial>
            <Sip>sip:support@example.com</Sip>
          </Dial>
        </Response>,
      )
    }
    return twiml(
      c,
      <Response>
        <Say>Thanks for calling. Goodbye.</Say>
        <Hangup />
      </Response>,
    )
  })

  agent.get('/ws', conversationRelay(agentSession, realtime))
  return agent
}
