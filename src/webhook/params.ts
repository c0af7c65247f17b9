/**
 * The parameters Twilio sends to your webhooks, as TypeScript types.
 *
 * Everything arrives as a string (form fields or query parameters), so every field is typed as a
 * string; closed sets of values are string unions. Use {@link numericParams} for the numeric ones
 * and {@link sipHeaders} for the SIP X-headers. The types describe what Twilio sends: nothing checks
 * at run time that a field is present.
 */

/** Where a call stands, as Twilio reports it in `CallStatus`. */
export type CallStatus =
  | 'queued'
  | 'initiated'
  | 'ringing'
  | 'in-progress'
  | 'busy'
  | 'failed'
  | 'no-answer'
  | 'completed'
  | 'canceled'

/**
 * Which way the call goes: `inbound` for calls to your number, `outbound-api` for calls your app
 * created through the REST API, `outbound-dial` for calls made by `<Dial>`.
 */
export type CallDirection = 'inbound' | 'outbound-api' | 'outbound-dial'

/**
 * How a `<Dial>` ended, as sent to its `action` URL. `answered` is used for a `<Conference>` call
 * that connected; `completed` for any other call that connected and ended normally.
 */
export type DialCallStatus = 'completed' | 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled'

/** Parameters every voice webhook carries, whatever made Twilio call it. */
export interface VoiceRequest {
  /** This call's unique identifier: 34 characters, starting with `CA`. */
  readonly CallSid: string
  /** Your Twilio account's identifier: 34 characters, starting with `AC`. */
  readonly AccountSid: string
  /**
   * Who placed the call: an E.164 phone number (`+16175551212`), a `client:` identifier, or a SIP URI
   * for calls that came in through a SIP Domain.
   */
  readonly From: string
  /** Who was called, in the same forms as `From`. */
  readonly To: string
  /** The state of the call when Twilio made this request. */
  readonly CallStatus: CallStatus
  /** The Twilio API version that handles the call, e.g. `2010-04-01`. */
  readonly ApiVersion: string
  /** The direction of the call. */
  readonly Direction: CallDirection
  /** The number the call was forwarded from, when the carrier tells Twilio (not all do). */
  readonly ForwardedFrom?: string
  /** The caller's name from the CNAM lookup, when Caller ID Lookup is enabled on the number. */
  readonly CallerName?: string
  /** On a call leg created from another call (e.g. by `<Dial>`), the identifier of that parent call. */
  readonly ParentCallSid?: string
  /**
   * A token for an inbound PSTN call that lets you forward the caller's ID (and its verification)
   * when your app starts a new outbound call through the REST API.
   */
  readonly CallToken?: string
  /** The SHAKEN/STIR verification result for an inbound call that carried an identity header. */
  readonly StirVerstat?: string
  /** Results of the Marketplace Add-ons enabled on the number, as a JSON string. */
  readonly AddOns?: string
  /** The caller's city, when Twilio can tell. */
  readonly FromCity?: string
  /** The caller's state or province, when Twilio can tell. */
  readonly FromState?: string
  /** The caller's postal code, when Twilio can tell. */
  readonly FromZip?: string
  /** The caller's country, when Twilio can tell. */
  readonly FromCountry?: string
  /** The called party's city, when Twilio can tell. */
  readonly ToCity?: string
  /** The called party's state or province, when Twilio can tell. */
  readonly ToState?: string
  /** The called party's postal code, when Twilio can tell. */
  readonly ToZip?: string
  /** The called party's country, when Twilio can tell. */
  readonly ToCountry?: string

  /** Older name for `To`, still sent with voice requests. */
  readonly Called?: string
  /** Older name for `From`, still sent with voice requests. */
  readonly Caller?: string
  /** SIP calls: the `Call-ID` header of the INVITE (inbound) or of the answered leg. */
  readonly SipCallId?: string
  /** SIP calls through a SIP Domain: the domain the INVITE was sent to. */
  readonly SipDomain?: string
  /** SIP calls through a SIP Domain: its identifier, 34 characters starting with `SD`. */
  readonly SipDomainSid?: string
  /** SIP calls: the IP address the INVITE came from. */
  readonly SipSourceIp?: string
  /** SIP calls authenticated with a credential list: the username given. */
  readonly SipUsername?: string
  /**
   * SIP calls: each X-header of the INVITE (or of the 200 OK on an answered `<Sip>` leg) arrives as
   * `SipHeader_<name>`, e.g. `SipHeader_X-Ticket`. {@link sipHeaders} collects them.
   */
  readonly [header: `SipHeader_${string}`]: string | undefined
}

