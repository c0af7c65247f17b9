/**
 * XML syntax: escaping byte-compatible with the twilio package's builder (text escapes `& < >`
 * and CR; attribute values escape `& < "` TAB LF CR), the characters XML 1.0 forbids (an error
 * in both: the twilio builder lets them through in attributes, producing a document no parser
 * accepts), and XML names.
 */

/** Thrown for a character XML 1.0 cannot carry; the renderer adds the element path. */
export class IllegalXmlCharError extends Error {
  constructor(
    readonly codePoint: number,
    readonly index: number,
    /** `the text`, or `attribute callerId`. */
    readonly where: string = 'the text',
  ) {
    super(
      `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at index ${index} of ${where} is not allowed in XML 1.0`,
    )
  }
}

// One search finds whether anything needs work: an escapable character, a control
// character, a surrogate (valid only in pairs) or U+FFFE/U+FFFF.
const TEXT_SPECIAL = /[&<>\r\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/
const ATTR_SPECIAL = /[&<"\t\n\r\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/

/** Escapes text content. `where` names the text in the error for an illegal character. */
export function escapeText(value: string, where?: string): string {
  const match = TEXT_SPECIAL.exec(value)
  return match === null ? value : escapeFrom(value, match.index, false, where)
}

/** Escapes an attribute value. `name` names the attribute in the error for an illegal character. */
export function escapeAttribute(value: string, name?: string): string {
  const match = ATTR_SPECIAL.exec(value)
  return match === null
    ? value
    : escapeFrom(value, match.index, true, name === undefined ? undefined : `attribute ${name}`)
}

function escapeFrom(value: string, start: number, attribute: boolean, where: string | undefined): string {
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
        if (code < 0x20 || code === 0xfffe || code === 0xffff) throw new IllegalXmlCharError(code, i, where)
        if (code >= 0xd800 && code <= 0xdfff) {
          const next = value.charCodeAt(i + 1)
          if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            i++ // a valid pair: keep both halves as they are
            continue
          }
          throw new IllegalXmlCharError(code, i, where)
        }
        continue
    }
    out += value.slice(last, i) + replacement
    last = i + 1
  }
  return last === 0 ? value : out + value.slice(last)
}

// XML 1.0 (fifth edition) `Name`: https://www.w3.org/TR/xml/#NT-Name
const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}'
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`
const XML_NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u')

/** Whether `name` is an XML 1.0 `Name` (what an element or attribute name must be). */
export function isXmlName(name: string): boolean {
  return XML_NAME.test(name)
}
