/**
 * Runtime tests: the example app (examples/app.tsx) served for real on 127.0.0.1 by one runtime,
 * every case sent over HTTP and compared with Node's in-process `app.request()`: same status, same
 * Content-Type, same body bytes. Each runtime folder holds its entry file (the code the README shows)
 * and a test file that calls {@link describeRuntime}.
 *
 * The served app is `createApp()` with no token in its code: each runtime gets a fresh random
 * TWILIO_AUTH_TOKEN the way that runtime is configured (the process environment on Node, Bun and
 * Deno; `.dev.vars` for `wrangler dev` on workerd), and requests to it are signed with that token.
 * The reference is the in-process app with the development token, and its requests are signed with
 * that one, so equal answers prove the runtime read its own token.
 *
 * A runtime is skipped, with a message, only when its binary is missing or cannot run here; with
 * TWIML_JSX_REQUIRE_RUNTIMES=1 (set by .ci/run) that is a failure instead.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { app, DEV_AUTH_TOKEN, REALTIME_ROUTES, ROUTES } from '../examples/app.js'
import { SOCKET_SCENARIOS } from './realtime.js'

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
export const BIN = join(REPO, 'node_modules', '.bin')

/** How long a runtime may take to answer its first request. */
const READY_TIMEOUT_MS = 60_000
/** How long one request may take. */
const REQUEST_TIMEOUT_MS = 10_000

/** One request to send to the runtime and to the reference. */
export interface Case {
  name: string
  method: 'GET' | 'POST'
  path: string
  /** Webhook parameters: a form body for POST, the query string for GET. */
  params?: Record<string, string>
  /** Sign as Twilio does with the example app's token (default true). */
  signed?: boolean
  /** Extra headers (e.g. a forged signature). */
  headers?: Record<string, string>
  /** The status the reference must answer, so a case cannot silently test only the 403 path. */
  expectStatus?: number
  /**
   * The response is `c.text()` without a Content-Type of its own, so the runtime's `Response` picks
   * it, and they spell it differently (`text/plain;charset=UTF-8`, `text/plain; charset=UTF-8`,
   * `text/plain;charset=utf-8`); compare it case- and space-insensitively. TwiML responses set theirs.
   */
  runtimeContentType?: boolean
}

/** A webhook with most parameters any example route reads, and text that needs escaping. */
const RICH: Record<string, string> = {
  AccountSid: 'AC00000000000000000000000000000000',
  CallSid: 'CA00000000000000000000000000000000',
  From: '+15550001111',
  To: '+15550002222',
  CallStatus: 'in-progress',
  Direction: 'inbound',
  CallerName: "O'Brien & Søren <ü> 電話 😀",
  Digits: '1',
  SpeechResult: 'sales please',
  Confidence: '0.92',
  DialCallStatus: 'completed',
  DialSipResponseCode: '200',
  RecordingUrl: 'https://api.twilio.com/rec/RE1',
  RecordingDuration: '14',
  QueueResult: 'bridged',
  QueuePosition: '2',
  QueueTime: '30',
  Body: 'hours',
}

/** Parameters that pick the other branches of the routes that read them (see test/examples.test.tsx). */
const BRANCHES: readonly (readonly [path: string, params: Record<string, string>])[] = [
  ['/sip/screening/decision', { Digits: '9' }],
  ['/sip/after-dial', { DialCallStatus: 'busy', DialSipResponseCode: '486' }],
  ['/sip/after-dial', { DialCallStatus: 'failed', DialSipResponseCode: '404' }],
  ['/sip/after-dial', { DialCallStatus: 'no-answer' }],
  ['/ivr/choice', { Digits: '2' }],
  ['/ivr/choice', { SpeechResult: 'I want to buy something', Confidence: '0.92' }],
  ['/ivr/choice', { Digits: '7' }],
  ['/voicemail/saved', { RecordingUrl: 'https://api.twilio.com/rec/RE1', RecordingDuration: '14' }],
  ['/stream', { CallSid: 'CA123', From: '+15550001111' }],
  ['/queue/wait', { QueuePosition: '3', QueueTime: '42' }],
  ['/queue/wait', { QueuePosition: '3', QueueTime: '900' }],
  ['/queue/left', { QueueResult: 'leave' }],
  ['/sms', { Body: 'Map ', From: '+15550001111' }],
  ['/sms', { Body: 'hello?' }],
  ['/agent/handoff', { HandoffData: '{"reasonCode":"live-agent-handoff","reason":"The caller asked for a human"}' }],
]