/** Parameters of the request to a `<Dial>` verb's `action` URL, sent when the dialed call ends. */
export interface DialActionRequest extends VoiceRequest {
  /** How the dial attempt ended. */
  readonly DialCallStatus: DialCallStatus
  /** The identifier of the call leg `<Dial>` created, when one was created. */
  readonly DialCallSid?: string
  /** How long the dialed call lasted, in seconds (a string of digits). */
  readonly DialCallDuration?: string
  /** `true` when the two parties were connected, `false` otherwise. */
  readonly DialBridged?: 'true' | 'false'
  /** With `record` set on `<Dial>`: the URL of the recording. */
  readonly RecordingUrl?: string
  /** With `record` set on `<Dial>`: the recording's identifier (starts with `RE`). */
  readonly RecordingSid?: string
  /** With `record` set on `<Dial>`: the recording's length in seconds. */
  readonly RecordingDuration?: string
  /** `<Dial><Sip>`: the `Call-ID` of the SIP leg. */
  readonly DialSipCallId?: string
  /** `<Dial><Sip>`: the final SIP response code of the INVITE, e.g. `200`, `404`, `486`. */
  readonly DialSipResponseCode?: string
  /**
   * `<Dial><Sip>`: each X-header of the final SIP response arrives as `DialSipHeader_<name>`.
   * `sipHeaders(params, 'DialSipHeader_')` collects them.
   */
  readonly [header: `DialSipHeader_${string}`]: string | undefined
}

/** Parameters of the request to a `<Gather>` verb's `action` URL. */
export interface GatherActionRequest extends VoiceRequest {
  /** The keys the caller pressed, without the key that ended the input. */
  readonly Digits?: string
  /** Speech input: the recognised text. */
  readonly SpeechResult?: string
  /** Speech input: how sure the recogniser is of `SpeechResult`, from 0.0 to 1.0. */
  readonly Confidence?: string
  /** The key that ended the input, when a key did (empty or absent otherwise). */
  readonly FinishedOnKey?: string
}

/** Parameters of the request to a `<Record>` verb's `action` URL, sent when the recording ends. */
export interface RecordActionRequest extends VoiceRequest {
  /** The URL of the recorded audio. */
  readonly RecordingUrl: string
  /** The recording's identifier (starts with `RE`). */
  readonly RecordingSid: string
  /** The recording's length in seconds. */
  readonly RecordingDuration: string
  /** The key that ended the recording, or `hangup` when the caller hung up. */
  readonly Digits?: string
}

/** Parameters of a call's `statusCallback` request (call progress events). */
export interface CallStatusCallbackRequest extends VoiceRequest {
  /** The call's state at this event. */
  readonly CallStatus: CallStatus
  /** Once the call has ended: how long it lasted, in seconds. */
  readonly CallDuration?: string
  /** On `completed`, when the call was recorded: the URL of the recording. */
  readonly RecordingUrl?: string
  /** On `completed`, when the call was recorded: the recording's identifier. */
  readonly RecordingSid?: string
  /** On `completed`, when the call was recorded: the recording's length in seconds. */
  readonly RecordingDuration?: string
  /** When the event happened, as an RFC 2822 date. */
  readonly Timestamp?: string
  /** What produced this request: `call-progress-events`. */
  readonly CallbackSource?: 'call-progress-events' | (string & {})
  /**
   * The order of this event among the call's events, counting from 0. Requests can arrive out of
   * order: sort by this, not by arrival.
   */
  readonly SequenceNumber?: string
}

