/**
 * `<Gather>`: plays its prompts, then waits for keys, speech, silence or a hang-up.
 * Rules from https://www.twilio.com/docs/voice/twiml/gather:
 * - the input goes to `action` (default: the document's own URL) with `Digits` (the finishing key
 *   left out, `FinishedOnKey` beside it) or `SpeechResult` and `Confidence`;
 * - the Gather ends when the caller presses a `finishOnKey` key, reaches `numDigits`, or stops for
 *   `timeout` seconds (for DTMF; `speechTimeout` after speech, default the `timeout` value);
 *   with `finishOnKey=""` no key ends it, only `numDigits` or the timeout;
 * - no input (the timeout passes, or only the `finishOnKey` key is pressed) goes on with the next
 *   verb, without requesting the action — unless `actionOnEmptyResult` is true, which requests it
 *   with empty `Digits`.
 */
import type { HttpMethod } from '../../../voice/common.js'
import { attribute, childElements, type XmlElement } from '../../xml.js'
import { attributeOr, booleanOr, integer, integerOr, methodOf, SIMULATED } from '../defaults.js'
import type { EventPosition } from '../events.js'
import { CallSimulationError } from '../http.js'
import type { Goto, Step, VerbContext } from '../runtime.js'
import type { CallInput, GatherWait } from '../waiting.js'
import { prompt } from './prompt.js'

/** The `<Gather>` a call is waiting at (`call.gather`). */
export interface PendingGather {
  readonly input: readonly string[]
  readonly numDigits?: number
  readonly finishOnKey: string
  readonly actionOnEmptyResult: boolean
  readonly method: HttpMethod
  /** The absolute action URL (the document's own URL when the Gather has no `action`). */
  readonly action: string
}

const PROMPTS = new Set(['Say', 'Play', 'Pause'])

