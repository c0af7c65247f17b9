/**
 * ConversationRelay's WebSocket messages, as Twilio documents them: Twilio transcribes the
 * caller and sends JSON messages to your server; your server answers with text (spoken by
 * text-to-speech), media, digits, language switches, and `end`.
 *
 * @see https://www.twilio.com/docs/voice/conversationrelay/websocket-messages
 * @see https://www.twilio.com/docs/voice/twiml/connect/conversationrelay
 */

// ---------------------------------------------------------------------------------------------
// From Twilio
// ---------------------------------------------------------------------------------------------

/** Sent once, right after the WebSocket connects: who is calling, and the `<Parameter>`s of the TwiML. */
export interface RelaySetupMessage {
  readonly type: 'setup'
  /** The ConversationRelay session, `VX…`. */
  readonly sessionId: string
  /** The account, `AC…`. */
  readonly accountSid: string
  /** The parent call, when this call is a child leg (empty otherwise). */
  readonly parentCallSid?: string
  /** The call, `CA…`. */
  readonly callSid: string
  /** The caller, e.g. `+18005550100`. */
  readonly from: string
  /** The called number, e.g. `+18005550101`. */
  readonly to: string
  /** The number the call was forwarded from, where known. */
  readonly forwardedFrom?: string
  /** How the call reached Twilio, e.g. `PSTN`. */
  readonly callType?: string
  /** Caller name (CNAM), when looked up; often empty. */
  readonly callerName?: string
  /** `inbound`, or an outbound direction such as `outbound-api`. */
  readonly direction: string
  /** The call's status when the session started, e.g. `RINGING` (Twilio writes it in capitals here). */
  readonly callStatus?: string
  /** The `<Parameter name value>` children of `<ConversationRelay>`, by name. */
  readonly customParameters?: Readonly<Record<string, string>>
}

/**
 * What the caller said, transcribed. With `partialPrompts` on, Twilio sends the utterance so far
 * with `last: false`, then the whole utterance with `last: true`.
 */
export interface RelayPromptMessage {
  readonly type: 'prompt'
  /** The transcribed speech. */
  readonly voicePrompt: string
  /** Language of the transcription, e.g. `en-US`. */
  readonly lang: string
  /** `true` when this is the complete utterance, `false` for a partial one. */
  readonly last: boolean
}

/** A key the caller pressed (only with `dtmfDetection` on). */
export interface RelayDtmfMessage {
  readonly type: 'dtmf'
  /** The key: `0`–`9`, `*`, `#`. */
  readonly digit: string
}

/** The caller spoke over text-to-speech and cut it short. */
export interface RelayInterruptMessage {
  readonly type: 'interrupt'
  /** The text that had been spoken when the caller interrupted. */
  readonly utteranceUntilInterrupt: string
  /**
   * How long the interrupted speech had played, in milliseconds. Twilio's page shows it both as a
   * number and as a string; it is read as a number either way.
   */
  readonly durationUntilInterruptMs: number
}

/**
 * Something went wrong in the session, e.g. a message of yours Twilio could not validate (error
 * 64107: the message is dropped, the session goes on).
 */
export interface RelayErrorMessage {
  readonly type: 'error'
  /** What went wrong, in Twilio's words. */
  readonly description: string
}

/**
 * Diagnostics sent when the `<ConversationRelay debug>` attribute asks for them (`debugging`,
 * `speaker-events`, `tokens-played`). Twilio's message reference does not list their fields;
 * `name` says which event it is and `value` carries its data as text.
 */
export interface RelayInfoMessage {
  readonly type: 'info'
  /** Which diagnostic this is. */
  readonly name: string
  /** Its value, as text. */
  readonly value?: string
}

/** Every message Twilio sends to a ConversationRelay server. */
export type RelayInbound =
  | RelaySetupMessage
  | RelayPromptMessage
  | RelayDtmfMessage
  | RelayInterruptMessage
  | RelayErrorMessage
  | RelayInfoMessage

// ---------------------------------------------------------------------------------------------
// To Twilio
// ---------------------------------------------------------------------------------------------

/**
 * Text for Twilio to speak. Stream tokens as they come (don't trim them: spaces between words
 * are yours to keep) and mark the final token of the turn with `last: true`. SSML tags may go in
 * the token, as the text-to-speech provider supports them.
 */
export interface RelayTextMessage {
  readonly type: 'text'
  /** The text to speak. Required; may be empty. */
  readonly token: string
  /** Whether this is the final token of the turn. Default `false`. */
  readonly last?: boolean
  /** Language of the text, one Twilio supports. */
  readonly lang?: string
  /** Whether the caller can interrupt this text; overrides the TwiML `interruptible`. */
  readonly interruptible?: boolean
  /** Whether later text or play messages stop this one; overrides the TwiML `preemptible`. */
  readonly preemptible?: boolean
}

/** Play an audio file to the caller. */
export interface RelayPlayMessage {
  readonly type: 'play'
  /** URL of the media. */
  readonly source: string
  /** How many times to play it; `0` plays it 1,000 times (the maximum). Default 1. */
  readonly loop?: number
  /** Whether later text or play messages stop this playback. Default `false`. */
  readonly preemptible?: boolean
  /** Whether the caller can interrupt it; overrides the TwiML `interruptible`. */
  readonly interruptible?: boolean
}

/** Send DTMF tones on the call, as `<Play digits>` does (`w` waits half a second). */
export interface RelaySendDigitsMessage {
  readonly type: 'sendDigits'
  /** The digits: `0`–`9`, `w`, `#`, `*`; not empty. */
  readonly digits: string
}

/** Switch the text-to-speech and/or transcription language for what follows. One of the two is required. */
export interface RelayLanguageMessage {
  readonly type: 'language'
  /** New text-to-speech language, e.g. `sv-SE`. */
  readonly ttsLanguage?: string
  /** New transcription language, e.g. `en-US`. */
  readonly transcriptionLanguage?: string
}

/**
 * End the session and give the call back to Twilio: the `<Connect action>` URL is requested next,
 * with `handoffData` among its parameters (as `HandoffData`).
 */
export interface RelayEndMessage {
  readonly type: 'end'
  /** Text for the `<Connect action>` request, often JSON such as `{"reasonCode":"live-agent-handoff"}`. */
  readonly handoffData?: string
}

/** Every message a ConversationRelay server can send to Twilio. */
export type RelayOutbound =
  | RelayTextMessage
  | RelayPlayMessage
  | RelaySendDigitsMessage
  | RelayLanguageMessage
  | RelayEndMessage

/** The message types Twilio sends. */
export type RelayInboundType = RelayInbound['type']
/** The message types you can send. */
export type RelayOutboundType = RelayOutbound['type']
