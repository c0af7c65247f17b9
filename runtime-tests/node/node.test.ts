import { join } from 'node:path'
import { bundle, describeRuntime } from '../harness.js'

describeRuntime({
  name: 'node',
  binary: process.execPath,
  async start(_port, dir, token) {
    const server = join(dir, 'server.mjs')
    await bundle('runtime-tests/node/index.ts', server, 'node')
    return { command: process.execPath, args: [server], env: { TWILIO_AUTH_TOKEN: token } }
  },
})
