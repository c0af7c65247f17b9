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

/** The list item for an entry, queueing what it sounds like on `player`. */
export function render(entry: TimelineEntry, player: Player, audible: boolean): HTMLLIElement | undefined {
  const event = entry.event
  switch (event.type) {
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
