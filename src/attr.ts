/**
 * Attribute domains, one constructor per kind: `import * as attr from '../attr.js'`, then
 * `attr.oneOf(HTTP_METHODS, { default: 'POST' })`. Each domain carries its own check, and a
 * bundle keeps only the kinds its elements use. Closed sets come as `as const` tuples, from which
 * the props' types are derived too, so the two cannot drift apart (see `DomainFor` in schema.ts).
 *
 * A check answers with data: what the value must be (`expected`, completing "it must be …"), or,
 * where the value is better described than quoted, what was found (`finding`).
 */
import type {
  AttributeDomain,
  BooleanDomain,
  CustomDomain,
  EnumDomain,
  IntegerDomain,
  ListDomain,
  NumberDomain,
  OpenDomain,
  PatternDomain,
  StringDomain,
  UnionDomain,
  UrlDomain,
  ValueProblem,
} from './schema.js'
import { urlProblem } from './url.js'

interface Default<T> {
  /** Twilio's documented default (what leaving the prop out means). */
  readonly default?: T
}

function withDefault<D extends object>(domain: D, options: Default<unknown> | undefined): D {
  return options?.default === undefined ? domain : { ...domain, default: options.default }
}

/** One of a closed set of strings. */
export function oneOf<const V extends string>(values: readonly V[], options?: Default<NoInfer<V>>): EnumDomain<V> {
  const expected = `one of ${values.join(', ')}`
  return withDefault(
    {
      kind: 'enum',
      values,
      check: (value: unknown) => (values.includes(value as V) ? undefined : { expected }),
    },
    options,
  )
}

/** An array of values from a closed set (or the same, space-separated). */
export function list<const V extends string>(
  values: readonly V[],
  options?: Default<readonly NoInfer<V>[]>,
): ListDomain<V> {
  const expected = `an array of ${values.join(', ')}`
  const check = (value: unknown): ValueProblem | undefined => {
    const items = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : undefined
    if (items === undefined) return { expected }
    const bad = items.filter((v) => !values.includes(v as V))
    return bad.length === 0
      ? undefined
      : { expected, finding: `has ${bad.map((v) => JSON.stringify(v)).join(', ')}; allowed: ${values.join(', ')}` }
  }
  return withDefault({ kind: 'list', values, check }, options)
}

const notText = (value: unknown): ValueProblem | undefined =>
  typeof value === 'string' ? undefined : { expected: 'a string' }

/** A catalogue Twilio grows (voices, languages): any string; `known` values listed for tools. */
export function open(known: readonly string[] = [], options?: Default<string>): OpenDomain {
  return withDefault({ kind: 'open', known, check: notText }, options)
}

const notBoolean = (value: unknown): ValueProblem | undefined =>
  value === true || value === false || value === 'true' || value === 'false'
    ? undefined
    : { expected: 'true or false (Twilio warning 13218)' }

/** `true` or `false`. */
export function boolean(options?: Default<boolean>): BooleanDomain {
  return withDefault({ kind: 'boolean', check: notBoolean }, options)
}

function numeric<K extends 'integer' | 'number'>(kind: K, min: number | undefined, max: number | undefined) {
  const whole = kind === 'integer'
  const range =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : ''
  const expected = `${whole ? 'a whole number' : 'a number'}${range}`
  const check = (value: unknown): ValueProblem | undefined => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
    return Number.isFinite(n) &&
      (!whole || Number.isInteger(n)) &&
      (min === undefined || n >= min) &&
      (max === undefined || n <= max)
      ? undefined
      : { expected }
  }
  return { kind, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), check }
}

/** A whole number within bounds (inclusive). */
export function integer(min?: number, max?: number, options?: Default<number>): IntegerDomain {
  return withDefault(numeric('integer', min, max), options)
}

/** Any finite number within bounds (inclusive). */
export function number(min?: number, max?: number, options?: Default<number>): NumberDomain {
  return withDefault(numeric('number', min, max), options)
}

const notUrl = (value: unknown): ValueProblem | undefined =>
  typeof value === 'string' ? urlProblem(value) : { expected: 'a URL string' }

/** A URL Twilio requests: relative, or absolute http(s) with a valid host name. */
export function url(options?: Default<string>): UrlDomain {
  return withDefault({ kind: 'url', check: notUrl }, options)
}

/** Free text, optionally at most `maxLength` characters (`code`: the Twilio error for a longer value). */
export function string(limit?: { maxLength: number; code?: number }, options?: Default<string>): StringDomain {
  const check = (value: unknown): ValueProblem | undefined => {
    if (typeof value !== 'string' && typeof value !== 'number') return { expected: 'a string' }
    if (limit === undefined) return undefined
    const length = String(value).length
    return length > limit.maxLength
      ? {
          expected: `at most ${limit.maxLength} characters`,
          finding: `is ${length} characters, the limit is ${limit.maxLength}`,
        }
      : undefined
  }
  return withDefault({ kind: 'string', ...limit, check }, options)
}

/** Text of a given shape; `description` completes "it must be …". */
export function pattern(pattern: RegExp, description: string, code?: number, options?: Default<string>): PatternDomain {
  const check = (value: unknown): ValueProblem | undefined =>
    typeof value === 'string' && pattern.test(value) ? undefined : { expected: description }
  return withDefault({ kind: 'pattern', pattern, description, ...(code === undefined ? {} : { code }), check }, options)
}

/** Several domains accepted (e.g. `speechTimeout`: a number or `auto`). */
export function union(of: readonly AttributeDomain[], options?: Default<unknown>): UnionDomain {
  const check = (value: unknown): ValueProblem | undefined => {
    const expected: string[] = []
    for (const domain of of) {
      const problem = domain.check(value)
      if (problem === undefined) return undefined
      expected.push(problem.expected)
    }
    return { expected: expected.join(', or ') }
  }
  return withDefault({ kind: 'union', of, check }, options)
}

const anything = (): undefined => undefined

/** Not an attribute value the renderer checks (objects composed by the element, like SIP headers). */
export function custom(): CustomDomain {
  return { kind: 'custom', check: anything }
}
