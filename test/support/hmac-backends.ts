/**
 * The two HMAC implementations the signature code runs on (node:crypto where the runtime offers it,
 * Web Crypto elsewhere). Signature tests run once on each, so both give the same verdicts.
 */
import nodeCrypto from 'node:crypto'
import { afterAll, beforeAll, describe } from 'vitest'
import { type HmacBackend, nodeCryptoBackend, useHmacBackend, webCryptoBackend } from '../../src/webhook/hmac.js'

export const HMAC_BACKENDS: readonly HmacBackend[] = [nodeCryptoBackend(nodeCrypto), webCryptoBackend]

/** `describe(name)` once per backend, with the signature code switched to that backend inside. */
export function describeEachHmacBackend(name: string, body: (backend: HmacBackend) => void): void {
  for (const backend of HMAC_BACKENDS) {
    describe(`${name} [${backend.name}]`, () => {
      beforeAll(() => useHmacBackend(backend))
      afterAll(() => useHmacBackend(undefined))
      body(backend)
    })
  }
}
