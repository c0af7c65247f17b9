/**
 * The controls for what the call waits for: a keypad and speech at a `<Gather>`, a row per dialed
 * party at a `<Dial>`, the conversation's end, a recording, a queue — and for any other wait the
 * simulator's own `inputChoices`. Every control sends `CallInput`s through the hub; none decides
 * anything itself.
 */
import type {
  BridgedWait,
  CallInput,
  DialWait,
  GatherWait,
  QueueWait,
  RecordWait,
  StreamWait,
  WaitingFor,
} from '../../testing/simulator/index.js'
import type { CallState } from '../protocol.js'
import type { Player } from './audio.js'
import { el } from './dom.js'

export interface Steering {
  send(inputs: readonly CallInput[]): void
  player: Player
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']

function button(label: string, onclick: () => void, props: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', onclick, ...props }, label)
}

function seconds(label: string, value: number, id: string): [HTMLLabelElement, () => number] {
  const input = el('input', { type: 'number', min: '0', step: '1', value: String(value), id })
  const read = () => {
    const n = Number(input.value)
    return Number.isFinite(n) && n >= 0 ? n : value
  }
  return [el('label', { class: 'inline', for: id }, label, input), read]
}

/** Seconds until the wait ends by itself (a timeout, a time limit), if it does. */
function remaining(waiting: WaitingFor, now: number): number | undefined {
  return waiting.deadline === undefined ? undefined : Math.max(0, waiting.deadline - now)
}

/** Keys typed at a Gather: sent when `numDigits` are in, on a `finishOnKey`, or with "Send keys". */
let typed = ''
let typedFor = -1

export function pressKey(waiting: GatherWait, key: string, s: Steering, show: (digits: string) => void): void {
  if (typedFor !== waiting.index) {
    typed = ''
    typedFor = waiting.index
  }
  s.player.key(key)
  if (waiting.finishOnKey.includes(key)) {
    const digits = typed + key
    typed = ''
    show('')
    s.send([{ kind: 'press', digits }])
    return
  }
  typed += key
  show(typed)
  if (waiting.numDigits !== undefined && typed.length >= waiting.numDigits) {
    const digits = typed
    typed = ''
    s.send([{ kind: 'press', digits }])
  }
}

function gather(waiting: GatherWait, s: Steering): HTMLElement[] {
  const parts: HTMLElement[] = []
  if (waiting.input.includes('dtmf')) {
    const display = el('output', { class: 'digits', 'aria-label': 'Keys typed' })
    const show = (digits: string) => (display.textContent = digits)
    parts.push(
      el('h3', {}, waiting.numDigits === 1 ? 'Press a key' : 'Press keys'),
      el(
        'div',
        { class: 'keypad', role: 'group', 'aria-label': 'Keypad' },
        ...KEYS.map((key) => button(key, () => pressKey(waiting, key, s, show))),
      ),
    )
    if (waiting.numDigits !== 1) {
      parts.push(
        display,
        button('Send keys', () => {
          const digits = typed
          typed = ''
          show('')
          if (digits !== '') s.send([{ kind: 'press', digits }])
        }),
      )
    }
  }
  if (waiting.input.includes('speech')) {
    const field = el('input', {
      id: 'speech',
      autocomplete: 'off',
      placeholder: waiting.hints[0] ?? 'what the caller says',
    })
    const form = el(
      'form',
      {
        class: 'inline',
        onsubmit: (event) => {
          event.preventDefault()
          const text = field.value.trim()
          if (text !== '') s.send([{ kind: 'speak', text }])
        },
      },
      el('label', { for: 'speech', class: 'inline' }, 'Speech', field),
      el('button', { type: 'submit' }, 'Say it'),
    )
    parts.push(el('h3', {}, 'Or speak'), form)
    const Recognition =
      (globalThis as { SpeechRecognition?: new () => SpeechRecognitionLike }).SpeechRecognition ??
      (globalThis as { webkitSpeechRecognition?: new () => SpeechRecognitionLike }).webkitSpeechRecognition
    if (Recognition !== undefined) {
      const status = el('span', { class: 'meta', role: 'status' })
      parts.push(
        el(
          'div',
          { class: 'inline' },
          button('Speak into the microphone', () => {
            const recognition = new Recognition()
            recognition.lang = waiting.language
            recognition.onresult = (event) => {
              const text = event.results[0]?.[0]?.transcript ?? ''
              field.value = text
              status.textContent = ''
              if (text !== '') s.send([{ kind: 'speak', text }])
            }
            recognition.onerror = (event) => (status.textContent = `speech recognition failed: ${event.error}`)
            status.textContent = 'listening…'
            recognition.start()
          }),
          status,
        ),
      )
    }
    if (waiting.hints.length > 0) {
      parts.push(
        el(
          'div',
          { class: 'choices', role: 'group', 'aria-label': 'Expected phrases' },
          ...waiting.hints.map((hint) =>
            button(`“${hint}”`, () => s.send([{ kind: 'speak', text: hint }]), { 'aria-label': `Say ${hint}` }),
          ),
        ),
      )
    }
  }
  parts.push(button(`Silence (times out after ${waiting.timeout} s)`, () => s.send([{ kind: 'silence' }])))
  return parts
}

/** The Web Speech API's recognizer, as far as the console uses it. */
interface SpeechRecognitionLike {
  lang: string
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null
  onerror: ((event: { error: string }) => void) | null
  start(): void
}

function dial(waiting: DialWait, now: number, s: Steering): HTMLElement[] {
  const parts: HTMLElement[] = [el('h3', {}, waiting.sequential ? 'Dialing, one after another' : 'Dialing')]
  for (const party of waiting.parties) {
    const row = el('div', { class: 'party', 'data-party': String(party.index) })
    row.append(el('div', {}, el('span', { class: 'who' }, party.target), el('span', { class: 'state' }, party.state)))
    if (party.state === 'ringing') {
      const who = party.target.replace(/\?.*$/, '')
      const decline = (status: 'busy' | 'no-answer' | 'failed') => () =>
        s.send([{ kind: 'decline', party: party.index, status }])
      const buttons = el(
        'div',
        { class: 'choices' },
        button('Answer', () => s.send([{ kind: 'answer', party: party.index }]), { 'aria-label': `Answer ${who}` }),
        party.machineDetection === undefined
          ? undefined
          : button(
              'Machine answers',
              () => s.send([{ kind: 'answer', party: party.index, answeredBy: 'machine_end_beep' }]),
              {
                'aria-label': `A machine answers ${who}`,
              },
            ),
        button('Busy', decline('busy'), { 'aria-label': `${who} is busy` }),
        button('No answer', decline('no-answer'), { 'aria-label': `${who} does not answer` }),
        button('Failed', decline('failed'), { 'aria-label': `${who} fails` }),
      )
      row.append(buttons)
      if (party.noun === 'Sip') {
        const id = `sip-code-${party.index}`
        const code = el('input', { type: 'number', min: '100', max: '699', value: '486', id })
        row.append(
          el(
            'div',
            { class: 'inline' },
            el('label', { for: id, class: 'inline' }, 'SIP code', code),
            button(
              'Send',
              () => {
                const n = Number(code.value)
                if (Number.isInteger(n) && n >= 100 && n <= 699)
                  s.send([{ kind: 'decline', party: party.index, sipResponseCode: n }])
              },
              { 'aria-label': `${who} answers with the SIP code` },
            ),
          ),
        )
      }
    }
    parts.push(row)
  }
  const left = remaining(waiting, now)
  if (left !== undefined)
    parts.push(button(`Let it ring (${left} s to the timeout)`, () => s.send([{ kind: 'advance', seconds: left }])))
  return parts
}

function bridged(waiting: BridgedWait, now: number, s: Steering): HTMLElement[] {
  const left = remaining(waiting, now)
  const [talk, read] = seconds('Talk for', Math.min(30, left ?? 30), 'talk-seconds')
  const end = (leg: 'caller' | 'callee') => () => {
    const n = read()
    // Past the time limit the conversation ends there, by itself.
    if (left !== undefined && n >= left) s.send([{ kind: 'advance', seconds: left }])
    else
      s.send(
        n > 0
          ? [
              { kind: 'advance', seconds: n },
              { kind: 'hangup', leg },
            ]
          : [{ kind: 'hangup', leg }],
      )
  }
  const parts: (HTMLElement | undefined)[] = [
    el('h3', {}, `Talking to ${waiting.party.target.replace(/\?.*$/, '')}`),
    el('div', { class: 'inline' }, talk, el('span', { class: 'meta' }, 'seconds')),
    el(
      'div',
      { class: 'choices' },
      button('Callee hangs up', end('callee')),
      button('Caller hangs up', end('caller')),
      waiting.hangupOnStar
        ? button('Press * (leave the call)', () => s.send([{ kind: 'press', digits: '*' }]))
        : undefined,
    ),
  ]
  return parts.filter((part): part is HTMLElement => part !== undefined)
}

function record(waiting: RecordWait, s: Steering): HTMLElement[] {
  const [length, read] = seconds('Record for', Math.min(10, waiting.maxLength), 'record-seconds')
  const transcription = el('input', {
    id: 'transcription',
    autocomplete: 'off',
    placeholder: 'what the recording says',
  })
  const text = () =>
    waiting.transcribe && transcription.value.trim() !== '' ? { transcription: transcription.value.trim() } : {}
  const parts: (HTMLElement | undefined)[] = [
    el('h3', {}, `Recording (at most ${waiting.maxLength} s)`),
    el('div', { class: 'inline' }, length, el('span', { class: 'meta' }, 'seconds')),
    waiting.transcribe ? el('label', { for: 'transcription' }, 'Transcription', transcription) : undefined,
    el(
      'div',
      { class: 'choices' },
      ...[...waiting.finishOnKey].map((key) =>
        button(`End with ${key}`, () => {
          s.player.key(key)
          s.send([{ kind: 'record', seconds: read(), key, ...text() }])
        }),
      ),
      button('Go quiet (timeout)', () => s.send([{ kind: 'record', seconds: read(), ...text() }])),
      button('Hang up after it', () => s.send([{ kind: 'record', seconds: read(), hangup: true, ...text() }])),
      button('Record nothing', () => s.send([{ kind: 'silence' }])),
    ),
  ]
  return parts.filter((part): part is HTMLElement => part !== undefined)
}

function queue(waiting: QueueWait, now: number, s: Steering): HTMLElement[] {
  const left = remaining(waiting, now)
  return [
    el('h3', {}, `In queue ${waiting.queue} (position ${waiting.position}, ${waiting.queueTime} s so far)`),
    el(
      'div',
      { class: 'choices' },
      button('Agent answers (bridge)', () => s.send([{ kind: 'queue-result', result: 'bridged' }])),
      left === undefined
        ? undefined
        : button(`Keep waiting (${left} s)`, () => s.send([{ kind: 'advance', seconds: left }])),
      button('Queue full', () => s.send([{ kind: 'queue-result', result: 'queue-full' }])),
      button('Queue error', () => s.send([{ kind: 'queue-result', result: 'error' }])),
    ),
  ]
}

/** A file's bytes as base64 (the `wav` of an `audio` input). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** A Media Stream: the caller's audio (silence, or a WAV file), keys, and time for the app's audio to play. */
function stream(waiting: StreamWait, now: number, s: Steering): HTMLElement[] {
  const [silence, read] = seconds('Silence, ms', 1000, 'silence-ms')
  const wav = el('input', {
    type: 'file',
    id: 'wav-file',
    accept: '.wav,audio/wav,audio/x-wav',
    onchange: async () => {
      const file = wav.files?.[0]
      if (file !== undefined) s.send([{ kind: 'audio', wav: await base64Of(file) }])
    },
  })
  const left = remaining(waiting, now)
  const marks = waiting.pendingMarks.length
  const parts: (HTMLElement | undefined)[] = [
    el('h3', {}, `Streaming${waiting.name === undefined ? '' : ` (${waiting.name})`}`),
    el(
      'p',
      { class: 'meta' },
      `${waiting.framesSent} frames sent · ${waiting.bufferedMs} ms of the app's audio to play · ${marks} mark${marks === 1 ? '' : 's'} pending`,
    ),
    el(
      'div',
      { class: 'inline' },
      silence,
      button('Send silence', () => s.send([{ kind: 'audio', silenceMs: read() }])),
    ),
    el('label', { for: 'wav-file' }, 'Or send a WAV file (8 kHz mono, 16-bit PCM or μ-law)', wav),
    el(
      'div',
      { class: 'keypad', role: 'group', 'aria-label': 'Keypad' },
      ...KEYS.map((key) =>
        button(key, () => {
          s.player.key(key)
          s.send([{ kind: 'press', digits: key }])
        }),
      ),
    ),
    left === undefined
      ? undefined
      : button(`Let the audio play (${Math.round(left * 1000)} ms to the next mark)`, () =>
          s.send([{ kind: 'advance', seconds: left }]),
        ),
  ]
  return parts.filter((part): part is HTMLElement => part !== undefined)
}

/** How a generic choice reads on its button. */
export function choiceLabel(input: CallInput): string {
  switch (input.kind) {
    case 'press':
      return `Press ${input.digits}`
    case 'speak':
      return `Say “${input.text}”`
    case 'silence':
      return 'Silence'
    case 'hangup':
      return input.leg === 'callee' ? 'Callee hangs up' : 'Caller hangs up'
    case 'advance':
      return `Wait ${input.seconds} s`
    case 'answer':
      return `Answer ${input.party ?? ''}`.trim()
    case 'decline':
      return `${input.status ?? 'busy'} ${input.party ?? ''}`.trim()
    case 'record':
      return `Record ${input.seconds} s${input.key ? `, end with ${input.key}` : ''}`
    case 'queue-result':
      return `Queue: ${input.result}`
    case 'participant':
      return `A participant ${input.action === 'join' ? 'joins' : 'leaves'}`
    case 'pay':
      return `Payment: ${input.result}`
    case 'refer':
      return `Transfer: ${input.status}`
    case 'interrupt':
      return input.text === undefined ? 'Interrupt the agent' : `Interrupt: “${input.text}”`
    case 'audio':
      return 'silenceMs' in input ? `Send ${input.silenceMs} ms of silence` : 'Send audio'
  }
}

function generic(state: CallState, s: Steering): HTMLElement[] {
  return [
    el(
      'div',
      { class: 'choices' },
      ...state.choices
        .filter((choice) => !(choice.kind === 'hangup' && choice.leg === undefined))
        .map((choice) => button(choiceLabel(choice), () => s.send([choice]))),
    ),
  ]
}

/** Controls for the state's wait (nothing once the call has ended). */
export function controls(state: CallState, s: Steering): HTMLElement[] {
  const waiting = state.waiting
  if (state.ended || waiting === undefined) return []
  const parts =
    waiting.kind === 'gather'
      ? gather(waiting, s)
      : waiting.kind === 'dial'
        ? dial(waiting, state.now, s)
        : waiting.kind === 'bridged'
          ? bridged(waiting, state.now, s)
          : waiting.kind === 'record'
            ? record(waiting, s)
            : waiting.kind === 'queue'
              ? queue(waiting, state.now, s)
              : waiting.kind === 'stream'
                ? stream(waiting, state.now, s)
                : waiting.kind === 'relay'
                  ? [el('p', { class: 'meta' }, 'The caller talks to the agent in the chat view.')]
                  : generic(state, s)
  if (waiting.leg === 'callee') parts.unshift(el('p', { class: 'meta' }, 'The dialed party’s turn (call screening):'))
  const [pass, read] = seconds('Let time pass', 5, 'advance-seconds')
  parts.push(
    el(
      'details',
      {},
      el('summary', {}, 'More'),
      el(
        'div',
        { class: 'inline' },
        pass,
        button('Wait', () => s.send([{ kind: 'advance', seconds: read() }])),
      ),
    ),
  )
  return parts
}
