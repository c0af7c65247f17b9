import { join } from 'node:path'
import { BIN, describeRuntime, REPO } from '../harness.js'

describeRuntime({
  name: 'bun',
  binary: join(BIN, 'bun'),
  async start(_port, _dir, token) {
    // Bun runs the TSX sources itself (tsconfig.json's jsxImportSource and paths).
    return {
      command: join(BIN, 'bun'),
      args: ['run', 'runtime-tests/bun/index.ts'],
      cwd: REPO,
      env: { DO_NOT_TRACK: '1', TWILIO_AUTH_TOKEN: token },
    }
  },
})
