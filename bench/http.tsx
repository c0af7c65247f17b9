/**
 * HTTP benchmark: the example server's TwiML route against the same @hono/node-server answering
 * with a constant string, on 127.0.0.1, loaded with autocannon.
 *
 *   node --import tsx bench/http.tsx [--quick]        (part of `npm run bench`)
 *
 * Each server runs in its own child process (started and stopped here, on a free port); autocannon
 * runs in this process. Every request is a signed Twilio webhook POST for an incoming call; the
 * body of every response is checked against the expected document (autocannon's expectBody).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { DEV_AUTH_TOKEN } from '../examples/app.js'
import { markdownTable } from './format.js'
import { CALL_PARAMS, EXPECTED_BODY, ROUTE } from './http-shared.js'

const QUICK = process.argv.includes('--quick')
const DURATION = QUICK ? 2 : 5
const WARMUP = QUICK ? 1 : 2
const CONNECTIONS = 8

const SERVERS = [
  { mode: 'example', what: 'example app: signature check + twiml-jsx render (`npm start`)' },
  { mode: 'constant-signed', what: 'same server and signature check, constant string' },
  { mode: 'constant', what: 'same server, constant string, no signature check' },
] as const

function start(mode: string): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('./http-server.tsx', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk
      const match = /PORT (\d+)/.exec(out)
      if (match) resolve({ child, port: globalThis.Number(match[1]) })
    })
    child.on('exit', (code) => reject(new Error(`server ${mode} exited with ${code} before listening`)))
  })
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** The request Twilio would send for an incoming call: method, headers and form body, signed. */
async function signedRequest(url: string) {
  const request = await signTwilioRequest(DEV_AUTH_TOKEN, { url, params: CALL_PARAMS })
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { method: request.method, headers, body: await request.text() }
}

console.log('# twiml-jsx HTTP benchmark\n')
console.log(
  `POST ${ROUTE}, a signed incoming-call webhook; autocannon, ${CONNECTIONS} connections, ${DURATION} s per server ` +
    `after a ${WARMUP} s warm-up; servers in a child process on 127.0.0.1. Load average at start: ` +
    `${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}.\n`,
)

const results: { what: string; rps: number; p50: number; p99: number }[] = []
for (const { mode, what } of SERVERS) {
  const { child, port } = await start(mode)
  try {
    const url = `http://127.0.0.1:${port}${ROUTE}`
    const request = await signedRequest(url)
    // One request by hand first: the answer must be the expected document.
    const response = await fetch(url, request)
    const body = await response.text()
    if (response.status !== 200 || body !== EXPECTED_BODY) {
      console.error(`server ${mode} answered ${response.status}:\n${body}\nexpected:\n${EXPECTED_BODY}`)
      process.exit(1)
    }
    const load = { url, connections: CONNECTIONS, ...request, expectBody: EXPECTED_BODY }
    await autocannon({ ...load, duration: WARMUP })
    const r = await autocannon({ ...load, duration: DURATION })
    if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0 || r.mismatches > 0) {
      console.error(
        `server ${mode}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx, ${r.mismatches} wrong bodies`,
      )
      process.exit(1)
    }
    results.push({ what, rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99 })
  } finally {
    await stop(child)
  }
}

const example = results[0]!.rps
console.log(
  markdownTable(
    ['server', 'requests/s', 'vs example app', 'latency p50', 'latency p99'],
    results.map((r) => [r.what, r.rps.toFixed(0), `${(r.rps / example).toFixed(2)}×`, `${r.p50} ms`, `${r.p99} ms`]),
  ),
)
const [, signed, constant] = results as [unknown, (typeof results)[0], (typeof results)[0]]
console.log(
  `\nThe example route serves ${((example / constant.rps) * 100).toFixed(0)} % of the constant server's requests/s, ` +
    `${((example / signed.rps) * 100).toFixed(0)} % of the constant server's with the same signature check.`,
)
