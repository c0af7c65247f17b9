/**
 * npm run build: a clean dist/ from tsc -p tsconfig.build.json (the library) and tsconfig.cli.json (the bin). The library source is plain .ts (no
 * .tsx), so the emitted JS never depends on a JSX transform; this script checks that stays true.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function files(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

const tsx = [...files('src'), ...files('jsx-runtime')].filter((file) => file.endsWith('.tsx'))
if (tsx.length > 0) {
  console.error(`build: library source must be .ts (no JSX), found:\n  ${tsx.join('\n  ')}`)
  process.exit(1)
}

rmSync(join(root, 'dist'), { recursive: true, force: true })
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
// The library without Node's types, then the Node-only bin (src/cli) with them.
for (const config of ['tsconfig.build.json', 'tsconfig.cli.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, config)], { cwd: root, stdio: 'inherit' })
}
