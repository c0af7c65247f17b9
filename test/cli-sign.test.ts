/**
 * `twiml-jsx sign`, run as a real process: its signature is the twilio package's on random requests,
 * its curl command is accepted by a real server, and it fails in one line with exit code 2.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import fc from 'fast-check'
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../examples/app.js'
import { runBin, serveOnLoopback } from './support/cli.js'
import { authToken, formPairs, urlOf, urlParts } from './webhook-arbitraries.js'

const TOKEN = 'cli-test-token-0123456789abcdef'

/** A command-line argument can hold any character but NUL; a parameter name cannot hold `=`. */
const arg = (text: string) => !text.includes('\0')
const isUrl = (text: string) => {
  try {
    new URL(text)
    return true
  } catch {
    return false
  }
}

describe('twiml-jsx sign agrees with the twilio package', () => {
  test('on 16 random requests (URL, form parameters, token)', async () => {
    const samples = fc.sample(
      fc.record({
        url: urlParts.map((parts) => urlOf(parts)).filter((url) => arg(url) && isUrl(url)),
        pairs: formPairs.map((pairs) =>
          pairs.filter(([name, value]) => name !== '' && !name.includes('=') && arg(name) && arg(value)),
        ),
        token: authToken.filter(arg),
      }),
      { numRuns: 16 },
    )
    // Four processes at a time: each is a fresh Node with tsx.
    for (let start = 0; start < samples.length; start += 4) {
      await Promise.all(
        samples.slice(start, start + 4).map(async ({ url, pairs, token }) => {
          const byName: Record<string, string[]> = Object.create(null)
          for (const [name, value] of pairs) (byName[name] ??= []).push(value)
          const expected = twilio.getExpectedTwilioSignature(token, url, byName)
          const run = await runBin(['sign', `--token=${token}`, '--', url, ...pairs.map(([n, v]) => `${n}=${v}`)])
          expect({ run, url, pairs }).toEqual({ run: { code: 0, stdout: `${expected}\n`, stderr: '' }, url, pairs })
        }),
      )
    }
  }, 300_000)

  test('the token from TWILIO_AUTH_TOKEN; GET signs the URL with the parameters in its query', async () => {
    const url = 'https://example.com/voice?tenant=7'
    const post = await runBin(['sign', url, 'CallSid=CA1', "Caller=O'Brien"], { TWILIO_AUTH_TOKEN: TOKEN })
    expect(post.stdout).toBe(
      `${twilio.getExpectedTwilioSignature(TOKEN, url, { CallSid: 'CA1', Caller: "O'Brien" })}\n`,
    )
    const get = await runBin(['sign', '--method', 'GET', url, 'CallSid=CA1'], { TWILIO_AUTH_TOKEN: TOKEN })
    expect(get.stdout).toBe(`${twilio.getExpectedTwilioSignature(TOKEN, `${url}&CallSid=CA1`, {})}\n`)
  }, 60_000)
})

describe('twiml-jsx sign --curl', () => {
  let server: Awaited<ReturnType<typeof serveOnLoopback>>
  beforeAll(async () => {
    server = await serveOnLoopback(createApp({ authToken: TOKEN }).fetch)
  })
  afterAll(() => server?.close())

  test('prints a curl command that a real server accepts', async () => {
    const run = await runBin([
      'sign',
      '--curl',
      `--token=${TOKEN}`,
      `${server.origin}/sip/after-dial`,
      'DialCallStatus=busy',
      'DialSipResponseCode=486',
      "Caller=O'Brien & Søren",
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^curl -X POST http:\/\/127\.0\.0\.1:\d+\/sip\/after-dial -H /)
    const { stdout } = await promisify(execFile)('sh', ['-c', `${run.stdout.trim()} -s -w '\\n%{http_code}'`])
    expect(stdout).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Joanna">The line is busy. Goodbye.</Say><Hangup/></Response>\n200',
    )
  }, 60_000)
})

describe.concurrent('errors: one line, exit code 2, usage hint', { timeout: 90_000 }, () => {
  test.each([
    [['sign'], 'twiml-jsx sign: missing <url>'],
    [
      ['sign', '/voice'],
      'twiml-jsx sign: "/voice" is not a URL; give the full webhook URL, e.g. http://127.0.0.1:3000/voice',
    ],
    [['sign', 'ftp://example.com/x'], 'twiml-jsx sign: "ftp://example.com/x" is not an http(s) URL'],
    [
      ['sign', 'https://example.com/voice', 'Digits'],
      'twiml-jsx sign: expected a parameter as Name=value, got "Digits"',
    ],
    [['sign', '--method', 'PUT', 'https://example.com/voice'], 'twiml-jsx sign: --method must be POST or GET, not PUT'],
    [['sign', '--json', '{', 'https://example.com/voice'], 'twiml-jsx sign: --json is not valid JSON'],
    [['sign', '--tokn', 'x', 'https://example.com/voice'], /^twiml-jsx sign: Unknown option '--tokn'/],
  ])(
    '%j',
    async (args, line) => {
      const run = await runBin(args, { TWILIO_AUTH_TOKEN: TOKEN })
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      const [first, second, rest] = run.stderr.split('\n')
      if (typeof line === 'string') expect(first).toBe(line)
      else expect(first).toMatch(line)
      expect(second).toMatch(/^Usage: twiml-jsx sign <url>/)
      expect(rest).toBe('')
    },
    60_000,
  )

  test('no token anywhere', async () => {
    const run = await runBin(['sign', 'https://example.com/voice'])
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      2,
      'twiml-jsx sign: no auth token: pass --token or set TWILIO_AUTH_TOKEN',
    ])
  }, 60_000)

  test('--help: the usage and every option, exit 0', async () => {
    const run = await runBin(['sign', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: twiml-jsx sign <url> \[Name=value …\]/)
    for (const option of ['--token', '--method', '--json', '--header', '--curl']) expect(run.stdout).toContain(option)
  }, 60_000)
})
