/**
 * Type tests for the voice verbs and nouns of record.ts, queue.ts, sms.ts, echo.ts, refer.ts,
 * start-stop.ts, connect.ts and pay.ts. `npx tsc --noEmit -p .` checks this file: each
 * `@ts-expect-error` line must fail to compile (tsc reports an unused directive otherwise), the
 * other lines must compile. Not a vitest file (vitest runs `*.test.tsx` only).
 */
import type VR from 'twilio/lib/twiml/VoiceResponse'
import {
  type AiSessionProps,
  Config,
  type ConfigProps,
  Connect,
  type ConnectProps,
  type ConversationProps,
  ConversationRelay,
  type ConversationRelayProps,
  type ConversationRelaySessionProps,
  Echo,
  Enqueue,
  type EnqueueProps,
  Language,
  type LanguageProps,
  Leave,
  MediaFilter,
  type MediaFilterProps,
  Parameter,
  Pay,
  type PayProps,
  Play,
  Prompt,
  type PromptProps,
  Record,
  Recording,
  type RecordingProps,
  type RecordProps,
  RecordVerb,
  Refer,
  type ReferProps,
  ReferSip,
  Response,
  Room,
  type RoomProps,
  Say,
  Siprec,
  type SiprecProps,
  Sms,
  type SmsProps,
  Start,
  type StartProps,
  Stop,
  Stream,
  type StreamProps,
  Task,
  type TaskProps,
  Transcription,
  type TranscriptionProps,
  type TwimlNode,
  VirtualAgent,
  type VirtualAgentProps,
} from 'twiml-jsx'

// --- Importing `Record` leaves TypeScript's `Record<K, V>` usable -------------------------------
// Our `Record` is a value; TypeScript resolves `Record<...>` in type positions by meaning, so the
// built-in utility type still applies in a module that imports the TwiML element.
export const counts: Record<string, number> = { voicemail: 1 }
export type Flags = Record<'beep' | 'trim', boolean>
export const flags: Flags = { beep: true, trim: false }
// @ts-expect-error still the real utility type: values must be numbers
export const badCounts: Record<string, number> = { voicemail: 'one' }

// --- Every attribute twilio 6.3.1 models exists here, under the same name -----------------------
type Covers<Twilio, Ours> = Exclude<keyof Twilio, keyof Ours> extends never ? true : Exclude<keyof Twilio, keyof Ours>
export const coverage: true[] = [
  true satisfies Covers<VR.RecordAttributes, RecordProps>,
  true satisfies Covers<VR.EnqueueAttributes, EnqueueProps>,
  true satisfies Covers<VR.TaskAttributes, TaskProps>,
  true satisfies Covers<VR.SmsAttributes, SmsProps>,
  true satisfies Covers<VR.ReferAttributes, ReferProps>,
  true satisfies Covers<VR.StartAttributes, StartProps>,
  true satisfies Covers<VR.StreamAttributes, StreamProps>,
  true satisfies Covers<VR.SiprecAttributes, SiprecProps>,
  true satisfies Covers<VR.TranscriptionAttributes, TranscriptionProps>,
  true satisfies Covers<VR.RecordingAttributes, RecordingProps>,
  true satisfies Covers<VR.MediaFilterAttributes, MediaFilterProps>,
  true satisfies Covers<VR.ConnectAttributes, ConnectProps>,
  true satisfies Covers<VR.RoomAttributes, RoomProps>,
  true satisfies Covers<VR.ConversationRelayAttributes, ConversationRelayProps>,
  true satisfies Covers<VR.LanguageAttributes, LanguageProps>,
  true satisfies Covers<VR.VirtualAgentAttributes, VirtualAgentProps>,
  true satisfies Covers<VR.ConfigAttributes, ConfigProps>,
  true satisfies Covers<VR.ConversationAttributes, ConversationProps>,
  true satisfies Covers<VR.AiSessionAttributes, AiSessionProps>,
  true satisfies Covers<VR.ConversationRelaySessionAttributes, ConversationRelaySessionProps>,
  true satisfies Covers<VR.PayAttributes, PayProps>,
  true satisfies Covers<VR.PromptAttributes, PromptProps>,
]

