import { join } from 'node:path'
import { BIN, describeRuntime, freePort, REPO } from '../harness.js'

describeRuntime({
  name: 'workerd',
  binary: join(BIN, 'workerd'),
  async start(port, dir) {
    return {
      command: process.execPath,
      args: [
        join(REPO, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
        'dev',
        '--local',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--inspector-ip',
        '127.0.0.1',
        '--inspector-port',
        String(await freePort()),
        '--persist-to',
        join(dir, 'state'),
        '--show-interactive-dev-session=false',
        '--log-level',
        'warn',
      ],
      cwd: join(REPO, 'runtime-tests', 'workerd'),
      env: {
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        WRANGLER_HIDE_BANNER: 'true',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_LOG_PATH: join(dir, 'logs'),
        WRANGLER_REGISTRY_PATH: join(dir, 'registry'),
      },
    }
  },
})
