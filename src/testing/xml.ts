/**
 * A small, strict XML parser for TwiML documents: the declaration, elements, attributes, text,
 * comments, CDATA sections and the five predefined entities plus character references. No DTDs,
 * no processing instructions besides the declaration, no external anything.
 *
 * It keeps the source text of every attribute value and text run beside the decoded value, so the
 * pretty printer can reproduce a document exactly while the simulator reads what it means.
 */

/** An attribute as written: decoded `value`, and `raw`, the source between the quotes. */
export interface XmlAttribute {
  readonly name: string
  readonly value: string
  readonly raw: string
  /** The quote character the source used. */
  readonly quote: '"' | "'"
}

/** An element. `selfClosing` records `<X/>` as opposed to `<X></X>`. */
export interface XmlElement {
  readonly kind: 'element'
  readonly name: string
  readonly attributes: readonly XmlAttribute[]
  readonly children: readonly XmlNode[]
  readonly selfClosing: boolean
}

/** A run of character data: decoded `value` and the source text `raw` (entities and CDATA as written). */
export interface XmlText {
  readonly kind: 'text'
  readonly value: string
  readonly raw: string
}

/** A comment; `raw` is the whole `<!-- … -->`. */
export interface XmlComment {
  readonly kind: 'comment'
  readonly raw: string
}

/** Anything an element can contain. */
export type XmlNode = XmlElement | XmlText | XmlComment

/** A parsed document: the declaration as written (if any), comments around the root, and the root. */
export interface XmlDocument {
  readonly declaration: string | undefined
  /** Comments before the root element. */
  readonly prolog: readonly XmlComment[]
  readonly root: XmlElement
  /** Comments after the root element. */
  readonly epilog: readonly XmlComment[]
}

/** A parsed fragment: the declaration (if any) and the top-level nodes in order. */
export interface XmlFragment {
  readonly declaration: string | undefined
  readonly nodes: readonly XmlNode[]
}

/** The input is not well-formed XML, or uses a construct this parser refuses (DTDs). */
export class XmlParseError extends Error {
  override name = 'XmlParseError'
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`XML line ${line}, column ${column}: ${reason}`)
  }
}

/** The value of an attribute by name, or `undefined`. */
export function attribute(element: XmlElement, name: string): string | undefined {
  for (const a of element.attributes) if (a.name === name) return a.value
  return undefined
}

/** The element's child elements, in order. */
export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.kind === 'element')
}

/** The decoded text of an element and all its descendants, concatenated. */
export function textContent(node: XmlNode): string {
  if (node.kind === 'text') return node.value
  if (node.kind === 'comment') return ''
  let text = ''
  for (const child of node.children) text += textContent(child)
  return text
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
// XML 1.0 Name, restricted to what TwiML and SSML use plus non-ASCII letters (`amazon:effect`, `say-as`).
const NAME_START = /[A-Za-z_:\u00C0-\uFFFD]/
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFD]/
// Characters XML 1.0 does not allow anywhere (lone surrogates are checked separately).
const ILLEGAL_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/

function isLegalCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  )
}

class Parser {
  pos = 0
  constructor(readonly src: string) {}

