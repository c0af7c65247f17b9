/**
 * The readable transcript of a simulated call: one line per event, indented by depth, with the
 * request parameters a reader cares about.
 */
import { attribute, type XmlElement, type XmlNode } from '../xml.js'
import type { CallEvent, CallLeg, SimulatedRequest } from './events.js'

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
  'DequeingCallSid',
  'Called',
  'Caller',
  'ConferenceSid',
  'PaymentToken',
  'PaymentConfirmationCode',
  'AvgQueueTime',
  'CurrentQueueSize',
  'MaxQueueSize',
  'CallbackSource',
  'Timestamp',
  'SessionId',
  'StreamSid',
])

function quote(value: string): string {
  return value === '' || /[\s"]/.test(value) ? JSON.stringify(value) : value
}

/**
 * The parameters of a request a reader cares about, in the order sent: what the verb or the caller
 * added (`Digits`, `DialCallStatus`, `QueueTime`, ...), without the ones every request repeats, the
 * identifiers, and `hidden` (the call-level parameters a test passed). The transcript's request
 * lines show these; the flow explorer tells requests apart by them.
 */
export function notableParams(
  params: Readonly<Record<string, string>>,
  hidden: ReadonlySet<string> = new Set(),
): [name: string, value: string][] {
  return Object.entries(params).filter(([name]) => !QUIET_PARAMS.has(name) && !hidden.has(name))
}

/** `METHOD path Name=value …` with the parameters a reader cares about. */
function requestLine(request: SimulatedRequest, hidden: ReadonlySet<string>): string {
  let line = `${request.method} ${request.path}`
  for (const [name, value] of notableParams(request.params, hidden)) line += ` ${name}=${quote(value)}`
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
    case 'conference':
      return `Conference ${event.name}${event.waitUrl ? ` (wait: ${event.waitUrl})` : ''}`
    case 'participant':
      return `${event.label} ${event.action === 'join' ? 'joins' : 'leaves'}`
    case 'conference-start':
      return 'Conference started'
    case 'conference-end':
      return `Conference ended after ${seconds(event.seconds)}: ${event.reason}`
    case 'pay':
      return `Pay (${event.paymentMethod}${event.chargeAmount === undefined ? '' : `, charge ${event.chargeAmount}`})`
    case 'paid':
      return `Payment: ${event.result}`
    case 'refer':
      return `Refer ${event.target}`
    case 'referred':
      return `Refer ended: ${event.status}${event.sipResponseCode === undefined ? '' : ` (SIP ${event.sipResponseCode})`}`
    case 'session-start': {
      const parameters = Object.entries(event.customParameters).map(([name, value]) => `${name}=${quote(value)}`)
      const what =
        event.protocol === 'conversation-relay' ? 'ConversationRelay session started' : 'Media stream started'
      return parameters.length === 0 ? what : `${what} (${parameters.join(', ')})`
    }
    case 'relay-turn':
      return `Agent says ${JSON.stringify(event.text)}${event.greeting ? ' (welcome greeting)' : ''}${event.complete ? '' : ' (cut short)'}`
    case 'relay-play':
      return `Agent plays ${event.source}${times(event.loop)}`
    case 'relay-digits':
      return `Agent sends digits ${event.digits}`
    case 'relay-language': {
      const parts = []
      if (event.ttsLanguage !== undefined) parts.push(`speech ${event.ttsLanguage}`)
      if (event.transcriptionLanguage !== undefined) parts.push(`transcription ${event.transcriptionLanguage}`)
      return `Agent switches language: ${parts.join(', ')}`
    }
    case 'relay-interrupt':
      return `Caller interrupts the agent after ${JSON.stringify(event.utterance)}`
    case 'stream-audio':
      return `Caller sends ${event.ms} ms of ${event.source === 'wav' ? 'audio' : 'silence'} (${event.frames} frame${event.frames === 1 ? '' : 's'})`
    case 'stream-media':
    case 'stream-mark':
    case 'stream-mark-played':
    case 'stream-clear':
      return streamSummary([event])
    case 'socket-invalid':
      return `! the app sent a message Twilio would reject: ${event.message}`
    case 'session-end':
      switch (event.by) {
        case 'app-end':
          return `Session ended by the app${event.handoffData === undefined ? '' : `, handoff ${event.handoffData}`}`
        case 'app-close':
          return 'Session ended: the app closed its socket'
        case 'caller':
          return 'Session ended: the caller hung up'
      }
      break
    case 'waiting':
    case 'callback':
    case 'relay-text':
      return undefined
    case 'error':
      return `! simulation failed: ${event.message}`
    case 'warning':
      return `! ${event.message}`
    case 'end':
      return `Call ended: ${event.reason}`
  }
}

