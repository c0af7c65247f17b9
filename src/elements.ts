/**
 * Every built-in element, by the name the package exports it under, and a lookup for tools that
 * read TwiML (the TwiML → TSX converter): which definition a tag is under a given parent.
 *
 * Importing this module brings in every element; nothing on the render path imports it, so a
 * bundle that uses neither keeps only the elements it names.
 */
import { Body, Media, Message } from './messaging/message.js'
import { MessagingResponse } from './messaging/response.js'
import type { BuiltinElement } from './node.js'
import { definitionOf, ELEMENT_SPEC, type ElementSpec, mayContain } from './schema.js'
import {
  AiSession,
  Autopilot,
  Config,
  Connect,
  Conversation,
  ConversationRelay,
  ConversationRelaySession,
  Language,
  Room,
  VirtualAgent,
} from './voice/connect.js'
import {
  Application,
  ApplicationSid,
  Client,
  Conference,
  Dial,
  Identity,
  Number,
  Queue,
  Sim,
  WhatsApp,
} from './voice/dial.js'
import { Echo } from './voice/echo.js'
import { Enqueue, Leave, Task } from './voice/enqueue-leave.js'
import { Gather } from './voice/gather.js'
import { Hangup } from './voice/hangup.js'
import { Parameter } from './voice/parameter.js'
import { Pay, Prompt } from './voice/pay.js'
import { Pause, Play } from './voice/play-pause.js'
import { Record } from './voice/record.js'
import { Redirect } from './voice/redirect.js'
import { Refer, ReferSip } from './voice/refer.js'
import { Reject } from './voice/reject.js'
import { Response } from './voice/response.js'
import { Say } from './voice/say.js'
import { Header, Headers, Sip, Uri } from './voice/sip.js'
import { Sms } from './voice/sms.js'
import {
  AmazonDomain,
  AmazonEffect,
  Break,
  Emphasis,
  Lang,
  P,
  Phoneme,
  Prosody,
  S,
  SayAs,
  Sub,
  ssmlElements,
  W,
} from './voice/ssml.js'
import { MediaFilter, Recording, Siprec, Start, Stop, Stream, Transcription } from './voice/start-stop.js'

/**
 * Every built-in element once, under its main export name (aliases such as `DialNumber` or
 * `VoiceResponse` are left out). Definitions that share a tag have distinct names: `Sip` (dialed)
 * and `ReferSip`, `Response` and `MessagingResponse`.
 */
export const ELEMENTS = {
  Response,
  MessagingResponse,
  // voice verbs
  Say,
  Play,
  Pause,
  Gather,
  Dial,
  Hangup,
  Redirect,
  Reject,
  Record,
  Enqueue,
  Leave,
  Connect,
  Start,
  Stop,
  Pay,
  Prompt,
  Refer,
  Sms,
  Echo,
  Queue,
  // nouns
  Number,
  Client,
  Identity,
  Sip,
  Uri,
  Headers,
  Header,
  Conference,
  Sim,
  Application,
  ApplicationSid,
  WhatsApp,
  Parameter,
  Task,
  Room,
  ConversationRelay,
  Language,
  VirtualAgent,
  Config,
  Conversation,
  Autopilot,
  AiSession,
  ConversationRelaySession,
  Stream,
  Siprec,
  Transcription,
  Recording,
  MediaFilter,
  ReferSip,
  // SSML
  Break,
  Emphasis,
  Lang,
  P,
  Phoneme,
  Prosody,
  S,
  SayAs,
  Sub,
  W,
  AmazonEffect,
  AmazonDomain,
  // messaging
  Message,
  Body,
  Media,
} as const satisfies Readonly<Record<string, BuiltinElement<any>>>

/** The name of an element in {@link ELEMENTS}. */
export type ElementName = keyof typeof ELEMENTS

/** A definition found by {@link childElement}: the element and the name it is exported under. */
export interface FoundElement {
  readonly element: BuiltinElement<any>
  readonly name: ElementName
}

/**
 * The element definition a child tag stands for under `parent`, and its export name, or
 * `undefined` when `parent` takes no child of that tag. Tags shared by several definitions
 * resolve by parent: `Sip` under `Dial` is `Sip`, under `Refer` it is `ReferSip`; `Redirect` is
 * the same definition under both roots. SSML tags are the wire names (`say-as` → `SayAs`).
 *
 * ```ts
 * childElement(Dial, 'Sip')?.name   // 'Sip'
 * childElement(Refer, 'Sip')?.name  // 'ReferSip'
 * ```
 */
export function childElement(parent: BuiltinElement<any>, tag: string): FoundElement | undefined {
  const parentSpec = parent[ELEMENT_SPEC]
  for (const name in ELEMENTS) {
    const element: BuiltinElement<any> = ELEMENTS[name as ElementName]
    const spec: ElementSpec = element[ELEMENT_SPEC]
    if (spec.tag === tag && !spec.root && mayContain(parentSpec, spec)) return { element, name: name as ElementName }
  }
  return undefined
}

/** The name {@link ELEMENTS} lists a definition under (`ReferSip` for `Refer`'s `<Sip>`). */
export function elementName(element: BuiltinElement<any>): ElementName | undefined {
  const spec = definitionOf(element[ELEMENT_SPEC])
  for (const name in ELEMENTS) if (ELEMENTS[name as ElementName][ELEMENT_SPEC] === spec) return name as ElementName
  return undefined
}

const verbsOf = (root: BuiltinElement<any>): readonly string[] =>
  Object.values(ELEMENTS)
    .filter((e: BuiltinElement<any>) => e[ELEMENT_SPEC].verbOf?.includes(root))
    .map((e) => e.tag)

/** Tags of the verbs a voice `<Response>` may hold (each verb names its roots: this list is read from them). */
export const VOICE_VERBS: readonly string[] = /* @__PURE__ */ verbsOf(Response)

/** Tags of the verbs a messaging `<Response>` may hold: `Message` and `Redirect`. */
export const MESSAGING_VERBS: readonly string[] = /* @__PURE__ */ verbsOf(MessagingResponse)

/** Tags of the SSML elements `<Say>` may contain (besides text), read from its child rule. */
export const SSML_TAGS: readonly string[] = /* @__PURE__ */ ssmlElements().map((e) => e.tag)
