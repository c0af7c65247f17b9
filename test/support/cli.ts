/**
 * Running the `twiml-jsx` bin as a real process, as a user does (`npx tsx src/cli/main.ts …` in the
 * repository: node with tsx's loader), and serving an app on 127.0.0.1 for it to talk to.
 */
import { execFile } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const MAIN = join(REPO, 'src', 'cli', 'main.ts')

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `twiml-jsx <args…>` in a fresh Node process; `env` replaces TWILIO_AUTH_TOKEN and adds the rest. */
export function runBin(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const { TWILIO_AUTH_TOKEN: _unset, NODE_ENV: _test, ...inherited } = process.env
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { cwd: REPO, env: { ...inherited, ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** Serves `fetch` on a free port of 127.0.0.1; resolves to its origin and a function that stops it. */
export function serveOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ origin: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
  })
}
