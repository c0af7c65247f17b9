/**
 * What the caller hears, in order: `<Say>` through the browser's speech synthesis, `<Play>` through
 * an audio element (or the URL shown when it cannot be reached), `<Pause>` as a countdown, the
 * Record beep and DTMF keys as Web Audio tones. The timeline shows everything at once; this plays it
 * one item after another, and stops when the caller moves on (their input ends what was playing).
 */
import { sayLanguage, voiceFor } from './voices.js'

type Item = (signal: { stopped: boolean }) => Promise<void>

/** DTMF: each key is a low (row) and a high (column) tone, ITU-T Q.23. */
const DTMF: Record<string, [number, number]> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  '*': [941, 1209],
  '0': [941, 1336],
  '#': [941, 1477],
}

function wait(ms: number, signal: { stopped: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now()
    const tick = () => (signal.stopped || Date.now() - started >= ms ? resolve() : setTimeout(tick, 50))
    tick()
  })
}

export class Player {
  muted = false
  private readonly queue: Item[] = []
  private playing = false
  private signal = { stopped: false }
  private context: AudioContext | undefined
  private readonly stops = new Set<() => void>()

  /** Speaks `text`; resolves when it has been said (or cannot be). `onStart`/`onEnd` mark the line. */
  say(text: string, voice: string | undefined, language: string | undefined, mark: (speaking: boolean) => void): void {
    this.add(async (signal) => {
      const synth = globalThis.speechSynthesis
      if (this.muted || synth === undefined || text === '') return
      const utterance = new SpeechSynthesisUtterance(text)
      utterance.lang = sayLanguage(voice, language)
      const chosen = voiceFor(utterance.lang, synth.getVoices())
      if (chosen !== undefined) utterance.voice = chosen
      mark(true)
      const done = new Promise<void>((resolve) => {
        utterance.onend = () => resolve()
        utterance.onerror = () => resolve()
      })
      synth.speak(utterance)
      this.stops.add(() => synth.cancel())
      // Without voices (a headless browser) the end never comes: a reading-speed bound.
      await Promise.race([done, wait(Math.min(20_000, 800 + text.length * 65), signal)])
      mark(false)
    })
  }

  /** Plays `audio` (already in the timeline); resolves when it ends or fails, telling `failed`. */
  play(audio: HTMLAudioElement, failed: (why: string) => void): void {
    this.add(async (signal) => {
      if (this.muted) return
      const ended = new Promise<void>((resolve) => {
        audio.onended = () => resolve()
        audio.onerror = () => {
          failed('could not be played (unreachable or not audio)')
          resolve()
        }
      })
      this.stops.add(() => audio.pause())
      try {
        await audio.play()
      } catch {
        failed('could not be played (unreachable or not audio)')
        return
      }
      while (!signal.stopped && !audio.ended && !audio.paused) await Promise.race([ended, wait(250, signal)])
    })
  }

  /** Counts `seconds` down in `show` (virtual seconds, played in real time). */
  pause(seconds: number, show: (left: number) => void): void {
    this.add(async (signal) => {
      const started = Date.now()
      for (;;) {
        const left = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000))
        show(left)
        if (left === 0 || signal.stopped) return
        await wait(200, signal)
      }
    })
  }

  /** The beep before a `<Record>`. */
  beep(): void {
    this.add(async (signal) => {
      this.tone([1000], 350)
      await wait(400, signal)
    })
  }

  /** A key's tone, now (the caller pressed it). */
  key(key: string): void {
    const pair = DTMF[key]
    if (pair !== undefined) this.tone(pair, 160)
  }

  /** The caller moved on: stop what plays and forget what was queued. */
  stop(): void {
    this.queue.length = 0
    this.signal.stopped = true
    this.signal = { stopped: false }
    for (const stop of this.stops) stop()
    this.stops.clear()
  }

  private tone(frequencies: readonly number[], ms: number): void {
    if (this.muted || typeof AudioContext === 'undefined') return
    this.context ??= new AudioContext()
    const context = this.context
    const gain = context.createGain()
    gain.gain.value = 0.12
    gain.connect(context.destination)
    const end = context.currentTime + ms / 1000
    for (const frequency of frequencies) {
      const oscillator = context.createOscillator()
      oscillator.frequency.value = frequency
      oscillator.connect(gain)
      oscillator.start()
      oscillator.stop(end)
    }
  }

  private add(item: Item): void {
    this.queue.push(item)
    if (!this.playing) void this.run()
  }

  private async run(): Promise<void> {
    this.playing = true
    for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) {
      const signal = this.signal
      try {
        await item(signal)
      } catch {
        // A media failure is shown where it happened; the rest still plays.
      }
    }
    this.playing = false
  }
}
