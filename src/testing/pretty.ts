/**
 * Readable TwiML for snapshots and failure messages: one verb per line, indented by nesting.
 *
 * Only the whitespace between elements changes, and only where it carries no meaning. Attribute
 * values and text are copied from the source as written (entities, quotes and all), attributes
 * stay in their order, `<X/>` stays `<X/>`. Speech keeps its exact spacing: a `<Say>`, any SSML
 * element (lowercase tag) and any element that holds text beside elements is printed on one line,
 * because a line break added between `<emphasis>a</emphasis>` and `b` would be heard.
 */
import type { Child } from '../node.js'
import { type RenderOptions, render } from '../render.js'
import { parseXmlFragment, type XmlElement, type XmlNode } from './xml.js'

/** Options of {@link prettyXml}. */
export interface PrettyOptions {
  /** One level of indentation. Default two spaces. */
  indent?: string
}

/**
 * Pretty-prints an XML document (or a fragment with several top-level elements): the declaration on
 * its own line, then one element per line, indented. Throws `XmlParseError` if the input is not
 * well-formed. Pretty-printing its own output changes nothing.
 *
 * ```ts
 * prettyXml('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hi</Say><Hangup/></Response>')
 * // <?xml version="1.0" encoding="UTF-8"?>
 * // <Response>
 * //   <Say>Hi</Say>
 * //   <Hangup/>
 * // </Response>
 * ```
 */
export function prettyXml(xml: string, options: PrettyOptions = {}): string {
  const indent = options.indent ?? '  '
  const fragment = parseXmlFragment(xml)
  const lines: string[] = []
  if (fragment.declaration !== undefined) lines.push(fragment.declaration)
  for (const node of fragment.nodes) printNode(node, 0, indent, lines)
  return lines.join('\n')
}

/**
 * Renders a TwiML tree and pretty-prints it (see {@link prettyXml}). `options` are the render
 * options; validation errors are thrown as by `render`.
 */
export function prettyTwiml(node: Child, options?: RenderOptions): string {
  return prettyXml(render(node, options))
}

function printNode(node: XmlNode, depth: number, indent: string, lines: string[]): void {
  const pad = indent.repeat(depth)
  if (node.kind === 'comment') {
    lines.push(pad + node.raw)
    return
  }
  if (node.kind === 'text') {
    // Whitespace between elements is layout; the new layout replaces it.
    if (!isBlank(node.raw)) lines.push(pad + node.raw)
    return
  }
  if (isInline(node)) {
    lines.push(pad + inline(node))
    return
  }
  lines.push(`${pad}${startTag(node)}>`)
  for (const child of node.children) printNode(child, depth + 1, indent, lines)
  lines.push(`${pad}</${node.name}>`)
}

/** Elements printed on one line, exactly as written. */
function isInline(element: XmlElement): boolean {
  // Text only (even if blank) or empty: nothing to lay out, so it stays exactly as written.
  if (!element.children.some((c) => c.kind === 'element')) return true
  if (isSpeech(element.name)) return true
  // Text that is more than layout makes the content mixed (or text-only): keep it as it is.
  return element.children.some((c) => c.kind === 'text' && !isBlank(c.raw))
}

/** `<Say>` and the SSML elements (lowercase tags such as `break`, `say-as`, `amazon:effect`). */
function isSpeech(name: string): boolean {
  return name === 'Say' || (name[0]! >= 'a' && name[0]! <= 'z')
}

function isBlank(raw: string): boolean {
  return /^[ \t\r\n]*$/.test(raw)
}

function startTag(element: XmlElement): string {
  let tag = `<${element.name}`
  for (const a of element.attributes) tag += ` ${a.name}=${a.quote}${a.raw}${a.quote}`
  return tag
}

function inline(element: XmlElement): string {
  if (element.children.length === 0) {
    return element.selfClosing ? `${startTag(element)}/>` : `${startTag(element)}></${element.name}>`
  }
  let out = `${startTag(element)}>`
  for (const child of element.children) {
    out += child.kind === 'element' ? inline(child) : child.raw
  }
  return `${out}</${element.name}>`
}
