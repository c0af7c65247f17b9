/**
 * μ-law (G.711) and 20 ms framing for Media Streams audio, and base64 as `media.payload` carries it.
 */
import fc from 'fast-check'
import {
  decodeBase64,
  decodeMulaw,
  decodeMulawSample,
  encodeBase64,
  encodeMulaw,
  encodeMulawSample,
  FRAME_BYTES,
  frames,
  MULAW_SILENCE,
  silence,
} from 'twiml-jsx/realtime'
import { describe, expect, test } from 'vitest'

describe('G.711 μ-law', () => {
  test('the standard code points: silence, the extremes, sign', () => {
    expect(encodeMulawSample(0)).toBe(0xff)
    expect(decodeMulawSample(0xff)).toBe(0)
    expect(decodeMulawSample(0x7f)).toBe(0) // "negative zero" reads as 0
    expect(decodeMulawSample(0x80)).toBe(32124)
    expect(decodeMulawSample(0x00)).toBe(-32124)
    expect(encodeMulawSample(32767)).toBe(0x80)
    expect(encodeMulawSample(-32768)).toBe(0x00)
    expect(encodeMulawSample(-1)).toBe(0x7f)
    expect(decodeMulawSample(0xfe)).toBe(8)
    expect(decodeMulawSample(0x7e)).toBe(-8)
  })

  test('every byte but 0x7F (the second zero) survives decode then encode', () => {
    for (let byte = 0; byte < 256; byte++) {
      if (byte !== 0x7f) expect(encodeMulawSample(decodeMulawSample(byte))).toBe(byte)
    }
    expect(encodeMulawSample(decodeMulawSample(0x7f))).toBe(0xff)
  })

  test('encode then decode keeps a sample within its quantisation step (about 1/16 of its size, at least 8)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -32635, max: 32635 }), (sample) => {
        const error = Math.abs(decodeMulawSample(encodeMulawSample(sample)) - sample)
        return error <= Math.max(8, Math.abs(sample) / 16)
      }),
      { numRuns: 5000 },
    )
  })

  test('encoding is monotonic: a louder sample never gets a quieter code', () => {
    let previous = decodeMulawSample(encodeMulawSample(-32768))
    for (let sample = -32767; sample <= 32767; sample += 7) {
      const level = decodeMulawSample(encodeMulawSample(sample))
      expect(level).toBeGreaterThanOrEqual(previous)
      previous = level
    }
  })

  test('arrays encode and decode sample by sample; out-of-range samples clip', () => {
    expect([...encodeMulaw([0, 1000, -1000, 99999, -99999])]).toEqual([
      0xff,
      encodeMulawSample(1000),
      encodeMulawSample(-1000),
      0x80,
      0x00,
    ])
    expect(decodeMulaw(new Uint8Array([0xff, 0x80, 0x00]))).toEqual(new Int16Array([0, 32124, -32124]))
  })
})

describe('framing', () => {
  test('20 ms at 8 kHz is 160 bytes; silence(ms) is that many 0xFF bytes', () => {
    expect(FRAME_BYTES).toBe(160)
    expect(silence(20)).toEqual(new Uint8Array(160).fill(MULAW_SILENCE))
    expect(silence(0).length).toBe(0)
    expect(silence(1000).length).toBe(8000)
    expect(() => silence(-1)).toThrow(RangeError)
  })

  test('frames() cuts 160-byte frames and pads the last one with silence', () => {
    const audio = Uint8Array.from({ length: 400 }, (_, i) => i % 256)
    const cut = frames(audio)
    expect(cut.map((frame) => frame.length)).toEqual([160, 160, 160])
    expect([...cut[2]!.subarray(0, 80)]).toEqual([...audio.subarray(320)])
    expect([...cut[2]!.subarray(80)]).toEqual(new Array(80).fill(0xff))
    expect(frames(audio, { pad: false }).map((frame) => frame.length)).toEqual([160, 160, 80])
    expect(frames(audio, { frameBytes: 100 }).length).toBe(4)
    expect(frames(new Uint8Array(0))).toEqual([])
    expect(() => frames(audio, { frameBytes: 0 })).toThrow(RangeError)
  })
})

describe('base64', () => {
  test('round-trips any bytes and matches the standard alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes)
      }),
    )
    expect(encodeBase64(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('+//+')
    expect(() => decodeBase64('not base64!')).toThrow(TypeError)
  })
})
