/** Options of the call console, and where it gets the app from. */
import type { Eventually, SimulatorApp } from '../testing/simulator/index.js'
import type { TestImport } from './test-code.js'

/**
 * An app that may change while the console runs: `load()` is asked for the app at every call placed
 * (and every page load), so a loader that re-imports changed files gives live reload. `reloaded`
 * lists what changed since the last load, for the page to say so.
 */
export interface AppSource {
  load(): Eventually<{ readonly app: SimulatorApp; readonly reloaded?: readonly string[] }>
}

export interface DevConsoleOptions {
  /**
   * Signs every request of a call with this token, as Twilio does, so the app's signature check
   * stays on. Without it requests are unsigned (an app that checks signatures answers 403, and the
   * console says why).
   */
  authToken?: string
  /** Where the token came from, shown on the page and in messages. Default `the authToken option`. */
  authTokenSource?: string
  /** The route selected when the page opens. Default the first POST route. */
  entry?: string
  /** `From` of a new call. Default the simulator's `+15017122661`. */
  from?: string
  /** `To` of a new call. Default the simulator's `+15558675310`. */
  to?: string
  /** The origin Twilio would call, which the app checks signatures against. Default `http://localhost`. */
  baseUrl?: string
  /** The page's title. Default `twiml-jsx call console`. */
  title?: string
  /** How a "Copy as test" test imports the app; without it the test imports `./app.js`. */
  test?: TestImport
  /** Where a copied test is meant to live (its imports are relative to it). Default `test/call-console.test.ts`. */
  testFile?: string
  /**
   * Host names the console answers besides localhost, 127.0.0.1 and [::1] (a check against DNS
   * rebinding), or `'*'` for any (when served on a network address on purpose).
   */
  allowedHosts?: readonly string[] | '*'
  /** Calls kept in memory; the oldest is dropped beyond. Default 20. */
  maxCalls?: number
}

export function isAppSource(app: SimulatorApp | AppSource): app is AppSource {
  return typeof app === 'object' && app !== null && 'load' in app && typeof app.load === 'function' && !('fetch' in app)
}
