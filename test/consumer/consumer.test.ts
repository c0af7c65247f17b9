/**
 * The published package, as a user gets it: `npm pack` (which builds dist/), publint and
 * arethetypeswrong on the tarball, then a fresh project outside the repository (test/consumer/fixture,
 * "jsxImportSource": "twiml-jsx") installs the tarball and hono offline from the npm cache,
 * type-checks with the repo's tsc (TypeScript 5.9) under NodeNext and Bundler resolution and with
 * TypeScript 7 (the `typescript7` alias: what `npm i -D typescript` installs today), compiles and runs
 * a TSX Hono app with plain node, runs the published README's first example and compares its answer
 * with the XML printed under it, and runs the `twiml-jsx` bin from the installed package. Catches
 * export-map, files, bin and types mistakes that the in-repo tests (which resolve `twiml-jsx` to
 * src/) cannot see.
 */
import { execFile, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import twilio from 'twilio'
import { prettyXml } from 'twiml-jsx/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const run = promisify(execFile)
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const FIXTURE = join(REPO, 'test', 'consumer', 'fixture')
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc')
/** TypeScript 7 (native), installed under an alias so the repository's own tools stay on 5.9. */
const TSC7 = join(REPO, 'node_modules', 'typescript7', 'bin', 'tsc')
const ATTW = join(REPO, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js')
const NPM_CLI = process.env.npm_execpath?.endsWith('.js') ? process.env.npm_execpath : undefined

/** npm, without the settings of an `npm test` that may be running us, never prompting or auditing. */
function npm(args: string[], cwd: string) {
  const env: Record<string, string | undefined> = { ...process.env }
  for (const name of Object.keys(env)) if (/^npm_(lifecycle|package)_/i.test(name)) delete env[name]
  Object.assign(env, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' })
  const [command, prefix] = NPM_CLI ? [process.execPath, [NPM_CLI]] : ['npm', []]
  return run(command, [...prefix, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 })
}

async function node(script: string, args: string[], cwd: string) {
  try {
    return await run(process.execPath, [script, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`${script} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`)
  }
}

interface PackResult {
  filename: string
  size: number
  unpackedSize: number
  files: { path: string }[]
}

const repoPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))
/** hono exactly as the lockfile has it. */
const lockedHono: { version: string; resolved?: string } = JSON.parse(
  readFileSync(join(REPO, 'package-lock.json'), 'utf8'),
).packages['node_modules/hono']

let dir = ''
let project = ''
let tarball = ''
let packed: PackResult
/** What the compiled project printed on node: the other runtimes must print the same. */
let nodeResult: unknown

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twiml-jsx-consumer-'))
  // `npm pack` runs prepack, i.e. npm run build.
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], REPO)
  packed = (JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as PackResult[])[0]!
  tarball = join(dir, packed.filename)

  project = join(dir, 'app')
  cpSync(FIXTURE, project, { recursive: true })
  const install = async (hono: string, mode: string) => {
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'twiml-jsx-consumer',
          private: true,
          type: 'module',
          dependencies: { hono, 'twiml-jsx': `file:../${packed.filename}` },
        },
        null,
        2,
      ),
    )
    await npm(['install', mode, '--ignore-scripts', '--no-package-lock'], project)
  }
  // Offline: the tarball is local and hono comes from the npm cache, where `npm ci` put it, keyed by its
  // tarball URL (a version range would also need registry metadata, which `npm ci` does not fetch). If
  // the cache does not have it, ask the registry.
  const registry = (await npm(['config', 'get', 'registry'], project)).stdout.trim().replace(/\/?$/, '/')
  const honoTarball = lockedHono.resolved ?? `${registry}hono/-/hono-${lockedHono.version}.tgz`
  try {
    await install(honoTarball, '--offline')
  } catch (offline) {
    try {
      await install(lockedHono.version, '--prefer-offline')
    } catch (online) {
      const message = (error: unknown) => (error as { stderr?: string }).stderr ?? String(error)
      throw new Error(`npm install failed offline:\n${message(offline)}\nand online:\n${message(online)}`)
    }
  }
  for (const name of ['hono', 'twiml-jsx']) {
    if (!existsSync(join(project, 'node_modules', name, 'package.json'))) throw new Error(`${name} was not installed`)
  }
  // The README as published: its first example becomes a module of the project, compiled with it.
  readmeExample = firstExample(readFileSync(join(project, 'node_modules', 'twiml-jsx', 'README.md'), 'utf8'))
  writeFileSync(join(project, 'src', 'readme.tsx'), readmeExample.code)
  writeFileSync(
    join(project, 'src', 'readme-main.ts'),
    [
      "import app from './readme.js'",
      "const route = app.routes.find((r) => r.method !== 'ALL')!",
      'const response = await app.request(route.path, { method: route.method })',
      'console.log(JSON.stringify({ status: response.status, contentType: response.headers.get("content-type"), body: await response.text() }))',
      '',
    ].join('\n'),
  )
}, 240_000)