/** Every route from examples/app.tsx (empty, rich POST and rich GET), the branches, and the errors. */
export const CASES: readonly Case[] = [
  { name: 'index', method: 'GET', path: '/', signed: false, expectStatus: 200, runtimeContentType: true },
  ...[...ROUTES, ...REALTIME_ROUTES].flatMap(([path]): Case[] => [
    { name: `${path} POST`, method: 'POST', path, expectStatus: 200 },
    { name: `${path} POST rich`, method: 'POST', path, params: RICH, expectStatus: 200 },
    { name: `${path} GET rich`, method: 'GET', path, params: RICH, expectStatus: 200 },
  ]),
  ...BRANCHES.map(
    ([path, params]): Case => ({
      name: `${path} POST ${new URLSearchParams(params)}`,
      method: 'POST',
      path,
      params,
      expectStatus: 200,
    }),
  ),
  { name: 'unsigned POST', method: 'POST', path: '/sip/basic', signed: false, expectStatus: 403 },
  // A socket endpoint asked without `Upgrade: websocket` (signed, so only the missing upgrade is wrong).
  {
    name: '/agent/ws GET without Upgrade',
    method: 'GET',
    path: '/agent/ws',
    expectStatus: 426,
    runtimeContentType: true,
  },
  {
    name: 'forged POST',
    method: 'POST',
    path: '/sip/basic',
    params: { Digits: '1' },
    signed: false,
    headers: { 'X-Twilio-Signature': 'bm90IGEgc2lnbmF0dXJl', 'Content-Type': 'application/x-www-form-urlencoded' },
    expectStatus: 403,
  },
]

/**
 * The request for `kase` against `origin`, signed with `token` over that exact URL as Twilio would
 * sign it.
 */
async function requestFor(origin: string, kase: Case, token: string): Promise<Request> {
  const url = `${origin}${kase.path}`
  if (kase.signed === false) {
    const body = kase.method === 'POST' && kase.params ? new URLSearchParams(kase.params).toString() : undefined
    return new Request(url, { method: kase.method, headers: kase.headers, body })
  }
  return signTwilioRequest(token, { url, method: kase.method, params: kase.params, headers: kase.headers })
}

export interface Observed {
  status: number
  contentType: string | null
  body: string
  bytes: Buffer
}

async function observe(response: Response): Promise<Observed> {
  const bytes = Buffer.from(await response.arrayBuffer())
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: bytes.toString('utf8'),
    bytes,
  }
}

/** A free TCP port on 127.0.0.1 (the OS picks it; there is a small window before the server binds). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Bundles `entry` into one self-contained ESM file (`twiml-jsx` resolves to src/ via tsconfig paths). */
export async function bundle(entry: string, outfile: string, platform: 'node' | 'neutral'): Promise<void> {
  await build({
    entryPoints: [join(REPO, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    mainFields: platform === 'neutral' ? ['module', 'main'] : undefined,
    // hono/deno's serve-static imports node:path, which Deno provides itself.
    external: platform === 'neutral' ? ['node:*'] : undefined,
    // CommonJS packages in an ESM bundle (ws) require Node's built-ins: give them a `require`.
    banner:
      platform === 'node'
        ? { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }
        : undefined,
    logLevel: 'warning',
  })
}

/** Whether `binary --version` runs: the runtime is installed and works on this machine. */
export function probe(binary: string): { ok: true; version: string } | { ok: false; reason: string } {
  if (!existsSync(binary)) return { ok: false, reason: `${binary} does not exist` }
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 })
  if (result.error) return { ok: false, reason: result.error.message }
  if (result.status !== 0) return { ok: false, reason: `exit ${result.status}: ${result.stderr.trim()}` }
  return { ok: true, version: result.stdout.trim().split('\n')[0] ?? '' }
}

/** What {@link describeRuntime} needs to know about a runtime. */
export interface RuntimeSpec {
  name: string
  /** The runtime's executable (probed with `--version`). */
  binary: string
  /**
   * Prepares `dir` (a fresh temporary directory) and returns the command serving the app on `port`,
   * configured the runtime's way with `token` as TWILIO_AUTH_TOKEN (an environment variable, or a
   * `.dev.vars` file for wrangler).
   */
  start(
    port: number,
    dir: string,
    token: string,
  ): Promise<{ command: string; args: string[]; cwd?: string; env?: Record<string, string> }>
}

