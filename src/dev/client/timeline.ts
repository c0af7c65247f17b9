/**
 * The timeline: one list item per event, in order, in two lanes — what the caller hears and does
 * on the left, each webhook (method, URL, parameters, status, pretty TwiML, issues) on the right —
 * so the order of speech, requests and responses is the order on the page. A `role="log"` live
 * region: screen readers announce new lines.
 */
import type { HttpDetail, TimelineEntry } from '../protocol.js'
import type { Player } from './audio.js'
import { type Child, clock, el } from './dom.js'

function stamp(at: number): HTMLElement {
  return el('span', { class: 'at' }, clock(at))
}

function line(kind: string, entry: TimelineEntry, ...children: Child[]): HTMLLIElement {
  return el('li', { class: kind, 'data-type': entry.event.type }, stamp(entry.at), ...children)
}

function issues(detail: HttpDetail | undefined): HTMLElement | undefined {
  if (detail === undefined || detail.issues.length === 0) return undefined
  return el(
    'ul',
    { class: 'issues', 'aria-label': 'Problems' },
    ...detail.issues.map((issue) =>
      el(
        'li',
        { class: `issue-${issue.severity}` },
        el('strong', {}, issue.severity === 'error' ? 'Error' : 'Warning'),
        ': ',
        issue.path === undefined ? '' : `${issue.path}: `,
        issue.message,
        issue.code === undefined ? '' : ` (${issue.code})`,
      ),
    ),
  )
}

/** A webhook: method, URL, status, parameters (folded), the signature, pretty TwiML, issues. */
function webhook(
  entry: TimelineEntry,
  request: NonNullable<TimelineEntry['failed']>,
  callback: boolean,
): HTMLLIElement {
  const detail = entry.http
  const status = request.sent ? String(request.status) : 'not sent'
  const good = request.status !== undefined && request.status >= 200 && request.status < 300
  const params = Object.entries(request.params)
  const problem = (detail?.issues.some((i) => i.severity === 'error') ?? false) || (request.sent && !good)
  return el(
    'li',
    { class: `http ${callback ? 'callback' : 'request'}${problem ? ' problem' : ''}`, 'data-type': entry.event.type },
    el(
      'div',
      { class: 'head' },
      stamp(entry.at),
      el('span', { class: 'method' }, request.method),
      el('span', { class: 'url' }, request.url),
      el('span', { class: 'kind' }, request.kind),
      el(
        'span',
        {
          class: `status${request.sent ? (good ? '' : ' bad') : ' unsent'}`,
          title: request.sent
            ? 'HTTP status the app answered'
            : 'on another host: Twilio would send it, the console does not',
        },
        status,
      ),
    ),
    entry.event.type === 'error' ? el('p', { class: 'issue-error' }, entry.line) : undefined,
    issues(detail),
    el(
      'details',
      {},
      el('summary', {}, `Parameters (${params.length})`),
      el(
        'table',
        { class: 'params' },
        el('tbody', {}, ...params.map(([name, value]) => el('tr', {}, el('td', {}, name), el('td', {}, value)))),
      ),
      detail?.signature === undefined
        ? el('p', { class: 'muted' }, 'Unsigned')
        : el('p', { class: 'muted' }, 'X-Twilio-Signature: ', el('code', {}, detail.signature)),
    ),
    detail?.twiml !== undefined
      ? el('details', { open: true }, el('summary', {}, 'TwiML'), el('pre', { class: 'twiml' }, detail.twiml))
      : request.body !== undefined && request.body !== '' && !callback
        ? el('details', { open: true }, el('summary', {}, 'Response'), el('pre', { class: 'twiml' }, request.body))
        : undefined,
  )
}

/**
 * The app's Media Streams traffic comes a frame at a time: consecutive frames, marks and their
 * echoes share one line, updated as they come (`App sends 50 audio messages (1000 ms), 50 marks; 49 played`).
 */
let streamRun:
  | { item: HTMLLIElement; media: number; ms: number; marks: number; played: number; clears: number }
  | undefined

