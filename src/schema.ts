/**
 * The value domains of TwiML attributes, as data. Each element lists a domain for every
 * prop it takes (the types force the list to be complete); the renderer checks values
 * against it at run time, and tests draw valid values from it.
 */

export type AttributeDomain =
  /** One of a closed set of strings (protocol values: methods, record modes, ...). */
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** An array of values from a closed set, written space-separated (status callback events, ...). */
  | { readonly kind: 'list'; readonly values: readonly string[] }
  /** A catalogue Twilio grows (voices, languages): any string, `known` values listed for tools. */
  | { readonly kind: 'open'; readonly known: readonly string[] }
  /** `true` or `false` (TwiML accepts nothing else). */
  | { readonly kind: 'boolean' }
  /** A whole number within bounds (inclusive). */
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
  /** Any finite number within bounds (inclusive). */
  | { readonly kind: 'number'; readonly min?: number; readonly max?: number }
  /** A URL Twilio requests: relative, or absolute with a valid host name. */
  | { readonly kind: 'url' }
  /** Free text, optionally bounded in length (`code`: the Twilio error for a longer value). */
  | { readonly kind: 'string'; readonly maxLength?: number; readonly code?: number }
  /**
   * Text of a given shape (`description` completes "must be …" in error messages; `code` is the
   * Twilio error for a value of another shape).
   */
  | { readonly kind: 'pattern'; readonly pattern: RegExp; readonly description: string; readonly code?: number }
  /** Several domains accepted (e.g. `speechTimeout`: a number or `auto`). */
  | { readonly kind: 'union'; readonly of: readonly AttributeDomain[] }
  /** Not an attribute value the renderer checks (objects composed by the element, like SIP headers). */
  | { readonly kind: 'custom' }

/** Short constructors so element files read like the Twilio attribute tables. */
export const attr = {
  enum: (...values: string[]): AttributeDomain => ({ kind: 'enum', values }),
  list: (...values: string[]): AttributeDomain => ({ kind: 'list', values }),
  open: (known: readonly string[] = []): AttributeDomain => ({ kind: 'open', known }),
  boolean: { kind: 'boolean' } as AttributeDomain,
  integer: (min?: number, max?: number): AttributeDomain => ({ kind: 'integer', min, max }) as AttributeDomain,
  number: (min?: number, max?: number): AttributeDomain => ({ kind: 'number', min, max }) as AttributeDomain,
  url: { kind: 'url' } as AttributeDomain,
  string: (maxLength?: number, code?: number): AttributeDomain =>
    (maxLength === undefined
      ? { kind: 'string' }
      : code === undefined
        ? { kind: 'string', maxLength }
        : { kind: 'string', maxLength, code }) as AttributeDomain,
  pattern: (pattern: RegExp, description: string, code?: number): AttributeDomain =>
    (code === undefined
      ? { kind: 'pattern', pattern, description }
      : { kind: 'pattern', pattern, description, code }) as AttributeDomain,
  union: (...of: AttributeDomain[]): AttributeDomain => ({ kind: 'union', of }),
  custom: { kind: 'custom' } as AttributeDomain,
  /** `GET` or `POST`. */
  method: { kind: 'enum', values: ['GET', 'POST'] } as AttributeDomain,
  /** Call progress events of dialed nouns. */
  callProgressEvents: { kind: 'list', values: ['initiated', 'ringing', 'answered', 'completed'] } as AttributeDomain,
  /** Recording status callback events. */
  recordingEvents: { kind: 'list', values: ['in-progress', 'completed', 'absent'] } as AttributeDomain,
  /** Recording trim modes. */
  trim: { kind: 'enum', values: ['trim-silence', 'do-not-trim'] } as AttributeDomain,
} as const

/** What an element may contain. */
export interface ChildRule {
  /** Plain text content allowed (phone numbers, URIs, words to say). */
  readonly text?: boolean
  /** Tags of the elements allowed as children, in any order and number. */
  readonly elements?: readonly string[]
}
