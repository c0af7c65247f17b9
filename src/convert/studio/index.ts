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
import { jsxTextSafe, key, stringLiteral } from '../print.js'
import type { ConvertResult } from '../twiml.js'
import { importLines } from '../twiml.js'
import { type Condition, type Flow, nextOf, readFlow, type Widget } from './flow.js'
import { outputExpression, pathExpression, type Translated, translate } from './liquid.js'
import { HELPERS, RUNTIME } from './runtime.js'

/** What converting one widget gives: its code, and what it needs. */
interface Converted {
  readonly lines: string[]
  readonly notes: string[]
}

class Generator {
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
    const lines = this.widgetLines(widget, todos)
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

  private widgetLines(w: Widget, todos: string[]): string[] {
    const p = w.properties
    const name = stringLiteral(w.name)
    switch (w.type) {
      case 'say-play': {
        const audio = this.audio(w, todos)
        return [
          `  flow.voice(${name}, (s) => (`,
          '    <>',
          `      ${audio}`,
          `      ${this.goTo(nextOf(w, 'audioComplete'))}`,
          '    </>',
          '  ))',
        ]
      }
      case 'gather-input-on-call': {
        this.elements.add('Gather')
        const attributes = [
          `input={['dtmf', 'speech']}`,
          `action=${stringLiteral(`/${w.name}/done`).replace(/^'|'$/g, '"')}`,
        ]
        const timeout = numberOf(p.timeout)
        if (timeout !== undefined) attributes.push(`timeout={${timeout}}`)
        const digits = numberOf(p.number_of_digits)
        if (digits !== undefined) attributes.push(`numDigits={${digits}}`)
        if (typeof p.finish_on_key === 'string')
          attributes.push(this.attribute('finishOnKey', translate(p.finish_on_key)))
        const speechTimeout = p.speech_timeout === 'auto' ? '"auto"' : numberOf(p.speech_timeout)
        if (speechTimeout !== undefined)
          attributes.push(`speechTimeout=${speechTimeout === '"auto"' ? speechTimeout : `{${speechTimeout}}`}`)
        if (typeof p.gather_language === 'string')
          attributes.push(this.attribute('language', this.value(w, p.gather_language, todos)))
        if (typeof p.hints === 'string' && p.hints !== '')
          attributes.push(this.attribute('hints', this.value(w, p.hints, todos)))
        const profanity = booleanOf(p.profanity_filter)
        if (profanity !== undefined) attributes.push(profanity ? 'profanityFilter' : 'profanityFilter={false}')
        if (typeof p.speech_model === 'string' && p.speech_model !== '')
          attributes.push(this.attribute('speechModel', translate(p.speech_model)))
        const prompt =
          p.say !== undefined || p.play !== undefined || p.digits !== undefined ? this.audio(w, todos) : undefined
        const gather =
          prompt === undefined
            ? [`      <Gather ${attributes.join(' ')} />`]
            : [`      <Gather ${attributes.join(' ')}>`, `        ${prompt}`, '      </Gather>']
        return [
          `  flow.voice(${name}, (s) => (`,
          '    <>',
          ...gather,
          `      ${this.goTo(nextOf(w, 'timeout'))}`,
          '    </>',
          '  ))',
          `  flow.done(${name}, ['Digits', 'SpeechResult', 'Confidence'], (params) => ({`,
          `    next: params.SpeechResult ? ${target(nextOf(w, 'speech'))} : ${target(nextOf(w, 'keypress'))},`,
          '  }))',
        ]
      }
      case 'split-based-on': {
        const body: string[] = []
        for (const t of w.transitions) {
          if (t.event !== 'match' || t.conditions === undefined) continue
          const tests = t.conditions.map((c) => this.condition(w, c, String(p.input ?? ''), todos))
          body.push(`    if (${tests.join(' && ')}) return ${target(t.next)}`)
        }
        // The variable to test, when a condition tests it.
        if (body.some((line) => /\binput\b/.test(line)))
          body.unshift(`    const input = ${this.value(w, p.input, todos).code}`)
        body.push(`    return ${target(nextOf(w, 'noMatch'))}`)
        return [`  flow.logic(${name}, (s) => {`, ...body, '  })']
      }
      case 'set-variables': {
        const variables = Array.isArray(p.variables) ? (p.variables as { key?: unknown; value?: unknown }[]) : []
        const body = variables
          .filter((v) => typeof v.key === 'string')
          .map((v) => `    s.flow.variables${member(v.key as string)} = ${this.value(w, v.value, todos).code}`)
        return [`  flow.logic(${name}, (s) => {`, ...body, `    return ${target(nextOf(w, 'next'))}`, '  })']
      }
      case 'make-http-request':
      case 'run-function': {
        const method = w.type === 'run-function' ? 'POST' : String(p.method ?? 'GET').toUpperCase()
        const url = this.value(w, p.url, todos)
        const parameters = Array.isArray(p.parameters) ? (p.parameters as { key?: unknown; value?: unknown }[]) : []
        const record = `{ ${parameters
          .filter((v) => typeof v.key === 'string')
          .map((v) => `${key(v.key as string)}: ${this.value(w, v.value, todos).code}`)
          .join(', ')} }`
        const json = typeof p.content_type === 'string' && p.content_type.startsWith('application/json')
        let call: string
        if (method === 'GET') {
          this.helpers.add('form')
          call =
            parameters.length > 0
              ? `\`\${${url.code}}?\${form(${record})}\`, { method: 'GET' }`
              : `${url.code}, { method: 'GET' }`
        } else if (json) {
          call = `${url.code}, { method: ${stringLiteral(method)}, headers: { 'Content-Type': 'application/json' }, body: ${this.value(w, p.body, todos).code} }`
        } else {
          this.helpers.add('form')
          call = `${url.code}, { method: ${stringLiteral(method)}, body: form(${record}) }`
        }
        const fail = w.type === 'run-function' ? 'fail' : 'failed'
        return [
          `  flow.logic(${name}, async (s) =>`,
          `    (await flow.http(s, ${name}, ${call})) ? ${target(nextOf(w, 'success'))} : ${target(nextOf(w, fail))},`,
          '  )',
        ]
      }
      case 'send-message': {
        const to = this.value(w, p.to ?? '{{contact.channel.address}}', todos)
        const from = this.value(w, p.from ?? '{{flow.channel.address}}', todos)
        const body = this.value(w, p.body, todos)
        return [
          `  flow.logic(${name}, async (s) =>`,
          `    (await flow.send(s, ${name}, { to: ${to.code}, from: ${from.code}, body: ${body.code} }))`,
          `      ? ${target(nextOf(w, 'sent'))}`,
          `      : ${target(nextOf(w, 'failed'))},`,
          '  )',
        ]
      }
      case 'connect-call-to':
        return this.connect(w, todos)
      case 'record-voicemail': {
        this.elements.add('Record')
        const attributes = [`action="/${w.name}/done"`]
        const maxLength = numberOf(p.max_length)
        if (maxLength !== undefined) attributes.push(`maxLength={${maxLength}}`)
        const timeout = numberOf(p.timeout)
        if (timeout !== undefined) attributes.push(`timeout={${timeout}}`)
        if (typeof p.finish_on_key === 'string' && p.finish_on_key !== '')
          attributes.push(this.attribute('finishOnKey', translate(p.finish_on_key)))
        const beep = booleanOf(p.play_beep)
        if (beep !== undefined) attributes.push(beep ? 'playBeep' : 'playBeep={false}')
        if (p.trim === 'trim-silence' || p.trim === 'do-not-trim') attributes.push(`trim="${p.trim}"`)
        if (booleanOf(p.transcribe) === true) attributes.push('transcribe')
        if (typeof p.transcription_callback_url === 'string' && p.transcription_callback_url !== '') {
          attributes.push(this.attribute('transcribeCallback', this.value(w, p.transcription_callback_url, todos)))
        }
        if (typeof p.recording_status_callback_url === 'string' && p.recording_status_callback_url !== '') {
          attributes.push(
            this.attribute('recordingStatusCallback', this.value(w, p.recording_status_callback_url, todos)),
          )
        }
        return [
          `  flow.voice(${name}, () => (`,
          '    <>',
          `      <Record ${attributes.join(' ')} />`,
          `      ${this.goTo(nextOf(w, 'noAudio'))}`,
          '    </>',
          '  ))',
          `  flow.done(${name}, ['RecordingUrl', 'RecordingSid', 'RecordingDuration', 'Digits'], (params) =>`,
          `    params.Digits === 'hangup' ? { next: ${target(nextOf(w, 'hangup'))}, ended: true } : { next: ${target(nextOf(w, 'recordingComplete'))} },`,
          '  )',
        ]
      }
      case 'enqueue-call':
      case 'send-to-flex':
        return this.enqueue(w, todos)
      case 'add-twiml-redirect': {
        this.elements.add('Redirect')
        this.returns.set(w.name, nextOf(w, 'return'))
        for (const event of ['timeout', 'fail']) {
          if (nextOf(w, event) !== undefined) {
            todos.push(
              `TODO(studio): the ${event} transition (to ${nextOf(w, event)}) is Studio's own; Twilio never reports it to this app`,
            )
            this.notes.push(`${w.name}: the ${event} transition of Add TwiML Redirect is not converted (marked TODO)`)
          }
        }
        const method = p.method === 'GET' ? ' method="GET"' : ''
        return [
          `  flow.voice(${name}, (s) => {`,
          `    // The TwiML there comes back to this flow by redirecting to /?FlowEvent=return, which follows "return".`,
          `    s.redirected = ${name}`,
          `    return <Redirect${method}>${this.children(this.value(w, p.url, todos))}</Redirect>`,
          '  })',
        ]
      }
      default:
        return this.unsupported(w, todos)
    }
  }

