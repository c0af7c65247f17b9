/** Dispatches `twiml-jsx <command> …` and turns failures into one line and an exit code. */
import { COMMANDS } from './commands.js'
import { CliError, type CliIO, CliUsageError } from './io.js'

const HELP = ['-h', '--help']

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  return [
    'Usage: twiml-jsx <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`),
    '',
    'Run twiml-jsx <command> --help for the options of one command.',
    '',
  ].join('\n')
}

/** Runs the command line `args` (without `node` and the script); resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args
  if (name === undefined || HELP.includes(name)) {
    io.stdout(overview())
    return name === undefined ? 2 : 0
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (entry === undefined) {
    io.stderr(`twiml-jsx: unknown command "${name}"; run twiml-jsx --help for the list\n`)
    return 2
  }
  const command = await entry.load()
  if (rest.some((arg) => HELP.includes(arg))) {
    io.stdout(`Usage: ${command.usage}\n\n${command.help.trimEnd()}\n`)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`twiml-jsx ${name}: ${error.message}\nUsage: ${command.usage}\n`)
      return 2
    }
    if (error instanceof CliError) {
      io.stderr(`twiml-jsx ${name}: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
