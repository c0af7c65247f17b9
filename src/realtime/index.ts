/**
 * twiml-jsx/realtime: Twilio's two WebSocket protocols, typed and checked, on Hono.
 *
 * - ConversationRelay (`<Connect><ConversationRelay url>`): Twilio transcribes the caller and sends
 *   `prompt`s; you answer with `text` tokens, `play`, `sendDigits`, `language`, `end`.
 * - Media Streams (`<Connect><Stream url>`): base64 μ-law audio frames both ways, with marks.
 *
 * ```ts
 * import { conversationRelay } from 'twiml-jsx/realtime'
 * import { upgradeWebSocket } from 'hono/cloudflare-workers'
 *
 * app.get('/agent/ws', conversationRelay((session) => {
 *   session.on('prompt', ({ voicePrompt, last }) => {
 *     if (last) session.text(`You said: ${voicePrompt}`, { last: true })
 *   })
 * }, { upgradeWebSocket, authToken: (c) => c.env.TWILIO_AUTH_TOKEN }))
 * ```
 *
 * @see https://www.twilio.com/docs/voice/conversationrelay/websocket-messages
 * @see https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
export { RealtimeError, type RealtimeErrorKind, type RealtimeIssue, type RealtimeProtocol } from './errors.js'
export {
  type ConversationRelayHandler,
  conversationRelay,
  type MediaStreamHandler,
  mediaStream,
  type RealtimeRouteOptions,
} from './hono.js'
export {
  type FetchApp,
  IN_PROCESS_SOCKET,
  type InProcessProtocol,
  type InProcessSocket,
  type InProcessSocketOptions,
  InProcessSocketRefused,
  openInProcessSocket,
} from './in-process-socket.js'
export {
  decodeBase64,
  decodeMulaw,
  decodeMulawSample,
  encodeBase64,
  encodeMulaw,
  encodeMulawSample,
  FRAME_BYTES,
  FRAME_MS,
  frames,
  MULAW_SAMPLE_RATE,
  MULAW_SILENCE,
  silence,
} from './mulaw.js'
export type { ParseResult } from './protocol.js'
export type {
  RelayDtmfMessage,
  RelayEndMessage,
  RelayErrorMessage,
  RelayInbound,
  RelayInboundType,
  RelayInfoMessage,
  RelayInterruptMessage,
  RelayLanguageMessage,
  RelayOutbound,
  RelayOutboundType,
  RelayPlayMessage,
  RelayPromptMessage,
  RelaySendDigitsMessage,
  RelaySetupMessage,
  RelayTextMessage,
} from './relay-messages.js'
export { checkRelayOutbound, parseRelayMessage, parseRelayReply } from './relay-protocol.js'
export type { CloseInfo, MessageOf, RealtimeSession, Unsubscribe } from './session.js'
export type { ConversationRelaySession, MediaStreamSession, RelayTextOptions } from './sessions.js'
export type {
  StreamClearMessage,
  StreamConnectedMessage,
  StreamDtmfMessage,
  StreamInbound,
  StreamInboundEvent,
  StreamMarkMessage,
  StreamMediaFormat,
  StreamMediaMessage,
  StreamOutbound,
  StreamOutboundEvent,
  StreamSendMarkMessage,
  StreamSendMediaMessage,
  StreamStart,
  StreamStartMessage,
  StreamStopMessage,
  StreamTrack,
} from './stream-messages.js'
export { checkStreamOutbound, parseStreamMessage, parseStreamReply } from './stream-protocol.js'
export { encodeWav, readWav, type WavAudio, type WavEncoding, wavToMulaw } from './wav.js'
