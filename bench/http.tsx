/**
 * HTTP benchmark: the example server's signed TwiML route against an unsigned constant route on its
 * own Hono app (and, to split the costs, a constant route behind the same signature check, and one
 * that only reads the body), on
 * 127.0.0.1, loaded with autocannon. The headline is the signed route's share of the constant
 * route's requests/s (target ≥ 0.70).
 *
 *   node --import tsx bench/http.tsx [--quick]        (part of `npm run bench`)
 *
 * Each server runs in its own child process (started and stopped here, on a free port); autocannon
 * runs in this process. Every request is a signed Twilio webhook POST for an incoming call; the
 * body of every response is checked against the expected document (autocannon's expectBody). The
 * servers take turns, three rounds (one with --quick); medians are reported. Each server also reports
 * its CPU time per request, which other load on the machine disturbs less than requests/s.
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

const ROUNDS = QUICK ? 1 : 3

const SERVERS = [
  { mode: 'example', what: 'example app: signature check + twiml-jsx render (`npm start`)' },
  { mode: 'constant-signed', what: 'same server and signature check, constant string' },
  { mode: 'constant-read', what: 'own Hono app, same server, reads the body, constant string, no signature check' },
  { mode: 'constant', what: 'own Hono app, same server, constant string, no signature check' },
] as const

interface Started {
  child: ChildProcess
  port: number
  output: () => string
}

function start(mode: string): Promise<Started> {
  const script = fileURLToPath(new URL('./http-server.tsx', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk
      const match = /PORT (\d+)/.exec(out)
      if (match) resolve({ child, port: globalThis.Number(match[1]), output: () => out })
    })
    child.on('exit', (code) => reject(new Error(`server ${mode} exited with ${code} before listening`)))
  })
}

/** Stops the server; resolves to its CPU µs per request since the last RESET. */
function stop(server: Started): Promise<number> {
  return new Promise((resolve) => {
    const done = () => resolve(globalThis.Number(/CPU ([\d.]+|NaN) /.exec(server.output())?.[1] ?? Number.NaN))
    if (server.child.exitCode !== null) return done()
    server.child.once('exit', done)
    server.child.kill('SIGTERM')
  })
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

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
    `after a ${WARMUP} s warm-up, ${ROUNDS} round(s) with the servers taking turns (medians shown); servers in a child ` +
    `process on 127.0.0.1. Load average at start: ${loadAverage()}.\n`,
)

const samples = new Map<string, { rps: number; p50: number; p99: number; cpu: number }[]>()
for (let round = 0; round < ROUNDS; round++) {
  for (const { mode } of SERVERS) {
    const server = await start(mode)
    let cpu = Number.NaN
    try {
      const url = `http://127.0.0.1:${server.port}${ROUTE}`
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
      server.child.stdin!.write('RESET\n')
      const r = await autocannon({ ...load, duration: DURATION })
      if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0 || r.mismatches > 0) {
        console.error(
          `server ${mode}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx, ${r.mismatches} wrong bodies`,
        )
        process.exit(1)
      }
      cpu = await stop(server)
      const list = samples.get(mode) ?? []
      list.push({ rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, cpu })
      samples.set(mode, list)
    } finally {
      if (Number.isNaN(cpu)) await stop(server)
    }
  }
}

const results = SERVERS.map(({ mode, what }) => {
  const list = samples.get(mode)!
  return {
    mode,
    what,
    rps: median(list.map((s) => s.rps)),
    p50: median(list.map((s) => s.p50)),
    p99: median(list.map((s) => s.p99)),
    cpu: median(list.map((s) => s.cpu)),
    all: list.map((s) => s.rps.toFixed(0)).join(', '),
  }
})
const byMode = (mode: string) => results.find((r) => r.mode === mode)!
const constant = byMode('constant')
console.log(
  markdownTable(
    ['server', 'requests/s', 'rounds', 'vs unsigned constant', 'CPU per request', 'latency p50', 'latency p99'],
    results.map((r) => [
      r.what,
      r.rps.toFixed(0),
      r.all,
      `${(r.rps / constant.rps).toFixed(2)}×`,
      `${r.cpu.toFixed(0)} µs`,
      `${r.p50} ms`,
      `${r.p99} ms`,
    ]),
  ),
)
const example = byMode('example')
const signed = byMode('constant-signed')
const ratio = example.rps / constant.rps
console.log(
  `\nSigned example route / unsigned constant route: **${ratio.toFixed(2)}** of its requests/s (target ≥ 0.70; ` +
    `${ratio >= 0.7 ? 'met' : 'not met'}); by CPU time per request ${(constant.cpu / example.cpu).toFixed(2)}. ` +
    `The same signature check in front of a constant string: ${(signed.rps / constant.rps).toFixed(2)}. ` +
    `Reading the body and nothing else (the floor for any check of a signed body): ` +
    `${(byMode('constant-read').rps / constant.rps).toFixed(2)}. ` +
    `Load average at the end: ${loadAverage()}.`,
)
