/**
 * `convertBin(xml)`: a TwiML Bin → a component whose props are the Bin's placeholders, typed from
 * twiml-jsx's webhook parameter types (`From`, `Digits`, `Body`, ...) or as strings for parameters
 * the URL adds (`?Name=Jane`). With `route`, a Hono app that reads them from the request the way
 * Bins do. Documented Bin template features: `{{Name}}` (also `{{ Name }}`), sections
 * `{{#Name}}…{{/Name}}` and inverted ones `{{^Name}}…{{/Name}}`, lists (`Dest[]=…` in the URL,
 * `{{#Dest}}{{.}}{{/Dest}}`), and the built-in `{{#e164}}{{To}}{{/e164}}`.
 *
 * @see https://www.twilio.com/docs/serverless/twiml-bins
 * @see https://support.twilio.com/hc/en-us/articles/230878368-How-to-use-templates-with-TwiML-Bins
 * @see https://www.twilio.com/blog/2017/02/building-more-powerful-voice-applications-with-enhanced-twiml-bins-templates.html
 */
import type {
  DialActionRequest,
  GatherActionRequest,
  IncomingMessageRequest,
  RecordActionRequest,
  VoiceRequest,
} from '../webhook/params.js'
import { key } from './print.js'
import type { Node, Part } from './tree.js'
import { type ConvertResult, componentName, convertDocument, printModule } from './twiml.js'

export interface ConvertBinOptions {
  /** Name of the component. Default `Bin`. */
  readonly name?: string
  /** Print a Hono route module serving the Bin at this path, reading its props from the request. */
  readonly route?: string
}

/** Whether text holds Bin placeholders (`{{…}}`). */
export function looksLikeBin(text: string): boolean {
  return /\{\{[\s\S]*?\}\}/.test(text)
}

// Twilio's parameter names, by the interface that documents them (checked against the types).
/** Where the caller and the called number are: sent with calls and messages alike. */
const GEOGRAPHY = [
  'FromCity',
  'FromState',
  'FromZip',
  'FromCountry',
  'ToCity',
  'ToState',
  'ToZip',
  'ToCountry',
] as const
const VOICE = [
  'CallSid',
  'AccountSid',
  'From',
  'To',
  'CallStatus',
  'ApiVersion',
  'Direction',
  'ForwardedFrom',
  'CallerName',
  'ParentCallSid',
  'CallToken',
  'StirVerstat',
  'AddOns',
  ...GEOGRAPHY,
  'Called',
  'Caller',
  'SipCallId',
  'SipDomain',
  'SipDomainSid',
  'SipSourceIp',
  'SipUsername',
] as const satisfies readonly (keyof VoiceRequest)[]
const GATHER = [
  'Digits',
  'SpeechResult',
  'Confidence',
  'FinishedOnKey',
] as const satisfies readonly (keyof GatherActionRequest)[]
const DIAL = [
  'DialCallStatus',
  'DialCallSid',
  'DialCallDuration',
  'DialBridged',
  'DialSipCallId',
  'DialSipResponseCode',
] as const satisfies readonly (keyof DialActionRequest)[]
const RECORD = [
  'RecordingUrl',
  'RecordingSid',
  'RecordingDuration',
] as const satisfies readonly (keyof RecordActionRequest)[]
const MESSAGE = [
  'MessageSid',
  'SmsSid',
  'SmsMessageSid',
  'AccountSid',
  'MessagingServiceSid',
  'From',
  'To',
  'Body',
  'NumMedia',
  'NumSegments',
  'ApiVersion',
  ...GEOGRAPHY,
  'ProfileName',
  'WaId',
  'Latitude',
  'Longitude',
  'Address',
  'Label',
  'ButtonText',
  'ButtonPayload',
] as const satisfies readonly (keyof IncomingMessageRequest)[]

const VOICE_INTERFACES: readonly (readonly [string, readonly string[]])[] = [
  ['VoiceRequest', VOICE],
  ['GatherActionRequest', GATHER],
  ['DialActionRequest', DIAL],
  ['RecordActionRequest', RECORD],
]
const MESSAGE_INTERFACES: readonly (readonly [string, readonly string[]])[] = [['IncomingMessageRequest', MESSAGE]]

