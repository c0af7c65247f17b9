/**
 * XML escaping, byte-compatible with the twilio package's builder:
 * text escapes `& < >` and CR; attribute values escape `& < "` TAB LF CR.
 * Characters XML 1.0 forbids are an error in both (the twilio builder lets them
 * through in attributes, producing a document no parser accepts).
 */

/** Thrown for a character XML 1.0 cannot carry; the renderer adds the element path. */
export class IllegalXmlCharError extends Error {
  constructor(
    readonly codePoint: number,
    readonly index: number,
  ) {
    super(`U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at index ${index} is not allowed in XML 1.0`)
  }
}

// One search finds whether anything needs work: an escapable character, a control
// character, a surrogate (valid only in pairs) or U+FFFE/U+FFFF.
const TEXT_SPECIAL = /[&<>\r\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/
const ATTR_SPECIAL = /[&<"\t\n\r\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/

export function escapeText(value: string): string {
  const match = TEXT_SPECIAL.exec(value)
  return match === null ? value : escapeFrom(value, match.index, false)
}

export function escapeAttribute(value: string): string {
  const match = ATTR_SPECIAL.exec(value)
  return match === null ? value : escapeFrom(value, match.index, true)
}

function escapeFrom(value: string, start: number, attribute: boolean): string {
  let out = value.slice(0, start)
  let last = start
  for (let i = start; i < value.length; i++) {
    const code = value.charCodeAt(i)
    let replacement: string
    switch (code) {
      case 38: // &
        replacement = '&amp;'
        break
      case 60: // <
        replacement = '&lt;'
        break
      case 62: // >
        if (attribute) continue
        replacement = '&gt;'
        break
      case 34: // "
        if (!attribute) continue
        replacement = '&quot;'
        break
      case 9:
        if (!attribute) continue
        replacement = '&#x9;'
        break
      case 10:
        if (!attribute) continue
        replacement = '&#xA;'
        break
      case 13:
        replacement = '&#xD;'
        break
      default:
        if (code < 0x20 || code === 0xfffe || code === 0xffff) throw new IllegalXmlCharError(code, i)
        if (code >= 0xd800 && code <= 0xdfff) {
          const next = value.charCodeAt(i + 1)
          if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            i++ // a valid pair: keep both halves as they are
            continue
          }
          throw new IllegalXmlCharError(code, i)
        }
        continue
    }
    out += value.slice(last, i) + replacement
    last = i + 1
  }
  return last === 0 ? value : out + value.slice(last)
}
