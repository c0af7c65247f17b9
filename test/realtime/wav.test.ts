/**
 * WAV files as Media Streams audio: 8 kHz mono 16-bit PCM is encoded to μ-law, a μ-law WAV is
 * taken as is, and anything Media Streams cannot carry is refused with the reason.
 */
import { describe, expect, test } from 'vitest'
import { decodeMulaw, encodeMulaw, encodeWav, readWav, wavToMulaw } from '../../src/realtime/index.js'

/** A WAV file built chunk by chunk, for layouts `encodeWav` does not write. */
function riff(chunks: readonly [string, Uint8Array][]): Uint8Array {
  const size = chunks.reduce((sum, [, body]) => sum + 8 + body.length + (body.length % 2), 4)
  const out = new Uint8Array(8 + size)
  const view = new DataView(out.buffer)
  const ascii = (offset: number, text: string) => out.set(new TextEncoder().encode(text), offset)
  ascii(0, 'RIFF')
  view.setUint32(4, size, true)
  ascii(8, 'WAVE')
  let offset = 12
  for (const [id, body] of chunks) {
    ascii(offset, id)
    view.setUint32(offset + 4, body.length, true)
    out.set(body, offset + 8)
    offset += 8 + body.length + (body.length % 2)
  }
  return out
}

function fmt(code: number, channels: number, rate: number, bits: number, extensible?: number): Uint8Array {
  const body = new Uint8Array(extensible === undefined ? 16 : 40)
  const view = new DataView(body.buffer)
  view.setUint16(0, extensible === undefined ? code : 0xfffe, true)
  view.setUint16(2, channels, true)
  view.setUint32(4, rate, true)
  view.setUint32(8, (rate * channels * bits) / 8, true)
  view.setUint16(12, (channels * bits) / 8, true)
  view.setUint16(14, bits, true)
  if (extensible !== undefined) {
    view.setUint16(16, 22, true)
    view.setUint16(24, extensible, true)
  }
  return body
}

const pcmBytes = (samples: readonly number[]) => {
  const body = new Uint8Array(samples.length * 2)
  const view = new DataView(body.buffer)
  for (const [i, sample] of samples.entries()) view.setInt16(i * 2, sample, true)
  return body
}

describe('reading', () => {
  test('16-bit PCM: the samples, little-endian; wavToMulaw encodes them', () => {
    const samples = [0, 1000, -1000, 32767, -32768]
    const file = riff([
      ['fmt ', fmt(1, 1, 8000, 16)],
      ['data', pcmBytes(samples)],
    ])
    expect(readWav(file)).toEqual({
      encoding: 'pcm16',
      sampleRate: 8000,
      channels: 1,
      samples: Int16Array.from(samples),
    })
    expect(wavToMulaw(file)).toEqual(encodeMulaw(samples))
  })

  test('μ-law (format 7): the bytes as they are', () => {
    const bytes = Uint8Array.from([0xff, 0x7f, 0x00, 0x80, 0x12])
    const file = riff([
      ['fmt ', fmt(7, 1, 8000, 8)],
      ['data', bytes],
    ])
    expect(wavToMulaw(file)).toEqual(bytes)
  })

  test('other chunks (LIST, fact) and odd-length padding are skipped; WAVE_FORMAT_EXTENSIBLE reads its sub-format', () => {
    const file = riff([
      ['LIST', new Uint8Array([1, 2, 3])],
      ['fmt ', fmt(0, 1, 8000, 16, 1)],
      ['fact', new Uint8Array(4)],
      ['data', pcmBytes([5, -5])],
    ])
    expect(readWav(file).samples).toEqual(Int16Array.from([5, -5]))
  })

  test('a data length past the end of the file (a streamed writer) reads what is there', () => {
    const file = riff([
      ['fmt ', fmt(1, 1, 8000, 16)],
      ['data', pcmBytes([7, 8])],
    ])
    new DataView(file.buffer).setUint32(40, 0xffffffff, true)
    expect(readWav(file).samples).toEqual(Int16Array.from([7, 8]))
  })

  test('encodeWav writes what readWav reads, PCM and μ-law, 44 bytes of header', () => {
    const pcm = Int16Array.from([0, 12, -12, 300])
    expect(encodeWav(pcm).length).toBe(44 + 8)
    expect(readWav(encodeWav(pcm))).toEqual({ encoding: 'pcm16', sampleRate: 8000, channels: 1, samples: pcm })
    const mulaw = encodeMulaw(pcm)
    expect(readWav(encodeWav(mulaw))).toEqual({ encoding: 'mulaw', sampleRate: 8000, channels: 1, samples: mulaw })
    expect(decodeMulaw(wavToMulaw(encodeWav(mulaw)))).toEqual(decodeMulaw(mulaw))
  })
})

describe('refused, with the reason', () => {
  const cases: [string, Uint8Array, string][] = [
    [
      'not RIFF',
      new TextEncoder().encode('ID3 not a wave file'),
      'WAV: not a RIFF/WAVE file (it must start with "RIFF" and "WAVE")',
    ],
    ['no fmt', riff([['data', new Uint8Array(2)]]), 'WAV: no "fmt " chunk'],
    ['no data', riff([['fmt ', fmt(1, 1, 8000, 16)]]), 'WAV: no "data" chunk'],
    [
      '8-bit PCM',
      riff([
        ['fmt ', fmt(1, 1, 8000, 8)],
        ['data', new Uint8Array(2)],
      ]),
      'WAV: 8-bit PCM is not supported; give 16-bit PCM (format 1) or 8-bit μ-law (format 7)',
    ],
    [
      'IEEE float',
      riff([
        ['fmt ', fmt(3, 1, 8000, 32)],
        ['data', new Uint8Array(4)],
      ]),
      'WAV: format 3 is not supported; give 16-bit PCM (format 1) or 8-bit μ-law (format 7)',
    ],
  ]
  test.each(cases)('%s', (_, file, message) => {
    expect(() => wavToMulaw(file)).toThrow(new RangeError(message))
  })

  test('another sample rate, or stereo, is not Media Streams audio', () => {
    expect(() => wavToMulaw(encodeWav(new Int16Array(4), { sampleRate: 44100 }))).toThrow(
      'WAV: 44100 Hz; Media Streams audio is 8000 Hz (resample it first)',
    )
    const stereo = riff([
      ['fmt ', fmt(1, 2, 8000, 16)],
      ['data', new Uint8Array(8)],
    ])
    expect(() => wavToMulaw(stereo)).toThrow('WAV: 2 channels; Media Streams audio is mono')
  })
})
