/**
 * Byte and text helpers on Web APIs only (TextEncoder, btoa), so the signature code runs on Node,
 * Deno, Bun and edge runtimes alike.
 */

const encoder = new TextEncoder()

/** UTF-8 bytes of `text`; lone surrogates become U+FFFD, as every UTF-8 encoder does. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text)
}

/** Standard base64 (with padding) of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Lower-case hexadecimal of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/**
 * Compares a received value with the expected one in time that depends only on the expected
 * value's length, so a forger learns nothing from how long a rejection takes. The expected value's
 * length is public (it is fixed by the algorithm).
 */
export function timingSafeEqual(received: string, expected: string): boolean {
  let difference = received.length ^ expected.length
  for (let index = 0; index < expected.length; index++) {
    // charCodeAt past the end is NaN, which `| 0` turns into 0; the length check above already failed.
    difference |= (received.charCodeAt(index) | 0) ^ expected.charCodeAt(index)
  }
  return difference === 0
}
