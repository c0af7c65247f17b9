/**
 * The README's "Testing call flows" section: every ```ts / ```tsx block is a module that type-checks
 * as written (from the repository root, where `./examples/app.js` is), and the blocks that are not
 * vitest test files (no test(), no snapshots) run and their assertions hold.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
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

  test('every block type-checks as a module of this repository', () => {
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
    const files = new Map(blocks.map((b) => [join(root, b.name), b.code]))
    const host = ts.createCompilerHost({ ...options, noEmit: true })
    const read = host.readFile.bind(host)
    const exists = host.fileExists.bind(host)
    host.readFile = (file) => files.get(file) ?? read(file)
    host.fileExists = (file) => files.has(file) || exists(file)
    const getSourceFile = host.getSourceFile.bind(host)
    host.getSourceFile = (file, version) => {
      const text = files.get(file)
      return text === undefined ? getSourceFile(file, version) : ts.createSourceFile(file, text, version, true)
    }
    const program = ts.createProgram([...files.keys()], { ...options, noEmit: true }, host)
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && files.has(d.file.fileName))
      .map((d) => `${d.file!.fileName.slice(root.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    expect(problems).toEqual([])
  }, 60_000)

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