interface Server {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function launch(command: string, args: string[], cwd: string, env: Record<string, string>): Server {
  // The token reaches the runtime only the way its spec says, never from this process's environment.
  const { TWILIO_AUTH_TOKEN: _inherited, ...inherited } = process.env
  // A process group of its own, so stopping it also stops what it spawned (wrangler runs workerd).
  const child = spawn(command, args, { cwd, env: { ...inherited, ...env }, detached: true, stdio: 'pipe' })
  let output = ''
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.once('error', (error) => {
      append(Buffer.from(String(error)))
      resolve(-1)
    })
  })
  return { child, output: () => output, exited }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return signalGroup(server.child, 'SIGKILL')
  signalGroup(server.child, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(server.child, 'SIGKILL'), 5_000)
  await server.exited
  clearTimeout(timer)
  // Anything the runtime left behind in its group.
  signalGroup(server.child, 'SIGKILL')
}

/** Waits until the server answers `GET /` with 200, failing early if it exits. */
async function waitReady(server: Server, origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exited: number | null | undefined
  void server.exited.then((code) => {
    exited = code
  })
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`server exited (${exited}) before answering:\n${server.output()}`)
    try {
      const res = await fetch(`${origin}/`, { signal: AbortSignal.timeout(2_000) })
      await res.arrayBuffer()
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server did not answer within ${timeoutMs} ms:\n${server.output()}`)
}

/**
 * Serves the example app on `spec`'s runtime and checks every case against `app.request()`.
 */
export function describeRuntime(spec: RuntimeSpec): void {
  const found = probe(spec.binary)
  if (!found.ok) {
    const message = `${spec.name} is unavailable here (${found.reason})`
    if (process.env.TWIML_JSX_REQUIRE_RUNTIMES === '1') {
      test(`${spec.name}: runtime present (TWIML_JSX_REQUIRE_RUNTIMES=1)`, () => {
        throw new Error(message)
      })
    } else {
      console.warn(`SKIPPED runtime test: ${message}`)
      describe.skip(`${spec.name} (SKIPPED: ${message})`, () => {
        test('every case', () => {})
      })
    }
    return
  }

  describe(`${spec.name} (${found.version}) serves the example app like Node`, () => {
    let server: Server | undefined
    let dir: string | undefined
    let origin = ''
    // Known only to this test and, through its configuration, to the runtime: not in any code.
    const token = `runtime-test-${randomUUID()}`
    const killOnExit = () => server && signalGroup(server.child, 'SIGKILL')

    beforeAll(async () => {
      process.once('exit', killOnExit)
      dir = mkdtempSync(join(tmpdir(), `twiml-jsx-${spec.name}-`))
      const port = await freePort()
      origin = `http://127.0.0.1:${port}`
      const { command, args, cwd, env } = await spec.start(port, dir, token)
      server = launch(command, args, cwd ?? dir, { PORT: String(port), NO_COLOR: '1', ...env })
      await waitReady(server, origin, READY_TIMEOUT_MS)
    }, READY_TIMEOUT_MS + 30_000)

    afterAll(async () => {
      if (server) await stop(server)
      process.off('exit', killOnExit)
      if (dir) rmSync(dir, { recursive: true, force: true })
    }, 15_000)

    test.each(CASES.map((kase) => [kase.name, kase] as const))(
      '%s',
      async (_name, kase) => {
        const reference = await observe(await app.request(await requestFor(origin, kase, DEV_AUTH_TOKEN)))
        if (kase.expectStatus !== undefined) expect(reference.status, reference.body).toBe(kase.expectStatus)
        if (kase.expectStatus === 200 && !kase.runtimeContentType) {
          expect(reference.contentType).toBe('text/xml; charset=utf-8')
        }
        const actual = await observe(
          await fetch(await requestFor(origin, kase, token), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
        )
        const contentType = (value: string | null) =>
          kase.runtimeContentType ? value?.toLowerCase().replaceAll(' ', '') : value
        expect({ status: actual.status, contentType: contentType(actual.contentType), body: actual.body }).toEqual({
          status: reference.status,
          contentType: contentType(reference.contentType),
          body: reference.body,
        })
        expect(actual.bytes.equals(reference.bytes)).toBe(true)
      },
      REQUEST_TIMEOUT_MS * 2,
    )

    test('the token is the configured one, not one in the code: the development token gets 403', async () => {
      const kase: Case = { name: 'dev token', method: 'POST', path: '/sip/basic' }
      const response = await fetch(await requestFor(origin, kase, DEV_AUTH_TOKEN), {
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      expect([response.status, await response.text()]).toEqual([403, 'Invalid X-Twilio-Signature'])
    })

    // WebSockets: the realtime examples, spoken to as Twilio would (runtime-tests/realtime.ts).
    test.each(SOCKET_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
      '%s',
      async (_name, scenario) => scenario.run(origin, token),
      REQUEST_TIMEOUT_MS * 3,
    )
  })
}