/** Converts a TwiML Bin to a component with its placeholders as props (see the module comment). */
export function convertBin(xml: string, options: ConvertBinOptions = {}): ConvertResult {
  const name = componentName(options.name, 'Bin')
  const converted = convertDocument(xml, true)
  const usage = collectUsage(
    converted.doc.root.children,
    converted.doc.root.attributes.map((a) => a.parts),
  )
  const interfaces = converted.doc.kind === 'messaging' ? MESSAGE_INTERFACES : VOICE_INTERFACES
  const typed = new Map<string, string[]>()
  const custom: string[] = []
  for (const param of usage.names) {
    const owner = usage.lists.has(param) ? undefined : interfaces.find(([, names]) => names.includes(param))?.[0]
    if (owner === undefined) custom.push(param)
    else typed.set(owner, [...(typed.get(owner) ?? []), param])
  }
  let e164 = false
  const propsType = `${name}Props`
  const access = (param: string) => (/^[A-Za-z_$][\w$]*$/.test(param) ? `props.${param}` : `props[${key(param)}]`)
  const code = printModule(converted, {
    name,
    route: options.route,
    template: {
      printer: {
        param: (param, item) => (param === '.' ? (item ?? 'undefined') : access(param)),
        section: (param) => ({ value: access(param), list: usage.lists.has(param) }),
        useE164: () => {
          e164 = true
        },
      },
      parameter: `props: ${propsType}`,
      imports: () => {
        const imports = new Map<string, string[]>()
        if (typed.size > 0)
          imports.set(
            'twiml-jsx/webhook',
            [...typed.keys()].map((t) => `type ${t}`),
          )
        if (options.route !== undefined) imports.set('hono', ['type Context'])
        return imports
      },
      declarations: () => {
        const parts = [...typed].map(
          ([owner, names]) => `Partial<Pick<${owner}, ${names.map((n) => `'${n}'`).join(' | ')}>>`,
        )
        const lines = [
          `/** The request parameters the Bin reads${typed.size > 0 ? ": Twilio's, typed as the webhook sends them" : ''}${custom.length > 0 ? '; and the ones its URL adds (`?Name=…`, lists as `Name[]=…`)' : ''}. */`,
        ]
        if (custom.length > 0) {
          parts.push(
            `{\n${custom.map((c) => `  readonly ${key(c)}?: ${usage.lists.has(c) ? 'readonly string[]' : 'string'}`).join('\n')}\n}`,
          )
        }
        lines.push(`export type ${propsType} = ${parts.length === 0 ? 'Record<never, never>' : parts.join(' & ')}`, '')
        return lines
      },
      helpers: () => [
        ...(e164
          ? [
              "/** Twilio's `{{#e164}}` for Bins: the E.164 number in a value such as `sip:+15125551212@example.sip.twilio.com`. */",
              'function e164(value: string | undefined): string {',
              "  const user = (value ?? '').replace(/^sips?:/, '').split('@')[0] ?? ''",
              "  const digits = user.replace(/[^\\d+]/g, '')",
              "  return digits === '' || digits.startsWith('+') ? digits : '+' + digits",
              '}',
            ]
          : []),
        ...(options.route !== undefined
          ? [
              ...(e164 ? [''] : []),
              '/** What a Bin reads: the query string (`Name[]` keys as lists), then the form fields of a POST. */',
              `async function binParams(c: Context): Promise<${propsType}> {`,
              '  const params: Record<string, string | string[]> = {}',
              '  for (const [name, value] of new URL(c.req.url).searchParams) {',
              "    if (name.endsWith('[]')) {",
              '      const list = params[name.slice(0, -2)]',
              '      params[name.slice(0, -2)] = Array.isArray(list) ? [...list, value] : [value]',
              '    } else params[name] = value',
              '  }',
              "  if (c.req.method === 'POST') {",
              "    for (const [name, value] of Object.entries(await c.req.parseBody())) if (typeof value === 'string') params[name] = value",
              '  }',
              `  return params as ${propsType}`,
              '}',
            ]
          : []),
      ],
      routeHandler: (component) =>
        `async (c) => twiml(c, <${component} {...(await binParams(c))} />${hasOptions(converted.options) ? ', renderOptions' : ''})`,
    },
  })
  return { code, notes: converted.notes }
}

function hasOptions(options: { context?: string; enhancedSip?: boolean }): boolean {
  return options.context !== undefined || options.enhancedSip !== undefined
}

interface Usage {
  /** Every parameter read, in order of first use. */
  readonly names: Set<string>
  /** Parameters iterated as lists (`{{#Dest}}…{{.}}…{{/Dest}}`). */
  readonly lists: Set<string>
}

function collectUsage(nodes: readonly Node[], attributeParts: readonly (readonly Part[])[]): Usage {
  const usage: Usage = { names: new Set(), lists: new Set() }
  const parts = (list: readonly Part[]): boolean => {
    let dot = false
    for (const part of list) {
      if (part.kind === 'param') {
        if (part.name === '.') dot = true
        else usage.names.add(part.name)
      } else if (part.kind === 'section') {
        usage.names.add(part.name)
        if (parts(part.parts)) usage.lists.add(part.name)
      }
    }
    return dot
  }
  const visit = (list: readonly Node[]): boolean => {
    let dot = false
    for (const node of list) {
      if (node.kind === 'text') dot = parts(node.parts) || dot
      else if (node.kind === 'element') {
        for (const a of node.attributes) dot = parts(a.parts) || dot
        dot = visit(node.children) || dot
      } else if (node.kind === 'section') {
        usage.names.add(node.name)
        if (visit(node.children)) usage.lists.add(node.name)
      }
    }
    return dot
  }
  for (const p of attributeParts) parts(p)
  visit(nodes)
  return usage
}