/** The first ```tsx block of a README and the ```xml block after it. */
function firstExample(markdown: string): { code: string; xml: string } {
  const block = /^```tsx[^\n]*\n([\s\S]*?)^```$/m.exec(markdown)
  if (!block) throw new Error('the README has no tsx block')
  const after = markdown.slice(block.index + block[0].length)
  const xml = /^```xml[^\n]*\n([\s\S]*?)^```$/m.exec(after)
  if (!xml) throw new Error('no xml block follows the first tsx block of the README')
  return { code: block[1]!, xml: xml[1]!.trim() }
}

let readmeExample: { code: string; xml: string }

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the packed tarball', () => {
  test('holds dist/ (JS and .d.ts), package.json and the README, nothing else', () => {
    const paths = packed.files.map((file) => file.path).sort()
    const unexpected = paths.filter(
      (path) => !['package.json', 'README.md', 'LICENSE'].includes(path) && !/^dist\/.+\.(js|d\.ts)$/.test(path),
    )
    expect(unexpected).toEqual([])
    expect(paths).toContain('dist/src/index.js')
    expect(paths).toContain('dist/src/index.d.ts')
  })

  test('is the size the README says (within 10 %: npm run size -- --readme rewrites it)', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8')
    const stated = /The npm package is ([\d.]+) kB packed \(([\d.]+) kB\s+unpacked/.exec(readme)
    expect(stated, 'the README states the packed and unpacked sizes').not.toBeNull()
    const [packedKb, unpackedKb] = [Number(stated![1]), Number(stated![2])]
    expect(Math.abs(packedKb * 1000 - packed.size)).toBeLessThanOrEqual(0.1 * packed.size)
    expect(Math.abs(unpackedKb * 1000 - packed.unpackedSize)).toBeLessThanOrEqual(0.1 * packed.unpackedSize)
  })

  test('every export target is in the tarball', () => {
    const paths = new Set(packed.files.map((file) => file.path))
    const targets = Object.values(repoPackage.exports as Record<string, string | Record<string, string>>).flatMap(
      (target) => (typeof target === 'string' ? [target] : Object.values(target)),
    )
    expect(targets.map((target) => target.replace(/^\.\//, '')).filter((target) => !paths.has(target))).toEqual([])
  })

  test('zero runtime dependencies; hono and tsx optional peers; no side effects', () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'twiml-jsx', 'package.json'), 'utf8'))
    expect(installed.dependencies ?? {}).toEqual({})
    expect(installed.peerDependencies).toEqual({ hono: expect.any(String), tsx: expect.any(String) })
    expect(installed.peerDependenciesMeta).toEqual({ hono: { optional: true }, tsx: { optional: true } })
    expect(installed.sideEffects).toBe(false)
  })

  test('publint --strict finds nothing', async () => {
    const bytes = readFileSync(tarball)
    const tarballBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    const { messages, pkg } = await publint({ pack: { tarball: tarballBuffer }, strict: true })
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([])
  })

  test('arethetypeswrong (esm-only profile) finds nothing', async () => {
    await node(ATTW, [tarball, '--profile', 'esm-only', '--format', 'ascii'], dir)
  }, 120_000)
})

