/**
 * Real processes for the CLI tests: `twiml-jsx <command>` run with Node and tsx's loader (as the
 * published bin runs with Node), its output collected, and a long-running one (`dev`) stopped by the
 * test that started it.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../runtime-tests/harness.js'

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const MAIN = join(REPO, 'src', 'cli', 'main.ts')

export interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `twiml-jsx …args` to its end. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { cwd: REPO, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** A `twiml-jsx dev` server running until `stop()`. */
export interface DevServer {
  /** The console's address, as the command printed it. */
  readonly url: string
  readonly process: ChildProcess
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string }
  /** Stops it (SIGTERM) and resolves with its exit code. */
  stop(): Promise<number | null>
}

/** Starts `twiml-jsx dev …args` and resolves once it prints where it listens. */
export function startDev(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<DevServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'dev', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`twiml-jsx dev did not start in 30 s:\n${stdout}\n${stderr}`))
    }, 30_000)
    const look = () => {
      const found = /on (http:\/\/\S+\/)/.exec(stdout)
      if (found === null) return
      clearTimeout(timer)
      child.stdout.off('data', look)
      resolve({
        url: found[1]!,
        process: child,
        output: () => ({ stdout, stderr }),
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
          return exited
        },
      })
    }
    child.stdout.on('data', look)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`twiml-jsx dev exited (${code}) before serving:\n${stdout}\n${stderr}`))
    })
  })
}

/** Runs vitest on one test file, as a separate process (without the settings of a vitest running us). */
export function runVitest(file: string): Promise<Finished> {
  const env: Record<string, string | undefined> = { ...process.env, CI: 'true', NO_COLOR: '1' }
  for (const name of Object.keys(env)) if (/^(VITEST|TEST)/.test(name) || name === 'NODE_ENV') delete env[name]
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', file],
      { cwd: REPO, env, timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** Starts the repository's `npm run dev` command line (package.json's `dev` script) with more arguments. */
export async function startDevScript(args: readonly string[]): Promise<DevServer> {
  const { readFileSync } = await import('node:fs')
  const script: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts.dev
  const [runner, main, command, ...rest] = script.split(' ')
  if (runner !== 'tsx' || main !== 'src/cli/main.ts' || command !== 'dev') {
    throw new Error(`npm run dev is "${script}"; this helper runs "tsx src/cli/main.ts dev …"`)
  }
  return startDev([...rest, ...args])
}

/** examples/server.tsx running (as `npm start` runs it) until `stop()`. */
export interface ExampleServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string
  readonly port: number
  /** What it printed so far (stdout and stderr). */
  output(): string
  /** Stops it (SIGTERM). */
  stop(): void
}

/**
 * Starts examples/server.tsx with tsx, as `npm start` does, on a free port of 127.0.0.1 with `env`
 * added (TWILIO_AUTH_TOKEN and PUBLIC_URL are cleared unless `env` sets them), and resolves once it
 * has printed where it listens and the line after it (the development-token warning, if any).
 */
export async function startExampleServer(env: Record<string, string> = {}): Promise<ExampleServer> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/server.tsx'], {
    cwd: REPO,
    env: { ...process.env, TWILIO_AUTH_TOKEN: '', PUBLIC_URL: '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`examples/server.tsx did not start in 30 s:\n${output}`)), 30_000)
    const read = (chunk: Buffer) => {
      output += chunk
      if (output.includes(`http://127.0.0.1:${port}/`)) {
        clearTimeout(timer)
        setTimeout(resolve, 200)
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.once('exit', (code) => reject(new Error(`examples/server.tsx exited with ${code}:\n${output}`)))
  })
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM')
    },
  }
}
