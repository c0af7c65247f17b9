/**
 * The `twiml-jsx` subcommands. Each lives in its own module, loaded only when it runs, so `twiml-jsx
 * sign` never loads the dev console.
 */
import type { CliCommand } from './io.js'

export interface CommandEntry {
  /** One line for `twiml-jsx --help`. */
  readonly summary: string
  readonly load: () => Promise<CliCommand>
}

export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  call: {
    summary: 'send a signed webhook request to a TwiML app and print the answer',
    load: async () => (await import('./call.js')).command,
  },
  sign: {
    summary: 'print the X-Twilio-Signature of a request (for curl)',
    load: async () => (await import('./sign.js')).command,
  },
  dev: {
    summary: 'open the call console: place and steer calls in the browser, offline',
    load: async () => (await import('./dev.js')).command,
  },
  map: {
    summary: 'explore every path of an app and print its call-flow graph',
    load: async () => (await import('./map.js')).command,
  },
  lint: {
    summary: 'explore every path of an app and report what breaks',
    load: async () => (await import('./lint.js')).command,
  },
  convert: {
    summary: 'turn TwiML XML, a TwiML Bin or a Studio flow into TSX',
    load: async () => (await import('./convert.js')).command,
  },
}
