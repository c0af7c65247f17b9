/**
 * Reading what the page (or a saved session file) sends: a call's setup and inputs. Anything
 * malformed is refused with a message naming the field, never passed on to the simulator.
 */
import type { AnsweredBy, CallInput, PayResult, ReferStatus } from '../testing/simulator/index.js'
import type { CallSetup } from './protocol.js'

/**
 * Every value of a union of strings, as a list: a compile error when the list misses one or holds
 * one the union lacks, so these lists follow the simulator's types.
 */
function every<T extends string>() {
  return <const V extends readonly T[]>(
    ...values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : { missing: Exclude<T, V[number]> })
  ): readonly T[] => values
}

const ANSWERED_BY = every<AnsweredBy>()(
  'human',
  'machine_start',
  'machine_end_beep',
  'machine_end_silence',
  'machine_end_other',
  'fax',
  'unknown',
)
const PAY_RESULTS = every<PayResult>()(
  'success',
  'payment-connector-error',
  'too-many-failed-attempts',
  'caller-interrupted-with-star',
  'caller-hung-up',
  'validation-error',
  'internal-error',
)
const REFER_STATUSES = every<ReferStatus>()('in-progress', 'busy', 'no-answer', 'canceled', 'failed')
type QueueResult = Extract<CallInput, { kind: 'queue-result' }>['result']
const QUEUE_RESULTS = every<QueueResult>()('bridged', 'queue-full', 'error', 'system-error')
type DeclineStatus = NonNullable<Extract<CallInput, { kind: 'decline' }>['status']>
const DECLINE_STATUSES = every<DeclineStatus>()('busy', 'no-answer', 'failed')

/** Malformed input: answered with HTTP 400 and the message. */
export class BadInput extends Error {
  override name = 'BadInput'
}

type Fields = Record<string, unknown>

function object(value: unknown, where: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadInput(`${where}: expected an object`)
  return value as Fields
}

function string(fields: Fields, name: string, where: string, optional = false): string | undefined {
  const value = fields[name]
  if (value === undefined && optional) return undefined
  if (typeof value !== 'string') throw new BadInput(`${where}.${name}: expected a string`)
  return value
}

function number(fields: Fields, name: string, where: string, optional = false): number | undefined {
  const value = fields[name]
  if (value === undefined && optional) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BadInput(`${where}.${name}: expected a number`)
  return value
}

function oneOf<T extends string>(fields: Fields, name: string, values: readonly T[], where: string): T | undefined {
  const value = fields[name]
  if (value === undefined) return undefined
  if (!values.includes(value as T)) {
    throw new BadInput(`${where}.${name}: expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`)
  }
  return value as T
}

function bool(fields: Fields, name: string, where: string): boolean | undefined {
  const value = fields[name]
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw new BadInput(`${where}.${name}: expected true or false`)
  return value
}

