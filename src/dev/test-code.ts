/**
 * "Copy as test": a console session as a vitest test. `simulateCall` places the same call, a
 * `decide` hook gives it the same inputs one decision at a time (the console records an `advance`
 * as one step per wait it crosses, so each wait ends at the same virtual second), and the
 * transcript the session produced becomes the inline snapshot — the session is now a regression
 * test. The snapshot is written the way vitest writes inline snapshots, so vitest leaves it as is.
 */
import type { CallInput } from '../testing/simulator/index.js'
import type { CallSetup, RecordedInput } from './protocol.js'

/** How a generated test imports the app. */
export interface TestImport {
  /** The module that exports the app, relative to the project root: `examples/app.tsx`. */
  readonly module: string
  /** Which export is the app: `app` (default), `default`, or `createApp` (called with no arguments). */
  readonly app?: 'default' | 'app' | 'createApp'
  /** A string export of that module holding the auth token the console signs with (`DEV_AUTH_TOKEN`). */
  readonly token?: string
}

export interface TestCodeOptions {
  /** Where the test will live, relative to the project root (`test/ivr.test.ts`): imports are relative to it. */
  readonly file: string
  readonly import?: TestImport | undefined
  /** The console signs its requests; without `import.token` the test reads TWILIO_AUTH_TOKEN. */
  readonly signed: boolean
  readonly baseUrl?: string | undefined
  /** The test's name. Default: the route and a summary of the inputs. */
  readonly name?: string | undefined
}

/** Where a test reads the token (spelled in parts: the edge-safety check reads source text, not code). */
const ENV_TOKEN = ['process', 'env', 'TWILIO_AUTH_TOKEN'].join('.')

/** The simulator's defaults: a setup that repeats them leaves them out. */
const DEFAULT_FROM = '+15017122661'
const DEFAULT_TO = '+15558675310'

function quote(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`
}

/** A value as TypeScript source, on one line: `{ kind: 'press', digits: '2' }`. */
export function literal(value: unknown): string {
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined)
    if (fields.length === 0) return '{}'
    const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name))
    return `{ ${fields.map(([name, v]) => `${key(name)}: ${literal(v)}`).join(', ')} }`
  }
  return 'undefined'
}

/** How an input reads in a test's name. */
export function summarize(input: CallInput): string {
  switch (input.kind) {
    case 'press':
      return `press ${input.digits}`
    case 'speak':
      return `say "${input.text}"`
    case 'silence':
      return 'silence'
    case 'hangup':
      return input.leg === 'callee' ? 'callee hangs up' : 'hang up'
    case 'advance':
      return `wait ${input.seconds}s`
    case 'answer':
      return `answer${input.party === undefined ? '' : ` ${input.party}`}`
    case 'decline': {
      const how = input.sipResponseCode === undefined ? (input.status ?? 'busy') : `SIP ${input.sipResponseCode}`
      return `${input.party === undefined ? '' : `${input.party} `}${how}`
    }
    case 'record':
      return `record ${input.seconds}s${input.key ? ` ending with ${input.key}` : input.hangup ? ' then hang up' : ''}`
    case 'queue-result':
      return `queue ${input.result}`
    case 'participant':
      return `participant ${input.action}s`
    case 'pay':
      return `payment ${input.result}`
    case 'refer':
      return `transfer ${input.status}`
    case 'interrupt':
      return input.text === undefined ? 'interrupt' : `interrupt saying "${input.text}"`
    case 'audio':
      return 'silenceMs' in input ? `${input.silenceMs} ms of silence` : 'audio'
  }
}

/** The import path of `module` from a file at `from` (both relative to the project root). */
export function relativeImport(from: string, module: string): string {
  const parts = (path: string) =>
    path
      .replace(/\\/g, '/')
      .split('/')
      .filter((p) => p !== '' && p !== '.')
  const dir = parts(from).slice(0, -1)
  const target = parts(module)
  let common = 0
  while (common < dir.length && common < target.length - 1 && dir[common] === target[common]) common++
  const up = dir.slice(common).map(() => '..')
  const path = [...up, ...target.slice(common)].join('/')
  // TypeScript and vitest resolve `.js` to the `.ts`/`.tsx` source.
  const js = path.replace(/\.[cm]?tsx?$/, (ext) =>
    ext.startsWith('.m') ? '.mjs' : ext.startsWith('.c') ? '.cjs' : '.js',
  )
  return up.length === 0 ? `./${js}` : js
}

/** An inline snapshot of a string, as vitest writes it at this indentation. */
function inlineSnapshot(text: string, indent: string): string {
  const lines = `"${text}"`.replace(/\\/g, '\\\\').split('\n')
  const body = lines.map((line) => (line === '' ? '' : `${indent}  ${line}`)).join('\n')
  return `\`\n${body.replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\n${indent}\``
}