function streamLine(entry: TimelineEntry): HTMLLIElement | undefined {
  const event = entry.event
  const last = streamRun?.item
  // A new run unless the run's line is still the last of the timeline.
  const run =
    streamRun !== undefined && last?.isConnected && last.nextElementSibling === null
      ? streamRun
      : { item: line('stream', entry), media: 0, ms: 0, marks: 0, played: 0, clears: 0 }
  if (event.type === 'stream-media') {
    run.media++
    run.ms += event.bytes / 8
  } else if (event.type === 'stream-mark') run.marks++
  else if (event.type === 'stream-mark-played') run.played++
  else if (event.type === 'stream-clear') run.clears++
  const parts = [
    run.media === 0 ? '' : `${run.media} audio message${run.media === 1 ? '' : 's'} (${Math.round(run.ms)} ms)`,
    run.marks === 0 ? '' : `${run.marks} mark${run.marks === 1 ? '' : 's'}`,
    run.clears === 0 ? '' : 'clear',
  ].filter(Boolean)
  const text = [
    parts.length === 0 ? '' : `App sends ${parts.join(', ')}`,
    run.played === 0 ? '' : `${run.played} played`,
  ]
  run.item.replaceChildren(stamp(entry.at), el('span', { class: 'badge' }, 'Stream'), text.filter(Boolean).join('; '))
  const fresh = run !== streamRun
  streamRun = run
  return fresh ? run.item : undefined
}

/** The list item for an entry, queueing what it sounds like on `player`. */
export function render(entry: TimelineEntry, player: Player, audible: boolean): HTMLLIElement | undefined {
  const event = entry.event
  switch (event.type) {
    case 'relay-turn': {
      // What the agent says, as the caller hears it (Twilio speaks the app's text).
      const item = line(
        'say agent',
        entry,
        el('span', { class: 'badge' }, 'Agent'),
        el('span', { class: 'text' }, event.text),
        el(
          'span',
          { class: 'meta' },
          [event.greeting ? 'welcome greeting' : '', event.complete ? '' : 'cut short'].filter(Boolean).join(' · '),
        ),
      )
      if (audible) player.say(event.text, undefined, undefined, (on) => item.classList.toggle('speaking', on))
      return item
    }
    case 'stream-media':
    case 'stream-mark':
    case 'stream-mark-played':
    case 'stream-clear':
      return streamLine(entry)
    case 'request':
      return webhook(entry, event.request, false)
    case 'callback':
      return webhook(entry, event.request, true)
    case 'waiting':
      return line('wait', entry, `… ${entry.label ?? 'waiting'}`)
    case 'say': {
      const meta = [
        event.voice,
        event.language,
        event.loop === 1 ? '' : event.loop === 0 ? 'repeating' : `×${event.loop}`,
      ]
      const item = line(
        'say',
        entry,
        el('span', { class: 'badge' }, 'Say'),
        el('span', { class: 'text' }, event.text),
        el('span', { class: 'meta' }, meta.filter(Boolean).join(' · ')),
      )
      if (audible) player.say(event.text, event.voice, event.language, (on) => item.classList.toggle('speaking', on))
      return item
    }
    case 'play': {
      if (event.url === undefined) {
        if (audible && event.digits !== undefined) for (const key of event.digits) player.key(key)
        return line('play', entry, el('span', { class: 'badge' }, 'Play'), entry.line.replace(/^Play /, ''))
      }
      const audio = el('audio', { controls: true, preload: 'none', src: event.url })
      const why = el('span', { class: 'meta' })
      const item = line(
        'play',
        entry,
        el('span', { class: 'badge' }, 'Play'),
        el('a', { href: event.url, target: '_blank', rel: 'noreferrer' }, event.url),
        why,
        audio,
      )
      if (audible) {
        player.play(audio, (reason) => {
          why.textContent = reason
          audio.remove()
        })
      }
      return item
    }
    case 'pause': {
      const left = el('span', { class: 'countdown', 'aria-hidden': 'true' }, `${event.seconds} s`)
      if (audible) player.pause(event.seconds, (n) => (left.textContent = n === 0 ? 'done' : `${n} s left`))
      return line('pause', entry, el('span', { class: 'badge' }, 'Pause'), `${event.seconds} s`, left)
    }
    case 'record':
      if (audible && event.beep) player.beep()
      return line('record', entry, entry.line)
    case 'input':
    case 'recorded':
      return line('you', entry, entry.line)
    case 'error':
      return entry.failed === undefined ? line('problem', entry, entry.line) : webhook(entry, entry.failed, false)
    case 'warning':
      return line('warning', entry, entry.line)
    case 'end':
      return line('end', entry, entry.line)
    default:
      return entry.line === '' ? undefined : line('event', entry, entry.line)
  }
}
