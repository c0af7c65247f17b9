/**
 * The HMAC backends: which one a runtime gets, and that both compute the same bytes for any input
 * (the signature tests then run their cases on each, see test/support/hmac-backends.ts).
 */
import nodeCrypto from 'node:crypto'
import fc from 'fast-check'
import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  detectHmacBackend,
  hmacBackend,
  nodeCryptoBackend,
  useHmacBackend,
  webCryptoBackend,
} from '../src/webhook/hmac.js'
import { computeSignature } from '../src/webhook/index.js'
import { builtinModule, processEnv } from '../src/webhook/runtime.js'

afterEach(() => {
  vi.unstubAllGlobals()
  useHmacBackend(undefined)
})

describe('which backend a runtime gets', () => {
  test('Node (this process, Node ≥ 20.16): node:crypto, found through process.getBuiltinModule', () => {
    expect(typeof process.getBuiltinModule).toBe('function')
    expect(builtinModule('node:crypto')).toBe(nodeCrypto)
    expect(detectHmacBackend().name).toBe('node:crypto')
    expect(hmacBackend().name).toBe('node:crypto')
  })

  test('a runtime without getBuiltinModule (workerd, browsers): Web Crypto', () => {
    expect(detectHmacBackend(() => undefined).name).toBe('Web Crypto')
    expect(detectHmacBackend(() => ({ createHmac: 'not a function' })).name).toBe('Web Crypto')
    vi.stubGlobal('process', { env: {} })
    expect(builtinModule('node:crypto')).toBeUndefined()
    expect(detectHmacBackend().name).toBe('Web Crypto')
    vi.stubGlobal('process', undefined)
    expect(builtinModule('node:crypto')).toBeUndefined()
    expect(processEnv('TWILIO_AUTH_TOKEN')).toBeUndefined()
  })

  test('a process whose environment throws when read (Deno without --allow-env): no value, no error', () => {
    const env = new Proxy(
      {},
      {
        get: () => {
          throw new Error('NotCapable: requires env access')
        },
      },
    )
    vi.stubGlobal('process', {
      env,
      getBuiltinModule: () => {
        throw new Error('NotCapable')
      },
    })
    expect(processEnv('TWILIO_AUTH_TOKEN')).toBeUndefined()
    expect(builtinModule('node:crypto')).toBeUndefined()
  })

  test('the backend in use can be switched for a test and detected again', async () => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2'
    useHmacBackend(webCryptoBackend)
    expect(hmacBackend().name).toBe('Web Crypto')
    const viaWebCrypto = await computeSignature('12345', url, { Digits: '1234' })
    useHmacBackend(undefined)
    expect(hmacBackend().name).toBe('node:crypto')
    expect(await computeSignature('12345', url, { Digits: '1234' })).toBe(viaWebCrypto)
  })
})

describe('both backends compute the same bytes', () => {
  const node = nodeCryptoBackend(nodeCrypto)
  // Any UTF-16 string, lone surrogates included: both encode them as U+FFFD.
  const text = fc.string({ unit: 'binary', maxLength: 200 })

  test('HMAC-SHA1 and HMAC-SHA256 of random secrets and payloads', async () => {
    await fc.assert(
      fc.asyncProperty(
        text.filter((s) => s !== ''),
        text,
        fc.constantFrom('SHA-1' as const, 'SHA-256' as const),
        async (secret, payload, hash) => {
          const sync = node.hmacBase64(secret, hash, payload)
          expect(typeof sync).toBe('string')
          expect(await webCryptoBackend.hmacBase64(secret, hash, payload)).toBe(sync)
        },
      ),
      { numRuns: 500 },
    )
  })

  test('SHA-256 of random strings and bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, fc.uint8Array({ maxLength: 300 })), async (data) => {
        const input = typeof data === 'string' ? data : new Uint8Array(data)
        expect(await webCryptoBackend.sha256Hex(input)).toBe(node.sha256Hex(input))
      }),
      { numRuns: 300 },
    )
  })

  test('a known vector: RFC 2202 test case 2 (HMAC-SHA1, key "Jefe")', async () => {
    const expected = btoa(
      String.fromCharCode(
        ...'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79'.match(/../g)!.map((pair) => Number.parseInt(pair, 16)),
      ),
    )
    expect(node.hmacBase64('Jefe', 'SHA-1', 'what do ya want for nothing?')).toBe(expected)
    expect(await webCryptoBackend.hmacBase64('Jefe', 'SHA-1', 'what do ya want for nothing?')).toBe(expected)
  })
})
