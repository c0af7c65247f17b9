/**
 * The phone: the call form (route, From, To, parameters), Call and Hang up, the status line with
 * the virtual clock, and the controls for what the call waits for. Keys 0–9, * and # on the
 * keyboard press the keypad while it is shown (outside text fields).
 */
import type { CallSetup, CallState } from '../protocol.js'
import type { Player } from './audio.js'
import { byId, el } from './dom.js'
import type { Hub } from './hub.js'
import { controls, pressKey } from './steer.js'

const OTHER = '\u0000other'

/** `Name=value` lines → parameters. */
export function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const at = line.indexOf('=')
    if (at <= 0) throw new Error(`parameter "${line}": write it as Name=value`)
    params[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return params
}

function statusText(state: CallState | undefined): string {
  if (state === undefined) return 'Calling…'
  if (state.error !== undefined) return `Simulation failed: ${state.error}`
  if (state.ended) return `Call ended: ${state.endReason ?? 'done'}`
  if (state.waiting === undefined) return 'Running…'
  const who = state.waiting.leg === 'callee' ? ' (dialed party)' : ''
  return `${state.waiting.document} — ${state.label ?? state.waiting.kind}${who}`
}

export function phone(hub: Hub, player: Player): void {
  const form = byId<HTMLFormElement>('call-form')
  const route = byId<HTMLSelectElement>('route')
  const path = byId<HTMLInputElement>('path')
  const pathLabel = byId('path-label')
  const from = byId<HTMLInputElement>('from')
  const to = byId<HTMLInputElement>('to')
  const method = byId<HTMLSelectElement>('method')
  const params = byId<HTMLTextAreaElement>('params')
  const hangup = byId<HTMLButtonElement>('hangup')
  const status = byId('status')
  const time = byId('clock')
  const steer = byId('steer')
  const notice = byId('notice')

  const showPath = () => (pathLabel.hidden = route.value !== OTHER)
  route.addEventListener('change', showPath)

  hub.on('notice', (message) => (notice.textContent = message))
  hub.on('input', () => (notice.textContent = ''))

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    notice.textContent = ''
    let setup: CallSetup
    try {
      const url = route.value === OTHER ? path.value.trim() : route.value
      const given = parseParams(params.value)
      setup = {
        url,
        method: method.value === 'GET' ? 'GET' : 'POST',
        from: from.value.trim(),
        to: to.value.trim(),
        ...(Object.keys(given).length === 0 ? {} : { params: given }),
      }
    } catch (error) {
      notice.textContent = (error as Error).message
      return
    }
    void hub.place(setup)
  })

  hangup.addEventListener('click', () => void hub.send([{ kind: 'hangup' }]))

  const steering = { send: (inputs: Parameters<Hub['send']>[0]) => void hub.send(inputs), player }

  hub.on('call', ({ setup }) => {
    status.textContent = statusText(undefined)
    time.textContent = '0 s'
    steer.replaceChildren()
    hangup.disabled = false
    fill(setup)
  })

  hub.on('state', (state) => {
    status.textContent = statusText(state)
    time.textContent = `${state.now} s`
    hangup.disabled = state.ended
    // Keep focus where it was unless it was on a control that this state replaces.
    const hadFocus = steer.contains(document.activeElement) || document.activeElement === document.body
    steer.replaceChildren(...controls(state, steering))
    if (hadFocus && state.waiting !== undefined) steer.querySelector<HTMLElement>('button, input')?.focus()
  })

  document.addEventListener('keydown', (event) => {
    const waiting = hub.state?.waiting
    if (waiting?.kind !== 'gather' || !waiting.input.includes('dtmf') || hub.state?.ended) return
    const target = event.target as HTMLElement | null
    if (target !== null && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[0-9*#]$/.test(event.key)) return
    event.preventDefault()
    const display = steer.querySelector('output.digits')
    pressKey(waiting, event.key, steering, (digits) => {
      if (display !== null) display.textContent = digits
    })
  })

  /** Shows a call's setup in the form (a loaded session's, too). */
  function fill(setup: CallSetup): void {
    const listed = [...route.options].some((option) => option.value === setup.url)
    route.value = listed ? setup.url : OTHER
    if (!listed) path.value = setup.url
    showPath()
    if (setup.from !== undefined) from.value = setup.from
    if (setup.to !== undefined) to.value = setup.to
    method.value = setup.method ?? 'POST'
    params.value = Object.entries(setup.params ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .join('\n')
  }

  /** Fills the form from the app's routes and defaults. */
  void hub.loadApp().then(
    (app) => {
      route.replaceChildren(
        ...app.routes.map((r) => el('option', { value: r.path }, r.path)),
        el('option', { value: OTHER }, 'Another path…'),
      )
      route.value = app.routes.some((r) => r.path === app.entry) ? app.entry : OTHER
      if (route.value === OTHER) path.value = app.entry
      showPath()
      from.value = app.from
      to.value = app.to
      const signing = app.signing.signed ? `requests signed with ${app.signing.source}` : 'requests unsigned (no token)'
      byId('app-status').textContent = app.error === undefined ? `${app.routes.length} routes · ${signing}` : app.error
      if (app.error !== undefined) notice.textContent = app.error
    },
    (error: Error) => {
      byId('app-status').textContent = `The console is unreachable: ${error.message}`
    },
  )
}
