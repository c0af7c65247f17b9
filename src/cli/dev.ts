/**
 * `twiml-jsx dev <module>`: the call console for a module's Hono app, on 127.0.0.1. Calls run in
 * this process through the simulator, signed with the app's token. Before each call the console
 * checks the files the module imported and loads it again if one changed (live reload, in a fresh
 * namespace: the new code runs, no restart).
 */
import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { relative } from 'node:path'
import process from 'node:process'
import { type AppSource, devConsole } from '../dev/index.js'
import type { TestImport } from '../dev/test-code.js'
import { type CliCommand, type CliIO, CliUsageError, parseCommandLine } from './io.js'
import { type LoadedApp, loadApp } from './load-app.js'
import { serveFetch } from './serve.js'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])
const WILDCARD = new Set(['0.0.0.0', '::', '[::]'])
/** String exports that name the token a module's app checks signatures with. */
const TOKEN_EXPORTS = ['DEV_AUTH_TOKEN', 'authToken']

/** The token the console signs with, and where it came from. */
interface Token {
  readonly value: string
  readonly source: string
  /** The module export holding it, for a copied test to import. */
  readonly exported?: string
}

/**
 * `--token`, else the module's `DEV_AUTH_TOKEN`/`authToken` export (what its exported app checks),
 * else TWILIO_AUTH_TOKEN, else a development token made up now and put in TWILIO_AUTH_TOKEN for the
 * app in this process, so that an app reading its token from the environment still checks signatures.
 */
function chooseToken(given: string | undefined, loaded: LoadedApp, io: CliIO): Token {
  if (given !== undefined) return { value: given, source: '--token' }
  for (const name of TOKEN_EXPORTS) {
    const value = loaded.module[name]
    if (typeof value === 'string' && value !== '') return { value, source: `the module's ${name}`, exported: name }
  }
  const fromEnv = io.env.TWILIO_AUTH_TOKEN
  if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, source: 'TWILIO_AUTH_TOKEN' }
  const made = `dev-console-${randomUUID()}`
  process.env.TWILIO_AUTH_TOKEN = made
  return { value: made, source: 'a development token (set as TWILIO_AUTH_TOKEN in this process)' }
}

/** Which export `loadApp` took (its order: default, `app`, `createApp()`). */
function appExport(module: Readonly<Record<string, unknown>>): TestImport['app'] {
  const fetches = (value: unknown) =>
    typeof value === 'object' && value !== null && typeof (value as { fetch?: unknown }).fetch === 'function'
  if (fetches(module.default)) return 'default'
  if (fetches(module.app)) return 'app'
  return 'createApp'
}

function modified(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return -1
  }
}

/** Loads the module again when a file it imported changed since the last load. */
class Reloader implements AppSource {
  private stamps: Map<string, number>
  private pending: Promise<{ app: LoadedApp['app']; reloaded?: string[] }> | undefined

  constructor(
    private loaded: LoadedApp,
    private readonly modulePath: string,
    private readonly io: CliIO,
  ) {
    this.stamps = Reloader.stamp(loaded)
  }

  private static stamp(loaded: LoadedApp): Map<string, number> {
    return new Map([loaded.path, ...loaded.files].map((file) => [file, modified(file)]))
  }

  load(): Promise<{ app: LoadedApp['app']; reloaded?: string[] }> {
    this.pending ??= this.check().finally(() => {
      this.pending = undefined
    })
    return this.pending
  }

  private async check(): Promise<{ app: LoadedApp['app']; reloaded?: string[] }> {
    const changed = [...this.stamps].filter(([file, stamp]) => modified(file) !== stamp).map(([file]) => file)
    if (changed.length === 0) return { app: this.loaded.app }
    const names = changed.map((file) => relative(this.io.cwd, file))
    try {
      this.loaded = await loadApp(this.modulePath, this.io.cwd)
    } catch (error) {
      // The stamps stay as they were: every call tries again until the module loads.
      throw new Error(`could not reload ${this.modulePath}: ${(error as Error).message}`)
    }
    this.stamps = Reloader.stamp(this.loaded)
    this.io.stdout(
      `twiml-jsx dev: reloaded ${this.modulePath}${names.length > 0 ? ` (${names.join(', ')} changed)` : ''}\n`,
    )
    return { app: this.loaded.app, reloaded: names }
  }
}

export const command: CliCommand = {
  usage: 'twiml-jsx dev <module> [--port 5173] [--entry /voice] [--host 127.0.0.1] [--token T]',
  help: `Serves the call console for the module's Hono app (its default export, \`app\`, or
createApp()): place calls in the browser, hear and steer them, copy them as tests.
Offline: the calls run in this process through the simulator, no phone, number or tunnel.

  --port <n>      port to listen on (default 5173; 0 picks a free one)
  --entry <path>  the route the page selects first (default: the first POST route)
  --host <host>   address to listen on (default 127.0.0.1; anything else is reachable by others)
  --token <t>     the auth token requests are signed with. Default: the module's DEV_AUTH_TOKEN or
                  authToken export, else TWILIO_AUTH_TOKEN, else a development token this process
                  also puts in TWILIO_AUTH_TOKEN for the app.

Edit a file the app imports and place the call again: it runs the new code.`,
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, {
      port: { type: 'string' },
      entry: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
    })
    const [modulePath, ...extra] = positionals
    if (modulePath === undefined) throw new CliUsageError('give the module that exports your Hono app')
    if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`)
    const port = Number(values.port ?? 5173)
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new CliUsageError(`--port ${values.port}: give a port number from 0 to 65535`)
    }
    const entry = values.entry
    if (entry !== undefined && !entry.startsWith('/'))
      throw new CliUsageError(`--entry ${entry}: give a path, e.g. /voice`)
    const host = values.host ?? '127.0.0.1'
    if (host === '') throw new CliUsageError('--host: give an address, e.g. 127.0.0.1')

    const loaded = await loadApp(modulePath, io.cwd)
    const token = chooseToken(values.token, loaded, io)
    const reloader = new Reloader(loaded, modulePath, io)
    const console_ = devConsole(reloader, {
      authToken: token.value,
      authTokenSource: token.source,
      ...(entry === undefined ? {} : { entry }),
      test: {
        module: relative(io.cwd, loaded.path).split('\\').join('/'),
        app: appExport(loaded.module),
        ...(token.exported === undefined ? {} : { token: token.exported }),
      },
      allowedHosts: WILDCARD.has(host) ? '*' : [host.includes(':') && !host.startsWith('[') ? `[${host}]` : host],
    })
    if (!LOOPBACK.has(host)) {
      io.stderr(
        `twiml-jsx dev: warning: listening on ${host}, not only this machine: anyone who can reach it can place calls your app takes as Twilio's\n`,
      )
    }
    // Ctrl+C (or a SIGTERM) stops it cleanly, whenever it comes.
    let stop: () => void = () => undefined
    const stopped = new Promise<void>((resolve) => {
      stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        resolve()
      }
    })
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    let server: Awaited<ReturnType<typeof serveFetch>>
    try {
      server = await serveFetch((request) => console_.fetch(request), host, port)
    } catch (error) {
      stop()
      throw error
    }
    io.stdout(
      `twiml-jsx dev: call console for ${modulePath} on ${server.url}\n  requests are signed with ${token.source}; Ctrl+C stops\n`,
    )
    await stopped
    await server.close()
    return 0
  },
}
