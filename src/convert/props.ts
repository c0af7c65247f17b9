/**
 * Attributes → typed props, by each attribute's value domain: `timeout="10"` → `timeout={10}`,
 * `sequential="true"` → `sequential`, `statusCallbackEvent="initiated answered"` → an array. A
 * value the typed prop would write differently (`timeout="010"`), or that its type does not take,
 * stays as written through `WithUncheckedAttributes`, with a note. `<Sip>` URIs give up their
 * `;region=`, `;transport=` and `?x-…` headers to props when that writes the same URI.
 */
import {
  type AttributeDomain,
  attributeForProp,
  type ElementDef,
  isDialedSip,
  isNumberList,
  propForAttribute,
  requiredProps,
  requiresChildren,
  SIP,
  typeAcceptsString,
} from './elements.js'
import { type ElementNode, elements, type Node, type Part, type PropValue, plainText } from './tree.js'

/** Gives every element of the tree its typed props (and unchecked attributes where needed). */
export function assignProps(root: ElementNode): void {
  for (const node of elements([root])) {
    node.props = []
    node.unchecked = []
    if (node.def === undefined) {
      node.form = 'unchecked'
      node.unchecked = [...node.attributes]
      node.notes.push(`twiml-jsx has no <${node.tag}> element: written as is, unchecked`)
      continue
    }
    typeAttributes(node, node.def)
    if (isDialedSip(node.def)) decomposeSipUri(node)
    const missing = requiredProps(node.def).filter((prop) => !node.props.some((p) => p.name === prop))
    if (missing.length > 0) uncheckAll(node, `its type requires ${missing.join(' and ')}`)
    else if (requiresChildren(node.def) && node.children.every((c) => c.kind === 'comment')) {
      uncheckAll(node, 'its type requires content, and it is empty')
    }
  }
}

/** The whole element through `UncheckedElement`, every attribute as written. */
export function uncheckAll(node: ElementNode, reason: string): void {
  node.form = 'unchecked'
  node.props = []
  node.unchecked = [...node.attributes]
  if (node.written !== undefined) {
    node.children = node.written
    node.written = undefined
  }
  node.notes.splice(0, node.notes.length, `written as is, unchecked: ${reason}`)
}

function typeAttributes(node: ElementNode, def: ElementDef): void {
  for (const attribute of node.attributes) {
    if (node.unchecked.length > 0) {
      // Attributes render in the order written; after one unchecked attribute, the rest follow it.
      node.unchecked.push(attribute)
      continue
    }
    const info = propForAttribute(def, attribute.name)
    const value = info === undefined ? undefined : typedValue(def, info.prop, info.domain, attribute.parts)
    if (info === undefined || value === undefined) {
      node.unchecked.push(attribute)
      node.notes.push(
        info === undefined
          ? `${attribute.name} is not an attribute twiml-jsx knows for <${node.tag}>: written as is, unchecked`
          : `${attribute.name}="${plainText(attribute.parts) ?? '…'}" is written as is, unchecked: ${whyUntyped(info.domain, plainText(attribute.parts))}`,
      )
      continue
    }
    node.props.push({ name: info.prop, value })
  }
}

/** Why a value does not fit its typed prop, for the note beside it. */
function whyUntyped(domain: AttributeDomain, text: string | undefined): string {
  if (text === undefined) return 'a placeholder cannot stand for a value of this type'
  switch (domain.kind) {
    case 'integer':
    case 'number':
      return Number.isFinite(Number(text)) && text.trim() !== ''
        ? `as a number it would be written ${String(Number(text))}`
        : 'it is not a number'
    case 'boolean':
      return 'it is neither true nor false'
    case 'enum':
    case 'list':
      return `its type takes ${domain.values.join(', ')}`
    default:
      return 'its type does not take this value'
  }
}

/** Demotes an attribute (and the ones after it) to the escape hatch, after rendering refused it. */
export function uncheckAttribute(node: ElementNode, prop: string, reason: string): boolean {
  const index = node.props.findIndex((p) => p.name === prop)
  if (index === -1) return false
  const def = node.def!
  const written = new Set(node.attributes.map((a) => a.name))
  const moved = node.props.splice(index)
  // Props that are not attributes (the <Sip> URI parts) stay typed.
  node.props.push(...moved.filter((p) => !written.has(wireName(def, p.name))))
  const wire = new Set(moved.map((p) => wireName(def, p.name)))
  node.unchecked = [...node.attributes.filter((a) => wire.has(a.name)), ...node.unchecked]
  node.notes.push(`${wireName(def, prop)} is written as is, unchecked: ${reason}`)
  return true
}

const wireName = attributeForProp

const isCanonicalNumber = (text: string) => text.trim() === text && text !== '' && String(Number(text)) === text

