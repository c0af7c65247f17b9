/**
 * A reference walk of a Studio flow definition, written from Studio's widget documentation and
 * independent of the converter: given what the caller does at each Gather and how the call's other
 * events turn out, the widgets the flow goes through (Studio's execution steps).
 *
 * @see https://www.twilio.com/docs/studio/widget-library
 */

/** What the caller does at one Gather Input On Call. */
export type CallerInput = { readonly digits: string } | { readonly speech: string } | { readonly silence: true }

export interface WalkScript {
  /** The caller at each Gather, in order; when they run out, the call waits at the next Gather. */
  readonly inputs: readonly CallerInput[]
  /** How Connect Call To ends: DialCallStatus. */
  readonly dial: 'completed' | 'no-answer' | 'busy'
  /** Record Voicemail: seconds recorded; the caller hangs up at the end when `hangup`. */
  readonly record: { readonly seconds: number; readonly hangup: boolean }
  /** Make HTTP Request and Run Function: the answer. */
  readonly http: { readonly status: number; readonly body: string }
  /** Enqueue Call and Send to Flex: how the queue ends. */
  readonly queue: 'bridged' | 'queue-full'
}

interface State {
  name: string
  type: string
  properties: Record<string, any>
  transitions: { event: string; next?: string; conditions?: { type: string; arguments?: string[]; value?: string }[] }[]
}

/** How many widgets a walk goes through before it calls the flow a loop that never waits for the caller. */
export const LOOP = 200

/**
 * The steps (widget names, from `Trigger`) a call through `flow` takes under `script`; `LOOP` steps or
 * more when the flow runs in circles without the caller.
 */
export function walkFlow(flow: { states: State[]; initial_state: string }, script: WalkScript): string[] {
  const byName = new Map(flow.states.map((s) => [s.name, s]))
  const vars = {
    trigger: { call: { From: '+15017122661', To: '+15558675310' } as Record<string, string> },
    flow: { variables: {} as Record<string, string>, channel: { address: '+15558675310' } },
    contact: { channel: { address: '+15017122661' } },
    widgets: {} as Record<string, Record<string, unknown>>,
  }
  const lookup = (path: string): unknown => path.split('.').reduce<any>((v, key) => v?.[key], vars)
  const liquid = (text: unknown) =>
    String(text ?? '').replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => {
      const value = lookup(path)
      return value === undefined || value === null ? '' : String(value)
    })
  const next = (state: State, event: string) => state.transitions.find((t) => t.event === event)?.next
  const inputs = [...script.inputs]
  const steps = ['Trigger']
  let ended = false
  let current = next(byName.get(flow.initial_state)!, 'incomingCall')
  const voice = new Set([
    'say-play',
    'gather-input-on-call',
    'connect-call-to',
    'record-voicemail',
    'enqueue-call',
    'send-to-flex',
  ])
  while (current !== undefined && steps.length < LOOP) {
    const state = byName.get(current)!
    if (ended && voice.has(state.type)) break
    const p = state.properties
    const out = (vars.widgets[state.name] ??= {})
    if (state.type === 'gather-input-on-call' && inputs.length === 0) {
      steps.push(current)
      break
    }
    steps.push(current)
    switch (state.type) {
      case 'say-play':
        current = next(state, 'audioComplete')
        break
      case 'gather-input-on-call': {
        const input = inputs.shift()!
        if ('digits' in input) {
          // The Gather ends after number_of_digits keys: the rest are not part of its input.
          out.Digits =
            p.number_of_digits === undefined ? input.digits : input.digits.slice(0, Number(p.number_of_digits))
          current = next(state, 'keypress')
        } else if ('speech' in input) {
          out.SpeechResult = input.speech
          current = next(state, 'speech')
        } else current = next(state, 'timeout')
        break
      }
      case 'split-based-on': {
        const match = state.transitions.find(
          (t) =>
            t.event === 'match' &&
            (t.conditions ?? []).every((c) => holds(c.type, liquid(c.arguments?.[0] ?? p.input), liquid(c.value))),
        )
        current = match === undefined ? next(state, 'noMatch') : match.next
        break
      }
      case 'connect-call-to':
        out.DialCallStatus = script.dial
        current = next(state, 'callCompleted')
        break
      case 'record-voicemail':
        out.RecordingDuration = String(script.record.seconds)
        if (script.record.hangup) {
          ended = true
          current = next(state, 'hangup')
        } else current = next(state, script.record.seconds > 0 ? 'recordingComplete' : 'noAudio')
        break
      case 'run-function':
      case 'make-http-request': {
        out.body = script.http.body
        const ok = script.http.status >= 200 && script.http.status < 300
        current = next(state, ok ? 'success' : state.type === 'run-function' ? 'fail' : 'failed')
        break
      }
      case 'set-variables':
        for (const v of p.variables ?? []) vars.flow.variables[v.key] = liquid(v.value)
        current = next(state, 'next')
        break
      case 'enqueue-call':
      case 'send-to-flex':
        current = next(state, script.queue === 'queue-full' ? 'failedToEnqueue' : 'callComplete')
        break
      case 'send-message':
        current = next(state, 'sent')
        break
      default:
        return steps
    }
  }
  return steps
}

function holds(type: string, subject: string, value: string): boolean {
  switch (type) {
    case 'equal_to':
      return subject === value
    case 'not_equal_to':
      return subject !== value
    case 'contains':
      return subject.includes(value)
    case 'starts_with':
      return subject.startsWith(value)
    case 'greater_than':
      return Number(subject) > Number(value)
    case 'less_than':
      return Number(subject) < Number(value)
    case 'matches_any_of':
      return value.split(',').some((v) => v.trim() === subject)
    case 'is_blank':
      return subject.trim() === ''
    default:
      return false
  }
}
