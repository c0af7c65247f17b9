/**
 * `twiml-jsx map` and `twiml-jsx lint` as a user runs them: a real process on a module file, its
 * stdout, stderr and exit code — and the README's map, which must be what `map` prints today.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../../examples/app.js'
import { exploreCalls } from '../../src/testing/index.js'

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `tsx src/cli/main.ts …` (what `npx tsx src/cli/main.ts …` runs) in the repository. */
function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const { TWILIO_AUTH_TOKEN: _ignored, ...inherited } = process.env
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args],
      { env: { ...inherited, ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    )
  })
}

const TIMEOUT = 180_000

describe('twiml-jsx map', () => {
  test(
    'examples/app.tsx --entry /ivr prints a Mermaid graph with every route the IVR reaches, labelled — the README shows it',
    async () => {
      const run = await cli(['map', 'examples/app.tsx', '--entry', '/ivr'])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout.startsWith('flowchart TD\n')).toBe(true)
      for (const route of [
        'POST /ivr<br/>',
        'POST /ivr/choice<br/>Redirect /ivr/sales',
        'POST /ivr/sales<br/>',
        'POST /ivr/support<br/>',
        'POST /ivr/hours<br/>',
        'POST /voicemail<br/>',
        'POST /voicemail/saved<br/>',
        'POST /queue/sales<br/>',
        'POST /queue/wait (enqueue-wait)<br/>',
        'POST /queue/left<br/>',
      ]) {
        expect(run.stdout).toContain(route)
      }
      for (const label of ['press 1 · say sales, buy', 'press 2 · say support, help', 'no input', 'recording']) {
        expect(run.stdout).toContain(`-->|"${label}"|`)
      }
      const readme = readFileSync('README.md', 'utf8')
      const block = /<!-- map: twiml-jsx map examples\/app\.tsx --entry \/ivr -->\n```mermaid\n([\s\S]*?)```/.exec(
        readme,
      )
      expect(
        block?.[1],
        'the README map is stale: paste the output of npm run cli -- map examples/app.tsx --entry /ivr',
      ).toBe(run.stdout)
    },
    TIMEOUT,
  )

  test(
    '--format json prints the same map exploreCalls returns in-process; --format dot a digraph',
    async () => {
      const [json, dot] = [
        await cli(['map', 'examples/app.tsx', '--entry', '/ivr', '--format', 'json']),
        await cli(['map', 'examples/app.tsx', '--entry', '/ivr', '--format', 'dot', '--title', 'IVR']),
      ]
      expect(json.code).toBe(0)
      const inProcess = await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN })
      expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(inProcess)))
      expect(dot.code).toBe(0)
      expect(dot.stdout).toMatch(
        /^digraph calls \{\n {2}rankdir=TB;\n[\s\S]*\n {2}label="IVR"; labelloc=t;\n[\s\S]*\}\n$/,
      )
    },
    TIMEOUT,
  )

  test(
    'the token: --token, else the token the module exports, else TWILIO_AUTH_TOKEN; a wrong one is pointed out',
    async () => {
      // The example's exported app checks its exported token, whatever the environment says.
      const exported = await cli(['map', 'examples/app.tsx', '--entry', '/ivr/hours'], { TWILIO_AUTH_TOKEN: 'not-it' })
      expect(exported.stdout).toContain('POST /ivr/hours<br/>')
      expect(exported.stderr).toBe('')
      const wrong = await cli(['map', 'examples/app.tsx', '--entry', '/ivr/hours', '--token', 'not-it'])
      expect(wrong.code).toBe(0)
      expect(wrong.stdout).toContain('POST /ivr/hours → HTTP 403')
      expect(wrong.stderr).toBe(
        'note: the app answered 403 to the first request: it checks signatures with another token (give it with --token)\n',
      )
      const fromEnv = await cli(['map', 'test/explore/fixtures/env-token.tsx', '--entry', '/hello'], {
        TWILIO_AUTH_TOKEN: 'from-the-environment',
      })
      expect(fromEnv.stdout).toContain('POST /hello<br/>Say “Hello.”')
    },
    TIMEOUT,
  )

  test(
    'a wrong command line: one line and the usage, exit code 2',
    async () => {
      const noEntry = await cli(['map', 'examples/app.tsx'])
      expect(noEntry).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'twiml-jsx map: give at least one --entry route, e.g. --entry /ivr\nUsage: twiml-jsx map <module> --entry <path> [--format mermaid|dot|json] [--hangups] [options]\n',
      })
      const format = await cli(['map', 'examples/app.tsx', '--entry', '/ivr', '--format', 'svg'])
      expect(format.code).toBe(2)
      expect(format.stderr.split('\n')[0]).toBe('twiml-jsx map: --format takes mermaid, dot, json, not "svg"')
      const missing = await cli(['lint', 'nowhere.tsx', '--entry', '/ivr'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/^twiml-jsx lint: no module at .*nowhere\.tsx\n$/)
    },
    TIMEOUT,
  )
})

