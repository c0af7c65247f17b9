/**
 * The README's "Testing call flows" section: the blocks that are scripts (no test(), no snapshots, no
 * config) run and their assertions hold. test/docs-code-blocks.test.ts type-checks every block and runs
 * the ones that export an app; these scripts export nothing, so they are run here.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('## Testing call flows'), readme.indexOf('## Repository layout'))
const blocks = [...section.matchAll(/```(tsx?)\n([\s\S]*?)```/g)].map((m, i) => ({
  name: `readme-testing-${i + 1}.${m[1]}`,
  code: m[2]!,
}))

describe('the README section "Testing call flows"', () => {
  test('has its code blocks', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6)
  })

  const dir = join(root, 'test', '.readme-blocks')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const runnable = blocks.filter((b) => !/\btest\(|Snapshot\(|defineConfig/.test(b.code))

  test.each(runnable.map((b) => [b.name, b.code]))('%s runs', async (name, code) => {
    mkdirSync(dir, { recursive: true })
    const file = join(dir, name)
    writeFileSync(file, code.replaceAll("'./examples/", "'../../examples/"))
    await import(file)
  })
})
