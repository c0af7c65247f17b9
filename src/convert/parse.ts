/**
 * TwiML (or a TwiML Bin) → the intermediate tree: parses with the strict XML parser of
 * twiml-jsx/testing, finds each element's definition, splits Bin placeholders out of text and
 * attributes, and drops the whitespace that only lays the document out.
 */
import { parseXml, type XmlElement, XmlParseError } from '../testing/xml.js'
import { childDefinition, type ElementDef, isSpeech, rootDefinition } from './elements.js'
import { ConvertError } from './errors.js'
import type { Attribute, CommentNode, ElementNode, Node, Part, SectionNode, TextNode } from './tree.js'

export interface ParsedDocument {
  readonly root: ElementNode
  /** `voice`, or `messaging` when the root holds `<Message>`. */
  readonly kind: 'voice' | 'messaging'
  /** Comments before and after the root, as written. */
  readonly comments: readonly string[]
}

/** A Mustache tag of a TwiML Bin, replaced by a sentinel before the XML is parsed. */
type Token =
  | { readonly kind: 'param'; readonly name: string; readonly source: string }
  | { readonly kind: 'open'; readonly name: string; readonly inverted: boolean; readonly source: string }
  | { readonly kind: 'close'; readonly name: string; readonly source: string }

const SENTINEL = /\uE000(\d+)\uE001/g
// {{name}}, {{ name }}, {{{name}}}, {{&name}}, {{#name}}, {{^name}}, {{/name}}, {{! comment }}
const MUSTACHE = /\{\{(\{)?\s*([#^/!&]?)\s*([\s\S]*?)\s*\}?\}\}/g

/** Parses `xml`; with `template`, `{{…}}` are TwiML Bin placeholders and sections. */
export function parseDocument(xml: string, template: boolean): ParsedDocument {
  const tokens: Token[] = []
  let source = xml
  if (template) {
    if (/[\uE000\uE001]/.test(xml))
      throw new ConvertError('the Bin contains U+E000 or U+E001, which the converter uses itself')
    source = xml.replace(MUSTACHE, (whole, _triple: string | undefined, sigil: string, name: string) => {
      if (sigil === '!') return ''
      const token: Token =
        sigil === '#' || sigil === '^'
          ? { kind: 'open', name, inverted: sigil === '^', source: whole }
          : sigil === '/'
            ? { kind: 'close', name, source: whole }
            : { kind: 'param', name, source: whole }
      tokens.push(token)
      return `\uE000${tokens.length - 1}\uE001`
    })
  }
  let doc: ReturnType<typeof parseXml>
  try {
    doc = parseXml(source)
  } catch (error) {
    if (error instanceof XmlParseError) throw new ConvertError(`the input is not well-formed XML: ${error.message}`)
    throw error
  }
  const kind = doc.root.children.some((c) => c.kind === 'element' && c.name === 'Message') ? 'messaging' : 'voice'
  const rootDef = doc.root.name === 'Response' ? rootDefinition(kind) : childDefinition(undefined, doc.root.name)
  const builder = new Builder(tokens)
  const root = builder.element(doc.root, rootDef, doc.root.name)
  const comments = [...doc.prolog, ...doc.epilog].map((c) => c.raw.slice(4, -3))
  return { root, kind, comments }
}

class Builder {
  constructor(readonly tokens: readonly Token[]) {}

  /** Splits decoded text into text, placeholder and section-tag parts. */
  split(value: string): (Part | Token)[] {
    if (this.tokens.length === 0) return value === '' ? [] : [{ kind: 'text', value }]
    const out: (Part | Token)[] = []
    let last = 0
    for (const match of value.matchAll(SENTINEL)) {
      if (match.index > last) out.push({ kind: 'text', value: value.slice(last, match.index) })
      const token = this.tokens[Number(match[1])]!
      out.push(token.kind === 'param' ? { kind: 'param', name: token.name, source: token.source } : token)
      last = match.index + match[0].length
    }
    if (last < value.length) out.push({ kind: 'text', value: value.slice(last) })
    return out
  }

  /** Parts of an attribute value: sections must open and close inside it. */
  attributeParts(value: string, where: string): Part[] {
    return nestParts(this.split(value), 0, undefined, where).result
  }

  element(xml: XmlElement, def: ElementDef | undefined, path: string): ElementNode {
    const attributes: Attribute[] = xml.attributes.map((a) => ({
      name: a.name,
      parts: this.attributeParts(a.value, `${path} @${a.name}`),
    }))
    const items: Item[] = []
    const counts = new Map<string, number>()
    for (const child of xml.children) {
      if (child.kind === 'text') items.push(...this.split(child.value))
      else if (child.kind === 'comment') items.push({ kind: 'comment', text: child.raw.slice(4, -3) })
      else {
        const n = (counts.get(child.name) ?? 0) + 1
        counts.set(child.name, n)
        const childDef = childDefinition(def, child.name)
        items.push(this.element(child, childDef, `${path} > ${n > 1 ? `${child.name}[${n}]` : child.name}`))
      }
    }
    const children = nestNodes(items, 0, undefined, path).result
    return {
      kind: 'element',
      tag: xml.name,
      def,
      attributes,
      children: dropLayout(children, xml.name),
      form: 'typed',
      props: [],
      unchecked: [],
      notes: [],
    }
  }
}

type OpenToken = Extract<Token, { kind: 'open' }>
type CloseToken = Extract<Token, { kind: 'close' }>
type Item = Part | Token | ElementNode | CommentNode

/** Where a nesting ended: at `end` (the index of the close of `open`, or the end of the items). */
interface Nested<T> {
  readonly result: T[]
  readonly end: number
}

function closeOf(items: readonly Item[], end: number, open: OpenToken, where: string): CloseToken {
  const close = items[end]
  if (close === undefined || close.kind !== 'close') throw new ConvertError(`${where}: ${open.source} is not closed`)
  return close
}

function strayClose(item: CloseToken, open: OpenToken | undefined, where: string): ConvertError {
  return new ConvertError(`${where}: ${item.source} does not close ${open === undefined ? 'any section' : open.source}`)
}

/** Nests the parts of one value into sections, from `start` up to the close of `open`. */
function nestParts(items: readonly Item[], start: number, open: OpenToken | undefined, where: string): Nested<Part> {
  const parts: Part[] = []
  for (let i = start; i < items.length; i++) {
    const item = items[i]!
    if (item.kind === 'open') {
      const inner = nestParts(items, i + 1, item, where)
      appendPart(parts, section(item, inner.result, closeOf(items, inner.end, item, where)))
      i = inner.end
    } else if (item.kind === 'close') {
      if (open === undefined || item.name !== open.name) throw strayClose(item, open, where)
      return { result: parts, end: i }
    } else if (item.kind === 'text' || item.kind === 'param' || item.kind === 'section') {
      appendPart(parts, item)
    }
  }
  if (open !== undefined) throw new ConvertError(`${where}: ${open.source} is not closed`)
  return { result: parts, end: items.length }
}

function section(open: OpenToken, parts: Part[], close: CloseToken): Part {
  // {{#e164}}{{To}}{{/e164}}: Twilio's built-in function, the E.164 number in a value.
  if (open.name === 'e164' && !open.inverted && parts.length === 1 && parts[0]!.kind === 'param') {
    return { ...parts[0]!, e164: true }
  }
  return { kind: 'section', name: open.name, inverted: open.inverted, parts, open: open.source, close: close.source }
}

function appendPart(parts: Part[], part: Part): void {
  const last = parts[parts.length - 1]
  if (part.kind === 'text' && last?.kind === 'text')
    parts[parts.length - 1] = { kind: 'text', value: last.value + part.value }
  else parts.push(part)
}

/** Nests child items into section nodes, or text sections where a section holds text only. */
function nestNodes(items: readonly Item[], start: number, open: OpenToken | undefined, where: string): Nested<Node> {
  const nodes: Node[] = []
  const text = (): TextNode => {
    const last = nodes[nodes.length - 1]
    if (last?.kind === 'text') return last
    const created: TextNode = { kind: 'text', parts: [] }
    nodes.push(created)
    return created
  }
  for (let i = start; i < items.length; i++) {
    const item = items[i]!
    if (item.kind === 'open') {
      const inner = nestNodes(items, i + 1, item, where)
      const close = closeOf(items, inner.end, item, where)
      if (inner.result.every((n) => n.kind === 'text')) {
        const parts: Part[] = []
        for (const n of inner.result as TextNode[]) for (const p of n.parts) appendPart(parts, p)
        appendPart(text().parts, section(item, parts, close))
      } else {
        const node: SectionNode = {
          kind: 'section',
          name: item.name,
          inverted: item.inverted,
          open: item.source,
          close: close.source,
          children: inner.result,
        }
        nodes.push(node)
      }
      i = inner.end
    } else if (item.kind === 'close') {
      if (open === undefined || item.name !== open.name) throw strayClose(item, open, where)
      return { result: nodes, end: i }
    } else if (item.kind === 'element' || item.kind === 'comment') {
      nodes.push(item)
    } else {
      appendPart(text().parts, item)
    }
  }
  if (open !== undefined) throw new ConvertError(`${where}: ${open.source} is not closed`)
  return { result: nodes, end: items.length }
}

/**
 * Drops the whitespace that only lays a document out: in an element that holds elements, a
 * blank text between them is not content (in speech, `<Say>` and SSML, only blank text with a line
 * break: a space between two words in elements is heard). Elements without child elements keep
 * their text as written.
 */
function dropLayout(nodes: Node[], tag: string): Node[] {
  if (!hasElements(nodes)) return nodes
  const speech = isSpeech(tag)
  const out: Node[] = []
  for (const node of nodes) {
    if (node.kind === 'text' && node.parts.every((p) => p.kind === 'text' && /^\s*$/.test(p.value))) {
      const value = node.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('')
      if (!speech || /[\n\r]/.test(value) || value === '') continue
    }
    if (node.kind === 'section') node.children = dropLayout(node.children, tag)
    out.push(node)
  }
  return out
}

function hasElements(nodes: readonly Node[]): boolean {
  return nodes.some((n) => n.kind === 'element' || (n.kind === 'section' && hasElements(n.children)))
}
