/**
 * The page's one connection to the console: places calls, streams each call's timeline (Server-Sent
 * Events), sends inputs, and tells every part of the page — and any panel added later — what
 * happened. Panels never talk to the server themselves; they listen here and call `place`/`send`.
 */
import type { CallInput } from '../../testing/simulator/index.js'
import type { AppInfo, CallSetup, CallState, TimelineEntry } from '../protocol.js'

/** The API's address: beside the page, wherever the console is mounted. */
const BASE = new URL(location.pathname.endsWith('/') ? location.pathname : `${location.pathname}/`, location.origin)

export function apiUrl(path: string): string {
  return new URL(`api/${path}`, BASE).href
}

export async function request<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(apiUrl(path), {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  })
  const data = (await response.json().catch(() => ({}))) as T & { error?: string }
  if (!response.ok) throw new ConsoleError(data.error ?? `HTTP ${response.status}`, data)
  return data
}

export class ConsoleError extends Error {
  constructor(
    message: string,
    readonly data: unknown,
  ) {
    super(message)
  }
}

/** What a listener hears about. */
export interface HubEvents {
  /** A new call was placed (its timeline starts empty). */
  call: { id: string; setup: CallSetup; replay: boolean; reloaded?: readonly string[] }
  entry: TimelineEntry
  state: CallState
  /** A message for the person at the page: an input refused, the server unreachable. */
  notice: string
  /** The person gave an input (the page stops what it is playing: the caller moved on). */
  input: readonly CallInput[]
}

type Listener<K extends keyof HubEvents> = (value: HubEvents[K]) => void

export class Hub {
  app: AppInfo | undefined
  callId: string | undefined
  state: CallState | undefined
  setup: CallSetup | undefined
  readonly entries: TimelineEntry[] = []
  private source: EventSource | undefined
  private readonly listeners: { [K in keyof HubEvents]: Set<Listener<K>> } = {
    call: new Set(),
    entry: new Set(),
    state: new Set(),
    notice: new Set(),
    input: new Set(),
  }

  on<K extends keyof HubEvents>(kind: K, listener: Listener<K>): () => void {
    const set = this.listeners[kind] as Set<Listener<K>>
    set.add(listener)
    return () => set.delete(listener)
  }

  emit<K extends keyof HubEvents>(kind: K, value: HubEvents[K]): void {
    for (const listener of this.listeners[kind] as Set<Listener<K>>) listener(value)
  }

  async loadApp(): Promise<AppInfo> {
    this.app = await request<AppInfo>('app')
    return this.app
  }

  /** Places a call (hanging up one still going); `inputs` replays a saved session. */
  async place(setup: CallSetup, inputs?: readonly CallInput[]): Promise<void> {
    if (this.state !== undefined && !this.state.ended && this.callId !== undefined) {
      await request(`calls/${this.callId}/input`, { input: { kind: 'hangup' } }).catch(() => undefined)
    }
    this.source?.close()
    this.callId = undefined
    this.state = undefined
    this.entries.length = 0
    try {
      const placed = await request<{ id: string; state: CallState; reloaded?: string[]; replayError?: string }>(
        'calls',
        inputs === undefined ? { call: setup } : { call: setup, inputs },
      )
      this.callId = placed.id
      this.setup = setup
      this.emit('call', {
        id: placed.id,
        setup,
        replay: inputs !== undefined,
        ...(placed.reloaded === undefined ? {} : { reloaded: placed.reloaded }),
      })
      this.listen(placed.id)
      if (placed.replayError !== undefined)
        this.emit('notice', `The session did not replay to its end: ${placed.replayError}`)
    } catch (error) {
      this.emit('notice', (error as Error).message)
    }
  }

  /** Sends inputs to the current call, in order. */
  async send(inputs: readonly CallInput[]): Promise<void> {
    if (this.callId === undefined) return
    this.emit('input', inputs)
    try {
      await request(`calls/${this.callId}/input`, inputs.length === 1 ? { input: inputs[0] } : { inputs })
    } catch (error) {
      this.emit('notice', (error as Error).message)
    }
  }

  private listen(id: string): void {
    const source = new EventSource(apiUrl(`calls/${id}/events`))
    this.source = source
    source.addEventListener('entry', (message) => {
      if (this.callId !== id) return
      const entry = JSON.parse((message as MessageEvent<string>).data) as TimelineEntry
      if (entry.seq < this.entries.length) return // already seen (a reconnect)
      this.entries.push(entry)
      this.emit('entry', entry)
    })
    source.addEventListener('state', (message) => {
      if (this.callId !== id) return
      const state = JSON.parse((message as MessageEvent<string>).data) as CallState
      this.state = state
      this.emit('state', state)
      if (state.ended) source.close()
    })
  }
}
