/**
 * WAV files for Media Streams: read a RIFF/WAVE file of 8 kHz mono audio (16-bit linear PCM or
 * G.711 μ-law) into the μ-law bytes a `media` message carries, and write one (for fixtures).
 * Anything else — another rate, stereo, 8-bit or float PCM — is refused with a clear error rather
 * than resampled: Twilio's `mediaFormat` is always `audio/x-mulaw`, 8000 Hz, 1 channel.
 *
 * @see https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
import { encodeMulaw, MULAW_SAMPLE_RATE } from './mulaw.js'

/** The two encodings Media Streams audio can come from. */
export type WavEncoding = 'pcm16' | 'mulaw'

/** A WAV file's audio, as read by {@link readWav}. */
export interface WavAudio {
  /** `pcm16`: 16-bit signed little-endian linear PCM (format 1); `mulaw`: G.711 μ-law (format 7). */
  readonly encoding: WavEncoding
  readonly sampleRate: number
  readonly channels: number
  /** The samples: `Int16Array` for `pcm16`, μ-law bytes for `mulaw`. */
  readonly samples: Int16Array | Uint8Array
}

const FORMAT_PCM = 1
const FORMAT_MULAW = 7
const FORMAT_EXTENSIBLE = 0xfffe

function fourCC(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!)
}

/**
 * Reads a WAV file: its `fmt ` and `data` chunks (other chunks are skipped).
 * @throws RangeError naming what is wrong: not RIFF/WAVE, a missing chunk, an encoding other than
 * 16-bit PCM or μ-law
 */
export function readWav(bytes: Uint8Array): WavAudio {
  if (bytes.length < 12 || fourCC(bytes, 0) !== 'RIFF' || fourCC(bytes, 8) !== 'WAVE') {
    throw new RangeError('WAV: not a RIFF/WAVE file (it must start with "RIFF" and "WAVE")')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let format: { code: number; channels: number; sampleRate: number; bits: number } | undefined
  let data: Uint8Array | undefined
  // Chunks: a four-letter id, a little-endian length, the body, padded to an even length.
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = fourCC(bytes, offset)
    const size = view.getUint32(offset + 4, true)
    const body = offset + 8
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new RangeError('WAV: the "fmt " chunk is too short')
      let code = view.getUint16(body, true)
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
      if (code === FORMAT_EXTENSIBLE && size >= 26 && body + 26 <= bytes.length) code = view.getUint16(body + 24, true)
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      }
    } else if (id === 'data') {
      // A writer that streamed the file may leave the length too large: take what is there.
      data = bytes.subarray(body, Math.min(body + size, bytes.length))
    }
    offset = body + size + (size % 2)
  }
  if (format === undefined) throw new RangeError('WAV: no "fmt " chunk')
  if (data === undefined) throw new RangeError('WAV: no "data" chunk')
  const { code, channels, sampleRate, bits } = format
  if (code === FORMAT_MULAW && bits === 8) return { encoding: 'mulaw', sampleRate, channels, samples: data }
  if (code === FORMAT_PCM && bits === 16) {
    const samples = new Int16Array(Math.floor(data.length / 2))
    const pcm = new DataView(data.buffer, data.byteOffset, data.byteLength)
    for (let index = 0; index < samples.length; index++) samples[index] = pcm.getInt16(index * 2, true)
    return { encoding: 'pcm16', sampleRate, channels, samples }
  }
  const what = code === FORMAT_PCM ? `${bits}-bit PCM` : code === FORMAT_MULAW ? `${bits}-bit μ-law` : `format ${code}`
  throw new RangeError(`WAV: ${what} is not supported; give 16-bit PCM (format 1) or 8-bit μ-law (format 7)`)
}

/**
 * A WAV file of 8 kHz mono audio as μ-law bytes, ready for `frames()`: μ-law is taken as is,
 * 16-bit PCM is encoded.
 * @throws RangeError for another sample rate or more than one channel (and whatever {@link readWav} refuses)
 */
export function wavToMulaw(bytes: Uint8Array): Uint8Array {
  const wav = readWav(bytes)
  if (wav.sampleRate !== MULAW_SAMPLE_RATE) {
    throw new RangeError(
      `WAV: ${wav.sampleRate} Hz; Media Streams audio is ${MULAW_SAMPLE_RATE} Hz (resample it first)`,
    )
  }
  if (wav.channels !== 1) throw new RangeError(`WAV: ${wav.channels} channels; Media Streams audio is mono`)
  return wav.encoding === 'mulaw' ? (wav.samples as Uint8Array) : encodeMulaw(wav.samples)
}

/**
 * Writes a WAV file (canonical 44-byte header): 16-bit PCM from an `Int16Array`, μ-law from
 * bytes. Default 8000 Hz, mono — what {@link wavToMulaw} reads.
 */
export function encodeWav(samples: Int16Array | Uint8Array, options: { sampleRate?: number } = {}): Uint8Array {
  const sampleRate = options.sampleRate ?? MULAW_SAMPLE_RATE
  const pcm = samples instanceof Int16Array
  const bytesPerSample = pcm ? 2 : 1
  const dataBytes = samples.length * bytesPerSample
  const out = new Uint8Array(44 + dataBytes + (dataBytes % 2))
  const view = new DataView(out.buffer)
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index++) out[offset + index] = text.charCodeAt(index)
  }
  ascii(0, 'RIFF')
  view.setUint32(4, out.length - 8, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, pcm ? FORMAT_PCM : FORMAT_MULAW, true)
  view.setUint16(22, 1, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * bytesPerSample, true)
  view.setUint16(32, bytesPerSample, true)
  view.setUint16(34, bytesPerSample * 8, true)
  ascii(36, 'data')
  view.setUint32(40, dataBytes, true)
  if (pcm) for (let index = 0; index < samples.length; index++) view.setInt16(44 + index * 2, samples[index]!, true)
  else out.set(samples, 44)
  return out
}
