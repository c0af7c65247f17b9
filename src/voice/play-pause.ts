/**
 * `<Play>` and `<Pause>`: audio files, DTMF tones and silence.
 *
 * @see https://www.twilio.com/docs/voice/twiml/play
 * @see https://www.twilio.com/docs/voice/twiml/pause
 */

import * as attr from '../attr.js'
import { defineElement, type TextChild } from '../node.js'
import { Response } from './response.js'

export interface PlayProps {
  /** URL of an audio file (MP3, WAV, ...) to play. Leave out when playing `digits`. */
  children?: TextChild
  /** How many times to play; `0` repeats until the call ends. Default 1. */
  loop?: number
  /** DTMF tones to play instead of a file: digits, `*`, `#`, and `w` for a half-second wait. */
  digits?: string
}

/**
 * Plays an audio file, or DTMF tones with `digits`.
 * @see https://www.twilio.com/docs/voice/twiml/play
 */
export const Play = defineElement<PlayProps>({
  tag: 'Play',
  verbOf: [Response],
  attributes: { loop: attr.integer(0, undefined, { default: 1 }), digits: attr.string() },
  children: { text: true },
})

export interface PauseProps {
  /** Seconds of silence. Default 1. */
  length?: number
  children?: never
}

/**
 * Waits silently; as the first verb it delays answering the call.
 * @see https://www.twilio.com/docs/voice/twiml/pause
 */
export const Pause = defineElement<PauseProps>({
  tag: 'Pause',
  verbOf: [Response],
  attributes: { length: attr.integer(1, undefined, { default: 1 }) },
})
