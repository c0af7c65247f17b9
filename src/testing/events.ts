/**
 * What a simulated call records: the events the caller (and a screened callee) experiences, the
 * HTTP requests Twilio would have made, and the readable transcript built from the events.
 */
import type { DialCallStatus } from '../webhook/params.js'
import { attribute, type XmlElement, type XmlNode } from './xml.js'

/** Which call leg an event happened on: the caller's, or a dialed party's during call screening. */
export type CallLeg = 'caller' | 'callee'

/** Why the simulator made a request. */
export type RequestKind =
  | 'call'
  | 'redirect'
  | 'gather-action'
  | 'record-action'
  | 'dial-action'
  | 'screening'
  | 'enqueue-wait'
  | 'enqueue-action'
  | 'connect-action'
  | 'sms-action'
  | 'status-callback'
  | 'recording-status-callback'
  | 'transcribe-callback'

/** One HTTP request of the call, as Twilio would have sent it. */
export interface SimulatedRequest {
  readonly kind: RequestKind
  readonly leg: CallLeg
  readonly method: 'GET' | 'POST'
  /** The absolute URL as the TwiML (or the call) names it, before GET parameters are appended. */
  readonly url: string
  /** `url` relative to the app's base URL (`/ivr/choice`), or absolute when on another host. */
  readonly path: string
  /** Every parameter sent, standard call parameters included. */
  readonly params: Readonly<Record<string, string>>
  /** `false` for a callback on another host: recorded, never sent. */
  readonly sent: boolean
  /** The app's HTTP status, when sent. */
  readonly status?: number
  /** The app's response body, when sent. */
  readonly body?: string
}

/** Where an event stands: on which leg, and how deep in the transcript (requests nest their verbs). */
export interface EventPosition {
  readonly leg: CallLeg
  readonly depth: number
}

/** Something the call did or the caller experienced. `call.events` lists them in order. */
export type CallEvent = EventPosition &
  (
    | {
        /** Twilio fetched TwiML: the call, a redirect, an action, a screening or wait document. */
        readonly type: 'request'
        readonly request: SimulatedRequest
      }
    | {
        /** `<Say>`: the text with SSML flattened (`<sub alias>` read as its alias, breaks as spaces). */
        readonly type: 'say'
        readonly text: string
        readonly voice?: string
        readonly language?: string
        /** How many times it is said; 0 means until something else happens (forever outside a Gather). */
        readonly loop: number
      }
    | { readonly type: 'play'; readonly url?: string; readonly digits?: string; readonly loop: number }
    | { readonly type: 'pause'; readonly seconds: number }
    | {
        /** `<Gather>`: its prompts follow, one level deeper; then the input (or silence). */
        readonly type: 'gather'
        readonly input: readonly string[]
        readonly numDigits?: number
        readonly finishOnKey: string
        readonly timeout: number
        readonly method: 'GET' | 'POST'
        readonly action: string
      }
    | {
        /** What the party did at a Gather or Record: keys, speech, silence or hanging up. */
        readonly type: 'input'
        readonly digits?: string
        readonly speech?: string
        readonly confidence?: string
        readonly silence?: boolean
        readonly hangup?: boolean
      }
    | {
        readonly type: 'dial'
        readonly targets: readonly string[]
        readonly sequential: boolean
        readonly timeout: number
      }
    | {
        /** One dialed noun's outcome. `answered` legs then run their screening document, if any. */
        readonly type: 'dial-leg'
        readonly noun: string
        /** The noun's text without SIP headers (`?…`), as the transcript shows it. */
        readonly target: string
        readonly outcome: 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled'
        readonly sipResponseCode?: number
        /** Seconds it rang before the outcome. */
        readonly rang: number
      }
    | { readonly type: 'screening-result'; readonly target: string; readonly accepted: boolean }
    | { readonly type: 'connected'; readonly target: string; readonly seconds: number }
    | { readonly type: 'dial-end'; readonly status: DialCallStatus; readonly seconds?: number }
    | {
        readonly type: 'record'
        readonly maxLength: number
        readonly finishOnKey: string
        readonly beep: boolean
        readonly transcribe: boolean
      }
    | {
        /** The recording made: its length, and the key that ended it, if one did. */
        readonly type: 'recorded'
        readonly seconds: number
        readonly key?: string
        readonly hangup?: boolean
      }
    | { readonly type: 'redirect'; readonly method: 'GET' | 'POST'; readonly url: string }
    | { readonly type: 'hangup' }
    | { readonly type: 'reject'; readonly reason: string }
    | { readonly type: 'enqueue'; readonly queue: string; readonly waitUrl?: string }
    | { readonly type: 'queue-result'; readonly result: string; readonly seconds?: number }
    | { readonly type: 'leave' }
    | { readonly type: 'connect'; readonly targets: readonly string[] }
    | {
        /** A verb the simulator records and steps over (`<Start>`, `<Stop>`, `<Sms>`, `<Echo>`, ...). */
        readonly type: 'verb'
        readonly tag: string
        readonly detail: string
      }
    | { readonly type: 'warning'; readonly message: string }
    | { readonly type: 'end'; readonly reason: string }
  )