  private audio(w: Widget, todos: string[]): string {
    const p = w.properties
    const loop = numberOf(p.loop)
    if (typeof p.play === 'string' && p.play !== '') {
      this.elements.add('Play')
      return `<Play${loop === undefined ? '' : ` loop={${loop}}`}>${this.children(this.value(w, p.play, todos))}</Play>`
    }
    if (typeof p.digits === 'string' && p.digits !== '') {
      this.elements.add('Play')
      return `<Play ${this.attribute('digits', this.value(w, p.digits, todos))} />`
    }
    this.elements.add('Say')
    const attributes: string[] = []
    if (typeof p.voice === 'string' && p.voice !== '') attributes.push(this.attribute('voice', translate(p.voice)))
    if (typeof p.language === 'string' && p.language !== '')
      attributes.push(this.attribute('language', translate(p.language)))
    if (loop !== undefined) attributes.push(`loop={${loop}}`)
    return `<Say${attributes.map((a) => ` ${a}`).join('')}>${this.children(this.value(w, p.say, todos))}</Say>`
  }

  private goTo(next: string | undefined): string {
    if (next === undefined) return '<Hangup />'
    this.elements.add('Redirect')
    return `<Redirect>/${next}</Redirect>`
  }

  private condition(w: Widget, c: Condition, input: string, todos: string[]): string {
    const subjectTemplate = c.arguments?.[0] ?? input
    const subject = subjectTemplate === input ? 'input' : this.value(w, subjectTemplate, todos).code
    const value = this.value(w, c.value ?? '', todos).code
    switch (c.type) {
      case 'equal_to':
        return `${subject} === ${value}`
      case 'not_equal_to':
        return `${subject} !== ${value}`
      case 'matches_any_of':
        this.helpers.add('matches')
        return `matchesAny(${subject}, ${value})`
      case 'does_not_match_any_of':
        this.helpers.add('matches')
        return `!matchesAny(${subject}, ${value})`
      case 'contains':
        return `${subject}.includes(${value})`
      case 'does_not_contain':
        return `!${subject}.includes(${value})`
      case 'starts_with':
        return `${subject}.startsWith(${value})`
      case 'does_not_start_with':
        return `!${subject}.startsWith(${value})`
      case 'is_blank':
        return `${subject}.trim() === ''`
      case 'is_not_blank':
        return `${subject}.trim() !== ''`
      case 'regex':
        return `new RegExp(${value}).test(${subject})`
      case 'less_than':
        return `parseFloat(${subject}) < parseFloat(${value})`
      case 'greater_than':
        return `parseFloat(${subject}) > parseFloat(${value})`
      default:
        todos.push(`TODO(studio): condition "${c.type}" is not converted; it never matches here`)
        this.notes.push(`${w.name}: split condition "${c.type}" is not converted (marked TODO)`)
        return 'false'
    }
  }

