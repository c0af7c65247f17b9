/**
 * Plays Twilio against the running example server: `twiml-jsx call` (src/cli/call.ts) with the
 * server's address and, unless TWILIO_AUTH_TOKEN is set, the development token.
 *
 *   npm run call -- /sip/after-dial DialCallStatus=busy DialSipResponseCode=486
 *
 * PORT picks the server's port (default 3000). Anywhere else, use the CLI itself:
 * `npx twiml-jsx call <url> [Name=value ...]`.
 */
import process from 'node:process'
import { runCli } from '../src/cli/run.js'
import { DEV_AUTH_TOKEN } from './app.js'

const [path = '/sip/basic', ...rest] = process.argv.slice(2)
const url = `http://127.0.0.1:${process.env.PORT ?? 3000}${path.startsWith('/') ? path : `/${path}`}`
process.exitCode = await runCli(['call', url, ...rest], {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: { ...process.env, TWILIO_AUTH_TOKEN: process.env.TWILIO_AUTH_TOKEN || DEV_AUTH_TOKEN },
  cwd: process.cwd(),
})
