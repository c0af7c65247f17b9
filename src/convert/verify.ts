/**
 * Proves a conversion before it is printed: builds the converted tree as real twiml-jsx nodes,
 * renders it with validation, and compares the bytes with the input as written (layout
 * whitespace removed). Where rendering refuses a typed prop or element (a value twiml-jsx's rules
 * reject, a nesting it does not allow), that part moves to the escape hatch with a note, and the
 * tree is rendered again, until it renders the input exactly.
 */

import {
  childRule,
  type ElementDef,
  escapeAttribute,
  escapeText,
  jsx,
  pathTag,
  type RenderOptions,
  render,
  type TwimlIssue,
  type TwimlNode,
  TwimlValidationError,
  UncheckedElement,
  WithUncheckedAttributes,
  XML_DECLARATION,
} from './elements.js'
import { ConvertError } from './errors.js'
import { uncheckAll, uncheckAttribute } from './props.js'
import { type Attribute, type ElementNode, type Node, type Part, type PropValue, templateText } from './tree.js'

/** The render options the converted document needs (printed as `renderOptions` when not empty). */
export interface NeededOptions {
  context?: 'messaging'
  enhancedSip?: true
}

/** The input as twiml-jsx writes it: the declaration, then the compact tree, placeholders as written. */
export function expectedXml(root: ElementNode): string {
  return XML_DECLARATION + serialize(root)
}

function serialize(node: Node): string {
  switch (node.kind) {
    case 'text':
      return escapeText(templateText(node.parts))
    case 'comment':
      return ''
    case 'section':
      return node.children.map(serialize).join('')
    case 'element': {
      const attributes = node.attributes.map((a) => ` ${a.name}="${escapeAttribute(templateText(a.parts))}"`).join('')
      const content = (node.written ?? node.children).map(serialize).join('')
      return content === '' ? `<${node.tag}${attributes}/>` : `<${node.tag}${attributes}>${content}</${node.tag}>`
    }
  }
}

/**
 * Settles the tree so that it renders `expected`: demotes what rendering refuses, and finds the
 * render options the document needs. Returns those options and the warnings rendering gave.
 */
export function settle(
  root: ElementNode,
  kind: 'voice' | 'messaging',
  expected: string,
): {
  options: NeededOptions
  warnings: TwimlIssue[]
} {
  const options: NeededOptions = kind === 'messaging' ? { context: 'messaging' } : {}
  for (let round = 0; round < 200; round++) {
    const warnings: TwimlIssue[] = []
    const attempt = (extra: RenderOptions = {}) =>
      tryRender(root, { ...options, ...extra, onIssue: (issue) => warnings.push(issue) })
    let result = attempt()
    if (result.issues !== undefined && options.enhancedSip === undefined) {
      const enhanced = attempt({ enhancedSip: true })
      if (enhanced.issues === undefined || enhanced.issues.length < result.issues.length) {
        options.enhancedSip = true
        result = enhanced
      }
    }
    if (result.issues === undefined) {
      if (result.xml !== expected) {
        throw new ConvertError(
          `internal error: the converted document renders differently from the input\n  input:    ${expected}\n  rendered: ${result.xml}`,
        )
      }
      return { options, warnings: warnings.filter((w) => w.severity === 'warning') }
    }
    if (!demote(root, result.issues)) {
      const issue = result.issues[0]!
      throw new ConvertError(`cannot convert ${issue.path}: ${issue.message}`)
    }
  }
  throw new ConvertError('internal error: the conversion did not settle')
}

function tryRender(root: ElementNode, options: RenderOptions): { xml?: string; issues?: readonly TwimlIssue[] } {
  try {
    return { xml: render(build(root), options) }
  } catch (error) {
    if (error instanceof TwimlValidationError) return { issues: error.issues }
    throw error
  }
}

