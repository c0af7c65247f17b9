/**
 * The chat view of a ConversationRelay call (a panel beside the timeline, shown once a session
 * starts): the caller's turns and the agent's replies as a conversation. The agent's `text` tokens
 * appear one by one as they stream in and close into a turn at `last: true`; keys, interrupts, what
 * the agent plays, sends or switches, and the end of the session with its handoff data are notes
 * between the bubbles. The caller types a turn (a `prompt`), presses keys (`dtmf`, with
 * `dtmfDetection`) or interrupts the agent — every input goes through the hub, as the phone's do.
 */
import type { CallEvent, RelayWait } from '../../testing/simulator/index.js'
import type { CallState, TimelineEntry } from '../protocol.js'
import { type Child, clock, el } from './dom.js'
import type { Panel, PanelContext } from './panels.js'

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']

/** `{"reasonCode":"x"}` shown indented when it is JSON, as it is otherwise. */
function handoffText(data: string): string {
  try {
    return JSON.stringify(JSON.parse(data), null, 2)
  } catch {
    return data
  }
}

function canInterrupt(waiting: RelayWait): boolean {
  return waiting.agentSpeech !== undefined && (waiting.interruptible === 'speech' || waiting.interruptible === 'any')
}

function mount(section: HTMLElement, { hub, player }: PanelContext): void {
  section.hidden = true
  section.classList.add('chat-panel')
  const log = el('ol', { class: 'chat', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' })
  const field = el('input', { id: 'chat-text', autocomplete: 'off', placeholder: 'What the caller says' })
  const send = el('button', { type: 'submit' }, 'Send')
  const interrupt = el(
    'button',
    {
      type: 'button',
      'aria-label': 'Interrupt the agent',
      title: 'Talk over the agent: an interrupt, then what you typed (if anything) as a prompt',
      onclick: () => {
        const text = field.value.trim()
        field.value = ''
        void hub.send([text === '' ? { kind: 'interrupt' } : { kind: 'interrupt', text }])
      },
    },
    'Interrupt',
  )
  const form = el(
    'form',
    {
      class: 'chat-compose',
      onsubmit: (event) => {
        event.preventDefault()
        const text = field.value.trim()
        if (text === '') return
        field.value = ''
        void hub.send([{ kind: 'speak', text }])
      },
    },
    el('label', { for: 'chat-text' }, 'The caller says'),
    el('div', { class: 'inline' }, field, send, interrupt),
  )
  const keys = el(
    'div',
    { class: 'chat-keys', role: 'group', 'aria-label': 'Chat keypad' },
    ...KEYS.map((key) =>
      el(
        'button',
        {
          type: 'button',
          'aria-label': `Key ${key}`,
          onclick: () => {
            player.key(key)
            void hub.send([{ kind: 'press', digits: key }])
          },
        },
        key,
      ),
    ),
  )
  section.append(log, form, keys)

  /** The agent's turn being streamed: its bubble and where its tokens go. */
  let streaming: { item: HTMLLIElement; text: HTMLElement } | undefined
  let inSession = false
  /** The chat field was focused at this session's turn already. */
  let focused = false

  const add = (item: HTMLLIElement) => {
    log.append(item)
    item.scrollIntoView({ block: 'nearest' })
    return item
  }
  const note = (entry: TimelineEntry, kind: string, ...children: Child[]) =>
    add(el('li', { class: `chat-note ${kind}`, 'data-type': entry.event.type }, ...children))
  const bubble = (entry: TimelineEntry, who: 'agent' | 'caller', ...children: Child[]) =>
    add(
      el(
        'li',
        { class: `bubble ${who}`, 'data-type': entry.event.type },
        el('span', { class: 'who' }, who === 'agent' ? 'Agent' : 'Caller'),
        el('span', { class: 'at' }, clock(entry.at)),
        ...children,
      ),
    )

  function show(entry: TimelineEntry): void {
    const event: CallEvent = entry.event
    if (event.type === 'session-start' && event.protocol === 'conversation-relay') {
      inSession = true
      section.hidden = false
      note(entry, 'session', entry.line)
      return
    }
    if (!inSession) return
    switch (event.type) {
      case 'relay-text': {
        if (streaming === undefined) {
          const text = el('span', { class: 'text' })
          streaming = { item: bubble(entry, 'agent', text), text }
          streaming.item.classList.add('streaming')
        }
        streaming.text.append(el('span', { class: 'token' }, event.token))
        streaming.item.scrollIntoView({ block: 'nearest' })
        return
      }
      case 'relay-turn': {
        const item =
          streaming?.item ??
          bubble(entry, 'agent', el('span', { class: 'text' }, el('span', { class: 'token' }, event.text)))
        streaming = undefined
        item.classList.remove('streaming')
        if (event.greeting) item.append(el('span', { class: 'meta' }, 'welcome greeting'))
        if (!event.complete) {
          item.classList.add('cut')
          item.append(el('span', { class: 'meta' }, 'cut short'))
        }
        return
      }
      case 'input':
        if (event.speech !== undefined) bubble(entry, 'caller', el('span', { class: 'text' }, event.speech))
        else if (event.digits !== undefined) note(entry, 'keys', `The caller pressed ${event.digits}`)
        else note(entry, 'end', entry.line)
        return
      case 'relay-interrupt':
        note(entry, 'interrupt', entry.line)
        return
      case 'relay-play':
      case 'relay-digits':
      case 'relay-language':
        note(entry, 'agent-action', entry.line)
        return
      case 'socket-invalid':
      case 'warning':
        note(entry, 'warning', entry.line)
        return
      case 'session-end': {
        inSession = false
        streaming = undefined
        const data = event.handoffData
        note(
          entry,
          'end',
          el('strong', {}, entry.line.replace(/, handoff .*$/, '')),
          data === undefined ? undefined : el('span', { class: 'meta' }, 'Handoff data'),
          data === undefined ? undefined : el('pre', { class: 'handoff' }, handoffText(data)),
        )
        return
      }
    }
  }

  // The request after the session (its <Connect action>) shows where the call went next.
  let sessionJustEnded = false
  hub.on('entry', (entry) => {
    const event = entry.event
    if (sessionJustEnded && event.type === 'request') {
      sessionJustEnded = false
      if (event.request.kind === 'connect-action') {
        note(entry, 'action', `Then the Connect action: ${event.request.method} ${event.request.path}`)
      }
    }
    show(entry)
    if (event.type === 'session-end' && event.protocol === 'conversation-relay') sessionJustEnded = true
  })

  hub.on('call', () => {
    log.replaceChildren()
    streaming = undefined
    inSession = false
    sessionJustEnded = false
    focused = false
    section.hidden = true
    update(undefined)
  })

  function update(state: CallState | undefined): void {
    const waiting = state?.ended ? undefined : state?.waiting
    const relay = waiting?.kind === 'relay' ? waiting : undefined
    field.disabled = relay === undefined
    send.disabled = relay === undefined
    interrupt.disabled = relay === undefined || !canInterrupt(relay)
    keys.hidden = relay === undefined || !relay.dtmfDetection
    // At the session's first turn typing goes here, unless the person is typing elsewhere; later,
    // when the focus was on nothing in particular or on a control this state replaced.
    const active = document.activeElement
    const typing = active !== null && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) && active !== field
    const idle = active === null || active === document.body || active.closest('#steer') !== null
    if (relay !== undefined && ((!focused && !typing) || idle)) field.focus()
    focused = relay !== undefined
  }
  hub.on('state', update)
}

/** The panel; `main.ts` registers it (the package is side-effect free, so a bare import would be dropped). */
export const chatPanel: Panel = { id: 'chat', title: 'Chat (ConversationRelay)', mount }