// --- Documents that must compile ---------------------------------------------------------------
export const ok: TwimlNode[] = [
  <Response key="record">
    <Record
      action="/done"
      maxLength={60}
      recordingStatusCallbackEvent={['in-progress', 'completed']}
      trim="do-not-trim"
    />
    <RecordVerb playBeep={false} />
  </Response>,
  <Response key="queue">
    <Enqueue waitUrl="/hold" waitUrlMethod="GET">
      support
    </Enqueue>
    <Enqueue workflowSid="WW0123456789abcdef0123456789abcdef">
      <Task priority={1}>{JSON.stringify({ skill: 'es' })}</Task>
    </Enqueue>
    <Leave />
    <Echo />
    <Sms to="+14155550100">Hello</Sms>
  </Response>,
  <Response key="start">
    <Start action="/started">
      <Stream url="wss://example.com/s" track="both_tracks" sampleRate={16000}>
        <Parameter name="a" value="b" />
      </Stream>
      <Siprec connectorName="rec" />
      <Transcription transcriptionEngine="some-future-engine" partialResults>
        <Config name="k" value="v" />
      </Transcription>
      <Recording channels="mono" track="inbound" />
      <MediaFilter filterType="noise" />
    </Start>
    <Stop>
      <Stream name="s" />
    </Stop>
  </Response>,
  <Response key="connect">
    <Connect action="/after">
      <ConversationRelay
        url="wss://example.com/r"
        interruptible={false}
        welcomeGreetingInterruptible="dtmf"
        ttsProvider="SomeNewProvider"
        eagerEotThreshold="0.6"
        speechtimeout="auto"
      >
        <Language code="es-MX" ttsTextNormalization="auto" />
      </ConversationRelay>
    </Connect>
    <Connect>
      <VirtualAgent connectorName="p" language="en-US" sentimentAnalysis />
    </Connect>
    <Connect>
      <Room>standup</Room>
    </Connect>
  </Response>,
  <Response key="pay">
    <Pay chargeAmount="10.50" validCardTypes={['visa', 'amex']} postalCode="94110" language="pt-BR">
      <Prompt for="expiration-date" attempt={[1, 2]} cardType={['visa']}>
        <Say>Enter the expiration date.</Say>
        <Play>https://example.com/a.mp3</Play>
      </Prompt>
    </Pay>
    <Pay chargeAmount={0} postalCode={false} />
  </Response>,
  <Refer key="refer">
    <ReferSip>sip:alice@example.com</ReferSip>
  </Refer>,
]

// --- Misspelled attributes ----------------------------------------------------------------------
// @ts-expect-error maxLenght is not an attribute of <Record>
export const e1 = <Record maxLenght={30} />
// @ts-expect-error waitURL: attribute names are case-sensitive (waitUrl)
export const e2 = <Enqueue waitURL="/hold">q</Enqueue>
// @ts-expect-error statusCallback on <Transcription> is spelled statusCallbackUrl
export const e3 = <Transcription statusCallback="https://example.com/t" />
// @ts-expect-error <ReferSip> takes no attributes (no URI composition)
export const e4 = <ReferSip transport="tls">sip:a@example.com</ReferSip>

// --- Values outside closed unions ---------------------------------------------------------------
// @ts-expect-error <Stream track> uses the _track suffix
export const v1 = <Stream track="inbound" />
// @ts-expect-error <Recording track> has no _track suffix
export const v2 = <Recording track="both_tracks" />
// @ts-expect-error paymentMethod is credit-card or ach-debit
export const v3 = <Pay paymentMethod="paypal" />
// @ts-expect-error not a payment step
export const v4 = <Prompt for="cvv" />
// @ts-expect-error not a card brand twilio knows
export const v5 = <Pay validCardTypes={['visa', 'unionpay']} />
// @ts-expect-error recording events are in-progress, completed, absent
export const v6 = <Record recordingStatusCallbackEvent={['started']} />
// @ts-expect-error methods are GET or POST
export const v7 = <Connect method="PUT" />
// @ts-expect-error interruptSensitivity is low, medium or high
export const v8 = <ConversationRelay interruptSensitivity="max" />
// @ts-expect-error numbers, not strings, for numeric attributes
export const v9 = <Record maxLength="60" />
// @ts-expect-error chargeAmount must be numeric
export const v10 = <Pay chargeAmount="ten dollars" />

// --- Children where the element takes none, and missing required content ----------------------
// @ts-expect-error <Leave> is empty
export const c1 = <Leave>now</Leave>
export const c2 = (
  <Echo>
    {/* @ts-expect-error <Echo> is empty */}
    <Say>hi</Say>
  </Echo>
)
// @ts-expect-error <Recording> is empty
export const c3 = <Recording>x</Recording>
// @ts-expect-error <Record> is empty
export const c4 = <Record>message</Record>
// @ts-expect-error <Sms> needs its text
export const c5 = <Sms to="+14155550100" />
// @ts-expect-error <Prompt> needs `for`
export const c6 = <Prompt errorType={['timeout']} />
// @ts-expect-error <Language> needs `code`
export const c7 = <Language voice="x" />
// @ts-expect-error <Room> takes the room name as text, not elements
export const c8 = <Room>{<Say>hi</Say>}</Room>
