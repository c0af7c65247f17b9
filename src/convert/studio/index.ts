/**
 * `convertStudio(flow)`: a Studio Flow definition → a Hono app. One route per widget (`POST
 * /<widget>`, the flow's webhook at `/`); widgets that talk to the caller answer with TwiML whose
 * actions and Redirects are the flow's transitions, widgets that decide or compute (Split, Set
 * Variables, Make HTTP Request, Run Function, Send Message) run on the server and go straight on.
 * Liquid becomes TypeScript where it is simple and is marked TODO where it is not; a widget the
 * converter does not know becomes a route that says so on the call.
 *
 * @see https://www.twilio.com/docs/studio/widget-library
 */
import { jsxTextSafe, stringLiteral } from '../print.js'
import type { ConvertResult } from '../twiml.js'
import { importLines } from '../twiml.js'
import { type Flow, nextOf, readFlow, type Widget } from './flow.js'
import { outputExpression, pathExpression, type Translated, translate } from './liquid.js'
import { HELPERS, RUNTIME } from './runtime.js'
import { target, widgetLines } from './widgets.js'

/** What converting one widget gives: its code, and what it needs. */
interface Converted {
  readonly lines: string[]
  readonly notes: string[]
}

/** The module being written: what it imports, its notes, and the widgets' shared translations. */
export class Generator {
  readonly elements = new Set<string>(['Hangup', 'Response'])
  readonly helpers = new Set<string>()
  readonly notes: string[] = []
  readonly returns = new Map<string, string | undefined>()

  constructor(readonly flow: Flow) {}

  /** A template as a string expression; untranslated Liquid becomes a note and a TODO. */
  value(widget: Widget, template: unknown, todos: string[]): Translated {
    const translated = translate(String(template ?? ''))
    for (const t of translated.todo) {
      todos.push(`TODO(liquid): not translated, kept as written: ${t.replace(/\s+/g, ' ')}`)
      this.notes.push(`${widget.name}: Liquid not translated (marked TODO): ${t.replace(/\s+/g, ' ')}`)
    }
    return translated
  }

  attribute(name: string, value: Translated): string {
    if (value.literal) {
      const text = JSON.parse(`"${value.code.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string
      if (/^[^"&\\\p{Cc}]*$/u.test(text)) return `${name}="${text}"`
    }
    return `${name}={${value.code}}`
  }

  children(value: Translated): string {
    if (value.literal) {
      const text = literalText(value)
      if (jsxTextSafe(text)) return text
    }
    return `{${value.code}}`
  }

  convert(widget: Widget): Converted {
    const todos: string[] = []
    const lines = widgetLines(this, widget, todos)
    const type = `${widget.name} (${widget.type})`
    const transitions = widget.transitions
      .filter((t) => t.event !== 'match')
      .map((t) => `${t.event} → ${t.next ?? 'end'}`)
      .join(', ')
    // The state parameter `s`, where the widget reads or writes it (the comments say "s" too).
    const used = /\bs[.,)]/.test(
      lines
        .filter((l) => !/^\s*\/\//.test(l))
        .join('\n')
        .replace(/\(s\) =>/, ''),
    )
    const body = used ? lines : lines.map((l) => l.replace(/^(\s*flow\.\w+\([^,]+, (?:async )?)\(s\)/, '$1()'))
    return {
      lines: [`  // ${type}${transitions === '' ? '' : `: ${transitions}`}`, ...todos.map((t) => `  // ${t}`), ...body],
      notes: [],
    }
  }
}

function literalText(value: Translated): string {
  return JSON.parse(`"${value.code.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string
}

/**
 * Converts a Studio Flow definition (the parsed JSON of the canvas export or the REST API's
 * `definition`) to a Hono app module: `createApp(options)` and a default app.
 *
 * @throws ConvertError when the JSON is not a flow definition
 */
export function convertStudio(definition: unknown): ConvertResult {
  const flow = readFlow(definition)
  const generator = new Generator(flow)
  const blocks: string[] = []
  for (const widget of flow.widgets) {
    if (widget.type === 'trigger') continue
    blocks.push(...generator.convert(widget).lines, '')
  }
  const first = nextOf(flow.initial, 'incomingCall')
  const returns = [...generator.returns].map(([from, to]) => `${stringLiteral(from)}: ${target(to)}`).join(', ')
  const helpers = [...generator.helpers].map((h) => HELPERS[h]!)
  const imports = new Map<string, string[]>([
    ['hono', ['type Context', 'Hono']],
    ['twiml-jsx', ['type Child', ...generator.elements]],
    ['twiml-jsx/hono', ['twilioWebhook', 'twiml']],
  ])
  const lines = [
    '/** @jsxImportSource twiml-jsx */',
    '/**',
    ` * ${flow.description.replace(/\*\//g, '* /')}: a Twilio Studio flow converted to a Hono app by twiml-jsx convert --studio.`,
    ' *',
    " * The flow's webhook is POST / (its Trigger); every widget is a route, POST /<widget>. Widgets that",
    ' * talk to the caller answer with TwiML whose action or Redirect is the next route; widgets that',
    ' * decide or compute (Split Based On, Set Variables, Make HTTP Request, Run Function, Send Message)',
    " * run here and go straight on. Each call's state (Liquid's trigger, flow and widgets) lives in",
    " * options.store, in memory unless you give one. Serve the app at the root of its host: its routes'",
    ' * URLs are absolute paths.',
    ...(generator.notes.length > 0
      ? [' *', ' * Not converted (search for TODO):', ...generator.notes.map((n) => ` * - ${n}`)]
      : []),
    ' */',
    ...importLines(imports),
    '',
    '/** The app, with its widgets as routes. */',
    'export function createApp(options: FlowOptions = {}): Hono {',
    '  const app = new Hono()',
    '  const flow = new Flow(app, options)',
    `  // Trigger: incomingCall → ${first ?? 'end'}`,
    `  flow.trigger(${target(first)}, {${returns === '' ? '' : ` ${returns} `}})`,
    '',
    ...blocks,
    '  return app',
    '}',
    '',
    RUNTIME.trimEnd(),
    ...helpers.map((h) => h.trimEnd()),
    '',
    '/** The app with the default options: state in memory, no signature check. */',
    'export default createApp()',
    '',
  ]
  return { code: lines.join('\n'), notes: generator.notes }
}

export { outputExpression, pathExpression }