  private connect(w: Widget, todos: string[]): string[] {
    const p = w.properties
    this.elements.add('Dial')
    const attributes = [`action="/${w.name}/done"`]
    if (typeof p.caller_id === 'string' && p.caller_id !== '')
      attributes.push(this.attribute('callerId', this.value(w, p.caller_id, todos)))
    const timeout = numberOf(p.timeout)
    if (timeout !== undefined && timeout < 5) {
      // https://www.twilio.com/docs/voice/twiml/dial#timeout: from 5 to 600 seconds.
      todos.push(`TODO(studio): the flow's timeout of ${timeout} s is below <Dial>'s minimum; 5 s is used`)
      this.notes.push(`${w.name}: timeout ${timeout} is below <Dial>'s minimum of 5 seconds; 5 is used`)
      attributes.push('timeout={5}')
    } else if (timeout !== undefined) attributes.push(`timeout={${Math.min(timeout, 600)}}`)
    if (booleanOf(p.record) === true) attributes.push('record="record-from-answer"')
    const nouns: string[] = []
    const noun = String(p.noun ?? 'number')
    if (noun === 'number' || noun === 'number-multi') {
      this.elements.add('DialNumber')
      const numbers =
        noun === 'number'
          ? [String(p.to ?? '')]
          : String(p.to ?? '')
              .split(',')
              .map((n) => n.trim())
      for (const n of numbers) nouns.push(`<DialNumber>${this.children(this.value(w, n, todos))}</DialNumber>`)
    } else if (noun === 'client' || noun === 'conference' || noun === 'sim') {
      const element = noun === 'client' ? 'Client' : noun === 'conference' ? 'Conference' : 'Sim'
      this.elements.add(element)
      nouns.push(`<${element}>${this.children(this.value(w, p.to, todos))}</${element}>`)
    } else if (noun === 'sip') {
      this.elements.add('Sip')
      const endpoint = String(p.sip_endpoint ?? p.to ?? '')
      const uri = /^sips?:/.test(endpoint) ? endpoint : `sip:${endpoint}`
      const auth = [
        typeof p.sip_username === 'string' && p.sip_username !== ''
          ? ` ${this.attribute('username', this.value(w, p.sip_username, todos))}`
          : '',
        typeof p.sip_password === 'string' && p.sip_password !== ''
          ? ` ${this.attribute('password', this.value(w, p.sip_password, todos))}`
          : '',
      ].join('')
      nouns.push(`<Sip${auth}>${this.children(this.value(w, uri, todos))}</Sip>`)
    } else {
      return this.unsupported(w, todos)
    }
    return [
      `  flow.voice(${stringLiteral(w.name)}, (s) => (`,
      `    <Dial ${attributes.join(' ')}>`,
      ...nouns.map((n) => `      ${n}`),
      '    </Dial>',
      '  ))',
      `  flow.done(${stringLiteral(w.name)}, ['DialCallStatus', 'DialCallSid', 'DialCallDuration', 'DialBridged'], (params) =>`,
      '    // CallStatus is the caller\'s leg: "completed" when the caller hung up during the call.',
      `    params.CallStatus === 'completed' ? { next: ${target(nextOf(w, 'hangup'))}, ended: true } : { next: ${target(nextOf(w, 'callCompleted'))} },`,
      '  )',
    ]
  }