describe('a fresh TSX project with "jsxImportSource": "twiml-jsx"', () => {
  // The fixture's @ts-expect-error lines fail the build if the published types were `any`.
  test('type-checks (library .d.ts included) and compiles under NodeNext', async () => {
    await node(TSC, ['-p', 'tsconfig.json'], project)
  }, 120_000)

  test('type-checks with TypeScript 7 (NodeNext and Bundler)', async () => {
    const { stdout } = await node(TSC7, ['--version'], project)
    expect(stdout).toMatch(/^Version 7\./)
    await node(TSC7, ['-p', 'tsconfig.json', '--noEmit'], project)
    await node(
      TSC7,
      ['-p', 'tsconfig.json', '--noEmit', '--skipLibCheck', '--module', 'preserve', '--moduleResolution', 'bundler'],
      project,
    )
  }, 120_000)

  test('type-checks with "moduleResolution": "Bundler"', async () => {
    await node(
      TSC,
      ['-p', 'tsconfig.json', '--noEmit', '--skipLibCheck', '--module', 'preserve', '--moduleResolution', 'bundler'],
      project,
    )
  }, 120_000)

  test('the compiled app answers through Hono on plain node', async () => {
    expect(existsSync(join(project, 'out', 'main.js'))).toBe(true)
    const { stdout } = await node(join(project, 'out', 'main.js'), [], project)
    const result = JSON.parse(stdout)
    nodeResult = result
    const xml = '<?xml version="1.0" encoding="UTF-8"?>'
    expect(result.voice).toEqual({
      status: 200,
      contentType: 'text/xml; charset=utf-8',
      body: `${xml}<Response><Dial sequential="true" callerId="support" action="/after-dial"><Sip>sip:alice@example.com;region=jp1;transport=tls?x-ticket=42</Sip><Sip>sip:bob@example.com</Sip></Dial></Response>`,
    })
    expect(result.afterDial).toEqual({
      status: 200,
      contentType: 'text/xml; charset=utf-8',
      body: `${xml}<Response><Say>The line is busy. Goodbye.</Say><Hangup/></Response>`,
    })
    expect(result.forged.status).toBe(403)
    expect(result.helloXml).toBe(`${xml}<Response><Say>Hello</Say></Response>`)
    expect(result.pretty).toBe(prettyXml(result.helloXml))
    // twiml-jsx/convert works from the published package too.
    expect(result.converted).toContain("import { Response, Say } from 'twiml-jsx'")
    expect(result.converted).toContain('export default function Hello() {')
    expect(result.converted).toContain('<Say>Hello</Say>')
    expect(result.runtime.slice(0, 3)).toEqual(['function', 'function', 'function'])
    expect(result.realtime).toEqual({
      reply: { type: 'text', token: 'You said: hello', last: true },
      closed: { code: 1000, reason: '', by: 'client' },
      mulaw: [0xff, 0x80, 0x00],
    })
    // twiml-jsx/dev: the console's page, and a call placed through it waiting at the app's <Dial>.
    expect(result.devConsole).toEqual({ page: 200, placed: 201, waiting: 'dial' })
  }, 120_000)
})

describe('what a new user pastes and runs', () => {
  test("the README's first example answers exactly the XML the README shows", async () => {
    const { stdout } = await node(join(project, 'out', 'readme-main.js'), [], project)
    expect(JSON.parse(stdout)).toEqual({ status: 200, contentType: 'text/xml; charset=utf-8', body: readmeExample.xml })
  }, 120_000)

  test('the twiml-jsx bin of the installed package signs as the twilio package does', async () => {
    const bin = join(project, 'node_modules', '.bin', 'twiml-jsx')
    const url = 'https://example.com/voice?tenant=1'
    const { stdout } = await run(bin, ['sign', '--token', 'consumer-token', url, 'CallSid=CA1', "Caller=O'Brien"], {
      cwd: project,
    })
    expect(stdout).toBe(
      `${twilio.getExpectedTwilioSignature('consumer-token', url, { CallSid: 'CA1', Caller: "O'Brien" })}\n`,
    )
    const help = await run(bin, ['--help'], { cwd: project })
    expect(help.stdout).toMatch(/^Usage: twiml-jsx <command>/)
    for (const name of ['call', 'sign']) expect(help.stdout).toContain(`  ${name} `)
  }, 60_000)
})

/** Bun and Deno run the project's TSX sources themselves, against the installed package. */
describe.each([
  {
    name: 'bun',
    binary: join(REPO, 'node_modules', '.bin', 'bun'),
    args: ['run', 'src/main.ts'],
    env: { DO_NOT_TRACK: '1' },
  },
  {
    name: 'deno',
    binary: join(REPO, 'node_modules', '.bin', 'deno'),
    // deno.json: node_modules from npm, the JSX options; offline (--cached-only); `./app.js` means app.tsx.
    args: ['run', '--no-lock', '--cached-only', '--sloppy-imports', '--allow-read', '--allow-env', 'src/main.ts'],
    env: { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' },
  },
])('$name runs the same TSX project against the installed package', ({ name, binary, args, env }) => {
  const found = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 })
  const missing = found.error ? found.error.message : found.status !== 0 ? `exit ${found.status}` : undefined
  if (missing && process.env.TWIML_JSX_REQUIRE_RUNTIMES !== '1') {
    console.warn(`SKIPPED consumer test on ${name}: unavailable here (${missing})`)
    test.skip(`${name} unavailable: ${missing}`, () => {})
    return
  }
  test('and answers exactly as on node', async () => {
    if (missing) throw new Error(`${name} is unavailable here (${missing})`)
    const deno = { DENO_DIR: join(dir, '.deno') }
    const { stdout } = await run(binary, args, {
      cwd: project,
      env: { ...process.env, ...deno, ...env, NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 60_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`${name} ${args.join(' ')} failed:\n${error.stdout ?? ''}\n${error.stderr ?? error}`)
    })
    expect(nodeResult).toBeDefined()
    expect(JSON.parse(stdout)).toEqual(nodeResult)
  }, 90_000)
})