/** Names in a transcript line: all of a few, else the first two, the last and the count. */
function names(list: readonly string[]): string {
  return list.length <= 4 ? list.join(', ') : `${list[0]}, ${list[1]} … ${list[list.length - 1]} (${list.length})`
}

const STREAM_APP = new Set<CallEvent['type']>(['stream-media', 'stream-mark', 'stream-mark-played', 'stream-clear'])
type StreamAppEvent = Extract<
  CallEvent,
  { type: 'stream-media' | 'stream-mark' | 'stream-mark-played' | 'stream-clear' }
>

/**
 * One line for a run of the app's Media Streams traffic (audio frames, marks, their echoes, clears),
 * which comes a frame at a time: `App sends 50 audio messages (1000 ms), marks echo-1, echo-2 … echo-50 (50); marks played: …`.
 */
function streamSummary(run: readonly StreamAppEvent[]): string {
  const media = run.filter((e) => e.type === 'stream-media')
  const marks = run.flatMap((e) => (e.type === 'stream-mark' ? [e.name] : []))
  const clears = run.filter((e) => e.type === 'stream-clear').length
  const played = run.flatMap((e) => (e.type === 'stream-mark-played' && !e.cleared ? [e.name] : []))
  const cleared = run.flatMap((e) => (e.type === 'stream-mark-played' && e.cleared ? [e.name] : []))
  const sent: string[] = []
  if (media.length > 0) {
    const bytes = media.reduce((sum, e) => sum + e.bytes, 0)
    sent.push(`${media.length} audio message${media.length === 1 ? '' : 's'} (${Math.round(bytes / 8)} ms)`)
  }
  if (marks.length > 0) sent.push(`${marks.length === 1 ? 'mark' : 'marks'} ${names(marks)}`)
  if (clears > 0) sent.push(clears === 1 ? 'clear' : `clear ×${clears}`)
  const parts = sent.length === 0 ? [] : [`App sends ${sent.join(', ')}`]
  if (played.length > 0) parts.push(`${parts.length === 0 ? 'Marks' : 'marks'} played: ${names(played)}`)
  if (cleared.length > 0) parts.push(`${parts.length === 0 ? 'Marks' : 'marks'} cleared: ${names(cleared)}`)
  return parts.join('; ')
}

/**
 * The transcript: one line per event, indented by depth (a run of Media Streams traffic from the
 * app is one line). `hidden` names parameters left out of request lines (the call-level
 * parameters, which every request repeats).
 */
export function formatTranscript(events: readonly CallEvent[], hidden: ReadonlySet<string> = new Set()): string {
  const lines: string[] = []
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!
    if (STREAM_APP.has(event.type)) {
      const run: StreamAppEvent[] = []
      for (; index < events.length; index++) {
        const next = events[index]!
        if (next.type === 'waiting') continue
        if (!STREAM_APP.has(next.type) || next.depth !== event.depth) break
        run.push(next as StreamAppEvent)
      }
      index--
      lines.push('  '.repeat(event.depth) + streamSummary(run))
      continue
    }
    const line = describe(event, hidden)
    if (line !== undefined) lines.push('  '.repeat(event.depth) + line)
  }
  return lines.join('\n')
}
