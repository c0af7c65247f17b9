import { join } from 'node:path'
import { BIN, bundle, describeRuntime, REPO } from '../harness.js'

describeRuntime({
  name: 'deno',
  binary: join(BIN, 'deno'),
  async start(port, dir, token) {
    // One self-contained JS file, so Deno resolves nothing and needs no registry.
    const server = join(dir, 'server.mjs')
    await bundle('runtime-tests/deno/index.ts', server, 'neutral')
    return {
      command: join(BIN, 'deno'),
      args: [
        'serve',
        '--no-config',
        '--no-lock',
        '--no-remote',
        '--no-npm',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--allow-env=TWILIO_AUTH_TOKEN,NODE_ENV',
        server,
      ],
      env: {
        DENO_DIR: join(REPO, '.deno'),
        DENO_NO_UPDATE_CHECK: '1',
        DENO_NO_PROMPT: '1',
        TWILIO_AUTH_TOKEN: token,
      },
    }
  },
})
