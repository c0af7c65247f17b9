/**
 * Audio for Media Streams: G.711 μ-law at 8 kHz, mono, in 20 ms frames of 160 bytes, carried as
 * base64 (Twilio's `mediaFormat` is always `audio/x-mulaw`, 8000 Hz, 1 channel).
 * Web APIs only (atob/btoa), so it runs on every runtime.
 *
 * @see https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
import { toBase64 } from '../webhook/bytes.js'

/** Samples per second of Media Streams audio. */
export const MULAW_SAMPLE_RATE = 8000
/** Length of one frame as Twilio sends them, in milliseconds. */
export const FRAME_MS = 20
/** Bytes (= samples) in one 20 ms frame. */
export const FRAME_BYTES = (MULAW_SAMPLE_RATE * FRAME_MS) / 1000
/** The μ-law byte for silence (linear 0). */
export const MULAW_SILENCE = 0xff

// G.711: add a bias of 0x84 (132) to the magnitude, clip so the sum fits in 15 bits, then store
// the position of the highest set bit (exponent, 3 bits) and the 4 bits after it (mantissa),
// everything inverted.
const BIAS = 0x84
const CLIP = 32635

/** One 16-bit linear PCM sample to its μ-law byte. */
export function encodeMulawSample(sample: number): number {
  const clamped = Math.max(-32768, Math.min(32767, Math.trunc(sample)))
  const sign = clamped < 0 ? 0x80 : 0
  const magnitude = Math.min(Math.abs(clamped), CLIP) + BIAS
  let exponent = 7
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f
  return ~(sign | (exponent << 4) | mantissa) & 0xff
}

/** One μ-law byte to its 16-bit linear PCM sample. */
export function decodeMulawSample(byte: number): number {
  const inverted = ~byte & 0xff
  const exponent = (inverted >> 4) & 0x07
  const magnitude = ((((inverted & 0x0f) << 3) + BIAS) << exponent) - BIAS
  // `0 - magnitude` rather than `-magnitude`: byte 0x7F is negative zero, which should read as 0.
  return inverted & 0x80 ? 0 - magnitude : magnitude
}

/** 16-bit linear PCM samples (8 kHz, mono) to μ-law bytes. */
export function encodeMulaw(pcm: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(pcm.length)
  for (let index = 0; index < pcm.length; index++) out[index] = encodeMulawSample(pcm[index]!)
  return out
}

/** μ-law bytes to 16-bit linear PCM samples. */
export function decodeMulaw(mulaw: ArrayLike<number>): Int16Array {
  const out = new Int16Array(mulaw.length)
  for (let index = 0; index < mulaw.length; index++) out[index] = decodeMulawSample(mulaw[index]!)
  return out
}

/** `ms` milliseconds of μ-law silence. */
export function silence(ms: number): Uint8Array {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`silence(${ms}): give a duration of 0 ms or more`)
  return new Uint8Array(Math.round((ms * MULAW_SAMPLE_RATE) / 1000)).fill(MULAW_SILENCE)
}

/**
 * Splits μ-law audio into frames of `frameBytes` (default 160 bytes = 20 ms, as Twilio sends
 * them). The last frame is padded with silence to full length unless `pad` is `false`.
 */
export function frames(mulaw: Uint8Array, options: { frameBytes?: number; pad?: boolean } = {}): Uint8Array[] {
  const size = options.frameBytes ?? FRAME_BYTES
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`frames(): frameBytes must be a whole number of at least 1, got ${size}`)
  const result: Uint8Array[] = []
  for (let offset = 0; offset < mulaw.length; offset += size) {
    const frame = mulaw.subarray(offset, offset + size)
    if (frame.length < size && options.pad !== false) {
      const padded = new Uint8Array(size).fill(MULAW_SILENCE)
      padded.set(frame)
      result.push(padded)
    } else result.push(frame)
  }
  return result
}

/** Bytes to standard (padded) base64, as `media.payload` carries them. */
export function encodeBase64(bytes: Uint8Array): string {
  return toBase64(bytes)
}

/** Standard base64 to bytes. @throws TypeError for text that is not base64 */
export function decodeBase64(text: string): Uint8Array {
  let binary: string
  try {
    binary = atob(text)
  } catch {
    throw new TypeError(`Not base64: ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`)
  }
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}