  private enqueue(w: Widget, todos: string[]): string[] {
    const p = w.properties
    this.elements.add('Enqueue')
    const attributes = [`action="/${w.name}/done"`]
    const workflow = w.type === 'send-to-flex' ? p.workflow : p.workflow_sid
    let content: string[]
    if (typeof workflow === 'string' && workflow !== '') {
      attributes.push(this.attribute('workflowSid', this.value(w, workflow, todos)))
      this.elements.add('Task')
      const task: string[] = []
      const priority = numberOf(p.priority)
      if (priority !== undefined) task.push(` priority={${priority}}`)
      const timeout = numberOf(p.timeout)
      if (timeout !== undefined) task.push(` timeout={${timeout}}`)
      const attrs = w.type === 'send-to-flex' ? p.attributes : p.task_attributes
      content = [`<Task${task.join('')}>${this.children(this.value(w, attrs ?? '{}', todos))}</Task>`]
    } else {
      content = [this.children(this.value(w, p.queue_name, todos))]
    }
    if (typeof p.wait_url === 'string' && p.wait_url !== '')
      attributes.push(this.attribute('waitUrl', this.value(w, p.wait_url, todos)))
    return [
      `  flow.voice(${stringLiteral(w.name)}, (s) => (`,
      `    <Enqueue ${attributes.join(' ')}>${content.join('')}</Enqueue>`,
      '  ))',
      `  flow.done(${stringLiteral(w.name)}, ['QueueResult', 'QueueSid', 'QueueTime'], (params) =>`,
      "    params.QueueResult === 'queue-full'",
      `      ? { next: ${target(nextOf(w, 'failedToEnqueue'))} }`,
      "      : params.QueueResult === 'error' || params.QueueResult === 'system-error'",
      `        ? { next: ${target(nextOf(w, 'callFailure'))} }`,
      `        : { next: ${target(nextOf(w, 'callComplete'))}, ended: params.QueueResult === 'hangup' },`,
      '  )',
    ]
  }