describe('twiml-jsx lint', () => {
  test(
    'an app with a mistyped action, a Redirect loop and a Gather without fallback: all three with their inputs, exit 1',
    async () => {
      const run = await cli(['lint', 'test/explore/fixtures/broken-line.tsx', '--entry', '/menu'])
      expect(run.code).toBe(1)
      expect(run.stderr).toBe('')
      expect(run.stdout).toBe(
        [
          'error   redirect-loop       POST /billing → POST /billing/queue → POST /billing repeats without caller input: the call never waits for the caller again',
          '                            reached by: call to /menu › press 2',
          'error   dead-link           POST /after-dail (the Dial action of POST /menu/choice) answered HTTP 404',
          '                            reached by: call to /menu › press 1 › Dial busy',
          'warning gather-no-fallback  the caller says nothing at Gather (dtmf; 1 digit) of POST /menu: the call ends without a word (add a <Say> and a <Redirect> after the <Gather>, or actionOnEmptyResult)',
          '                            reached by: call to /menu › no input',
          'info    same-branch-inputs  9 inputs at Gather (dtmf; 1 digit) of POST /menu all lead to POST /menu/choice (Say “Sorry, that is not an option.” · Redirect /menu): press 3, 4, 5, 6, 7, 8, 9, 0, *',
          '                            reached by: call to /menu › press 3',
          '2 errors, 1 warning, 1 info',
          '',
        ].join('\n'),
      )
    },
    TIMEOUT,
  )

  test(
    'the example app exits 0; rules switched off or down are not errors; --fail-on warning; --format json',
    async () => {
      const example = await cli(['lint', 'examples/app.tsx', '--entry', '/ivr'])
      expect(example.code).toBe(0)
      expect(example.stdout.endsWith('0 errors, 0 warnings, 1 info\n')).toBe(true)
      const relaxed = await cli([
        'lint',
        'test/explore/fixtures/broken-line.tsx',
        '--entry',
        '/menu',
        '--rule',
        'dead-link=off',
        '--rule',
        'redirect-loop=warning',
        '--format',
        'json',
      ])
      expect(relaxed.code).toBe(0)
      expect(
        JSON.parse(relaxed.stdout).map((f: { rule: string; severity: string }) => `${f.severity} ${f.rule}`),
      ).toEqual(['warning redirect-loop', 'warning gather-no-fallback', 'info same-branch-inputs'])
      const strict = await cli([
        'lint',
        'test/explore/fixtures/broken-line.tsx',
        '--entry',
        '/menu',
        '--rule',
        'dead-link=off',
        '--rule',
        'redirect-loop=off',
        '--fail-on',
        'warning',
      ])
      expect(strict.code).toBe(1)
      const unknown = await cli(['lint', 'examples/app.tsx', '--entry', '/ivr', '--rule', 'dead-links=off'])
      expect(unknown.code).toBe(2)
      expect(unknown.stderr.split('\n')[0]).toMatch(
        /^twiml-jsx lint: --rule: unknown rule "dead-links"; the rules: dead-link, /,
      )
    },
    TIMEOUT,
  )
})
