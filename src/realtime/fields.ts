/**
 * The field checks both protocols' message tables are written in. A message type is a table from
 * field name to {@link Field}; {@link Fields} makes the compiler hold the table to the TypeScript
 * type (every field listed, optional exactly where the type says so, the checked type the declared
 * one), so the runtime check and the type are one fact.
 */
import { describeValue, type RealtimeIssue } from './errors.js'

/** Checks one field's value and returns it as its type (some checks normalise, e.g. `"460"` → 460). */
export interface Field<V> {
  /** Returns the value as `V`; on a problem, records it in `issues` and returns `undefined`. */
  read(value: unknown, path: string, issues: RealtimeIssue[]): V
  /** Whether the field may be left out; the type forces this to match `V`. */
  readonly optional: undefined extends V ? true : false
}

/** A check for every field of `T` (the discriminant included). */
export type Fields<T> = { readonly [K in keyof T]-?: Field<T[K]> }

function field<V>(read: (value: unknown, path: string, issues: RealtimeIssue[]) => V | undefined): Field<V> {
  return { read: read as Field<V>['read'], optional: false as Field<V>['optional'] }
}

function fail(issues: RealtimeIssue[], path: string, expected: string, value: unknown): undefined {
  issues.push({ path, message: `must be ${expected}, got ${describeValue(value)}` })
  return undefined
}

/** The field may be missing (`undefined`); when present it must pass `inner`. */
export function optional<V>(inner: Field<V>): Field<V | undefined> {
  return {
    read: (value, path, issues) => (value === undefined ? undefined : inner.read(value, path, issues)),
    optional: true,
  } as Field<V | undefined>
}

/** Any string (the empty one included). */
export const text: Field<string> = field((value, path, issues) =>
  typeof value === 'string' ? value : fail(issues, path, 'a string', value),
)

/** A string that is not empty. */
export const nonEmptyText: Field<string> = field((value, path, issues) =>
  typeof value === 'string' && value !== '' ? value : fail(issues, path, 'a non-empty string', value),
)

/** `true` or `false`. */
export const boolean: Field<boolean> = field((value, path, issues) =>
  typeof value === 'boolean' ? value : fail(issues, path, 'true or false', value),
)

/** One of the listed values, exactly. */
export function oneOf<const V extends string | number>(...values: readonly V[]): Field<V> {
  const expected =
    values.length === 1 ? describeValue(values[0]) : `one of ${values.map((v) => describeValue(v)).join(', ')}`
  return field((value, path, issues) =>
    (values as readonly unknown[]).includes(value) ? (value as V) : fail(issues, path, expected, value),
  )
}

/** A string of decimal digits, as Twilio writes counters (`"sequenceNumber": "1"`). */
export const digitString: Field<string> = field((value, path, issues) =>
  typeof value === 'string' && /^\d+$/.test(value) ? value : fail(issues, path, 'a string of digits', value),
)

/** A whole number of at least `min`. */
export function integer(min: number): Field<number> {
  return field((value, path, issues) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min
      ? value
      : fail(issues, path, `a whole number of at least ${min}`, value),
  )
}

/**
 * A whole number of at least 0, also accepted as a string of digits and returned as a number: one
 * version of Twilio's page shows `"durationUntilInterruptMs": 460`, another `"460"`.
 */
export const countLike: Field<number> = field((value, path, issues) => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  return fail(issues, path, 'a whole number of milliseconds', value)
})

/** A string matching `pattern`, described in messages as `expected`. */
export function matching(pattern: RegExp, expected: string): Field<string> {
  return field((value, path, issues) =>
    typeof value === 'string' && pattern.test(value) ? value : fail(issues, path, expected, value),
  )
}

/** Standard base64 (padded), as Twilio encodes audio payloads. */
export const base64 = matching(
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  'base64 text (standard alphabet, padded)',
)

/** An absolute http(s) URL. */
export const httpUrl: Field<string> = field((value, path, issues) => {
  if (typeof value === 'string') {
    try {
      const { protocol } = new URL(value)
      if (protocol === 'https:' || protocol === 'http:') return value
    } catch {
      // reported below
    }
  }
  return fail(issues, path, 'an absolute http(s) URL', value)
})

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An object of string values (custom parameters). */
export const stringRecord: Field<Record<string, string>> = field((value, path, issues) => {
  if (!isPlainObject(value)) return fail(issues, path, 'an object', value)
  const before = issues.length
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string') fail(issues, `${path}.${name}`, 'a string', item)
  }
  return issues.length === before ? (value as Record<string, string>) : undefined
})

/** An array whose every item passes `item`. */
export function arrayOf<V>(item: Field<V>): Field<readonly V[]> {
  return field<readonly V[]>((value, path, issues) => {
    if (!Array.isArray(value)) return fail(issues, path, 'an array', value)
    const before = issues.length
    const items = value.map((entry, index) => item.read(entry, `${path}[${index}]`, issues))
    return issues.length === before ? items : undefined
  })
}

/**
 * Checks `value` against `fields` and returns the object with checked (possibly normalised)
 * values. Fields the table does not list are kept as they came, so a field Twilio adds later
 * reaches you untouched.
 */
export function readObject<T>(fields: Fields<T>, value: unknown, path: string, issues: RealtimeIssue[]): T | undefined {
  if (!isPlainObject(value)) return fail(issues, path, 'an object', value)
  const before = issues.length
  const result: Record<string, unknown> = { ...value }
  for (const name of Object.keys(fields) as (keyof T & string)[]) {
    const check = fields[name] as Field<unknown>
    const fieldPath = path === '' ? name : `${path}.${name}`
    if (value[name] === undefined) {
      if (!check.optional) issues.push({ path: fieldPath, message: 'is required' })
      continue
    }
    const read = check.read(value[name], fieldPath, issues)
    if (read !== undefined) result[name] = read
  }
  return issues.length === before ? (result as T) : undefined
}

/** A nested object checked with {@link readObject}. */
export function object<T>(fields: Fields<T>): Field<T> {
  return field((value, path, issues) => readObject(fields, value, path, issues))
}
