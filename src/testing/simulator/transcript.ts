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
    case 'waiting':
    case 'callback':
      return undefined
    case 'error':
      return `! simulation failed: ${event.message}`
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
