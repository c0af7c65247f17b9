/**
 * The README and docs/*.md run as written: every ```ts and ```tsx block is type-checked, and the
 * ones that build a Hono app (or a TwiML document) are run, their answers compared with the ```xml
 * block that follows.
 *
 * How to write a block (this test holds every block of README.md and docs/*.md to it, new ones
 * included, so a new section needs nothing here):
 *
 * - A block is a complete module: it imports what it uses (`twiml-jsx/*` resolves to the sources,
 *   as everywhere in this repository). It is type-checked with the repository's compiler options;
 *   there is no way to skip that.
 * - A block may name its file after the language: ```` ```tsx app.tsx ````, relative to the
 *   document's folder. Other blocks of the same document can then import it (`from './app.js'`).
 *   Unnamed blocks get a name of their own. A name may not be used twice in a document, nor be the
 *   name of a file that exists in the repository.
 * - A block runs when it exports a Hono app (as `default`, as `app`, or as `createApp()`, found from
 *   its types): every route is requested — a signed POST (or GET) with an incoming call's
 *   parameters, TWILIO_AUTH_TOKEN set to the token it is signed with (in the process environment and
 *   as a Workers binding, `c.env`), NODE_ENV=development so a broken document answers 500 — and must
 *   answer 2xx (a WebSocket route answers a plain GET with 426 Upgrade Required, which counts as
 *   alive). A block whose default export is a TwiML node runs too: the node is rendered (as a
 *   fragment: any root).
 * - A ```xml block after a block that runs (prose between is fine) is what it must produce: the
 *   app's answer (the XML of its only route, or of the route the xml block names after the
 *   language: ```` ```xml POST /after-dial DialCallStatus=busy ````, parameters included), or the
 *   rendered node. Compact XML is compared byte for byte; XML written over several lines is
 *   compared with the answer pretty-printed (prettyXml).
 * - A block that builds a Hono app (`new Hono(`) must export it, so that it runs. A block that must
 *   not run (it opens a socket, needs a real account, waits forever) says so on the line before its
 *   fence, with the reason: `<!-- docs-test: no-run: opens a WebSocket server -->`. It is still
 *   type-checked, and no ```xml block may follow it.
 *
 * Blocks are compiled in memory (nothing is written to the repository); blocks that run are
 * bundled with esbuild, with the sources, into a temporary file and imported.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build, type Plugin } from 'esbuild'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { DOCUMENTS, fencesOf, mentionsDocsTest, NO_RUN } from './support/markdown.js'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
/** The token requests are signed with, also set as TWILIO_AUTH_TOKEN while blocks run. */
const TOKEN = 'docs-code-blocks-test-token'
/** What an incoming call posts (values made up, shapes real). */
const CALL = {
  AccountSid: 'AC00000000000000000000000000000000',
  CallSid: 'CA00000000000000000000000000000000',
  From: '+15550001111',
  To: '+15550002222',
  CallStatus: 'ringing',
  Direction: 'inbound',
  ApiVersion: '2010-04-01',
}

interface Block {
  /** `README.md:42` (the line of the opening fence). */
  readonly where: string
  readonly document: string
  readonly language: 'ts' | 'tsx'
  /** Absolute path of the block's (virtual) file. */
  readonly file: string
  /** Whether the block named its file. */
  readonly named: boolean
  readonly code: string
  /** 1-based line of the first code line in the document. */
  readonly firstLine: number
  /** The reason given for not running it, if it opts out. */
  readonly noRun: string | undefined
  /** The next fenced block, when it is ```xml: its info string (after `xml`) and its text. */
  readonly xml: { readonly info: string; readonly text: string; readonly where: string } | undefined
}

