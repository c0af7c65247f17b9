/**
 * `replayCalls()`: sends recorded webhook requests to an app again, in order and re-signed, and
 * reports per call where the TwiML it answers now differs from what was recorded.
 *
 * ```ts
 * const report = await replayCalls(app, 'traffic.jsonl', { authToken: DEV_AUTH_TOKEN })
 * expect(report.differences).toEqual([])   // or: console.log(report.format())
 * ```
 */
import { signTwilioRequest } from '../../webhook/sign.js'
import { prettyXml } from '../pretty.js'
import { dispatch } from '../simulator/http.js'
import type { SimulatorApp } from '../simulator/options.js'
import { nodeFs, type RecordedWebhook } from './record.js'
import { normalizeScrubbed } from './scrub.js'

/** Where a replay reads from: JSON Lines text, a file path (Node, Bun, Deno), lines, or records. */
export type ReplaySource = string | Iterable<string | RecordedWebhook>

/** Options of {@link replayCalls}. */
export interface ReplayOptions {
  /** Signs each request with this auth token, as Twilio would. Without it requests go unsigned. */
  authToken?: string
  /** Sends to this origin instead of the recorded one (`http://localhost`, say). */
  baseUrl?: string
  /**
   * `exact` compares bytes; `scrubbed` looks past SIDs, phone numbers, addresses, names and URLs
   * (see `normalizeScrubbed`). Default: `scrubbed` for a scrubbed recording, else `exact`.
   */
  compare?: 'exact' | 'scrubbed'
}

/** One request whose answer changed. */
export interface ReplayDifference {
  /** Line of the recording, from 1. */
  readonly line: number
  readonly call: string
  readonly method: string
  /** Path and query of the request. */
  readonly path: string
  readonly recorded: { readonly status: number; readonly body: string }
  readonly replayed: { readonly status: number; readonly body: string }
  /** The lines that differ: `-` recorded, `+` now (TwiML pretty-printed first). */
  readonly diff: readonly string[]
}

/** The replay of one call. */
export interface CallReplay {
  readonly call: string
  readonly requests: number
  readonly differences: readonly ReplayDifference[]
}

/** What a replay found. */
export interface ReplayReport {
  readonly calls: readonly CallReplay[]
  /** Every difference, in recording order; empty when the app answers as recorded. */
  readonly differences: readonly ReplayDifference[]
  /** A readable summary: one line per call, then each difference. */
  format(): string
}

function records(source: ReplaySource): RecordedWebhook[] {
  let lines: Iterable<string | RecordedWebhook>
  if (typeof source === 'string') {
    if (source.trimStart().startsWith('{') || source.includes('\n')) lines = source.split('\n')
    else {
      const fs = nodeFs() as { readFileSync(path: string, encoding: 'utf8'): string } | undefined
      if (fs === undefined) throw new TypeError(`replayCalls('${source}'): this runtime has no node:fs; pass the lines`)
      lines = fs.readFileSync(source, 'utf8').split('\n')
    }
  } else lines = source
  const out: RecordedWebhook[] = []
  let n = 0
  for (const item of lines) {
    n++
    if (typeof item !== 'string') {
      out.push(item)
      continue
    }
    if (item.trim() === '') continue
    let parsed: unknown
    try {
      parsed = JSON.parse(item)
    } catch {
      throw new SyntaxError(`replayCalls: line ${n} is not JSON: ${item.slice(0, 80)}`)
    }
    const record = parsed as Partial<RecordedWebhook>
    if (record.v !== 1 || typeof record.url !== 'string' || typeof record.method !== 'string') {
      throw new SyntaxError(`replayCalls: line ${n} is not a recorded webhook (v 1 with method and url)`)
    }
    out.push(record as RecordedWebhook)
  }
  return out
}

/** Pretty TwiML when the text is XML, else the text as is; split into lines. */
function lines(text: string, normalize: boolean): string[] {
  let out = text
  if (/^\s*</.test(text)) {
    try {
      out = prettyXml(text)
    } catch {
      // Not well-formed: compared as text.
    }
  }
  return (normalize ? normalizeScrubbed(out) : out).split('\n')
}

/** The lines only one side has, in order (a longest-common-subsequence diff). */
function diffLines(before: readonly string[], after: readonly string[]): string[] {
  const m = before.length
  const n = after.length
  const common: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0))
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      common[i]![j] =
        before[i] === after[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!)
    }
  }
  const out: string[] = []
  let i = 0
  let j = 0
  while (i < m || j < n) {
    if (i < m && j < n && before[i] === after[j]) {
      i++
      j++
    } else if (i < m && (j === n || common[i + 1]![j]! >= common[i]![j + 1]!)) out.push(`- ${before[i++]}`)
    else out.push(`+ ${after[j++]}`)
  }
  return out
}

/**
 * Sends the recorded requests to `app` in recording order (each signed with `authToken`, as Twilio
 * signs), and compares each answer — HTTP status and TwiML — with the recorded one.
 */
export async function replayCalls(
  app: SimulatorApp,
  source: ReplaySource,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const recorded = records(source)
  const calls = new Map<string, { requests: number; differences: ReplayDifference[] }>()
  const differences: ReplayDifference[] = []
  for (const [index, record] of recorded.entries()) {
    const normalize = (options.compare ?? (record.scrubbed ? 'scrubbed' : 'exact')) === 'scrubbed'
    const target =
      options.baseUrl === undefined
        ? record.url
        : new URL(new URL(record.url).pathname + new URL(record.url).search, options.baseUrl).href
    const init = { url: target, method: record.method, params: record.params }
    const request =
      options.authToken === undefined
        ? new Request(target, {
            method: record.method,
            ...(record.method === 'GET'
              ? {}
              : {
                  headers: { 'content-type': 'application/x-www-form-urlencoded' },
                  body: new URLSearchParams(record.params).toString(),
                }),
          })
        : await signTwilioRequest(options.authToken, init)
    const response = await dispatch(app, request)
    const body = await response.text()
    const entry = calls.get(record.call) ?? { requests: 0, differences: [] }
    calls.set(record.call, entry)
    entry.requests++
    const diff = diffLines(lines(record.body, normalize), lines(body, normalize))
    if (response.status !== record.status) diff.unshift(`- HTTP ${record.status}`, `+ HTTP ${response.status}`)
    if (diff.length === 0) continue
    const url = new URL(record.url)
    const difference: ReplayDifference = {
      line: index + 1,
      call: record.call,
      method: record.method,
      path: url.pathname + url.search,
      recorded: { status: record.status, body: record.body },
      replayed: { status: response.status, body },
      diff,
    }
    entry.differences.push(difference)
    differences.push(difference)
  }
  const perCall = [...calls].map(([call, { requests, differences }]) => ({ call, requests, differences }))
  return {
    calls: perCall,
    differences,
    format() {
      const out = perCall.map(
        (c) =>
          `${c.call || '(no call)'}: ${c.requests} request${c.requests === 1 ? '' : 's'}, ${
            c.differences.length === 0 ? 'as recorded' : `${c.differences.length} differ`
          }`,
      )
      for (const d of differences) {
        out.push(
          '',
          `${d.method} ${d.path} (line ${d.line}, call ${d.call || '(no call)'})`,
          ...d.diff.map((l) => `  ${l}`),
        )
      }
      return out.join('\n')
    },
  }
}