/**
 * The words of a `<Say>`: text content with SSML flattened. `<sub alias="…">` reads as its alias,
 * `<break>`, `<p>` and `<s>` separate words, and whitespace collapses to single spaces.
 */
export function spokenText(say: XmlElement): string {
  return speech(say).replace(/\s+/g, ' ').trim()
}

function speech(node: XmlNode): string {
  if (node.kind === 'text') return node.value
  if (node.kind === 'comment') return ''
  if (node.name === 'break') return ' '
  if (node.name === 'sub') {
    const alias = attribute(node, 'alias')
    if (alias !== undefined) return alias
  }
  let text = ''
  for (const child of node.children) text += speech(child)
  return node.name === 'p' || node.name === 's' ? ` ${text} ` : text
}

// Parameters every request carries, and identifiers that change nothing a reader cares about.
const QUIET_PARAMS = new Set([
  'CallSid',
  'AccountSid',
  'From',
  'To',
  'CallStatus',
  'Direction',
  'ApiVersion',
  'ParentCallSid',
  'DialCallSid',
  'DialSipCallId',
  'DialBridged',
  'RecordingSid',
  'RecordingUrl',
  'QueueSid',
  'DequeuingCallSid',
  'AvgQueueTime',
  'CurrentQueueSize',
  'MaxQueueSize',
  'CallbackSource',
  'Timestamp',
])

