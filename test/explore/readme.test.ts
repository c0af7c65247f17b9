/**
 * The README's section on the call-flow map: its rule table is the rules as they are (names,
 * default levels, summaries). The map it shows is checked against the CLI in cli.test.ts.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { LINT_RULES } from '../../src/testing/index.js'

test('the README lists every lint rule with its default level and what it finds', () => {
  const readme = readFileSync('README.md', 'utf8')
  const section = readme.slice(
    readme.indexOf('## Call-flow map, lint and coverage'),
    readme.indexOf('## Repository layout'),
  )
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \| (\w+) \| (.+) \|$/gm)].map((m) => [
    m[1],
    m[2],
    m[3]!.replaceAll('`', ''),
  ])
  expect(rows).toEqual(Object.entries(LINT_RULES).map(([name, rule]) => [name, rule.severity, rule.summary]))
})
