/**
 * `npm start` really serves the examples: start examples/server.tsx (as `npm start` does, with
 * tsx) on a free port of 127.0.0.1, POST a route over HTTP, stop the server.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { signTwilioRequest } from 'twiml-jsx/webhook'
import { afterAll, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN } from '../examples/app.js'
import { freePort } from '../runtime-tests/harness.js'

let server: ChildProcess | undefined
afterAll(() => {
  server?.kill('SIGTERM')
})

test('examples/server.tsx answers a signed POST /sip/basic with TwiML on 127.0.0.1, and 403 unsigned', async () => {
  const port = await freePort()
  server = spawn(process.execPath, ['--import', 'tsx', 'examples/server.tsx'], {
    env: { ...process.env, PORT: String(port), TWILIO_AUTH_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  server.stderr?.on('data', (d) => {
    stderr += d
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 20_000)
    server!.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes(`http://127.0.0.1:${port}/`)) {
        clearTimeout(timer)
        resolve()
      }
    })
    server!.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)))
  })
  const url = `http://127.0.0.1:${port}/sip/basic`
  expect((await fetch(url, { method: 'POST' })).status).toBe(403)
  const res = await fetch(await signTwilioRequest(DEV_AUTH_TOKEN, { url }))
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8')
  expect(await res.text()).toBe(
    '<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Sip>kate@example.com</Sip></Dial></Response>',
  )
}, 30_000)
