/**
 * Loads a user's module and finds its Hono app, for `dev`, `map` and `lint`. TypeScript and TSX
 * modules go through tsx's module API (tsx is an optional peer: `npm i -D tsx`), each load in a fresh
 * namespace, so a second load after an edit runs the new code. Plain `.js`/`.mjs` modules need nothing.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CliError } from './io.js'

/** What the simulator and the console need of an app: Hono's `fetch`. */
export interface FetchApp {
  fetch(request: Request, ...rest: any[]): Response | Promise<Response>
}

export interface LoadedApp {
  readonly app: FetchApp
  /** The module's exports, for anything else a command reads from it. */
  readonly module: Readonly<Record<string, unknown>>
  /** Absolute path of the module. */
  readonly path: string
  /** Absolute paths of the source files this load imported (for watching), when known. */
  readonly files: readonly string[]
}

const TYPESCRIPT = /\.(?:[cm]?tsx?|jsx)$/

function isFetchApp(value: unknown): value is FetchApp {
  return typeof value === 'object' && value !== null && typeof (value as FetchApp).fetch === 'function'
}

let loads = 0

/**
 * Imports `modulePath` (relative to `cwd`) and returns its app: the default export, else the export
 * named `app`, else what `createApp()` returns.
 */
export async function loadApp(modulePath: string, cwd: string): Promise<LoadedApp> {
  const path = resolve(cwd, modulePath)
  if (!existsSync(path)) throw new CliError(`no module at ${path}`)
  const files: string[] = []
  let module: Record<string, unknown>
  try {
    module = TYPESCRIPT.test(path) ? await importTypeScript(path, files) : await import(pathToFileURL(path).href)
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(`could not load ${modulePath}: ${(error as Error).message}`)
  }
  const app = findApp(module)
  if (app === undefined) {
    throw new CliError(
      `${modulePath} exports no Hono app: export it as default, as \`app\`, or export a createApp() that returns it`,
    )
  }
  return { app: await app, module, path, files }
}

function findApp(module: Record<string, unknown>): FetchApp | Promise<FetchApp> | undefined {
  if (isFetchApp(module.default)) return module.default
  if (isFetchApp(module.app)) return module.app
  if (typeof module.createApp === 'function') {
    const made = (module.createApp as () => unknown)()
    if (isFetchApp(made)) return made
    if (made instanceof Promise) {
      return made.then((app) => {
        if (!isFetchApp(app)) throw new CliError('createApp() did not return a Hono app')
        return app
      })
    }
  }
  return undefined
}

async function importTypeScript(path: string, files: string[]): Promise<Record<string, unknown>> {
  let tsx: typeof import('tsx/esm/api')
  try {
    tsx = await import('tsx/esm/api')
  } catch {
    throw new CliError(`loading ${path} needs tsx (npm i -D tsx), or compile it to JavaScript first`)
  }
  loads += 1
  const api = tsx.register({
    namespace: `twiml-jsx-${loads}`,
    onImport: (url) => {
      if (url.startsWith('file:') && !url.includes('/node_modules/')) files.push(new URL(url).pathname)
    },
  })
  return api.import(pathToFileURL(path).href, import.meta.url)
}