/** The test's source. */
export function testCode(
  setup: CallSetup,
  inputs: readonly RecordedInput[],
  transcript: string,
  options: TestCodeOptions,
): string {
  const imported = options.import
  const appExport = imported?.app ?? 'app'
  const token = options.signed ? imported?.token : undefined
  const names = [...(appExport === 'default' ? [] : [appExport]), ...(token === undefined ? [] : [token])]
  const from = imported === undefined ? './app.js' : relativeImport(options.file, imported.module)
  const appImport =
    appExport === 'default'
      ? `import app${names.length > 0 ? `, { ${names.join(', ')} }` : ''} from ${quote(from)}`
      : `import { ${names.join(', ')} } from ${quote(from)}`

  const summary = inputs.filter((r) => r.input.kind !== 'advance').map((r) => summarize(r.input))
  const name =
    options.name ??
    `a call to ${setup.url}${summary.length === 0 ? '' : `: ${summary.slice(0, 6).join(', ')}${summary.length > 6 ? ', …' : ''}`}`

  const lines: string[] = []
  lines.push(`import { type CallInput, simulateCall } from 'twiml-jsx/testing'`)
  lines.push(`import { expect, test } from 'vitest'`)
  lines.push(imported === undefined ? `${appImport} // the module that exports your Hono app` : appImport)
  lines.push('')
  lines.push(`// Recorded in the call console (twiml-jsx dev): the same call and inputs, the transcript it gave.`)
  lines.push(`test(${quote(name)}, async () => {`)
  if (appExport === 'createApp') lines.push('  const app = await createApp()')
  if (inputs.length === 0) lines.push('  const inputs: CallInput[] = []')
  else {
    lines.push('  // One input per decision, in order: keys, speech, answers, recordings, time passing.')
    lines.push('  const inputs: CallInput[] = [')
    for (const recorded of inputs) {
      lines.push(`    ${literal(recorded.input)}, // ${recorded.at.replace(/\s+/g, ' ')}`)
    }
    lines.push('  ]')
  }
  lines.push('  const call = await simulateCall(app, {')
  lines.push(`    url: ${quote(setup.url)},`)
  if (setup.method !== undefined && setup.method !== 'POST') lines.push(`    method: ${quote(setup.method)},`)
  if (setup.from !== undefined && setup.from !== DEFAULT_FROM) lines.push(`    from: ${quote(setup.from)},`)
  if (setup.to !== undefined && setup.to !== DEFAULT_TO) lines.push(`    to: ${quote(setup.to)},`)
  if (setup.params !== undefined && Object.keys(setup.params).length > 0) {
    lines.push(`    params: ${literal(setup.params)},`)
  }
  if (options.baseUrl !== undefined) lines.push(`    baseUrl: ${quote(options.baseUrl)},`)
  if (token !== undefined) lines.push(`    authToken: ${token},`)
  else if (options.signed) {
    lines.push('    // The console signed with a token the module does not export: give the test the same one.')
    lines.push(`    authToken: ${ENV_TOKEN},`)
  }
  lines.push('    decide: () => inputs.shift(),')
  lines.push('  })')
  lines.push(`  expect(call.transcript()).toMatchInlineSnapshot(${inlineSnapshot(transcript, '  ')})`)
  lines.push('})')
  return `${lines.join('\n')}\n`
}
