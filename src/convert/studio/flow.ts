/**
 * Studio Flow definitions as the Studio REST API (v2) and the canvas export give them: `states`
 * (widgets with a `type`, `properties` and `transitions`), `initial_state` and `flags`. Older
 * exports (v1: `InitialState`, `SayPlay`, `Gather`, ... with transitions naming widget `sid`s) are
 * read too, as the same widgets.
 *
 * @see https://www.twilio.com/docs/studio/rest-api/v2/flow
 * @see https://www.twilio.com/docs/studio/widget-library
 */
import { ConvertError } from '../errors.js'

export interface Transition {
  readonly event: string
  readonly next?: string | undefined
  readonly conditions?: readonly Condition[]
}

export interface Condition {
  readonly friendly_name?: string
  readonly arguments?: readonly string[]
  readonly type: string
  readonly value?: string
}

export interface Widget {
  readonly name: string
  readonly type: string
  readonly properties: Readonly<Record<string, unknown>>
  readonly transitions: readonly Transition[]
}

export interface Flow {
  readonly description: string
  readonly widgets: readonly Widget[]
  readonly initial: Widget
}

/** v1 widget types and the v2 type each one is. */
const LEGACY_TYPES: Readonly<Record<string, string>> = {
  InitialState: 'trigger',
  SayPlay: 'say-play',
  Gather: 'gather-input-on-call',
  Branch: 'split-based-on',
  ConnectCaller: 'connect-call-to',
  Record: 'record-voicemail',
  Message: 'send-message',
  Function: 'run-function',
  SetVariables: 'set-variables',
  HttpRequest: 'make-http-request',
  Enqueue: 'enqueue-call',
  Redirect: 'add-twiml-redirect',
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads a flow definition (the parsed JSON), checking the shape it needs. */
export function readFlow(json: unknown): Flow {
  if (!isRecord(json) || !Array.isArray(json.states)) {
    throw new ConvertError(
      'a Studio flow definition is a JSON object with "states" (export it from the canvas or the REST API)',
    )
  }
  const states = json.states as unknown[]
  const sids = new Map<string, string>()
  for (const [i, state] of states.entries()) {
    if (!isRecord(state) || typeof state.name !== 'string' || typeof state.type !== 'string') {
      throw new ConvertError(`states[${i}] needs a "name" and a "type"`)
    }
    if (typeof state.sid === 'string') sids.set(state.sid, state.name)
  }
  const names = new Set<string>()
  const widgets: Widget[] = states.map((raw, i) => {
    const state = raw as Record<string, unknown>
    const name = state.name as string
    if (!/^[A-Za-z0-9_-]+$/.test(name))
      throw new ConvertError(`states[${i}]: widget name "${name}" is not a Studio name (letters, digits, _ and -)`)
    if (names.has(name)) throw new ConvertError(`two widgets are named "${name}"`)
    names.add(name)
    const transitions = (Array.isArray(state.transitions) ? state.transitions : []).map((t, j): Transition => {
      if (!isRecord(t) || typeof t.event !== 'string')
        throw new ConvertError(`${name}: transitions[${j}] needs an "event"`)
      const next = typeof t.next === 'string' ? (sids.get(t.next) ?? t.next) : undefined
      const conditions =
        Array.isArray(t.conditions) && t.conditions.length > 0 ? (t.conditions as Condition[]) : undefined
      return { event: t.event, next, ...(conditions === undefined ? {} : { conditions }) }
    })
    const type = LEGACY_TYPES[state.type as string] ?? (state.type as string)
    const properties = isRecord(state.properties) ? state.properties : {}
    return { name, type, properties, transitions }
  })
  for (const widget of widgets) {
    for (const t of widget.transitions) {
      if (t.next !== undefined && !names.has(t.next)) {
        throw new ConvertError(
          `${widget.name}: its ${t.event} transition goes to "${t.next}", which is not a widget of the flow`,
        )
      }
    }
  }
  const initialName =
    typeof json.initial_state === 'string' ? json.initial_state : widgets.find((w) => w.type === 'trigger')?.name
  const initial = widgets.find((w) => w.name === initialName)
  if (initial === undefined) throw new ConvertError('the flow has no initial state (a Trigger widget)')
  const description = typeof json.description === 'string' ? json.description : 'Studio flow'
  return { description, widgets, initial }
}

/** The widget a transition event leads to, if the transition exists and goes somewhere. */
export function nextOf(widget: Widget, event: string): string | undefined {
  return widget.transitions.find((t) => t.event === event)?.next
}
