/**
 * What the app reported while answering one request. The app runs in this process but its render
 * options are its own, so the console listens where the library and Hono report: rendering warns
 * through `console.warn` ("twiml-jsx: <path>: <message>", the default `onIssue`), and a route that
 * throws — a `TwimlValidationError` with its `issues`, or any other error — reaches Hono's error
 * handler, which logs it with `console.error`. Messages still reach the terminal as before.
 */
import type { ConsoleIssue } from './protocol.js'

type ConsoleMethod = (...args: unknown[]) => void

const sinks = new Set<ConsoleIssue[]>()
let restore: (() => void) | undefined

function issuesOf(value: unknown, severity: ConsoleIssue['severity']): ConsoleIssue[] {
  if (typeof value === 'string') {
    const warning = /^twiml-jsx: (?:(.+?): )?(.+)$/s.exec(value)
    if (warning === null) return []
    const [, path, message] = warning
    return [{ severity: 'warning', message: message!, ...(path === undefined ? {} : { path }) }]
  }
  if (!(value instanceof Error) && !(typeof value === 'object' && value !== null && 'message' in value)) return []
  const error = value as Error & { issues?: unknown }
  // A TwimlValidationError (from this copy of the library or the app's own): its issues as data.
  if (Array.isArray(error.issues)) {
    return error.issues.flatMap((issue): ConsoleIssue[] => {
      if (typeof issue !== 'object' || issue === null) return []
      const { path, rule, message, code, severity: given } = issue as Record<string, unknown>
      if (typeof message !== 'string') return []
      return [
        {
          severity: given === 'warning' ? 'warning' : 'error',
          message,
          ...(typeof path === 'string' ? { path } : {}),
          ...(typeof rule === 'string' ? { rule } : {}),
          ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
        },
      ]
    })
  }
  return [{ severity, message: `${error.name ?? 'Error'}: ${String(error.message)}`, rule: 'exception' }]
}

function install(): void {
  const original = { warn: console.warn as ConsoleMethod, error: console.error as ConsoleMethod }
  const listen =
    (method: ConsoleMethod, severity: ConsoleIssue['severity']): ConsoleMethod =>
    (...args) => {
      const found = args.flatMap((arg) => issuesOf(arg, severity))
      for (const sink of sinks) sink.push(...found)
      method.apply(console, args)
    }
  console.warn = listen(original.warn, 'warning')
  console.error = listen(original.error, 'error')
  restore = () => {
    console.warn = original.warn
    console.error = original.error
  }
}

/**
 * Runs `answer` and collects into `sink` what the app reports meanwhile. Calls may overlap (two
 * calls in two tabs): while several run, a report goes to each of them.
 */
export async function collectIssues<T>(sink: ConsoleIssue[], answer: () => Promise<T>): Promise<T> {
  if (sinks.size === 0) install()
  sinks.add(sink)
  try {
    return await answer()
  } finally {
    sinks.delete(sink)
    if (sinks.size === 0) {
      restore?.()
      restore = undefined
    }
  }
}