function blocksOf(document: string): { blocks: Block[]; problems: string[] } {
  const markdown = readFileSync(join(REPO, document), 'utf8')
  const fences = fencesOf(markdown)
  const blocks: Block[] = []
  const problems: string[] = []
  const names = new Set<string>()
  fences.forEach((fence, index) => {
    if (fence.language !== 'ts' && fence.language !== 'tsx') return
    const where = `${document}:${fence.line}`
    const name = fence.info.split(/\s+/)[0] || undefined
    const file = resolve(
      REPO,
      dirname(document),
      name ?? `${document.replaceAll('/', '_')}.${fence.line}.${fence.language}`,
    )
    if (name !== undefined) {
      if (!name.endsWith(`.${fence.language}`))
        problems.push(`${where}: a \`\`\`${fence.language} block's file must end in .${fence.language}, not ${name}`)
      if (names.has(file)) problems.push(`${where}: ${name} is already the name of another block of ${document}`)
      if (existsSync(file)) problems.push(`${where}: ${name} is a file of the repository; give the block another name`)
      names.add(file)
    }
    const next = fences[index + 1]
    const noRun = fence.before === undefined ? undefined : NO_RUN.exec(fence.before)?.[1]
    if (mentionsDocsTest(fence.before) && noRun === undefined) {
      problems.push(`${where}: write the opt-out as <!-- docs-test: no-run: <why it cannot run> -->`)
    }
    blocks.push({
      where,
      document,
      language: fence.language,
      file,
      named: name !== undefined,
      code: fence.text,
      firstLine: fence.line + 1,
      noRun,
      xml:
        next?.language === 'xml'
          ? { info: next.info, text: next.text.trim(), where: `${document}:${next.line}` }
          : undefined,
    })
  })
  return { blocks, problems }
}

const parsed = DOCUMENTS.map(blocksOf)
const BLOCKS = parsed.flatMap((document) => document.blocks)
const virtual = new Map(BLOCKS.map((block) => [block.file, block]))

// ---------------------------------------------------------------------------------------------
// Type-checking: one program over every block, with the repository's compiler options.

function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(REPO, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('tsconfig.json could not be read')
  return { ...config.options, noEmit: true }
}

function createProgram(): ts.Program {
  const options = compilerOptions()
  const host = ts.createCompilerHost(options)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (file) => virtual.has(resolve(file)) || fileExists(file)
  host.readFile = (file) => virtual.get(resolve(file))?.code ?? readFile(file)
  host.getSourceFile = (file, language, onError, create) => {
    const block = virtual.get(resolve(file))
    return block
      ? ts.createSourceFile(file, block.code, language, true)
      : getSourceFile(file, language, onError, create)
  }
  return ts.createProgram({ rootNames: [...virtual.keys()], options, host })
}

function whereIn(block: Block, diagnostic: ts.Diagnostic): string {
  if (diagnostic.file === undefined || diagnostic.start === undefined) return block.where
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
  const inBlock = virtual.get(resolve(diagnostic.file.fileName))
  if (inBlock) return `${inBlock.document}:${inBlock.firstLine + line}:${character + 1}`
  return `${relative(REPO, diagnostic.file.fileName)}:${line + 1}:${character + 1}`
}

/** What a block's module exports, seen through its types. */
interface Exports {
  /** The export that is (or makes) a Hono app: `default`, `app` or `createApp`. */
  readonly app: 'default' | 'app' | 'createApp' | undefined
  /** The default export is a TwiML node. */
  readonly node: boolean
  readonly isModule: boolean
}

function exportsOf(program: ts.Program, block: Block): Exports {
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(block.file)!
  const symbol = checker.getSymbolAtLocation(source)
  if (!symbol) return { app: undefined, node: false, isModule: ts.isExternalModule(source) }
  const exported = new Map(checker.getExportsOfModule(symbol).map((s) => [s.escapedName as string, s]))
  const typeOf = (name: string) => {
    const s = exported.get(name)
    return s ? checker.getTypeOfSymbolAtLocation(s, source) : undefined
  }
  const isApp = (type: ts.Type | undefined) =>
    type !== undefined && ['fetch', 'routes', 'request'].every((property) => type.getProperty(property) !== undefined)
  const made = typeOf('createApp')?.getCallSignatures()[0]?.getReturnType()
  const app = isApp(typeOf('default'))
    ? 'default'
    : isApp(typeOf('app'))
      ? 'app'
      : isApp(made)
        ? 'createApp'
        : undefined
  const node = typeOf('default')?.getProperty('$$typeof') !== undefined
  return { app, node, isModule: true }
}

// ---------------------------------------------------------------------------------------------
// Running: a block is bundled with the sources into one file and imported.

