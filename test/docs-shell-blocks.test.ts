/**
 * The README and docs/*.md shell blocks run as written: every ```sh block either runs here, each
 * command to exit code 0, or says on the line before its fence why it cannot
 * (`<!-- docs-test: no-run: why -->`: it installs from the registry, serves until stopped, needs a
 * deployment, ...), so a new block is considered when it is written.
 *
 * How a block runs:
 * - Each command (a line, with `\` continuations joined; `#` comment lines skipped) runs with `sh -c`
 *   in a scratch folder that holds the files the README's commands name (voicemail.xml,
 *   forward-sms.xml, flow.json: Twilio's Record example, a TwiML Bin, a real Studio flow).
 * - `npx twiml-jsx` is this repository's CLI (the published bin runs the same code, built); any other
 *   `npx` fails. `curl` fails on an HTTP error status (`--fail`), so a refused request fails the block.
 * - The example server (`npm start`) runs on a free port of 127.0.0.1, and connections to the
 *   README's address for it, 127.0.0.1:3000, go there: curl's `--connect-to`, and for the CLI a
 *   preloaded module that redirects Node's socket connections. The commands are not rewritten: the
 *   server sees `Host: 127.0.0.1:3000`, so a signature made for the documented URL (the README's curl
 *   line carries one) is checked as Twilio's would be. TWILIO_AUTH_TOKEN is the development token, for
 *   the server and the commands alike.
 */
import { execFile } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN } from '../examples/app.js'
import { DOCUMENTS, fencesOf, mentionsDocsTest, NO_RUN } from './support/markdown.js'
import { type ExampleServer, REPO, startExampleServer } from './support/processes.js'

/** Where the README says `npm start` listens. */
const DOCUMENTED = { host: '127.0.0.1', port: 3000 }

interface ShellBlock {
  readonly where: string
  readonly commands: readonly string[]
  readonly noRun: string | undefined
}

/** The commands of a block: continuation lines joined, comments and blank lines left out. */
function commandsOf(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

const problems: string[] = []
const blocks: ShellBlock[] = DOCUMENTS.flatMap((document) =>
  fencesOf(readFileSync(join(REPO, document), 'utf8'))
    .filter((fence) => fence.language === 'sh')
    .map((fence) => {
      const where = `${document}:${fence.line}`
      const noRun = fence.before === undefined ? undefined : NO_RUN.exec(fence.before)?.[1]
      if (mentionsDocsTest(fence.before) && noRun === undefined) {
        problems.push(`${where}: write the opt-out as <!-- docs-test: no-run: <why it cannot run> -->`)
      }
      return { where, commands: commandsOf(fence.text), noRun }
    }),
)
const runnable = blocks.filter((block) => block.noRun === undefined)

let scratch: string
let server: ExampleServer | undefined
let env: Record<string, string | undefined>

function which(command: string): Promise<string | undefined> {
  return new Promise((resolve) =>
    execFile('sh', ['-c', `command -v ${command}`], (error, stdout) => resolve(error ? undefined : stdout.trim())),
  )
}

beforeAll(async () => {
  const curl = await which('curl')
  if (curl === undefined)
    throw new Error('curl is missing: the README uses it (apt-get install -y curl; .ci/run installs it)')
  scratch = mkdtempSync(join(tmpdir(), 'twiml-jsx-shell-blocks-'))
  // The files the README's commands name.
  copyFileSync(join(REPO, 'test/fixtures/twiml-docs/record-2.xml'), join(scratch, 'voicemail.xml'))
  copyFileSync(join(REPO, 'test/fixtures/bins/forward-sms.xml'), join(scratch, 'forward-sms.xml'))
  copyFileSync(join(REPO, 'test/fixtures/studio/flex-voicemail.json'), join(scratch, 'flow.json'))
  const bin = join(scratch, '.bin')
  mkdirSync(bin)
  const shim = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  server = await startExampleServer({ TWILIO_AUTH_TOKEN: DEV_AUTH_TOKEN })
  const port = server.port
  // Node's fetch (undici) connects through net.connect, looked up on every connection.
  const route = join(bin, 'route-documented-port.mjs')
  writeFileSync(
    route,
    [
      "import net from 'node:net'",
      'const connect = net.connect',
      'net.connect = net.createConnection = function (options, ...rest) {',
      `  if (options && typeof options === 'object' && options.host === '${DOCUMENTED.host}' && Number(options.port) === ${DOCUMENTED.port})`,
      `    options = { ...options, port: ${port} }`,
      '  return connect.call(this, options, ...rest)',
      '}',
    ].join('\n'),
  )
  shim(
    'npx',
    [
      'if [ "$1" = "twiml-jsx" ]; then',
      '  shift',
      `  exec "${process.execPath}" --import "${join(REPO, 'node_modules/tsx/dist/loader.mjs')}" --import "${route}" "${join(REPO, 'src/cli/main.ts')}" "$@"`,
      'fi',
      'echo "npx $1: only npx twiml-jsx runs in the documents\' shell blocks" >&2',
      'exit 127',
    ].join('\n'),
  )
  const documented = `${DOCUMENTED.host}:${DOCUMENTED.port}`
  shim('curl', `exec "${curl}" --fail --silent --show-error --connect-to ${documented}:127.0.0.1:${port} "$@"`)
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, TWILIO_AUTH_TOKEN: DEV_AUTH_TOKEN }
}, 60_000)

afterAll(() => {
  server?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

function run(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { cwd: scratch, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
    )
  })
}

describe('the shell blocks of README.md and docs/', () => {
  test('every block runs here or says why it cannot', () => {
    expect(problems).toEqual([])
    expect(blocks.length).toBeGreaterThanOrEqual(10)
    expect(runnable.length).toBeGreaterThanOrEqual(5)
  })

  test.each(runnable.map((block) => [block.where, block] as const))(
    '%s runs as written',
    async (_where, block) => {
      for (const command of block.commands) {
        const result = await run(command)
        expect({ command, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
          command,
          code: 0,
          stderr: '',
        })
      }
    },
    120_000,
  )
})
