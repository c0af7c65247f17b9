/**
 * `twiml-jsx dev` as a real process on 127.0.0.1: it serves the console for a module, signs with
 * the right token, reloads the app when a file it imports changes (and says why when the new code
 * does not load), warns when told to listen elsewhere, and fails in one line when it cannot start.
 */
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type DevServer, REPO, runCli, startDev } from '../support/processes.js'

// Inside the repository, so the module resolves `hono` and `twiml-jsx` as a user's project does.
const DIR = join(REPO, 'test', 'dev', `.tmp-dev-${process.pid}`)
const RELATIVE = `test/dev/.tmp-dev-${process.pid}`

async function api<T = any>(server: DevServer, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(new URL(`api/${path}`, server.url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  })
  return { status: response.status, data: (await response.json()) as T }
}

/** Places a call to `url` and returns what it said and the transcript. */
async function call(server: DevServer, url: string) {
  const placed = await api(server, 'calls', { call: { url } })
  if (placed.status !== 201) return { status: placed.status, error: placed.data.error as string }
  const { data } = await api(server, `calls/${placed.data.id}`)
  return {
    status: placed.status,
    reloaded: placed.data.reloaded as string[] | undefined,
    transcript: data.transcript as string,
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition() && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 50))
}

/** Writes a file and moves its modification time on, so a change within the same millisecond counts. */
function edit(name: string, text: string, stamp: number) {
  const file = join(DIR, name)
  writeFileSync(file, text)
  utimesSync(file, stamp, stamp)
}

// The pragma: TypeScript's tsconfig globs skip dot-folders like this scratch one, so the module
// names its JSX runtime itself (a project's own files get it from tsconfig.json).
const APP = `/** @jsxRuntime automatic @jsxImportSource twiml-jsx */
import { Hono } from 'hono'
import { Response, Say } from 'twiml-jsx'
import { twilioWebhook, twiml } from 'twiml-jsx/hono'
import { GREETING } from './greeting.js'

export const app = new Hono()
// The token from the environment, as deployed: the console puts a development token there.
app.use('*', twilioWebhook({ authToken: () => process.env.TWILIO_AUTH_TOKEN }))
app.post('/voice', (c) => twiml(c, <Response><Say>{GREETING}</Say></Response>))
`

beforeAll(() => {
  mkdirSync(DIR, { recursive: true })
  writeFileSync(join(DIR, 'app.tsx'), APP)
  edit('greeting.ts', `export const GREETING = 'Hello, version one.'\n`, 1_000_000)
})

afterAll(() => rmSync(DIR, { recursive: true, force: true }))

