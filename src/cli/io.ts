/**
 * What every `twiml-jsx` command shares: where it writes, how it reads its arguments, and how it
 * fails. Commands return an exit code: 0 done, 1 the work failed (a request refused, lint errors), 2
 * the command line is wrong. A failure is one clear line on stderr, never a stack trace.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'

/** Where a command reads its environment and writes its output (tests pass their own). */
export interface CliIO {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  /** The directory relative paths are read from. */
  readonly cwd: string
}

/** One subcommand: `twiml-jsx <name> …`. */
export interface CliCommand {
  /** One line: `twiml-jsx call <url> [Name=value …] [--token T]`. */
  readonly usage: string
  /** The text `--help` prints under the usage line. */
  readonly help: string
  /** Runs the command; resolves to the exit code. */
  run(args: readonly string[], io: CliIO): Promise<number>
}

/** The command line is wrong: printed as one line with the usage hint, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError'
}

/** The work could not be done (a file missing, a server unreachable): one line, exit code 1. */
export class CliError extends Error {
  override name = 'CliError'
}

/**
 * `util.parseArgs` in strict mode, its errors turned into {@link CliUsageError}. `--help` is
 * handled by the dispatcher before a command parses its arguments.
 */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }
}
