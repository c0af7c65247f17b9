/** The page's script ships as a string module built from src/dev/client/: the committed one is current. */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { REPO } from '../support/processes.js'

test('src/dev/page/client.generated.ts is what npm run build:console makes of src/dev/client/', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(REPO, 'scripts', 'build-console.mjs'), '--check'],
    {
      cwd: REPO,
    },
  )
  expect(stdout).toMatch(/^client\.generated\.ts is current \(\d+ bytes\)\n$/)
}, 30_000)