describe('twiml-jsx dev <module>', () => {
  let server: DevServer

  beforeAll(async () => {
    server = await startDev([`${RELATIVE}/app.tsx`, '--port', '0'], { TWILIO_AUTH_TOKEN: undefined })
  }, 40_000)
  afterAll(async () => {
    expect(await server?.stop()).toBe(0)
  })

  test('serves the console on 127.0.0.1, and signs with a development token it also gives the app', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(server.output().stdout).toBe(
      `twiml-jsx dev: call console for ${RELATIVE}/app.tsx on ${server.url}\n` +
        '  requests are signed with a development token (set as TWILIO_AUTH_TOKEN in this process); Ctrl+C stops\n',
    )
    const page = await fetch(server.url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<ol id="timeline" role="log"')
    const { data } = await api(server, 'app')
    expect(data).toMatchObject({ routes: [{ method: 'POST', path: '/voice' }], entry: '/voice' })
    const first = await call(server, '/voice')
    expect(first.transcript).toBe('POST /voice\n  Say "Hello, version one."\nCall ended: end of document')
  })

  test('live reload: edit a file the app imports, place the call again, the new code runs', async () => {
    edit('greeting.ts', `export const GREETING = 'Hello, version two.'\n`, 2_000_000)
    const second = await call(server, '/voice')
    expect(second.reloaded).toEqual([`${RELATIVE}/greeting.ts`])
    expect(second.transcript).toContain('Say "Hello, version two."')
    expect(server.output().stdout).toContain(
      `twiml-jsx dev: reloaded ${RELATIVE}/app.tsx (${RELATIVE}/greeting.ts changed)\n`,
    )
    // Unchanged files: the loaded app is used as it is.
    expect((await call(server, '/voice')).reloaded).toBeUndefined()
  })

  test('code that does not load: calls are refused with the reason until it is fixed', async () => {
    edit('greeting.ts', `export const GREETING = 'Hello, version three.\n`, 3_000_000)
    const broken = await call(server, '/voice')
    expect(broken.status).toBe(500)
    expect(broken.error).toMatch(new RegExp(`^could not reload ${RELATIVE}/app\\.tsx: `))
    expect((await api(server, 'app')).data.error).toMatch(/^could not reload /)
    edit('greeting.ts', `export const GREETING = 'Hello, version three.'\n`, 4_000_000)
    expect((await call(server, '/voice')).transcript).toContain('Say "Hello, version three."')
  })

  test('a port in use: one line, exit 1', async () => {
    const port = new URL(server.url).port
    const taken = await runCli(['dev', `${RELATIVE}/app.tsx`, '--port', port])
    expect(taken).toEqual({
      code: 1,
      stdout: '',
      stderr: `twiml-jsx dev: port ${port} on 127.0.0.1 is in use: pass --port with another (0 picks a free one)\n`,
    })
  }, 40_000)
})

test('--host elsewhere warns; --token signs with the token given, and a refused signature says so', async () => {
  // 127.0.0.2 is this machine too, but not the default: the console warns as for any other address.
  const server = await startDev([
    'examples/app.tsx',
    '--port',
    '0',
    '--host',
    '127.0.0.2',
    '--token',
    'wrong',
    '--entry',
    '/ivr',
  ])
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/)
    expect(server.output().stdout).toContain('  requests are signed with --token; Ctrl+C stops\n')
    await until(() => server.output().stderr !== '')
    expect(server.output().stderr).toBe(
      "twiml-jsx dev: warning: listening on 127.0.0.2, not only this machine: anyone who can reach it can place calls your app takes as Twilio's\n",
    )
    const { data } = await api(server, 'app')
    expect(data).toMatchObject({ entry: '/ivr', signing: { signed: true, source: '--token' } })
    const placed = await api(server, 'calls', { call: { url: '/ivr' } })
    expect(placed.data.state.error).toMatch(/^POST \/ivr \(call\) answered HTTP 403\b/)
  } finally {
    expect(await server.stop()).toBe(0)
  }
}, 40_000)

describe('mistakes on the command line', () => {
  test('no module: usage, exit 2; a missing module or a bad port: one line', async () => {
    const [none, missing, port] = await Promise.all([
      runCli(['dev']),
      runCli(['dev', 'nowhere/app.tsx']),
      runCli(['dev', 'examples/app.tsx', '--port', '70000']),
    ])
    expect(none.code).toBe(2)
    expect(none.stderr).toBe(
      'twiml-jsx dev: give the module that exports your Hono app\n' +
        'Usage: twiml-jsx dev <module> [--port 5173] [--entry /voice] [--host 127.0.0.1] [--token T]\n',
    )
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: `twiml-jsx dev: no module at ${join(REPO, 'nowhere', 'app.tsx')}\n`,
    })
    expect(port.code).toBe(2)
    expect(port.stderr.split('\n')[0]).toBe('twiml-jsx dev: --port 70000: give a port number from 0 to 65535')
  }, 60_000)

  test('--help says where the token comes from', async () => {
    const help = await runCli(['dev', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("Default: the module's DEV_AUTH_TOKEN or")
    expect(help.stdout).toContain('Edit a file the app imports and place the call again: it runs the new code.')
  }, 30_000)
})