/** Parameters of the request Twilio sends when a message (SMS, MMS, WhatsApp, ...) arrives. */
export interface IncomingMessageRequest {
  /** The message's identifier: 34 characters, starting with `SM` or `MM`. */
  readonly MessageSid: string
  /** Older name of `MessageSid`. */
  readonly SmsSid?: string
  /** Older name of `MessageSid`. */
  readonly SmsMessageSid?: string
  /** Your Twilio account's identifier. */
  readonly AccountSid: string
  /** The Messaging Service the receiving number belongs to, if any. */
  readonly MessagingServiceSid?: string
  /** The sender: a phone number, or a channel address such as `whatsapp:+14155551234`. */
  readonly From: string
  /** The recipient: your number or channel address. */
  readonly To: string
  /** The message text (up to 1600 characters). */
  readonly Body: string
  /** How many media files came with the message. */
  readonly NumMedia: string
  /** How many SMS segments made up the message. */
  readonly NumSegments?: string
  /** The Twilio API version used. */
  readonly ApiVersion?: string
  /** Older status field; `received` for incoming messages. */
  readonly SmsStatus?: string
  /** The sender's city, when Twilio can tell. */
  readonly FromCity?: string
  /** The sender's state or province, when Twilio can tell. */
  readonly FromState?: string
  /** The sender's postal code, when Twilio can tell. */
  readonly FromZip?: string
  /** The sender's country, when Twilio can tell. */
  readonly FromCountry?: string
  /** The recipient's city, when Twilio can tell. */
  readonly ToCity?: string
  /** The recipient's state or province, when Twilio can tell. */
  readonly ToState?: string
  /** The recipient's postal code, when Twilio can tell. */
  readonly ToZip?: string
  /** The recipient's country, when Twilio can tell. */
  readonly ToCountry?: string
  /** WhatsApp: the sender's profile name. */
  readonly ProfileName?: string
  /** WhatsApp: the sender's WhatsApp ID. */
  readonly WaId?: string
  /** WhatsApp: a shared location's latitude. */
  readonly Latitude?: string
  /** WhatsApp: a shared location's longitude. */
  readonly Longitude?: string
  /** WhatsApp: a shared location's address. */
  readonly Address?: string
  /** WhatsApp: a shared location's label. */
  readonly Label?: string
  /** WhatsApp: the text of the quick-reply button the user tapped. */
  readonly ButtonText?: string
  /** WhatsApp: the payload of the quick-reply button the user tapped. */
  readonly ButtonPayload?: string
  /** The URL of media file N (from 0 to `NumMedia` − 1). {@link messageMedia} lists them. */
  readonly [media: `MediaUrl${number}`]: string | undefined
  /** The content type of media file N, e.g. `image/jpeg`. */
  readonly [contentType: `MediaContentType${number}`]: string | undefined
}

/** Any webhook's parameters, by name; a name Twilio did not send reads as `undefined`. */
export interface WebhookParams {
  readonly [name: string]: string | undefined
}

// ---------------------------------------------------------------------------------------------
// Queues: <Enqueue> and <Dial><Queue>. Source: https://www.twilio.com/docs/voice/twiml/enqueue and
// https://www.twilio.com/docs/voice/twiml/queue

/**
 * Parameters of the requests to an `<Enqueue>` verb's `waitUrl`, made again and again while the
 * caller waits. Numbers arrive as strings of digits ({@link numericParams} reads them).
 */
export interface EnqueueWaitRequest extends VoiceRequest {
  /** The caller's current position in the queue (1 is next). */
  readonly QueuePosition: string
  /** The identifier of the queue the caller is in (starts with `QU`). */
  readonly QueueSid: string
  /** How long the caller has been in the queue, in seconds. */
  readonly QueueTime: string
  /** The average time the callers now in the queue have been waiting, in seconds. */
  readonly AvgQueueTime: string
  /** How many calls are in the queue now. */
  readonly CurrentQueueSize: string
  /** The most calls this queue holds. */
  readonly MaxQueueSize: string
}

/** Why a call left the queue, as sent to `<Enqueue action>` in `QueueResult`. */
export type QueueResult =
  /** Dequeued and bridged to the caller who dequeued it. */
  | 'bridged'
  /** Twilio has been told to bridge the call. */
  | 'bridging-in-process'
  /** The `<Enqueue>` TwiML, or the TwiML of its `waitUrl`, had an error. */
  | 'error'
  /** The caller hung up before being connected. */
  | 'hangup'
  /** The caller left the queue through `<Leave>`. */
  | 'leave'
  /** The call was redirected out of the queue (usually through the REST API). */
  | 'redirected'
  /** The call was bridged, then transferred out. */
  | 'redirected-from-bridged'
  /** The queue was full: the call was not enqueued. */
  | 'queue-full'
  /** Twilio failed while enqueuing (e.g. the caller hung up before being fully enqueued). */
  | 'system-error'

