/**
 * `npm start` serves the realtime sockets: examples/server.tsx (run as `npm start` runs it, with
 * tsx) on a free port of 127.0.0.1, a WebSocket client playing Twilio, then the server is stopped.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN } from '../../examples/app.js'
import { freePort } from '../../runtime-tests/harness.js'
import { SOCKET_SCENARIOS } from '../../runtime-tests/realtime.js'

let server: ChildProcess | undefined
let origin = ''

beforeAll(async () => {
  const port = await freePort()
  origin = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, ['--import', 'tsx', 'examples/server.tsx'], {
    env: { ...process.env, PORT: String(port), TWILIO_AUTH_TOKEN: '', PUBLIC_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000)
    const read = (chunk: Buffer) => {
      output += chunk
      if (output.includes(`http://127.0.0.1:${port}/`)) {
        clearTimeout(timer)
        resolve()
      }
    }
    server!.stdout!.on('data', read)
    server!.stderr!.on('data', read)
    server!.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
  })
}, 30_000)

afterAll(() => {
  server?.kill('SIGTERM')
})

test("POST /agent answers the ConversationRelay TwiML pointing at this server's /agent/ws", async () => {
  const response = await fetch(await signTwilioRequest(DEV_AUTH_TOKEN, { url: `${origin}/agent` }))
  expect(response.status).toBe(200)
  expect(await response.text()).toContain(`<ConversationRelay url="${origin.replace('http', 'ws')}/agent/ws"`)
})

test.each(SOCKET_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
  '%s',
  async (_name, scenario) => scenario.run(origin),
  30_000,
)
