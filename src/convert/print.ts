/**
 * The converted tree → TSX source: consistently indented (two spaces), single quotes, elements with
 * only elements inside one per line, text and the elements mixed into it on one line (so JSX's
 * whitespace rules keep every character). Text JSX would read differently (braces, `&`, line
 * breaks, runs of spaces) is written as a string expression.
 */
import type { ElementNode, Node, Part, PropValue } from './tree.js'

/** How Bin placeholders and sections print (TwiML without placeholders needs none of it). */
export interface TemplatePrinter {
  /** The expression of a placeholder (`props.From`; `item` inside a list section). */
  param(name: string, item: string | undefined): string
  /** The expression testing a section's value (`props.Name`), and whether it is a list. */
  section(name: string): { readonly value: string; readonly list: boolean }
  /** Called for each placeholder written with `{{#e164}}`. */
  useE164(): void
}

export class Printer {
  /** Names imported from twiml-jsx, filled while printing. */
  readonly imports = new Set<string>()
  private items: string[] = []

  constructor(readonly template?: TemplatePrinter) {}

  /** The lines of an element at `indent` (spaces), notes as JSX comments first. */
  element(node: ElementNode, indent: string, withNotes = true, oneLine = false): string[] {
    const lines = withNotes ? node.notes.map((note) => `${indent}{/* ${comment(note)} */}`) : []
    const open = this.openTag(node)
    const name = this.tagName(node)
    if (node.children.length === 0) return [...lines, `${indent}<${open} />`]
    if (oneLine || inline(node.children)) return [...lines, `${indent}<${open}>${this.inline(node.children)}</${name}>`]
    return [...lines, `${indent}<${open}>`, ...this.block(node.children, `${indent}  `), `${indent}</${name}>`]
  }

  private tagName(node: ElementNode): string {
    const name =
      node.form === 'unchecked' || node.def === undefined
        ? 'UncheckedElement'
        : node.unchecked.length > 0
          ? 'WithUncheckedAttributes'
          : node.def.name
    this.imports.add(name)
    return name
  }

  private openTag(node: ElementNode): string {
    const name = this.tagName(node)
    const attributes: string[] = []
    if (node.form === 'unchecked' || node.def === undefined) {
      attributes.push(`tag=${this.stringAttribute([{ kind: 'text', value: node.tag }])}`)
    } else if (node.unchecked.length > 0) {
      this.imports.add(node.def.name)
      attributes.push(`element={${node.def.name}}`)
    }
    if (node.form === 'typed' && node.def !== undefined) {
      for (const prop of node.props) attributes.push(this.prop(prop.name, prop.value))
    }
    if (node.unchecked.length > 0) {
      const entries = node.unchecked.map((a) => `${key(a.name)}: ${this.stringExpression(a.parts)}`)
      attributes.push(`attributes={{ ${entries.join(', ')} }}`)
    }
    return attributes.length === 0 ? name : `${name} ${attributes.join(' ')}`
  }

  private prop(name: string, value: PropValue): string {
    switch (value.kind) {
      case 'string':
        return `${name}=${this.stringAttribute(value.parts)}`
      case 'number':
        return `${name}={${numberLiteral(value.value)}}`
      case 'boolean':
        return value.value ? name : `${name}={false}`
      case 'strings':
        return `${name}={[${value.values.map(stringLiteral).join(', ')}]}`
      case 'numbers':
        return `${name}={[${value.values.map(numberLiteral).join(', ')}]}`
      case 'headers':
        return `${name}={{ ${value.entries.map(([n, v]) => `${key(n)}: ${stringLiteral(v)}`).join(', ')} }}`
    }
  }

