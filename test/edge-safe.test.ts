/**
 * The core runs on edge runtimes: nothing under src/ may import node:* modules, use Buffer
 * or process, or import the twilio package (a test oracle only). The one exception is the
 * `twiml-jsx` bin (src/cli), Node-only dev tooling with its own entry; it may use Node, and
 * nothing else under src/ may import it. The library finds what Node, Bun and Deno offer beyond Web
 * APIs (its environment, `getBuiltinModule('node:crypto')`) in one module, src/webhook/runtime.ts,
 * through a guarded lookup of `globalThis.process` that is `undefined` on edge runtimes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

test('src/ and jsx-runtime/ use no Node-only API and never import twilio', () => {
  const offenders: string[] = []
  const nodeOnly = join('src', 'cli')
  for (const file of [...files('src'), ...files('jsx-runtime')]) {
    const code = readFileSync(file, 'utf8')
    if (file.startsWith(nodeOnly)) continue
    if (/from\s+['"][./]+cli\//.test(code)) offenders.push(`${file}: imports the Node-only CLI`)
    if (/from\s+['"]node:|import\(\s*['"]node:|require\(/.test(code)) offenders.push(`${file}: imports a node: module`)
    if (/\bBuffer\b/.test(code)) offenders.push(`${file}: uses Buffer`)
    if (/\bprocess\./.test(code)) offenders.push(`${file}: uses process`)
    if (/from\s+['"]twilio/.test(code)) offenders.push(`${file}: imports twilio`)
  }
  expect(offenders).toEqual([])
})

const RUNTIME_LOOKUP = join('src', 'webhook', 'runtime.ts')

test('the process object is looked up in src/webhook/runtime.ts only, guarded, and never imported from', () => {
  const offenders: string[] = []
  for (const file of [...files('src'), ...files('jsx-runtime')]) {
    if (file.startsWith(join('src', 'cli')) || file === RUNTIME_LOOKUP) continue
    const code = readFileSync(file, 'utf8')
    if (/\.process\b|\[\s*['"`]process['"`]\s*\]|\bprocess\s*\?\.|\.getBuiltinModule\b/.test(code)) {
      offenders.push(`${file}: reaches for the process object (use src/webhook/runtime.ts)`)
    }
  }
  expect(offenders).toEqual([])
  const lookup = readFileSync(RUNTIME_LOOKUP, 'utf8')
  // Exactly one read of globalThis.process, checked to be an object before anything is taken from it.
  expect(lookup.match(/globalThis[^\n]*\.process\b/g)).toHaveLength(1)
  expect(lookup).toMatch(/typeof candidate === 'object' && candidate !== null/)
  expect(lookup).not.toMatch(/\bprocess\s*\./)
})

test('zero runtime dependencies; hono (the Hono helpers) and tsx (the CLI loading .tsx apps) are optional peers', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
  expect(pkg.dependencies ?? {}).toEqual({})
  expect(Object.keys(pkg.peerDependencies)).toEqual(['hono', 'tsx'])
  for (const peer of Object.keys(pkg.peerDependencies)) expect(pkg.peerDependenciesMeta[peer].optional).toBe(true)
})
