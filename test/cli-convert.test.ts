/**
 * `twiml-jsx convert` as a real process: TwiML, Bins and Studio flows from files or stdin, formatted
 * by the project's biome, notes on stderr, and one-line errors with exit codes.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { convertTwiml } from 'twiml-jsx/convert'
import { describe, expect, test } from 'vitest'

const TSX = resolve('node_modules/tsx/dist/cli.mjs')
const BIOME = resolve('node_modules/@biomejs/biome/bin/biome')

function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [TSX, 'src/cli/main.ts', 'convert', ...args],
      { maxBuffer: 16 << 20 },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
    child.stdin?.end(stdin ?? '')
  })
}

function biomeFormat(code: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = execFile(process.execPath, [BIOME, 'format', '--stdin-file-path=x.tsx'], (error, stdout) =>
      error ? fail(error) : done(stdout),
    )
    child.stdin?.end(code)
  })
}

const DIAL = 'test/fixtures/twiml-docs/dial-7.xml'

describe('twiml-jsx convert', () => {
  test('a TwiML file: the module, formatted by the project biome (biome leaves it as it is)', async () => {
    const { code, stdout, stderr } = await cli([DIAL])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toContain('export default function Dial7() {')
    expect(await biomeFormat(stdout)).toBe(stdout)
    expect(stdout).toBe(await biomeFormat(convertTwiml(readFileSync(DIAL, 'utf8'), { name: 'Dial7' }).code))
  }, 60_000)

  test('--no-format prints the converter output as it is; stdin with -', async () => {
    const xml = '<Response><Say>Hi</Say><Foo/></Response>'
    const { code, stdout, stderr } = await cli(['-', '--no-format', '--name', 'Greeting'], xml)
    expect(code).toBe(0)
    expect(stdout).toBe(convertTwiml(xml, { name: 'Greeting' }).code)
    expect(stderr).toBe('note: Response > Foo: twiml-jsx has no <Foo> element: written as is, unchecked\n')
  }, 60_000)

  test('--route prints a Hono app; a Bin (with {{…}}) gets props; --studio a flow app', async () => {
    const route = await cli([DIAL, '--route', '/voice'])
    expect(route.stdout).toContain("app.on(['GET', 'POST'], '/voice', (c) => twiml(c, <Dial7 />))")
    const bin = await cli(['test/fixtures/bins/forward-sms.xml'])
    expect(bin.stdout).toContain('export default function ForwardSms(props: ForwardSmsProps) {')
    const studio = await cli(['--studio', 'test/fixtures/studio/gate-opener.json'])
    expect(studio.code).toBe(0)
    expect(studio.stdout).toContain('export function createApp(options: FlowOptions = {}): Hono {')
  }, 60_000)

  test('errors: one line and exit 1 for bad input, exit 2 for a wrong command line', async () => {
    const missing = await cli(['nope.xml'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^twiml-jsx convert: cannot read .*nope\.xml: ENOENT\n$/)
    const broken = await cli(['-'], '<Response><Say>Hi</Response>')
    expect(broken.code).toBe(1)
    expect(broken.stderr).toBe(
      'twiml-jsx convert: the input is not well-formed XML: XML line 1, column 18: </Response> closes <Say>\n',
    )
    const notFlow = await cli(['--studio', '-'], '{"hello": 1}')
    expect(notFlow.code).toBe(1)
    expect(notFlow.stderr).toMatch(/^twiml-jsx convert: a Studio flow definition is a JSON object with "states"/)
    const usage = await cli([])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('give one input file, or - to read stdin')
  }, 60_000)
})