  /** `name="value"` where JSX reads the quoted text as is, else `name={…}`. */
  private stringAttribute(parts: readonly Part[]): string {
    if (parts.length === 1 && parts[0]!.kind === 'text' && /^[^"&\\\p{Cc}\u2028\u2029]*$/u.test(parts[0]!.value)) {
      return `"${parts[0]!.value}"`
    }
    if (parts.length === 0) return '""'
    return `{${this.stringExpression(parts)}}`
  }

  /** A string expression: a literal, a placeholder, or a template literal mixing both. */
  stringExpression(parts: readonly Part[]): string {
    if (parts.length === 0) return "''"
    if (parts.length === 1 && parts[0]!.kind === 'text') return stringLiteral(parts[0]!.value)
    if (parts.length === 1 && parts[0]!.kind === 'param') return this.paramExpression(parts[0]!)
    return `\`${this.templateBody(parts)}\``
  }

  private templateBody(parts: readonly Part[]): string {
    let body = ''
    for (const part of parts) {
      if (part.kind === 'text') body += templateLiteralText(part.value)
      else if (part.kind === 'param')
        body += part.e164 ? `\${${this.paramExpression(part)}}` : `\${${this.paramExpression(part)} ?? ''}`
      else body += `\${${this.sectionValue(part)}}`
    }
    return body
  }

  private sectionValue(part: Extract<Part, { kind: 'section' }>): string {
    const t = this.requireTemplate()
    const { value, list } = t.section(part.name)
    if (list && !part.inverted) {
      const item = this.pushItem()
      const body = this.templateBody(part.parts)
      this.items.pop()
      return `(${value} ?? []).map((${item}) => \`${body}\`).join('')`
    }
    const test = list ? `${value}?.length` : value
    const inner = `\`${this.templateBody(part.parts)}\``
    return part.inverted ? `${test} ? '' : ${inner}` : `${test} ? ${inner} : ''`
  }

  private paramExpression(part: Extract<Part, { kind: 'param' }>): string {
    const t = this.requireTemplate()
    const expression = t.param(part.name, this.items[this.items.length - 1])
    if (!part.e164) return expression
    t.useE164()
    return `e164(${expression})`
  }

  private requireTemplate(): TemplatePrinter {
    if (this.template === undefined) throw new Error('a placeholder outside a TwiML Bin')
    return this.template
  }

  private pushItem(): string {
    const item = this.items.length === 0 ? 'item' : `item${this.items.length + 1}`
    this.items.push(item)
    return item
  }

  /** Children on one line: text, placeholders and elements exactly as they follow each other. */
  private inline(nodes: readonly Node[]): string {
    let out = ''
    for (const node of nodes) {
      if (node.kind === 'comment') out += `{/* ${comment(node.text)} */}`
      else if (node.kind === 'element') {
        out += node.notes.map((note) => `{/* ${comment(note)} */}`).join('')
        out += this.element(node, '', false, true).join('')
      } else if (node.kind === 'text') out += this.inlineText(node.parts)
      else out += `{${this.sectionNodeExpression(node, true)}}`
    }
    return out
  }

  private inlineText(parts: readonly Part[]): string {
    let out = ''
    for (const part of parts) {
      if (part.kind === 'text') out += jsxTextSafe(part.value) ? part.value : `{${stringLiteral(part.value)}}`
      else if (part.kind === 'param') out += `{${this.paramExpression(part)}}`
      else out += `{${this.sectionValue(part)}}`
    }
    return out
  }

  /** Children one per line. */
  private block(nodes: readonly Node[], indent: string): string[] {
    const lines: string[] = []
    for (const node of nodes) {
      if (node.kind === 'element') lines.push(...this.element(node, indent))
      else if (node.kind === 'comment') lines.push(`${indent}{/* ${comment(node.text)} */}`)
      else if (node.kind === 'text') lines.push(`${indent}${this.inlineText(node.parts)}`)
      else lines.push(...this.sectionNodeLines(node, indent))
    }
    return lines
  }

  private sectionNodeLines(node: Extract<Node, { kind: 'section' }>, indent: string): string[] {
    const t = this.requireTemplate()
    const { value, list } = t.section(node.name)
    const inner = (innerIndent: string) =>
      inline(node.children)
        ? [`${innerIndent}<>${this.inline(node.children)}</>`]
        : [`${innerIndent}<>`, ...this.block(node.children, `${innerIndent}  `), `${innerIndent}</>`]
    if (list && !node.inverted) {
      const item = this.pushItem()
      const lines = [`${indent}{(${value} ?? []).map((${item}) => (`, ...inner(`${indent}  `), `${indent}))}`]
      this.items.pop()
      return lines
    }
    const test = list ? `${value}?.length` : value
    return node.inverted
      ? [`${indent}{${test} ? null : (`, ...inner(`${indent}  `), `${indent})}`]
      : [`${indent}{${test} ? (`, ...inner(`${indent}  `), `${indent}) : null}`]
  }

  private sectionNodeExpression(node: Extract<Node, { kind: 'section' }>, _inline: boolean): string {
    const t = this.requireTemplate()
    const { value, list } = t.section(node.name)
    if (list && !node.inverted) {
      const item = this.pushItem()
      const out = `(${value} ?? []).map((${item}) => <>${this.inline(node.children)}</>)`
      this.items.pop()
      return out
    }
    const test = list ? `${value}?.length` : value
    const inner = `<>${this.inline(node.children)}</>`
    return node.inverted ? `${test} ? null : ${inner}` : `${test} ? ${inner} : null`
  }
}

/** Whether children print on one line: when text is among them (text and elements mixed, or text only). */
function inline(nodes: readonly Node[]): boolean {
  return nodes.some((n) => n.kind === 'text' || (n.kind === 'section' && inline(n.children)))
}

/** Text JSX reads exactly as written on one line: no braces, markup, entities, line breaks or runs of spaces. */
export function jsxTextSafe(text: string): boolean {
  return text !== '' && /^[^{}<>&\p{Cc}\u2028\u2029\u00a0]*$/u.test(text) && !/\s\s/.test(text) && !/[^\S ]/.test(text)
}

/** A single-quoted JavaScript string literal. */
export function stringLiteral(text: string): string {
  return `'${escapeString(text).replace(/'/g, "\\'")}'`
}

function templateLiteralText(text: string): string {
  return escapeString(text).replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
}

function escapeString(text: string): string {
  return text.replace(/[\\\n\r\t\u2028\u2029\p{Cc}]/gu, (c) => {
    switch (c) {
      case '\\':
        return '\\\\'
      case '\n':
        return '\\n'
      case '\r':
        return '\\r'
      case '\t':
        return '\\t'
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    }
  })
}

function numberLiteral(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value)
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : stringLiteral(name)
}

/** Text safe inside a block comment. */
export function comment(text: string): string {
  return text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim()
}