/** Parameters of the request to an `<Enqueue>` verb's `action` URL, when the call leaves the queue. */
export interface EnqueueActionRequest extends VoiceRequest {
  /** How the call left the queue. */
  readonly QueueResult: QueueResult
  /** The queue's identifier; only when the call was actually enqueued. */
  readonly QueueSid?: string
  /** How long the call was in the queue, in seconds; only when it was actually enqueued. */
  readonly QueueTime?: string
}

/**
 * Parameters of the request to a `<Dial><Queue url>`: the TwiML there runs for the dequeued caller
 * before the two parties are connected.
 */
export interface DequeueRequest extends VoiceRequest {
  /** The queue's identifier. */
  readonly QueueSid: string
  /** How long the dequeued call spent in the queue, in seconds. */
  readonly QueueTime: string
  /** The `CallSid` of the call that dequeued the caller (spelled as Twilio spells it). */
  readonly DequeingCallSid: string
}

// ---------------------------------------------------------------------------------------------
// Recordings. Sources: https://www.twilio.com/docs/voice/twiml/dial#recordingstatuscallback,
// https://www.twilio.com/docs/voice/twiml/record#attributes-recording-status-callback,
// https://www.twilio.com/docs/voice/twiml/recording, https://www.twilio.com/docs/voice/twiml/conference

/** Where a recording stands, in `RecordingStatus`. `failed` is named by the `<Record>` page. */
export type RecordingStatus = 'in-progress' | 'completed' | 'absent' | 'failed'

/**
 * What started a recording, in `RecordingSource`: `DialVerb` (`<Dial record>`), `RecordVerb`
 * (`<Record>`), `Conference` (`<Conference record>`), `OutboundAPI` (`Record=true` on a REST API call),
 * `StartCallRecordingTwiML` (`<Start><Recording>`), and others Twilio may add.
 */
export type RecordingSource =
  | 'DialVerb'
  | 'RecordVerb'
  | 'Conference'
  | 'OutboundAPI'
  | 'StartCallRecordingTwiML'
  | (string & {})

/**
 * Parameters of a `recordingStatusCallback` request, from `<Dial>`, `<Record>`,
 * `<Start><Recording>` or `<Conference>`. This is not a TwiML request: the standard voice
 * parameters are not all sent, and the answer is ignored.
 */
export interface RecordingStatusCallbackRequest {
  /** The account the recording belongs to. */
  readonly AccountSid: string
  /** The call recorded; for a two-leg call, always the parent leg. Absent for conference recordings. */
  readonly CallSid?: string
  /** Conference recordings: the conference recorded (starts with `CF`). */
  readonly ConferenceSid?: string
  /** The recording's identifier (starts with `RE`). */
  readonly RecordingSid: string
  /** The URL of the recorded audio. */
  readonly RecordingUrl: string
  /** The event: the recording started, is complete and available, or is absent. */
  readonly RecordingStatus: RecordingStatus
  /** The recording's length in seconds (on `completed`). */
  readonly RecordingDuration?: string
  /** How many channels the file has: `1` or `2`. */
  readonly RecordingChannels?: string
  /** When the recording started. */
  readonly RecordingStartTime?: string
  /** What started the recording. */
  readonly RecordingSource?: RecordingSource
  /** `<Dial>` and `<Start><Recording>`: the audio track recorded. */
  readonly RecordingTrack?: 'inbound' | 'outbound' | 'both'
}

/**
 * Parameters of a `<Record transcribeCallback>` request, sent when the transcription is done. The
 * answer is ignored. Source: https://www.twilio.com/docs/voice/twiml/record#attributes-transcribe-callback
 */
export interface TranscribeCallbackRequest extends VoiceRequest {
  /** The transcription's identifier (34 characters). */
  readonly TranscriptionSid: string
  /** The transcribed text. */
  readonly TranscriptionText?: string
  /** Whether it worked. */
  readonly TranscriptionStatus: 'completed' | 'failed'
  /** The transcription's REST API resource. */
  readonly TranscriptionUrl: string
  /** The recording transcribed. */
  readonly RecordingSid: string
  /** The URL of the recording transcribed. */
  readonly RecordingUrl: string
}

