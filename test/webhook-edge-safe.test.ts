/**
 * The webhook code must run on edge runtimes: no file under src/webhook or src/hono may import a
 * Node module (`node:*` or a bare built-in name such as `crypto`) or even mention Buffer, and the
 * code must work with Buffer gone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { afterEach, expect, test, vi } from 'vitest'

const DIRECTORIES = ['src/webhook', 'src/hono']

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')))

/** Everything the code imports or requires: static, re-exported, dynamic, side-effect only. */
function specifiers(code: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ]
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!))
}

function problems(file: string, code: string): string[] {
  const found: string[] = []
  for (const specifier of specifiers(code)) {
    if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]!)) {
      found.push(`${file}: imports ${specifier}`)
    }
  }
  if (/\bBuffer\b/.test(code)) found.push(`${file}: mentions Buffer`)
  return found
}

test('the checker itself catches each form', () => {
  const samples = [
    "import { createHmac } from 'node:crypto'",
    "import crypto from 'crypto'",
    "export { parse } from 'node:querystring'",
    "import 'node:url'",
    "const fs = await import('node:fs')",
    "const { Buffer: B } = require('buffer')",
    'const bytes = Buffer.from(text)',
    '// not even in a comment: Buffer',
  ]
  for (const sample of samples) expect(problems('sample.ts', sample)).not.toEqual([])
  expect(problems('ok.ts', "import type { Context } from 'hono'\nconst b = new ArrayBuffer(8)")).toEqual([])
})

test('src/webhook and src/hono import no Node module and never mention Buffer', () => {
  const checked = DIRECTORIES.flatMap(files)
  expect(checked.length).toBeGreaterThanOrEqual(10)
  expect(checked.flatMap((file) => problems(file, readFileSync(file, 'utf8')))).toEqual([])
})

afterEach(() => {
  vi.unstubAllGlobals()
})

test('signing and verifying work with Buffer removed from the global scope', async () => {
  const webhook = await import('../src/webhook/index.js')
  // Node's own Fetch implementation needs Buffer to build a Request, so the request is built first;
  // everything after the stub is our code (and Web Crypto).
  const request = await webhook.signTwilioRequest('12345', {
    url: 'https://example.com/voice',
    params: { CallSid: 'CA1' },
  })
  vi.stubGlobal('Buffer', undefined)
  expect(globalThis.Buffer).toBeUndefined()

  // twilio-node's public test vector
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2'
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+14158675309',
    Digits: '1234',
    From: '+14158675309',
    To: '+18005551212',
  }
  expect(await webhook.computeSignature('12345', url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=')
  expect(await webhook.validateRequest('12345', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', url, params)).toBe(true)
  expect(await webhook.bodySha256('{}')).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a')
  const result = await webhook.verifyTwilioRequest(request, { authToken: '12345' })
  expect(result.ok && result.webhook.params.CallSid).toBe('CA1')
})
