/**
 * The waits of a realtime session — `<Connect><ConversationRelay>` and `<Connect><Stream>` — and
 * the inputs only they take. Plain data like every wait, so a UI can show the session and send the
 * caller's turns back, and an explorer can store them.
 */
import type { CallInput, WaitBase } from './waiting.js'

/** What may cut the agent's speech short (`interruptible` / `welcomeGreetingInterruptible`). */
export type RelayInterruptible = 'none' | 'dtmf' | 'speech' | 'any'

/**
 * A ConversationRelay session waiting for the caller's next turn: speech (`speak`, sent as a
 * `prompt`), keys (`press`, sent as `dtmf` with `dtmfDetection`), talking over the agent
 * (`interrupt`), time passing or a hang-up. The app ending the session (`end`) or closing its
 * socket ends the wait by itself.
 */
export interface RelayWait extends WaitBase {
  readonly kind: 'relay'
  /** The socket URL, as the TwiML names it. */
  readonly url: string
  /** `VX…`, as sent in `setup`. */
  readonly sessionId: string
  /** Keys reach the app as `dtmf` messages (`dtmfDetection`). */
  readonly dtmfDetection: boolean
  /** The caller's speech is also sent word by word as partial prompts (`partialPrompts`). */
  readonly partialPrompts: boolean
  /** What may interrupt the agent's current speech. */
  readonly interruptible: RelayInterruptible
  /** The language of the next prompt (`lang`): the transcription language, switched by `language` messages. */
  readonly language: string
  /** Words the app expects to hear (`hints`), for a UI's suggestions. */
  readonly hints: readonly string[]
  /** What the agent has said since the caller's last turn (what an `interrupt` cuts short), if anything. */
  readonly agentSpeech?: string
  /** The caller's turns so far in this session. */
  readonly turns: number
}

/**
 * A bidirectional Media Stream: the caller's audio (`audio`), keys (`press`, sent as `dtmf`), time
 * passing (the app's buffered audio plays and its marks come back: the deadline is the next mark
 * due) or a hang-up (`stop`). The app closing its socket ends the wait by itself.
 */
export interface StreamWait extends WaitBase {
  readonly kind: 'stream'
  /** The socket URL, as the TwiML names it. */
  readonly url: string
  /** `MZ…`, as sent in `start`. */
  readonly streamSid: string
  /** `<Stream name>`, if given. */
  readonly name?: string
  /** 20 ms frames of the caller's audio sent so far. */
  readonly framesSent: number
  /** Milliseconds of the app's audio still to play (buffered, not yet played). */
  readonly bufferedMs: number
  /** Marks the app sent whose audio has not played yet, in order: each comes back when it has. */
  readonly pendingMarks: readonly string[]
}

/** The inputs only a realtime session takes (members of {@link CallInput}). */
export type RealtimeInput =
  /**
   * The caller talks over the agent (ConversationRelay): an `interrupt` with what had been said
   * of the agent's speech; `text`, if given, is what the caller says (a prompt follows).
   */
  | { readonly kind: 'interrupt'; readonly text?: string }
  /** The caller's audio (Media Streams): `silenceMs` of silence, as 20 ms μ-law frames. */
  | { readonly kind: 'audio'; readonly silenceMs: number }
  /** The caller's audio (Media Streams): a WAV file (8 kHz mono, 16-bit PCM or μ-law), base64. */
  | { readonly kind: 'audio'; readonly wav: string }

/** The inputs that cover a realtime wait, in a fixed order (see `inputChoices`). */
export function realtimeChoices(waiting: RelayWait | StreamWait): CallInput[] {
  const choices: CallInput[] = []
  if (waiting.kind === 'relay') {
    const phrases = waiting.hints.length > 0 ? waiting.hints : ['hello']
    for (const text of phrases) choices.push({ kind: 'speak', text })
    if (waiting.dtmfDetection) choices.push({ kind: 'press', digits: '1' })
    if (waiting.agentSpeech !== undefined && interruptsBySpeech(waiting.interruptible)) {
      choices.push({ kind: 'interrupt' })
    }
  } else {
    choices.push({ kind: 'audio', silenceMs: 1000 })
    choices.push({ kind: 'press', digits: '1' })
    if (waiting.deadline !== undefined) {
      choices.push({ kind: 'advance', seconds: Math.max(0, waiting.deadline - waiting.since) })
    }
  }
  return choices
}

/** Whether speech may interrupt the agent under this `interruptible` setting. */
export function interruptsBySpeech(interruptible: RelayInterruptible): boolean {
  return interruptible === 'speech' || interruptible === 'any'
}

/** The "… waiting" line of a realtime wait. */
export function describeRealtimeWait(waiting: RelayWait | StreamWait): string {
  if (waiting.kind === 'relay') return "waiting for the caller's turn (ConversationRelay)"
  const marks = waiting.pendingMarks.length
  return `waiting: streaming (Media Streams)${marks > 0 ? `, ${marks} mark${marks === 1 ? '' : 's'} to play` : ''}`
}
