import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BIN, describeRuntime, freePort, REPO } from '../harness.js'

const HERE = join(REPO, 'runtime-tests', 'workerd')

describeRuntime({
  name: 'workerd',
  binary: join(BIN, 'workerd'),
  async start(port, dir, token) {
    // This folder's wrangler.jsonc, written into the temporary directory beside the .dev.vars that
    // holds the token (wrangler reads .dev.vars next to its configuration, as in development).
    const config = JSON.parse(
      readFileSync(join(HERE, 'wrangler.jsonc'), 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n'),
    )
    writeFileSync(join(dir, 'wrangler.jsonc'), JSON.stringify({ ...config, main: join(HERE, config.main) }))
    writeFileSync(join(dir, '.dev.vars'), `TWILIO_AUTH_TOKEN=${token}\n`)
    return {
      command: process.execPath,
      args: [
        join(REPO, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
        'dev',
        '--config',
        join(dir, 'wrangler.jsonc'),
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
      cwd: dir,
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