  fail(reason: string, at: number = this.pos): never {
    let line = 1
    let lineStart = 0
    for (let i = 0; i < at && i < this.src.length; i++) {
      if (this.src.charCodeAt(i) === 10) {
        line++
        lineStart = i + 1
      }
    }
    throw new XmlParseError(reason, line, at - lineStart + 1)
  }

  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos)
  }

  skipSpace(): void {
    while (this.pos < this.src.length && /[ \t\r\n]/.test(this.src[this.pos]!)) this.pos++
  }

  name(): string {
    const start = this.pos
    if (this.pos >= this.src.length || !NAME_START.test(this.src[this.pos]!)) {
      this.fail(this.pos >= this.src.length ? 'unexpected end of input, expected a name' : 'expected a name')
    }
    this.pos++
    while (this.pos < this.src.length && NAME_CHAR.test(this.src[this.pos]!)) this.pos++
    return this.src.slice(start, this.pos)
  }

  /** Decodes the character data in `raw` (text or an attribute value), which starts at `offset`. */
  decode(raw: string, offset: number, inAttribute: boolean): string {
    let out = ''
    let last = 0
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!
      const code = raw.charCodeAt(i)
      if (code >= 0xd800 && code <= 0xdbff) {
        const next = raw.charCodeAt(i + 1)
        if (!(next >= 0xdc00 && next <= 0xdfff)) this.fail('a lone surrogate is not allowed in XML', offset + i)
        i++
        continue
      }
      if (code >= 0xdc00 && code <= 0xdfff) this.fail('a lone surrogate is not allowed in XML', offset + i)
      if (ILLEGAL_CHAR.test(c)) {
        this.fail(`U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML 1.0`, offset + i)
      }
      if (c === '<' && inAttribute) this.fail('"<" is not allowed in an attribute value; write &lt;', offset + i)
      if (c === '>' && !inAttribute && i >= 2 && raw[i - 1] === ']' && raw[i - 2] === ']') {
        this.fail('"]]>" is not allowed in text', offset + i - 2)
      }
      if (c !== '&') continue
      const end = raw.indexOf(';', i)
      if (end === -1) this.fail('"&" must start an entity such as &amp;', offset + i)
      const ref = raw.slice(i + 1, end)
      let decoded: string
      if (ref.startsWith('#x')) {
        if (!/^#x[0-9A-Fa-f]+$/.test(ref)) this.fail(`bad character reference &${ref};`, offset + i)
        decoded = this.codePoint(Number.parseInt(ref.slice(2), 16), ref, offset + i)
      } else if (ref.startsWith('#')) {
        if (!/^#[0-9]+$/.test(ref)) this.fail(`bad character reference &${ref};`, offset + i)
        decoded = this.codePoint(Number.parseInt(ref.slice(1), 10), ref, offset + i)
      } else {
        const value = PREDEFINED[ref]
        if (value === undefined) {
          this.fail(`unknown entity &${ref}; (only &amp; &lt; &gt; &quot; &apos; and &#…; are defined)`, offset + i)
        }
        decoded = value
      }
      out += raw.slice(last, i) + decoded
      i = end
      last = end + 1
    }
    return out + raw.slice(last)
  }

  codePoint(cp: number, ref: string, at: number): string {
    if (!isLegalCodePoint(cp)) this.fail(`&${ref}; is not a character XML 1.0 allows`, at)
    return String.fromCodePoint(cp)
  }

  comment(): XmlComment {
    const start = this.pos
    const end = this.src.indexOf('-->', this.pos + 4)
    if (end === -1) this.fail('unterminated comment')
    const body = this.src.slice(start + 4, end)
    if (body.includes('--') || body.endsWith('-')) this.fail('"--" is not allowed inside a comment', start)
    this.pos = end + 3
    return { kind: 'comment', raw: this.src.slice(start, this.pos) }
  }

  misc(into: XmlComment[]): void {
    for (;;) {
      this.skipSpace()
      if (this.startsWith('<!--')) into.push(this.comment())
      else if (this.startsWith('<!DOCTYPE')) this.fail('DTDs (<!DOCTYPE …>) are not supported')
      else if (this.startsWith('<?')) this.fail('processing instructions are not supported (only the XML declaration)')
      else return
    }
  }

  attributes(): XmlAttribute[] {
    const list: XmlAttribute[] = []
    for (;;) {
      const before = this.pos
      this.skipSpace()
      if (this.startsWith('>') || this.startsWith('/>')) return list
      if (this.pos >= this.src.length) this.fail('unexpected end of input inside a start tag')
      if (this.pos === before) this.fail('expected whitespace before an attribute')
      const nameAt = this.pos
      const name = this.name()
      if (list.some((a) => a.name === name)) this.fail(`attribute ${name} appears twice`, nameAt)
      this.skipSpace()
      if (this.src[this.pos] !== '=') this.fail(`expected "=" after attribute ${name}`)
      this.pos++
      this.skipSpace()
      const quote = this.src[this.pos]
      if (quote !== '"' && quote !== "'") this.fail(`the value of attribute ${name} must be quoted`)
      const end = this.src.indexOf(quote, this.pos + 1)
      if (end === -1) this.fail(`unterminated value of attribute ${name}`)
      const raw = this.src.slice(this.pos + 1, end)
      // Attribute-value normalisation: literal TAB, CR and LF read as spaces; references keep theirs.
      const value = this.decode(raw.replace(/\r\n|[\t\r\n]/g, ' '), this.pos + 1, true)
      list.push({ name, value, raw, quote })
      this.pos = end + 1
    }
  }

  element(): XmlElement {
    const open = this.pos
    this.pos++ // <
    const name = this.name()
    const attributes = this.attributes()
    if (this.startsWith('/>')) {
      this.pos += 2
      return { kind: 'element', name, attributes, children: [], selfClosing: true }
    }
    this.pos++ // >
    const children: XmlNode[] = []
    let raw = ''
    let value = ''
    const flush = () => {
      if (raw !== '') children.push({ kind: 'text', value, raw })
      raw = ''
      value = ''
    }
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`<${name}> is not closed`, open)
      if (this.startsWith('</')) {
        flush()
        const at = this.pos
        this.pos += 2
        const closing = this.name()
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`, at)
        this.skipSpace()
        if (this.src[this.pos] !== '>') this.fail(`expected ">" to end </${closing}`)
        this.pos++
        return { kind: 'element', name, attributes, children, selfClosing: false }
      }
      if (this.startsWith('<![CDATA[')) {
        const end = this.src.indexOf(']]>', this.pos)
        if (end === -1) this.fail('unterminated CDATA section')
        const text = this.src.slice(this.pos + 9, end)
        if (ILLEGAL_CHAR.test(text)) this.fail('a character XML 1.0 does not allow is in a CDATA section')
        raw += this.src.slice(this.pos, end + 3)
        value += text.replace(/\r\n?/g, '\n')
        this.pos = end + 3
        continue
      }
      if (this.startsWith('<!--')) {
        flush()
        children.push(this.comment())
        continue
      }
      if (this.startsWith('<!')) this.fail('DTD declarations are not supported')
      if (this.startsWith('<?')) this.fail('processing instructions are not supported')
      if (this.startsWith('<')) {
        flush()
        children.push(this.element())
        continue
      }
      const next = this.src.indexOf('<', this.pos)
      const end = next === -1 ? this.src.length : next
      const text = this.src.slice(this.pos, end)
      raw += text
      // XML reads CRLF and a lone CR as LF; a CR written as &#13; stays (so normalise before decoding).
      value += this.decode(text.replace(/\r\n?/g, '\n'), this.pos, false)
      this.pos = end
    }
  }

  declaration(): string | undefined {
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1
    if (!(this.startsWith('<?xml') && /[\s?]/.test(this.src[this.pos + 5] ?? ''))) return undefined
    const end = this.src.indexOf('?>', this.pos)
    if (end === -1) this.fail('unterminated XML declaration')
    const declaration = this.src.slice(this.pos, end + 2)
    if (!DECLARATION.test(declaration)) this.fail('malformed XML declaration')
    this.pos = end + 2
    return declaration
  }

  document(): XmlDocument {
    const declaration = this.declaration()
    const prolog: XmlComment[] = []
    this.misc(prolog)
    if (!this.startsWith('<')) {
      this.fail(this.pos >= this.src.length ? 'the document has no root element' : 'text before the root element')
    }
    const root = this.element()
    const epilog: XmlComment[] = []
    this.misc(epilog)
    if (this.pos < this.src.length) this.fail('content after the root element')
    return { declaration, prolog, root, epilog }
  }

  fragment(): XmlFragment {
    const declaration = this.declaration()
    const nodes: XmlNode[] = []
    while (this.pos < this.src.length) {
      if (this.startsWith('<!--')) nodes.push(this.comment())
      else if (this.startsWith('<!')) this.fail('DTDs (<!DOCTYPE …>) are not supported')
      else if (this.startsWith('<?')) this.fail('processing instructions are not supported (only the XML declaration)')
      else if (this.startsWith('</')) this.fail('a closing tag without its start tag')
      else if (this.startsWith('<')) nodes.push(this.element())
      else {
        const next = this.src.indexOf('<', this.pos)
        const end = next === -1 ? this.src.length : next
        const raw = this.src.slice(this.pos, end)
        nodes.push({ kind: 'text', raw, value: this.decode(raw.replace(/\r\n?/g, '\n'), this.pos, false) })
        this.pos = end
      }
    }
    return { declaration, nodes }
  }
}

const DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*\?>$/

/**
 * Parses a TwiML (or any simple XML) document strictly. Throws {@link XmlParseError} with the line
 * and column of the first problem.
 */
export function parseXml(xml: string): XmlDocument {
  return new Parser(xml).document()
}

/**
 * Parses a piece of XML that may have several top-level elements and text (what a component
 * renders with `context: 'fragment'`), after an optional declaration. Same strictness otherwise.
 */
export function parseXmlFragment(xml: string): XmlFragment {
  return new Parser(xml).fragment()
}