/** Moves what each problem is about to the escape hatch. False when nothing could move. */
function demote(root: ElementNode, issues: readonly TwimlIssue[]): boolean {
  const byPath = paths(root)
  let changed = false
  for (const issue of issues) {
    if (issue.severity === 'warning') continue
    const node = byPath.get(issue.path)
    if (node === undefined || node.form === 'unchecked') continue
    if (issue.rule.startsWith('attribute.')) {
      const prop = node.props
        .map((p) => p.name)
        .filter((name) => issue.message.startsWith(`${name} `))
        .sort((a, b) => b.length - a.length)[0]
      if (prop !== undefined && uncheckAttribute(node, prop, issue.message)) {
        changed = true
        continue
      }
    }
    // An element inside one whose type takes text only: the parent goes unchecked (its children's
    // type would not take the element), and the child with it.
    const parent = issue.rule === 'children.element' ? parentOf(byPath, issue.path) : undefined
    if (
      parent !== undefined &&
      parent.form === 'typed' &&
      parent.def !== undefined &&
      childRule(parent.def).elements.length === 0
    ) {
      uncheckAll(parent, issue.message)
    }
    uncheckAll(node, issue.message)
    changed = true
  }
  return changed
}

function parentOf(byPath: Map<string, ElementNode>, path: string): ElementNode | undefined {
  const cut = path.lastIndexOf(' > ')
  return cut === -1 ? undefined : byPath.get(path.slice(0, cut))
}

/** Every element by its problem path, as the renderer names it (`Response > Dial > Sip[2]`). */
function paths(root: ElementNode): Map<string, ElementNode> {
  const map = new Map<string, ElementNode>()
  const visit = (node: ElementNode, path: string) => {
    map.set(path, node)
    const counts = new Map<string, number>()
    const walk = (children: readonly Node[]) => {
      for (const child of children) {
        if (child.kind === 'section') walk(child.children)
        if (child.kind !== 'element') continue
        const tag = pathTag(child.form === 'typed' ? child.def : undefined, child.tag)
        const n = (counts.get(tag) ?? 0) + 1
        counts.set(tag, n)
        visit(child, `${path} > ${n > 1 ? `${tag}[${n}]` : tag}`)
      }
    }
    walk(node.children)
  }
  visit(root, pathTag(root.form === 'typed' ? root.def : undefined, root.tag))
  return map
}

/** The converted tree as twiml-jsx nodes, placeholders as written and Bin sections once. */
export function build(node: ElementNode): TwimlNode {
  const children = buildChildren(node.children)
  if (node.form === 'unchecked' || node.def === undefined) {
    return jsx(UncheckedElement, { tag: node.tag, attributes: attributeRecord(node.unchecked), children })
  }
  const props: Record<string, unknown> = {}
  for (const prop of node.props) props[prop.name] = value(prop.value)
  if (node.unchecked.length > 0) {
    return jsx(WithUncheckedAttributes, {
      element: node.def.element,
      ...props,
      attributes: attributeRecord(node.unchecked),
      children,
    })
  }
  props.children = children
  return jsx((node.def as ElementDef).element, props)
}

function buildChildren(nodes: readonly Node[]): unknown[] {
  const out: unknown[] = []
  for (const child of nodes) {
    if (child.kind === 'element') out.push(build(child))
    else if (child.kind === 'text') out.push(partsText(child.parts))
    else if (child.kind === 'section') out.push(...buildChildren(child.children))
  }
  return out
}

function attributeRecord(attributes: readonly Attribute[]): Record<string, string> {
  return Object.fromEntries(attributes.map((a) => [a.name, templateText(a.parts)]))
}

const partsText = (parts: readonly Part[]) => templateText(parts)

function value(v: PropValue): unknown {
  switch (v.kind) {
    case 'string':
      return partsText(v.parts)
    case 'number':
    case 'boolean':
      return v.value
    case 'strings':
    case 'numbers':
      return v.values
    case 'headers':
      return Object.fromEntries(v.entries)
  }
}
