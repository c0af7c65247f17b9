/**
 * A strict `application/x-www-form-urlencoded` parser.
 *
 * URLSearchParams accepts anything: a stray `%` stays literal and undecodable bytes become U+FFFD.
 * For a signed body that leniency is wrong, because the parsed values are what the signature is
 * computed over, so a body that is not well-formed is rejected instead of guessed at.
 */

function decodeComponent(text: string): string | undefined {
  // Most names and many values need no decoding at all; the rest go through decodeURIComponent,
  // which rejects a `%` not followed by two hex digits and escapes that do not spell valid UTF-8.
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return undefined
  }
}

/**
 * Parses a form body into its name/value pairs, in order. Returns `undefined` if a `%` is not
 * followed by two hex digits or the escapes do not decode as UTF-8. Empty fields (`a=1&&b=2`) are
 * skipped, and a field without `=` has an empty value, as in URLSearchParams.
 */
export function parseForm(body: string): [string, string][] | undefined {
  const pairs: [string, string][] = []
  if (body === '') return pairs
  for (const field of body.split('&')) {
    if (field === '') continue
    const separator = field.indexOf('=')
    const name = decodeComponent(separator === -1 ? field : field.slice(0, separator))
    const value = decodeComponent(separator === -1 ? '' : field.slice(separator + 1))
    if (name === undefined || value === undefined) return undefined
    pairs.push([name, value])
  }
  return pairs
}