/** The typed prop value that writes exactly `parts`, or `undefined` when none does. */
function typedValue(
  def: ElementDef,
  prop: string,
  domain: AttributeDomain,
  parts: readonly Part[],
): PropValue | undefined {
  const text = plainText(parts)
  if (text === undefined) {
    // A Bin placeholder: only props typed as strings can take it.
    return stringLike(domain) && !isShaped(def, prop) ? { kind: 'string', parts } : undefined
  }
  switch (domain.kind) {
    case 'enum':
      return domain.values.includes(text) ? { kind: 'string', parts } : undefined
    case 'list': {
      const values = text.split(' ')
      return text !== '' && values.every((v) => domain.values.includes(v)) ? { kind: 'strings', values } : undefined
    }
    case 'boolean':
      return text === 'true' || text === 'false' ? { kind: 'boolean', value: text === 'true' } : undefined
    case 'integer':
    case 'number':
      return isCanonicalNumber(text) ? { kind: 'number', value: Number(text) } : undefined
    case 'url':
    case 'string':
    case 'open':
    case 'pattern':
      return typeAcceptsString(def, prop, text) ? { kind: 'string', parts } : undefined
    case 'union': {
      if (domain.of.some((d) => d.kind === 'enum' && d.values.includes(text))) return { kind: 'string', parts }
      if ((text === 'true' || text === 'false') && domain.of.some((d) => d.kind === 'boolean')) {
        return { kind: 'boolean', value: text === 'true' }
      }
      if (isCanonicalNumber(text) && domain.of.some((d) => d.kind === 'integer' || d.kind === 'number')) {
        return { kind: 'number', value: Number(text) }
      }
      return domain.of.some(stringLike) && typeAcceptsString(def, prop, text) ? { kind: 'string', parts } : undefined
    }
    case 'custom': {
      if (!isNumberList(def, prop)) return undefined
      const items = text.split(' ')
      return items.every(isCanonicalNumber) ? { kind: 'numbers', values: items.map(Number) } : undefined
    }
  }
}

function stringLike(domain: AttributeDomain): boolean {
  return domain.kind === 'url' || domain.kind === 'string' || domain.kind === 'open' || domain.kind === 'pattern'
}

function isShaped(def: ElementDef, prop: string): boolean {
  return !typeAcceptsString(def, prop, '\u0000')
}

/**
 * `<Sip>sip:alice@example.com;region=jp1;transport=tls?x-ticket=42</Sip>` →
 * `<Sip region="jp1" transport="tls" headers={{ 'x-ticket': '42' }}>sip:alice@example.com</Sip>`, when
 * the props compose the very same URI.
 */
function decomposeSipUri(node: ElementNode): void {
  const only = node.children.length === 1 ? node.children[0]! : undefined
  if (only?.kind !== 'text') return
  const text = plainText(only.parts)
  if (text === undefined || node.props.some((p) => p.name === 'region' || p.name === 'transport')) return
  const q = text.indexOf('?')
  let uri = q === -1 ? text : text.slice(0, q)
  const headerText = q === -1 ? '' : text.slice(q + 1)
  const props: { region?: string; transport?: string; headers?: Record<string, string> } = {}
  const transport = /;transport=([^;?]*)$/.exec(uri)
  if (transport !== null && SIP.transports.includes(transport[1]!)) {
    props.transport = transport[1]!
    uri = uri.slice(0, transport.index)
  }
  const region = /;region=([^;?]*)$/.exec(uri)
  if (region !== null && SIP.regions.includes(region[1]!)) {
    props.region = region[1]!
    uri = uri.slice(0, region.index)
  }
  let rest = uri
  const headers = headerEntries(headerText)
  if (headers === undefined) rest = headerText === '' ? uri : `${uri}?${headerText}`
  else if (headers.length > 0) props.headers = Object.fromEntries(headers)
  if (props.region === undefined && props.transport === undefined && props.headers === undefined) return
  if (/;(region|transport)=/i.test(rest) || SIP.compose(rest, props) !== text) return
  node.written = node.children
  const children: Node[] = [{ kind: 'text', parts: [{ kind: 'text', value: rest }] }]
  node.children = children
  if (props.region !== undefined)
    node.props.push({ name: 'region', value: { kind: 'string', parts: [{ kind: 'text', value: props.region }] } })
  if (props.transport !== undefined) {
    node.props.push({ name: 'transport', value: { kind: 'string', parts: [{ kind: 'text', value: props.transport }] } })
  }
  if (headers !== undefined && headers.length > 0)
    node.props.push({ name: 'headers', value: { kind: 'headers', entries: headers } })
}

/** `x-a=1&x-b=2` as name → decoded value, when every value is exactly what `headers` would encode. */
function headerEntries(text: string): [string, string][] | undefined {
  if (text === '') return []
  const entries: [string, string][] = []
  const seen = new Set<string>()
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=')
    if (eq <= 0) return undefined
    const name = pair.slice(0, eq)
    const raw = pair.slice(eq + 1)
    let value: string
    try {
      value = decodeURIComponent(raw)
    } catch {
      return undefined
    }
    if (encodeURIComponent(value) !== raw || !SIP.headerName.test(name) || seen.has(name.toLowerCase()))
      return undefined
    if (
      !/^(x-|X-)/.test(name) &&
      !['User-to-User', 'Remote-Party-ID', 'P-Preferred-Identity', 'P-Called-Party-ID'].includes(name)
    ) {
      return undefined
    }
    seen.add(name.toLowerCase())
    entries.push([name, value])
  }
  return entries
}
