/**
 * Every TwiML example of Twilio's documentation in test/fixtures/twiml-docs (index.json names each
 * one's page and source) converts to a module that renders the same document: the example as the
 * twilio package writes it (byte for byte), and the example as printed in the docs (the same
 * document once the whitespace that lays it out is removed). The modules type-check.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { render } from 'twiml-jsx'
import { convertTwiml } from 'twiml-jsx/convert'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ConvertedModules, twilioWrites } from './support/converted.js'

interface Fixture {
  readonly file: string
  readonly page: string
  readonly source: string
}

const DIR = 'test/fixtures/twiml-docs'
const fixtures: Fixture[] = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8'))
const modules = new ConvertedModules('docs')
const moduleName = (file: string, form: string) => `${file.replace(/\.xml$/, '')}-${form}.tsx`

beforeAll(async () => {
  for (const { file } of fixtures) {
    const xml = readFileSync(join(DIR, file), 'utf8')
    modules.write(moduleName(file, 'docs'), convertTwiml(xml).code)
    modules.write(moduleName(file, 'compact'), convertTwiml(twilioWrites(xml)).code)
  }
  // As the convert command prints them in a project with biome.
  await modules.format()
}, 60_000)
afterAll(() => modules.remove())

async function rendered(file: string): Promise<string> {
  const mod = await modules.import<{ default: () => unknown; renderOptions?: object }>(file)
  return render(mod.default() as never, mod.renderOptions)
}

describe('each documentation example', () => {
  test('the corpus is there, and every example names its page and source', () => {
    expect(fixtures.length).toBeGreaterThan(40)
    for (const f of fixtures) {
      expect(f.page).toMatch(/^https:\/\/www\.twilio\.com\/(ja\/)?docs\//)
      // The docs' code samples live in TwilioDevEd/api-snippets (path and commit); others name the page's example.
      expect(f.source).toMatch(/^(TwilioDevEd\/api-snippets .+ @ [0-9a-f]{12}|the .+)$/)
    }
  })

  test.each(fixtures.map((f) => f.file))('%s renders back exactly', async (file) => {
    const xml = readFileSync(join(DIR, file), 'utf8')
    const compact = twilioWrites(xml)
    expect(await rendered(moduleName(file, 'compact'))).toBe(compact)
    expect(await rendered(moduleName(file, 'docs'))).toBe(compact)
  })

  test('the converted modules type-check', async () => {
    const { ok, output } = await modules.typecheck()
    expect(output).toBe('')
    expect(ok).toBe(true)
  }, 120_000)
})