function quote(value: string): string {
  return value === '' || /[\s"]/.test(value) ? JSON.stringify(value) : value
}

/** `METHOD path Name=value …` with the parameters a reader cares about. */
function requestLine(request: SimulatedRequest, hidden: ReadonlySet<string>): string {
  let line = `${request.method} ${request.path}`
  for (const [name, value] of Object.entries(request.params)) {
    if (QUIET_PARAMS.has(name) || hidden.has(name)) continue
    line += ` ${name}=${quote(value)}`
  }
  return line
}

function times(loop: number): string {
  if (loop === 1) return ''
  return loop === 0 ? ' (repeating)' : ` (×${loop})`
}

function who(leg: CallLeg): string {
  return leg === 'caller' ? 'Caller' : 'Callee'
}

function seconds(n: number): string {
  return `${n}s`
}

/** One transcript line per event (some events print nothing). */
function describe(event: CallEvent, hidden: ReadonlySet<string>): string | undefined {
  switch (event.type) {
    case 'request':
      return requestLine(event.request, hidden)
    case 'say':
      return `Say ${JSON.stringify(event.text)}${times(event.loop)}`
    case 'play':
      return event.digits !== undefined
        ? `Play digits ${event.digits}${times(event.loop)}`
        : `Play ${event.url ?? ''}${times(event.loop)}`
    case 'pause':
      return `Pause ${seconds(event.seconds)}`
    case 'gather': {
      const details = [event.input.join(', ')]
      if (event.numDigits !== undefined) details.push(event.numDigits === 1 ? '1 digit' : `${event.numDigits} digits`)
      return `Gather (${details.join('; ')}) → ${event.method} ${event.action}`
    }
    case 'input':
      if (event.hangup) return `${who(event.leg)} hangs up`
      if (event.silence) return `${who(event.leg)} says nothing`
      if (event.speech !== undefined) {
        return `${who(event.leg)} says ${JSON.stringify(event.speech)}${event.confidence ? ` (confidence ${event.confidence})` : ''}`
      }
      return `${who(event.leg)} presses ${event.digits}`
    case 'dial': {
      const how = [event.sequential ? 'sequential' : event.targets.length > 1 ? 'parallel' : undefined]
      how.push(`timeout ${seconds(event.timeout)}`)
      return `Dial ${event.targets.join(', ')} (${how.filter(Boolean).join(', ')})`
    }
    case 'dial-leg': {
      const sip = event.sipResponseCode === undefined ? '' : ` (SIP ${event.sipResponseCode})`
      switch (event.outcome) {
        case 'answered':
          return `${event.target}: answered after ${seconds(event.rang)}${sip}`
        case 'no-answer':
          return `${event.target}: no answer${event.rang > 0 ? ` after ${seconds(event.rang)}` : ''}${sip}`
        case 'canceled':
          return `${event.target}: canceled after ${seconds(event.rang)}, another leg answered${sip}`
        default:
          return `${event.target}: ${event.outcome}${sip}`
      }
    }
    case 'screening-result':
      return `${event.target}: ${event.accepted ? 'accepted' : 'declined'} during screening`
    case 'connected':
      return `Connected to ${event.target} for ${seconds(event.seconds)}`
    case 'dial-end':
      return `Dial ended: ${event.status}`
    case 'record': {
      const details = [event.beep ? 'beep' : 'no beep', `max ${seconds(event.maxLength)}`]
      if (event.finishOnKey !== '') details.push(`finish on ${event.finishOnKey}`)
      if (event.transcribe) details.push('transcribe')
      return `Record (${details.join(', ')})`
    }
    case 'recorded':
      if (event.seconds === 0) return `${who(event.leg)} records nothing`
      if (event.hangup) return `${who(event.leg)} records ${seconds(event.seconds)}, then hangs up`
      return `${who(event.leg)} records ${seconds(event.seconds)}${event.key ? `, ends with ${event.key}` : ''}`
    case 'redirect':
      return `Redirect → ${event.method} ${event.url}`
    case 'hangup':
      return 'Hangup'
    case 'reject':
      return `Reject (${event.reason})`
    case 'enqueue':
      return `Enqueue ${event.queue}${event.waitUrl ? ` (wait: ${event.waitUrl})` : ' (hold music)'}`
    case 'queue-result':
      return `Left the queue: ${event.result}${event.seconds === undefined ? '' : `, connected for ${seconds(event.seconds)}`}`
    case 'leave':
      return 'Leave'
    case 'connect':
      return `Connect ${event.targets.join(', ')}`
    case 'verb':
      return event.detail === '' ? event.tag : `${event.tag} ${event.detail}`
    case 'warning':
      return `! ${event.message}`
    case 'end':
      return `Call ended: ${event.reason}`
  }
}

/**
 * The transcript: one line per event, indented by depth. `hidden` names parameters left out of
 * request lines (the call-level parameters, which every request repeats).
 */
export function formatTranscript(events: readonly CallEvent[], hidden: ReadonlySet<string> = new Set()): string {
  const lines: string[] = []
  for (const event of events) {
    const line = describe(event, hidden)
    if (line !== undefined) lines.push('  '.repeat(event.depth) + line)
  }
  return lines.join('\n')
}