// ---------------------------------------------------------------------------------------------
// Conferences. Source: https://www.twilio.com/docs/voice/twiml/conference#attributes-status-callback

/** The conference events a `<Conference statusCallback>` reports, in `StatusCallbackEvent`. */
export type ConferenceStatusCallbackEvent =
  | 'conference-start'
  | 'conference-end'
  | 'participant-join'
  | 'participant-leave'
  | 'participant-mute'
  | 'participant-unmute'
  | 'participant-hold'
  | 'participant-unhold'
  | 'participant-modify'
  | 'participant-speech-start'
  | 'participant-speech-stop'
  | 'announcement-end'
  | 'announcement-fail'

/**
 * Parameters of a `<Conference statusCallback>` request. Participant fields come with participant
 * events; the `…EndingConference` and `Reason…` fields with `conference-end`. The answer is ignored.
 */
export interface ConferenceStatusCallbackRequest {
  /** The conference (starts with `CF`). */
  readonly ConferenceSid: string
  /** The name given in `<Conference>`. */
  readonly FriendlyName: string
  readonly AccountSid: string
  /** The order of this event among the conference's events. Requests can arrive out of order. */
  readonly SequenceNumber: string
  /** When the event happened, as an RFC 2822 date. */
  readonly Timestamp: string
  /** What happened. */
  readonly StatusCallbackEvent: ConferenceStatusCallbackEvent
  /** Participant events: the participant's call. */
  readonly CallSid?: string
  /** Participant events: whether the participant is muted. */
  readonly Muted?: 'true' | 'false'
  /** Participant events: whether the participant is on hold. */
  readonly Hold?: 'true' | 'false'
  /** Participant events: whether the participant is coaching. */
  readonly Coaching?: 'true' | 'false'
  /** Participant events: whether the conference ends when this participant leaves. */
  readonly EndConferenceOnExit?: 'true' | 'false'
  /** Participant events: whether the conference starts when this participant joins. */
  readonly StartConferenceOnEnter?: 'true' | 'false'
  /** Participant events: the participant's label. */
  readonly ParticipantLabel?: string
  /** `conference-end`: the call of the participant who ended it, if one did. */
  readonly CallSidEndingConference?: string
  /** `conference-end`: the label of the participant who ended it, if one did. */
  readonly ParticipantLabelEndingConference?: string
  /** `conference-end`: why it ended. */
  readonly ReasonConferenceEnded?:
    | 'conference-ended-via-api'
    | 'last-participant-kicked'
    | 'last-participant-left'
    | 'participant-with-end-conference-on-exit-kicked'
    | 'participant-with-end-conference-on-exit-left'
  /** `conference-end`: why it ended, in words. */
  readonly Reason?: string
  /** `announcement-fail`: why. */
  readonly ReasonAnnouncementFailed?: string
  /** Announcement events: the URL announced. */
  readonly AnnounceUrl?: string
  /** `participant-leave`: the participant's call status. */
  readonly ParticipantCallStatus?: 'no-answer' | 'busy' | 'in-progress' | 'failed' | 'canceled' | 'completed'
  /** `participant-leave`: why the participant left. */
  readonly ReasonParticipantLeft?:
    | 'conference_ended_via_api'
    | 'moderator_ended_conference'
    | 'participant_updated_via_api'
    | 'participant_hung_up'
    | 'participant_add_failed'
}

// ---------------------------------------------------------------------------------------------
// Other voice callbacks.

/**
 * Parameters of a `<Gather partialResultCallback>` request, sent while speech is being recognised.
 * The answer is ignored. Source: https://www.twilio.com/docs/voice/twiml/gather#partialresultcallback
 */
export interface GatherPartialResultRequest extends VoiceRequest {
  /** The speech recognised so far; it may still change. */
  readonly UnstableSpeechResult: string
}

/**
 * Parameters of the request to a `<Dial referUrl>`, when the called party sends a SIP REFER.
 * Source: https://www.twilio.com/docs/voice/twiml/dial#referurl
 */
export interface DialReferRequest extends VoiceRequest {
  /** The phone number or SIP endpoint to transfer to. */
  readonly ReferTransferTarget: string
}