let bundles = ''
beforeAll(() => {
  bundles = mkdtempSync(join(tmpdir(), 'twiml-jsx-docs-'))
})
afterAll(() => {
  if (bundles) rmSync(bundles, { recursive: true, force: true })
})

const virtualFiles: Plugin = {
  name: 'docs-blocks',
  setup(builder) {
    builder.onResolve({ filter: /^\./ }, (args) => {
      const base = resolve(args.resolveDir, args.path)
      for (const candidate of [
        base,
        base.replace(/\.js$/, '.tsx'),
        base.replace(/\.js$/, '.ts'),
        `${base}.tsx`,
        `${base}.ts`,
      ]) {
        if (virtual.has(candidate)) return { path: candidate, namespace: 'docs-block' }
      }
      return undefined
    })
    builder.onResolve({ filter: /^docs-block:/ }, (args) => ({
      path: args.path.slice('docs-block:'.length),
      namespace: 'docs-block',
    }))
    builder.onLoad({ filter: /.*/, namespace: 'docs-block' }, (args) => {
      const block = virtual.get(args.path)!
      return { contents: block.code, loader: block.language, resolveDir: dirname(args.path) }
    })
  },
}

interface Loaded {
  readonly block: Record<string, unknown>
  readonly render: (node: unknown, options?: object) => string
  readonly prettyXml: (xml: string) => string
  readonly signTwilioRequest: (token: string, init: object) => Promise<Request>
}

