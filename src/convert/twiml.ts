/**
 * `convertTwiml(xml)`: a TwiML document → a TSX module whose default export renders the same
 * document (or, with `route`, a Hono app serving it). Pure: no I/O, edge-safe.
 */
import { ConvertError } from './errors.js'
import { type ParsedDocument, parseDocument } from './parse.js'
import { comment, Printer, stringLiteral, type TemplatePrinter } from './print.js'
import { assignProps } from './props.js'
import { expectedXml, type NeededOptions, settle } from './verify.js'

export interface ConvertTwimlOptions {
  /** Name of the component. Default `Twiml`. Must be a JavaScript identifier starting upper case. */
  readonly name?: string
  /** Print a Hono route module that serves the document at this path (`/voice`) instead. */
  readonly route?: string
}

/** A converted module and what the conversion had to say about it. */
export interface ConvertResult {
  /** The TSX module. */
  readonly code: string
  /** Where the conversion used the escape hatch, and rendering warnings (one line each). */
  readonly notes: readonly string[]
}

/** The document a converted module renders, and the options it must be rendered with. */
export interface Converted {
  readonly doc: ParsedDocument
  readonly options: NeededOptions
  readonly notes: string[]
}

/** Parses, types and proves a document (shared by TwiML and TwiML Bins). */
export function convertDocument(xml: string, template: boolean): Converted {
  const doc = parseDocument(xml, template)
  assignProps(doc.root)
  const { options, warnings } = settle(doc.root, doc.kind, expectedXml(doc.root))
  const notes = [...collectNotes(doc), ...warnings.map((w) => `${w.path}: ${w.message}`)]
  return { doc, options, notes }
}

function collectNotes(doc: ParsedDocument): string[] {
  const notes: string[] = []
  const visit = (node: ParsedDocument['root'], path: string) => {
    for (const note of node.notes) notes.push(`${path}: ${note}`)
    for (const child of node.children) {
      if (child.kind === 'element') visit(child, `${path} > ${child.tag}`)
      if (child.kind === 'section')
        for (const c of child.children) if (c.kind === 'element') visit(c, `${path} > ${c.tag}`)
    }
  }
  visit(doc.root, doc.root.tag)
  return notes
}

/**
 * Converts TwiML to a TSX module: the imports it needs and, as its default export, a component
 * that renders the same document (compact TwiML byte for byte; pretty-printed TwiML without the
 * whitespace that only lays it out). With `route`, a Hono app serving it at that path.
 *
 * @throws ConvertError when the input is not well-formed XML
 */
export function convertTwiml(xml: string, options: ConvertTwimlOptions = {}): ConvertResult {
  const name = componentName(options.name)
  const converted = convertDocument(xml, false)
  const code = printModule(converted, { name, route: options.route })
  return { code, notes: converted.notes }
}

export function componentName(name: string | undefined, fallback = 'Twiml'): string {
  const chosen = name ?? fallback
  if (!/^[A-Z][A-Za-z0-9_$]*$/.test(chosen)) {
    throw new ConvertError(`component name "${chosen}" must be an identifier starting with an upper-case letter`)
  }
  return chosen
}

export interface ModuleShape {
  readonly name: string
  readonly route?: string | undefined
  /** Bins: the props type and how the route reads them. */
  readonly template?: {
    readonly printer: TemplatePrinter
    /** Lines before the component (the props type). */
    readonly declarations: () => string[]
    /** Imports beyond twiml-jsx elements: `from` → names. */
    readonly imports: () => Map<string, string[]>
    /** Lines after the component (helpers). */
    readonly helpers: () => string[]
    /** The route's handler body expression, given the component element text. */
    readonly routeHandler: (component: string) => string
    /** The parameter list of the component. */
    readonly parameter: string
  }
}

/** Prints the module: imports, the component, render options, and the route when asked. */
export function printModule(converted: Converted, shape: ModuleShape): string {
  const printer = new Printer(shape.template?.printer)
  const jsx = printer.element(converted.doc.root, '    ')
  const { options } = converted
  const hasOptions = options.context !== undefined || options.enhancedSip !== undefined
  const imports = new Map<string, string[]>()
  const add = (from: string, names: string[]) => imports.set(from, [...(imports.get(from) ?? []), ...names])
  add('twiml-jsx', [...printer.imports, ...(hasOptions ? ['type RenderOptions'] : [])])
  if (shape.template !== undefined) for (const [from, names] of shape.template.imports()) add(from, names)
  if (shape.route !== undefined) {
    add('hono', ['Hono'])
    add('twiml-jsx/hono', ['twiml'])
  }

  const lines: string[] = ['/** @jsxImportSource twiml-jsx */']
  for (const c of converted.doc.comments) lines.push(`// ${comment(c)}`)
  lines.push(...importLines(imports), '')
  if (shape.template !== undefined) lines.push(...shape.template.declarations())
  if (hasOptions) {
    const entries: string[] = []
    const why: string[] = []
    if (options.context !== undefined) {
      entries.push(`context: '${options.context}'`)
      why.push('a messaging document')
    }
    if (options.enhancedSip !== undefined) {
      entries.push('enhancedSip: true')
      why.push("dials several nouns beside <Sip>, which needs the account's Enhanced Programmable SIP Features")
    }
    lines.push(`/** Render options this document needs: ${why.join('; ')}. */`)
    lines.push(`export const renderOptions: RenderOptions = { ${entries.join(', ')} }`, '')
  }
  const exported = shape.route === undefined ? 'export default function' : 'export function'
  lines.push(
    `/** ${shape.template === undefined ? 'TwiML' : 'A TwiML Bin'} converted by twiml-jsx convert. */`,
    `${exported} ${shape.name}(${shape.template?.parameter ?? ''}) {`,
    '  return (',
    ...jsx,
    '  )',
    '}',
  )
  if (shape.template !== undefined) {
    const helpers = shape.template.helpers()
    if (helpers.length > 0) lines.push('', ...helpers)
  }
  if (shape.route !== undefined) {
    const element = `<${shape.name} />`
    const handler =
      shape.template?.routeHandler(shape.name) ?? `twiml(c, ${element}${hasOptions ? ', renderOptions' : ''})`
    lines.push(
      '',
      'const app = new Hono()',
      "// Twilio signs its webhooks: app.use('*', twilioWebhook({ authToken })) from twiml-jsx/hono refuses forged requests.",
      `app.on(['GET', 'POST'], ${stringLiteral(routePath(shape.route))}, ${handler.startsWith('async') ? handler : `(c) => ${handler}`})`,
      '',
      'export default app',
    )
  }
  return `${lines.join('\n')}\n`
}

export function routePath(path: string): string {
  if (!/^\/[\w\-./~%]*$/.test(path)) throw new ConvertError(`route "${path}" must be a path such as /voice`)
  return path
}

/** `import { … } from '…'` lines, modules and names in the order biome sorts them. */
export function importLines(imports: Map<string, string[]>): string[] {
  const sortName = (n: string) => n.replace(/^type /, '')
  return [...imports.keys()].sort().map((from) => {
    const names = [...new Set(imports.get(from))].sort((a, b) => (sortName(a) < sortName(b) ? -1 : 1))
    // Types only: `import type { … }`, as biome's useImportType writes it.
    if (names.every((n) => n.startsWith('type ')))
      return `import type { ${names.map(sortName).join(', ')} } from '${from}'`
    return `import { ${names.join(', ')} } from '${from}'`
  })
}
