/**
 * `twiml-jsx convert`: TwiML XML, a TwiML Bin or a Studio flow → TSX on stdout. The conversion is
 * twiml-jsx/convert (pure); this command reads the file (or stdin), and formats the output with
 * biome when the current project has `@biomejs/biome` installed (with the project's own biome
 * settings). Without biome the output is the converter's own, consistently indented text.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, extname, join, resolve } from 'node:path'
import process from 'node:process'
import { ConvertError, convertBin, convertStudio, convertTwiml, looksLikeBin } from '../convert/index.js'
import { type CliCommand, CliError, type CliIO, CliUsageError, parseCommandLine } from './io.js'

export const command: CliCommand = {
  usage: 'twiml-jsx convert <file.xml | flow.json | -> [--route /path] [--studio] [--name Name] [--no-format]',
  help: [
    'Prints a TSX module converted from TwiML (a file, or - for stdin):',
    '  plain TwiML       a component whose render is the same document (default export)',
    '  a TwiML Bin       ({{From}}, {{#e164}}…) a component with the placeholders as typed props',
    '  --studio          a Studio flow definition (JSON) → a Hono app, one route per widget',
    '',
    'Options:',
    '  --route /path     print a Hono app serving the document at /path instead of a component',
    '  --name Name       the component name (default: from the file name)',
    '  --bin / --xml     treat the input as a TwiML Bin / as plain TwiML (default: a Bin when it has {{…}})',
    '  --no-format       skip biome (used when the project has @biomejs/biome installed)',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, {
      route: { type: 'string' },
      studio: { type: 'boolean' },
      name: { type: 'string' },
      bin: { type: 'boolean' },
      xml: { type: 'boolean' },
      'no-format': { type: 'boolean' },
    })
    if (positionals.length !== 1) throw new CliUsageError('give one input file, or - to read stdin')
    const input = positionals[0]!
    const text = input === '-' ? await readStdin() : readInput(resolve(io.cwd, input))
    const name = values.name ?? nameFromFile(input, values.studio === true)
    let code: string
    let notes: readonly string[]
    try {
      if (values.studio) {
        ;({ code, notes } = convertStudio(parseJson(text, input)))
      } else if (values.bin || (!values.xml && looksLikeBin(text))) {
        ;({ code, notes } = convertBin(text, { name, route: values.route }))
      } else {
        ;({ code, notes } = convertTwiml(text, { name, route: values.route }))
      }
    } catch (error) {
      if (error instanceof ConvertError) throw new CliError(error.message)
      throw error
    }
    const formatted = values['no-format'] ? code : await formatWithBiome(code, io)
    io.stdout(formatted)
    for (const note of notes) io.stderr(`note: ${note}\n`)
    return 0
  },
}

function readInput(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function parseJson(text: string, input: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CliError(`${input} is not JSON: ${(error as Error).message}`)
  }
}

/** `voicemail-greeting.xml` → `VoicemailGreeting`; stdin → `Twiml`. */
function nameFromFile(input: string, studio: boolean): string | undefined {
  if (input === '-' || studio) return undefined
  const words = basename(input, extname(input))
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')
  return /^[A-Z][A-Za-z0-9]*$/.test(name) ? name : undefined
}

/**
 * Formats with the project's biome (`@biomejs/biome` resolved from the current directory, its
 * settings read from there), or returns the code as it is when the project has no biome.
 */
async function formatWithBiome(code: string, io: CliIO): Promise<string> {
  let bin: string
  try {
    bin = createRequire(join(io.cwd, 'package.json')).resolve('@biomejs/biome/bin/biome')
  } catch {
    return code
  }
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      [bin, 'format', '--stdin-file-path=converted.tsx'],
      { cwd: io.cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) fail(new CliError(`biome could not format the output: ${String(stderr).trim() || error.message}`))
        else done(stdout)
      },
    )
    child.stdin?.end(code)
  })
}