let bundleCount = 0
async function load(block: Block): Promise<Loaded> {
  const entry = [
    `export * as block from 'docs-block:${block.file}'`,
    "export { render } from 'twiml-jsx'",
    "export { prettyXml } from 'twiml-jsx/testing'",
    "export { signTwilioRequest } from 'twiml-jsx/webhook'",
  ].join('\n')
  const outfile = join(bundles, `block-${++bundleCount}.mjs`)
  const result = await build({
    stdin: { contents: entry, resolveDir: REPO, sourcefile: `${block.where}.entry.js`, loader: 'js' },
    tsconfig: join(REPO, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    plugins: [virtualFiles],
    write: false,
    logLevel: 'silent',
  })
  writeFileSync(outfile, result.outputFiles[0]!.contents)
  return (await import(pathToFileURL(outfile).href)) as Loaded
}

interface HonoLike {
  readonly routes: readonly { readonly method: string; readonly path: string }[]
  request(request: Request, init?: RequestInit, env?: object): Promise<Response>
}

async function appOf(module: Record<string, unknown>, how: NonNullable<Exports['app']>): Promise<HonoLike> {
  if (how === 'createApp') return (await (module.createApp as () => unknown)()) as HonoLike
  return module[how] as HonoLike
}

/** The routes to request: handlers (not `app.use()` middleware), each once, with parameters filled in. */
function routesOf(app: HonoLike): { method: 'GET' | 'POST'; path: string }[] {
  const seen = new Set<string>()
  const routes: { method: 'GET' | 'POST'; path: string }[] = []
  for (const route of app.routes) {
    if (route.method === 'ALL' && route.path.endsWith('*')) continue
    const method = route.method === 'GET' ? 'GET' : 'POST'
    const path = route.path.replace(/:[^/]+/g, 'x').replace(/\*/g, 'x')
    const key = `${method} ${path}`
    if (!seen.has(key)) {
      seen.add(key)
      routes.push({ method, path })
    }
  }
  return routes
}

function parseRoute(
  info: string,
): { method: 'GET' | 'POST'; path: string; params: Record<string, string> } | undefined {
  const [method, path, ...pairs] = info.split(/\s+/).filter(Boolean)
  if (method === undefined || path === undefined || (method !== 'GET' && method !== 'POST')) return undefined
  return {
    method,
    path,
    params: Object.fromEntries(
      pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ),
  }
}

// ---------------------------------------------------------------------------------------------

test('the documents have code blocks, and every block follows the rules above', () => {
  expect(BLOCKS.filter((block) => block.document === 'README.md').length).toBeGreaterThan(5)
  expect(parsed.flatMap((document) => document.problems)).toEqual([])
  // The README's first block is the opening example: it runs and is compared with its XML.
  const first = BLOCKS.find((block) => block.document === 'README.md')
  expect(RUNNING.map(({ block }) => block)).toContain(first)
  expect(first?.xml).toBeDefined()
})

// Built while the tests are collected: which blocks run is read from their types.
const program = createProgram()
const RUNNING = BLOCKS.flatMap((block) => {
  const exports = exportsOf(program, block)
  return block.noRun === undefined && (exports.app !== undefined || exports.node) ? [{ block, exports }] : []
})

describe('every ```ts / ```tsx block type-checks', () => {
  test.each(BLOCKS.map((block) => [block.where, block] as const))('%s', (_where, block) => {
    const source = program.getSourceFile(block.file)!
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
    expect(
      diagnostics.map((d) => `${whereIn(block, d)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    ).toEqual([])
    const exports = exportsOf(program, block)
    expect(exports.isModule, `${block.where}: a block is a complete module (it imports what it uses)`).toBe(true)
    const runs = block.noRun === undefined && (exports.app !== undefined || exports.node)
    if (block.xml) {
      expect(block.noRun, `${block.xml.where}: an xml block follows ${block.where}, which does not run`).toBeUndefined()
      expect(
        runs,
        `${block.xml.where}: ${block.where} exports neither a Hono app nor a TwiML node to compare with`,
      ).toBe(true)
    }
    if (/\bnew Hono\b/.test(block.code) && block.noRun === undefined) {
      expect(
        exports.app,
        `${block.where}: it builds a Hono app: export it (default or \`app\`) so it runs, or opt out`,
      ).toBeDefined()
    }
  })

  describe('and the ones that build an app or a document run as the document says', () => {
    test.each(RUNNING.map(({ block, exports }) => [block.where, block, exports] as const))(
      '%s',
      async (_where, block, exports) => {
        vi.stubEnv('TWILIO_AUTH_TOKEN', TOKEN)
        vi.stubEnv('NODE_ENV', 'development')
        // What the blocks log (a broken document shown on purpose) would only clutter the output.
        const quiet = [
          vi.spyOn(console, 'error').mockImplementation(() => {}),
          vi.spyOn(console, 'warn').mockImplementation(() => {}),
        ]
        try {
          const loaded = await load(block)
          const expected = block.xml
          const compare = (actual: string) => {
            if (expected === undefined) return
            const text = expected.text.includes('\n') ? loaded.prettyXml(actual) : actual
            const shown = expected.text.startsWith('<?xml') ? text : text.replace(/^<\?xml[^>]*\?>\n?/, '')
            expect(shown, `${block.where}: the answer differs from the xml block at ${expected.where}`).toBe(
              expected.text,
            )
          }
          if (exports.app === undefined) {
            compare(loaded.render(loaded.block.default, { context: 'fragment' }))
            return
          }
          const app = await appOf(loaded.block, exports.app)
          const request = async (method: 'GET' | 'POST', path: string, params: Record<string, string> = {}) => {
            const signed = await loaded.signTwilioRequest(TOKEN, {
              url: `http://localhost${path}`,
              method,
              params: { ...CALL, ...params },
            })
            return app.request(signed, undefined, { TWILIO_AUTH_TOKEN: TOKEN })
          }
          const routes = routesOf(app)
          expect(routes.length, `${block.where}: the app has no routes`).toBeGreaterThan(0)
          for (const { method, path } of routes) {
            const response = await request(method, path)
            const alive = response.status < 300 || (method === 'GET' && response.status === 426)
            expect(
              alive,
              `${block.where}: ${method} ${path} answered ${response.status}: ${await response.clone().text()}`,
            ).toBe(true)
          }
          if (expected !== undefined) {
            const named = expected.info === '' ? undefined : parseRoute(expected.info)
            if (expected.info !== '' && named === undefined) {
              throw new Error(`${expected.where}: name the route as \`\`\`xml POST /path [Name=value …]`)
            }
            if (named === undefined && routes.length !== 1) {
              throw new Error(`${expected.where}: the app has ${routes.length} routes; name one: \`\`\`xml POST /path`)
            }
            const target = named ?? { ...routes[0]!, params: {} }
            const response = await request(target.method, target.path, target.params)
            expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8')
            compare(await response.text())
          }
        } finally {
          vi.unstubAllEnvs()
          for (const spy of quiet) spy.mockRestore()
        }
      },
      60_000,
    )
  })
})
