/**
 * What `map` and `lint` share: the module and its app, the entry routes, the auth token, the
 * explorer's bounds — read from the command line — and running the exploration.
 */
import { type CallMap, type ExploreOptions, exploreCalls } from '../testing/explore/index.js'
import { type CliIO, CliUsageError, parseCommandLine } from './io.js'
import { loadApp } from './load-app.js'
import { exportedToken } from './token.js'

/** The options both commands take (each adds its own). */
export const EXPLORE_OPTIONS = {
  entry: { type: 'string', multiple: true },
  token: { type: 'string' },
  'base-url': { type: 'string' },
  from: { type: 'string' },
  'max-depth': { type: 'string' },
  'max-states': { type: 'string' },
} as const

export const EXPLORE_HELP = `Options:
  --entry <path>      a route calls start at (repeat for several), e.g. --entry /ivr
  --token <token>     the auth token requests are signed with; default the module's DEV_AUTH_TOKEN
                      or authToken export (what its app checks), else $TWILIO_AUTH_TOKEN, else
                      requests go unsigned (as twiml-jsx dev chooses)
  --base-url <url>    the origin Twilio calls (what the app checks signatures against); default
                      http://localhost
  --from <number>     the caller's number (From)
  --max-depth <n>     most inputs on one path (default 40)
  --max-states <n>    most waits explored (default 500)`

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`--${name} takes a whole number from 1, not "${value}"`)
  return n
}

/** Parses the command line (the shared options and `extra`), loads the module and explores it. */
export async function explore<T extends NonNullable<Parameters<typeof parseCommandLine>[1]>>(
  args: readonly string[],
  io: CliIO,
  extra: T,
) {
  const { values, positionals } = parseCommandLine(args, { ...EXPLORE_OPTIONS, ...extra })
  const shared = values as { [K in keyof typeof EXPLORE_OPTIONS]?: K extends 'entry' ? string[] : string }
  const [module, ...rest] = positionals
  if (module === undefined) throw new CliUsageError('give the module that exports the app, e.g. src/app.tsx')
  if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`)
  const entries = shared.entry ?? []
  if (entries.length === 0) throw new CliUsageError('give at least one --entry route, e.g. --entry /ivr')
  for (const entry of entries) {
    if (!entry.startsWith('/') && !/^https?:\/\//.test(entry)) {
      throw new CliUsageError(`--entry takes a path such as /ivr, not "${entry}"`)
    }
  }
  const loaded = await loadApp(module, io.cwd)
  const fromEnv = io.env.TWILIO_AUTH_TOKEN === '' ? undefined : io.env.TWILIO_AUTH_TOKEN
  const authToken = shared.token ?? exportedToken(loaded)?.value ?? fromEnv
  const options: ExploreOptions = {
    entry: entries,
    ...(authToken === undefined ? {} : { authToken }),
    ...(shared['base-url'] === undefined ? {} : { baseUrl: shared['base-url'] }),
    ...(shared.from === undefined ? {} : { from: shared.from }),
  }
  const maxDepth = count(shared['max-depth'], 'max-depth')
  const maxStates = count(shared['max-states'], 'max-states')
  if (maxDepth !== undefined) options.maxDepth = maxDepth
  if (maxStates !== undefined) options.maxStates = maxStates
  const map = await exploreCalls(loaded.app, options)
  warnAboutSignatures(map, io)
  return { map, values }
}

/** A 403 at an entry usually means the token does not match the app's: say so once. */
function warnAboutSignatures(map: CallMap, io: CliIO): void {
  const refused = map.nodes.some(
    (n) =>
      n.kind === 'failure' && n.request?.status === 403 && n.reach.inputs.length === 0 && n.request.kind === 'call',
  )
  if (refused) {
    io.stderr(
      'note: the app answered 403 to the first request: it checks signatures with another token (give it with --token)\n',
    )
  }
}

/** The explorer's cut report, for stderr. */
export function cutNotes(map: CallMap): string {
  const byId = new Map(map.nodes.map((n) => [n.id, n]))
  return map.cut.map((item) => `note: ${byId.get(item.node)?.label ?? item.node}: ${item.message}\n`).join('')
}
