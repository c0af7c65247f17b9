/**
 * HMAC and SHA-256 for the signature code, on the fastest implementation the runtime has.
 *
 * Web Crypto is everywhere, but on Node its `sign()` is an asynchronous job on libuv's thread pool:
 * about 40–50 µs per signature on Node 20, most of a webhook's cost. Where `node:crypto` can be had
 * without importing it — `getBuiltinModule('node:crypto')` of the process object on Node ≥ 20.16, Bun
 * and Deno —
 * its synchronous `createHmac` takes a few µs. workerd (and anything else) uses Web Crypto. Both
 * produce the same bytes for the same input: strings are UTF-8 encoded either way (lone surrogates
 * as U+FFFD), which the tests check on random input.
 */
import { toBase64, toHex, utf8 } from './bytes.js'
import { builtinModule } from './runtime.js'

/** The two hashes Twilio signs with: SHA-1 (Auth Token) and SHA-256 (shared keys). */
export type HashName = 'SHA-1' | 'SHA-256'

/** One implementation of the primitives. A result is a string where the runtime computes it synchronously. */
export interface HmacBackend {
  readonly name: 'node:crypto' | 'Web Crypto'
  /** Base64 HMAC of `payload` (UTF-8) keyed with `secret` (UTF-8). */
  hmacBase64(secret: string, hash: HashName, payload: string): string | Promise<string>
  /** Lower-case hex SHA-256 of `data` (a string is hashed as UTF-8). */
  sha256Hex(data: string | Uint8Array<ArrayBuffer>): string | Promise<string>
}

/** The part of `node:crypto` used here, typed by hand: src/ compiles without Node's types. */
export interface NodeCryptoLike {
  createHmac(
    algorithm: string,
    key: string | object,
  ): { update(data: string, encoding: 'utf8'): { digest(encoding: 'base64'): string } }
  createHash(algorithm: string): { update(data: string | Uint8Array): { digest(encoding: 'hex'): string } }
  /** A reusable key object; saves preparing the secret again for every signature. */
  createSecretKey?(key: string, encoding: 'utf8'): object
}

const NODE_ALGORITHM: Record<HashName, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256' }

// Preparing a key costs about as much as the HMAC itself, and a server signs with one or two secrets
// all its life: both backends keep their keys (a few; a cache starts over if it ever fills).
const KEYS_LIMIT = 16

/** The synchronous backend over a `node:crypto` module. */
export function nodeCryptoBackend(crypto: NodeCryptoLike): HmacBackend {
  const keys = new Map<string, string | object>()
  const keyFor = (secret: string) => {
    let key = keys.get(secret)
    if (key === undefined) {
      if (keys.size >= KEYS_LIMIT) keys.clear()
      key = crypto.createSecretKey?.(secret, 'utf8') ?? secret
      keys.set(secret, key)
    }
    return key
  }
  return {
    name: 'node:crypto',
    hmacBase64: (secret, hash, payload) =>
      crypto.createHmac(NODE_ALGORITHM[hash], keyFor(secret)).update(payload, 'utf8').digest('base64'),
    sha256Hex: (data) => crypto.createHash('sha256').update(data).digest('hex'),
  }
}

const importedKeys = new Map<string, Promise<CryptoKey>>()

function webCryptoKey(secret: string, hash: HashName): Promise<CryptoKey> {
  const id = `${hash}:${secret}`
  let key = importedKeys.get(id)
  if (key === undefined) {
    if (importedKeys.size >= KEYS_LIMIT) importedKeys.clear()
    key = crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash }, false, ['sign'])
    // A failed import must not be remembered.
    key.catch(() => importedKeys.delete(id))
    importedKeys.set(id, key)
  }
  return key
}

/** The Web Crypto backend (`crypto.subtle`), asynchronous, available on every runtime. */
export const webCryptoBackend: HmacBackend = {
  name: 'Web Crypto',
  async hmacBase64(secret, hash, payload) {
    const key = await webCryptoKey(secret, hash)
    return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(payload))))
  },
  async sha256Hex(data) {
    const bytes = typeof data === 'string' ? utf8(data) : data
    return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))
  },
}

function isNodeCrypto(module: unknown): module is NodeCryptoLike {
  const candidate = module as Partial<NodeCryptoLike> | undefined
  return typeof candidate?.createHmac === 'function' && typeof candidate.createHash === 'function'
}

/** The backend this runtime supports best: `node:crypto` through `getBuiltinModule`, else Web Crypto. */
export function detectHmacBackend(lookup: (id: string) => unknown = builtinModule): HmacBackend {
  const module = lookup('node:crypto')
  return isNodeCrypto(module) ? nodeCryptoBackend(module) : webCryptoBackend
}

let active: HmacBackend | undefined

/** The backend in use (detected on first use). */
export function hmacBackend(): HmacBackend {
  active ??= detectHmacBackend()
  return active
}

/**
 * Makes the signature code use `backend` (`undefined`: detect again). For tests, which run every
 * signature check on both backends; not part of the package's API.
 */
export function useHmacBackend(backend: HmacBackend | undefined): void {
  active = backend
}