  private unsupported(w: Widget, todos: string[]): string[] {
    const onward = [
      'success',
      'next',
      'completed',
      'callComplete',
      'callCompleted',
      'audioComplete',
      'recordingComplete',
      'sent',
    ]
    const next =
      onward.map((e) => nextOf(w, e)).find((n) => n !== undefined) ??
      w.transitions.find((t) => t.next !== undefined)?.next
    todos.push(
      `TODO(studio): ${w.type} widgets are not converted: this route says so on the call and goes on to ${next ?? 'the end of the flow'}`,
    )
    this.notes.push(`${w.name}: a ${w.type} widget is not converted; its route says so on the call (marked TODO)`)
    this.elements.add('Say')
    const sentence = `This step of the call flow, ${w.name.replace(/_/g, ' ')}, is a ${w.type} widget that was not converted.`
    return [
      `  flow.voice(${stringLiteral(w.name)}, () => (`,
      '    <>',
      `      <Say>${sentence}</Say>`,
      `      ${this.goTo(next)}`,
      '    </>',
      '  ))',
    ]
  }
}

function literalText(value: Translated): string {
  return JSON.parse(`"${value.code.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string
}

const target = (next: string | undefined) => (next === undefined ? 'undefined' : stringLiteral(next))

const member = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${stringLiteral(key)}]`)

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value)
  return undefined
}

function booleanOf(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  return undefined
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
