#!/usr/bin/env node
/** The `twiml-jsx` bin. Node-only (dev tooling); the library under src/ stays edge-safe. */
import process from 'node:process'
import { runCli } from './run.js'

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  })
} catch (error) {
  // A bug, not a user mistake: keep the stack.
  console.error(error)
  process.exitCode = 1
}