/** Why keys do not fit the Gather, or undefined. */
function checkKeys(gather: PendingGather, digits: string): string | undefined {
  if (!gather.input.includes('dtmf')) return `the <Gather> takes ${gather.input.join(', ')}, not dtmf`
  if (!/^[0-9*#]+$/.test(digits)) return 'keys are 0-9, * and #'
  const { keys } = splitKeys(gather, digits)
  for (const key of keys) {
    if (gather.finishOnKey.includes(key)) return `${key} ends the input (finishOnKey); it can only come last`
  }
  if (gather.numDigits !== undefined && keys.length > gather.numDigits) {
    return `the <Gather> ends after numDigits=${gather.numDigits}; press at most ${gather.numDigits}`
  }
  return undefined
}

/** The digits sent and the key that finished them, if the last one is a `finishOnKey` key. */
function splitKeys(gather: PendingGather, digits: string): { keys: string; finishedOnKey?: string } {
  const last = digits[digits.length - 1]
  if (last !== undefined && gather.finishOnKey !== '' && gather.finishOnKey.includes(last)) {
    return { keys: digits.slice(0, -1), finishedOnKey: last }
  }
  return { keys: digits }
}

export async function gatherVerb({ call, leg, doc, at }: VerbContext, verb: XmlElement): Promise<Step> {
  const numDigits = attribute(verb, 'numDigits')
  const timeout = integerOr(verb, 'Gather', 'timeout')
  const speechTimeoutAttribute = attribute(verb, 'speechTimeout')
  // https://www.twilio.com/docs/voice/twiml/gather#speechtimeout: default the timeout value.
  const speechTimeout = speechTimeoutAttribute === 'auto' ? ('auto' as const) : integer(speechTimeoutAttribute, timeout)
  const gather: PendingGather = {
    input: attributeOr(verb, 'Gather', 'input').split(/\s+/).filter(Boolean),
    ...(numDigits === undefined ? {} : { numDigits: integer(numDigits, 1) }),
    finishOnKey: attributeOr(verb, 'Gather', 'finishOnKey'),
    actionOnEmptyResult: booleanOr(verb, 'Gather', 'actionOnEmptyResult'),
    method: methodOf(attribute(verb, 'method')),
    action: call.http.absolute(attribute(verb, 'action') ?? doc.url, doc.url, '<Gather action>'),
  }
  call.emit(at, {
    type: 'gather',
    input: gather.input,
    ...(gather.numDigits === undefined ? {} : { numDigits: gather.numDigits }),
    finishOnKey: gather.finishOnKey,
    timeout,
    method: gather.method,
    action: call.http.display(gather.action),
  })
  const inner: EventPosition = { leg: leg.name, depth: at.depth + 1 }
  if (attribute(verb, 'partialResultCallback') !== undefined) {
    call.emit(at, {
      type: 'warning',
      message: '<Gather partialResultCallback> is not simulated: no partial results are sent',
    })
  }
  for (const child of childElements(verb)) {
    if (!PROMPTS.has(child.name)) {
      throw new CallSimulationError(`<Gather> in ${call.http.display(doc.url)} holds <${child.name}>`)
    }
    prompt(call, inner, child)
  }

  // A dialed party's input is part of its dial script: it answers the first Gather it meets.
  let script: (() => CallInput | undefined) | undefined
  if (leg.name === 'callee') {
    const scripted = leg.input
    leg.input = undefined
    script = () =>
      scripted?.press !== undefined
        ? { kind: 'press', digits: scripted.press }
        : scripted?.speak !== undefined
          ? { kind: 'speak', text: scripted.speak, confidence: scripted.confidence ?? SIMULATED.confidence }
          : undefined
  }
  const hints = attribute(verb, 'hints')
  const spec: Omit<GatherWait, 'index' | 'leg' | 'since' | 'document'> = {
    kind: 'gather',
    deadline: call.clock.now + timeout,
    input: gather.input.filter((i): i is 'dtmf' | 'speech' => i === 'dtmf' || i === 'speech'),
    ...(gather.numDigits === undefined ? {} : { numDigits: gather.numDigits }),
    finishOnKey: gather.finishOnKey,
    timeout,
    speechTimeout,
    hints:
      hints === undefined
        ? []
        : hints
            .split(',')
            .map((h) => h.trim())
            .filter(Boolean),
    language: attributeOr(verb, 'Gather', 'language'),
    actionOnEmptyResult: gather.actionOnEmptyResult,
    action: call.http.display(gather.action),
    method: gather.method,
  }
  const since = call.clock.now
  const resolution = await call.wait(inner, spec, doc, {
    script,
    // Unscripted, a dialed party says nothing; the caller is asked (`press`, `speak`, `silence`).
    fallback: leg.name === 'callee' ? { kind: 'silence' } : undefined,
    accepts: (input) => {
      switch (input.kind) {
        case 'press':
          return checkKeys(gather, input.digits)
        case 'speak':
          // A dialed party's scripted speech is taken at any Gather (the screening script says what it says).
          return gather.input.includes('speech') || leg.name === 'callee'
            ? undefined
            : `the <Gather> takes ${gather.input.join(', ')}, not speech`
        case 'silence':
          return undefined
        case 'hangup':
          // At the caller's Gather nobody else is on the line; at a screening Gather either party may hang up.
          return input.leg === 'callee' && leg.name === 'caller' ? 'no dialed party is on the line' : undefined
        default:
          return `the call is waiting at a <Gather>, which takes press, speak, silence, hangup or advance`
      }
    },
    gather: leg.name === 'caller' ? gather : undefined,
  })

  const action = (params: Record<string, string>): Goto => ({
    kind: 'goto',
    request: 'gather-action',
    method: gather.method,
    url: gather.action,
    params,
  })
  const empty = (): Step => {
    // Twilio waited the whole timeout for nothing.
    call.clock.advanceTo(since + timeout)
    call.emit(inner, { type: 'input', silence: true })
    return gather.actionOnEmptyResult ? action({ Digits: '' }) : { kind: 'next' }
  }
  if (resolution.kind === 'deadline' || resolution.kind === 'silence') return empty()
  if (resolution.kind === 'hangup') {
    call.emit(inner, { type: 'input', hangup: true })
    if ((resolution.leg ?? 'caller') === 'caller') call.callerGone = true
    return { kind: 'ended', reason: leg.name === 'caller' ? 'caller hung up' : `${resolution.leg ?? 'caller'} hung up` }
  }
  if (resolution.kind === 'speak') {
    const confidence = String(resolution.confidence ?? SIMULATED.confidence)
    call.emit(inner, { type: 'input', speech: resolution.text, confidence })
    // Recognition ends `speechTimeout` seconds after the speech (`auto`: at the pause).
    if (speechTimeout !== 'auto') call.clock.advanceTo(call.clock.now + speechTimeout)
    return action({ SpeechResult: resolution.text, Confidence: confidence })
  }
  if (resolution.kind !== 'press') throw new Error(`unexpected ${resolution.kind} at a <Gather>`)
  const { keys, finishedOnKey } = splitKeys(gather, resolution.digits)
  call.emit(inner, { type: 'input', digits: resolution.digits })
  if (keys === '') {
    // Only the finishing key: no input, as if the timeout had passed (but at once).
    return gather.actionOnEmptyResult ? action({ Digits: '' }) : { kind: 'next' }
  }
  // Without the finishing key or the last of numDigits, the Gather ends after `timeout` more seconds.
  const complete = finishedOnKey !== undefined || keys.length === gather.numDigits
  if (!complete) call.clock.advanceTo(call.clock.now + timeout)
  return action(finishedOnKey === undefined ? { Digits: keys } : { Digits: keys, FinishedOnKey: finishedOnKey })
}
