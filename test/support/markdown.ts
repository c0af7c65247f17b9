/**
 * The fenced code blocks of the documents a user reads (README.md, docs/*.md), for the tests that hold
 * each block to what it says: test/docs-code-blocks.test.ts (```ts / ```tsx) and
 * test/docs-shell-blocks.test.ts (```sh).
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './processes.js'

/** The documents, relative to the repository. */
export const DOCUMENTS: readonly string[] = [
  'README.md',
  ...readdirSync(join(REPO, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

/** A block that must not run says why on the line before its fence: `<!-- docs-test: no-run: why -->`. */
export const NO_RUN = /^<!--\s*docs-test:\s*no-run\s*:\s*(\S.*?)\s*-->$/

/** Whether `line` looks like a docs-test opt-out (well-formed or not). */
export const mentionsDocsTest = (line: string | undefined): boolean =>
  line?.startsWith('<!--') === true && line.includes('docs-test')

/** One fenced block: its language and the rest of its info string, its text, where it opens, the line before. */
export interface Fence {
  readonly language: string
  readonly info: string
  readonly text: string
  readonly line: number
  readonly before: string | undefined
}

export function fencesOf(markdown: string): Fence[] {
  const lines = markdown.split('\n')
  const fences: Fence[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)```(\S*)\s*(.*)$/.exec(lines[index]!)
    if (!open) continue
    const indent = open[1]!.length
    const body: string[] = []
    let end = index + 1
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) body.push(lines[end++]!.slice(indent))
    let previous = index - 1
    while (previous >= 0 && lines[previous]!.trim() === '') previous--
    fences.push({
      language: open[2]!,
      info: open[3]!.trim(),
      text: body.join('\n'),
      line: index + 1,
      before: previous >= 0 ? lines[previous]!.trim() : undefined,
    })
    index = end
  }
  return fences
}
