/**
 * `twiml-jsx call` and `npm run call`, run as real processes against the example app served on
 * 127.0.0.1: exact output, exit codes, one-line errors.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp, DEV_AUTH_TOKEN } from '../examples/app.js'
import { twilioWebhook, twiml } from '../src/hono/index.js'
import { Response, Say } from '../src/index.js'
import { REPO, runBin, serveOnLoopback } from './support/cli.js'

const TOKEN = 'cli-call-test-token'
const XML = '<?xml version="1.0" encoding="UTF-8"?>'

let example: Awaited<ReturnType<typeof serveOnLoopback>>
let echo: Awaited<ReturnType<typeof serveOnLoopback>>
beforeAll(async () => {
  example = await serveOnLoopback(createApp({ authToken: TOKEN }).fetch)
  // Echoes what a verified request carried, to check methods, JSON and headers.
  const app = new Hono()
  app.use(twilioWebhook({ authToken: TOKEN }))
  app.all('/echo', (c) => {
    const { source, params, json } = c.get('twilio')
    return twiml(
      c,
      <Response>
        <Say>{`${c.req.method} ${source} ${JSON.stringify(params)} ${JSON.stringify(json)} ${c.req.header('x-extra')}`}</Say>
      </Response>,
    )
  })
  echo = await serveOnLoopback(app.fetch)
})
afterAll(async () => {
  await example?.close()
  await echo?.close()
})

describe.concurrent('twiml-jsx call against a real server', { timeout: 90_000 }, () => {
  test('signs as Twilio does, prints the status line and the TwiML indented, exit 0', async () => {
    const run = await runBin(
      ['call', `${example.origin}/sip/after-dial`, 'DialCallStatus=busy', 'DialSipResponseCode=486'],
      {
        TWILIO_AUTH_TOKEN: TOKEN,
      },
    )
    expect(run).toEqual({
      code: 0,
      stdout: [
        '200 OK (text/xml; charset=utf-8)',
        XML,
        '<Response>',
        '  <Say voice="Polly.Joanna">The line is busy. Goodbye.</Say>',
        '  <Hangup/>',
        '</Response>',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  test('--raw prints the body as received; --token instead of the environment', async () => {
    const run = await runBin(['call', '--raw', `--token=${TOKEN}`, `${example.origin}/sip/basic`])
    expect(run.stdout).toBe(
      `200 OK (text/xml; charset=utf-8)\n${XML}<Response><Dial><Sip>kate@example.com</Sip></Dial></Response>\n`,
    )
  })

  test('GET, JSON and extra headers reach the server verified', async () => {
    const get = await runBin(['call', '--raw', '--method', 'GET', `${echo.origin}/echo?x=1`, 'CallSid=CA1'], {
      TWILIO_AUTH_TOKEN: TOKEN,
    })
    expect(get.stdout).toBe(
      `200 OK (text/xml; charset=utf-8)\n${XML}<Response><Say>GET query {"x":"1","CallSid":"CA1"} undefined undefined</Say></Response>\n`,
    )
    const json = await runBin(
      ['call', '--raw', '--json', '{"event":"ok"}', '-H', 'X-Extra: yes', `${echo.origin}/echo`],
      { TWILIO_AUTH_TOKEN: TOKEN },
    )
    expect(json.stdout).toMatch(/<Say>POST body \{"bodySHA256":"[0-9a-f]{64}"\} \{"event":"ok"\} yes<\/Say>/)
  })

  test('a refused signature: the answer printed, the reason on stderr, exit 1', async () => {
    const run = await runBin(['call', `${example.origin}/sip/basic`], { TWILIO_AUTH_TOKEN: 'not-the-token' })
    expect(run).toEqual({
      code: 1,
      stdout: '403 Forbidden (text/plain; charset=UTF-8)\nInvalid X-Twilio-Signature\n',
      stderr:
        'twiml-jsx call: the server refused the signature: is --token (or TWILIO_AUTH_TOKEN) the token the server checks, and <url> the URL it checks (behind a proxy, its publicUrl)?\n',
    })
  })

  test('another non-2xx answer: exit 1', async () => {
    const run = await runBin(['call', `${example.origin}/no/such/route`], { TWILIO_AUTH_TOKEN: TOKEN })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('404 Not Found (text/plain; charset=UTF-8)\n404 Not Found\n')
  })

  test('no server there: one line, exit 1', async () => {
    const { freePort } = await import('../runtime-tests/harness.js')
    const port = await freePort()
    const run = await runBin(['call', `http://127.0.0.1:${port}/voice`], { TWILIO_AUTH_TOKEN: TOKEN })
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `twiml-jsx call: cannot reach http://127.0.0.1:${port}/voice: ECONNREFUSED\n`,
    })
  })

  test('usage errors: one line and the usage, exit 2', async () => {
    const noToken = await runBin(['call', `${example.origin}/sip/basic`])
    expect(noToken.code).toBe(2)
    expect(noToken.stderr).toBe(
      'twiml-jsx call: no auth token: pass --token or set TWILIO_AUTH_TOKEN\nUsage: twiml-jsx call <url> [Name=value …] [--token T] [--method POST|GET] [--json BODY] [--raw]\n',
    )
    const badTimeout = await runBin(['call', '--timeout', 'soon', `${example.origin}/sip/basic`], {
      TWILIO_AUTH_TOKEN: TOKEN,
    })
    expect([badTimeout.code, badTimeout.stderr.split('\n')[0]]).toEqual([
      2,
      'twiml-jsx call: --timeout must be a number of seconds, not "soon"',
    ])
  })

  test('--help', async () => {
    const run = await runBin(['call', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: twiml-jsx call <url>/)
    for (const option of ['--token', '--method', '--json', '--header', '--raw', '--timeout'])
      expect(run.stdout).toContain(option)
  })
})

test('npm run call -- <path> [Name=value …]: the example server on $PORT, the development token by default', async () => {
  const dev = await serveOnLoopback(createApp({ authToken: DEV_AUTH_TOKEN }).fetch)
  try {
    const { TWILIO_AUTH_TOKEN: _unset, ...env } = process.env
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(REPO, 'examples', 'call.ts'), '/sip/after-dial', 'DialCallStatus=no-answer'],
        { cwd: REPO, env: { ...env, PORT: new URL(dev.origin).port }, timeout: 60_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      )
    })
    expect(stdout).toMatch(
      /^200 OK \(text\/xml; charset=utf-8\)\n<\?xml version="1\.0" encoding="UTF-8"\?>\n<Response>\n/,
    )
  } finally {
    await dev.close()
  }
}, 60_000)
