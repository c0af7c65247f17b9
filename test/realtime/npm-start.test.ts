/**
 * `npm start` serves the realtime sockets: examples/server.tsx (run as `npm start` runs it, with
 * tsx) on a free port of 127.0.0.1, a WebSocket client playing Twilio, then the server is stopped.
 */
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN } from '../../examples/app.js'
import { SOCKET_SCENARIOS } from '../../runtime-tests/realtime.js'
import { type ExampleServer, startExampleServer } from '../support/processes.js'

let server: ExampleServer | undefined
let origin = ''

beforeAll(async () => {
  server = await startExampleServer()
  origin = server.origin
}, 40_000)

afterAll(() => {
  server?.stop()
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