/** Copies the defined values only, so `{ kind: 'answer' }` stays without `party: undefined`. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

const PARTY = (fields: Fields, where: string): number | string | undefined => {
  const party = fields.party
  if (party === undefined || typeof party === 'string' || (typeof party === 'number' && Number.isInteger(party))) {
    return party
  }
  throw new BadInput(`${where}.party: expected a party's index or target`)
}

/** Reads one {@link CallInput}. */
export function readInput(value: unknown, where = 'input'): CallInput {
  const fields = object(value, where)
  const kind = fields.kind
  switch (kind) {
    case 'press':
      return { kind, digits: string(fields, 'digits', where)! }
    case 'speak':
      return defined({
        kind,
        text: string(fields, 'text', where)!,
        confidence: number(fields, 'confidence', where, true),
      })
    case 'silence':
      return { kind }
    case 'hangup':
      return defined({ kind, leg: oneOf(fields, 'leg', ['caller', 'callee'] as const, where) })
    case 'advance':
      return { kind, seconds: number(fields, 'seconds', where)! }
    case 'answer':
      return defined({
        kind,
        party: PARTY(fields, where),
        answeredBy: oneOf(fields, 'answeredBy', ANSWERED_BY, where),
      })
    case 'decline':
      return defined({
        kind,
        party: PARTY(fields, where),
        status: oneOf(fields, 'status', DECLINE_STATUSES, where),
        sipResponseCode: number(fields, 'sipResponseCode', where, true),
      })
    case 'record':
      return defined({
        kind,
        seconds: number(fields, 'seconds', where)!,
        key: string(fields, 'key', where, true),
        hangup: bool(fields, 'hangup', where),
        transcription: string(fields, 'transcription', where, true),
      })
    case 'queue-result':
      return {
        kind,
        result: oneOf(fields, 'result', QUEUE_RESULTS, where) ?? missing(where, 'result'),
      }
    case 'participant':
      return defined({
        kind,
        action: oneOf(fields, 'action', ['join', 'leave'] as const, where) ?? missing(where, 'action'),
        label: string(fields, 'label', where, true),
        startConferenceOnEnter: bool(fields, 'startConferenceOnEnter', where),
        endConferenceOnExit: bool(fields, 'endConferenceOnExit', where),
      })
    case 'pay':
      return defined({
        kind,
        result: oneOf(fields, 'result', PAY_RESULTS, where) ?? missing(where, 'result'),
        cardNumber: string(fields, 'cardNumber', where, true),
        cardType: string(fields, 'cardType', where, true),
      })
    case 'refer':
      return defined({
        kind,
        status: oneOf(fields, 'status', REFER_STATUSES, where) ?? missing(where, 'status'),
        sipResponseCode: number(fields, 'sipResponseCode', where, true),
        notifySipResponseCode: number(fields, 'notifySipResponseCode', where, true),
      })
    case 'interrupt':
      return defined({ kind, text: string(fields, 'text', where, true) })
    case 'audio': {
      if (fields.wav !== undefined) return { kind, wav: string(fields, 'wav', where)! }
      const silenceMs = number(fields, 'silenceMs', where, true)
      if (silenceMs === undefined) throw new BadInput(`${where}: give silenceMs or wav (a WAV file in base64)`)
      return { kind, silenceMs }
    }
    default:
      throw new BadInput(`${where}.kind: unknown input ${JSON.stringify(kind)}`)
  }
}

function missing(where: string, name: string): never {
  throw new BadInput(`${where}.${name}: required`)
}

/** Reads a list of inputs. */
export function readInputs(value: unknown, where = 'inputs'): CallInput[] {
  if (!Array.isArray(value)) throw new BadInput(`${where}: expected a list of inputs`)
  return value.map((input, n) => readInput(input, `${where}[${n}]`))
}

/** Reads a call's setup: the route, From, To, custom parameters. */
export function readSetup(value: unknown, where = 'call'): CallSetup {
  const fields = object(value, where)
  const url = string(fields, 'url', where)!
  if (url.trim() === '') throw new BadInput(`${where}.url: give the route to call, e.g. /voice`)
  if (!url.startsWith('/') && !/^https?:\/\//i.test(url)) {
    throw new BadInput(`${where}.url: "${url}" is neither a path (/voice) nor an http(s) URL`)
  }
  let params: Record<string, string> | undefined
  if (fields.params !== undefined) {
    const given = object(fields.params, `${where}.params`)
    params = {}
    for (const [name, v] of Object.entries(given)) {
      if (typeof v !== 'string') throw new BadInput(`${where}.params.${name}: expected a string`)
      if (name.trim() === '') throw new BadInput(`${where}.params: a parameter needs a name`)
      params[name] = v
    }
  }
  return defined({
    url,
    method: oneOf(fields, 'method', ['GET', 'POST'] as const, where),
    from: string(fields, 'from', where, true),
    to: string(fields, 'to', where, true),
    params: params === undefined || Object.keys(params).length === 0 ? undefined : params,
  })
}
