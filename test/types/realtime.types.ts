/**
 * Type tests for twiml-jsx/realtime. `npx tsc --noEmit -p .` checks this file: each
 * `@ts-expect-error` line must fail to compile, the other lines must compile. Not a vitest file.
 */
import { Hono } from 'hono'
import {
  type ConversationRelaySession,
  conversationRelay,
  type MediaStreamSession,
  mediaStream,
  openInProcessSocket,
  parseRelayMessage,
  type RelayInbound,
  type RelayOutbound,
} from 'twiml-jsx/realtime'
import type { Fields } from '../../src/realtime/fields.js'
import { boolean, oneOf, optional, text } from '../../src/realtime/fields.js'
import type { RelayPromptMessage } from '../../src/realtime/relay-messages.js'

declare const relay: ConversationRelaySession
declare const stream: MediaStreamSession

// Listeners get the message of their type.
relay.on('prompt', (prompt) => {
  const said: string = prompt.voicePrompt
  const last: boolean = prompt.last
  return [said, last]
})
relay.on('interrupt', ({ durationUntilInterruptMs }) => durationUntilInterruptMs.toFixed(0))
// @ts-expect-error no such message from Twilio
relay.on('media', () => {})
// @ts-expect-error a prompt has no digit
relay.on('prompt', (prompt) => prompt.digit)
stream.on('media', ({ media }) => media.payload.length)
stream.on('start', ({ start }) => start.customParameters?.caller)
// @ts-expect-error ConversationRelay messages are not stream events
stream.on('prompt', () => {})

// What you send is one of the documented messages, fields typed.
relay.send({ type: 'text', token: 'Hi', last: true, interruptible: false })
relay.send({ type: 'end', handoffData: '{"reasonCode":"live-agent-handoff"}' })
relay.send({ type: 'sendDigits', digits: '9w1' })
// @ts-expect-error token is required
relay.send({ type: 'text', last: true })
// @ts-expect-error last is a boolean
relay.send({ type: 'text', token: 'Hi', last: 'true' })
// @ts-expect-error handoffData is a string (end() takes an object and stringifies it)
relay.send({ type: 'end', handoffData: { reasonCode: 'x' } })
// @ts-expect-error not a message Twilio accepts
relay.send({ type: 'hangup' })
relay.end({ reasonCode: 'live-agent-handoff' })
stream.send({ event: 'clear', streamSid: 'MZ1' })
// @ts-expect-error a stream message needs its streamSid
stream.send({ event: 'mark', mark: { name: 'x' } })
// @ts-expect-error relay messages do not go on a stream
stream.send({ type: 'text', token: 'x' })

// Parsing narrows on ok and on the discriminant.
const parsed = parseRelayMessage('{}')
if (parsed.ok && parsed.message.type === 'dtmf') {
  const digit: string = parsed.message.digit
  void digit
}
// @ts-expect-error message exists only when ok
void parsed.message

// Handlers are typed per protocol.
const app = new Hono()
const relayRoute = conversationRelay((session) => session.text('x'), { authToken: 't' })
const streamRoute = mediaStream((session) => session.mark('m'), { authToken: 't' })
app.get('/relay', relayRoute)
app.get('/stream', streamRoute)
// @ts-expect-error a Media Streams session has no text()
mediaStream((session) => session.text('x'), { authToken: 't' })
// @ts-expect-error the auth token is required, as for any webhook
conversationRelay(() => {}, {})

// The in-process client end is typed by protocol: you send Twilio's messages, receive the app's.
export async function clientTypes() {
  const socket = await openInProcessSocket(app, '/relay', { protocol: 'conversation-relay' })
  socket.send({ type: 'prompt', voicePrompt: 'hi', lang: 'en-US', last: true })
  socket.send('raw text, for malformed input')
  // @ts-expect-error the client sends what Twilio sends, not what the app sends
  socket.send({ type: 'text', token: 'x' })
  const reply: RelayOutbound = await socket.next()
  const media = await openInProcessSocket(app, '/stream', { protocol: 'media-stream' })
  // @ts-expect-error a media stream client receives stream messages
  const wrong: RelayInbound = await media.next()
  return [reply, wrong]
}

// A message table must list every field, optional exactly where the type is, with the right check.
export const complete: Fields<RelayPromptMessage> = {
  type: oneOf('prompt'),
  voicePrompt: text,
  lang: text,
  last: boolean,
}
// @ts-expect-error lang is missing
export const missing: Fields<RelayPromptMessage> = { type: oneOf('prompt'), voicePrompt: text, last: boolean }
export const wrongCheck: Fields<RelayPromptMessage> = {
  type: oneOf('prompt'),
  voicePrompt: text,
  lang: text,
  // @ts-expect-error last is a boolean, not a string
  last: text,
}
export const wronglyOptional: Fields<RelayPromptMessage> = {
  type: oneOf('prompt'),
  voicePrompt: text,
  // @ts-expect-error lang is required, so its check cannot be optional
  lang: optional(text),
  last: boolean,
}
