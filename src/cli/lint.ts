/**
 * `twiml-jsx lint <module> --entry /ivr`: explores every path of the module's app and reports what
 * breaks; exit code 1 when a finding is an error (for CI).
 */
import { formatFindings, LINT_RULES, type LintRule, lintCallMap, type Severity } from '../testing/explore/index.js'
import { EXPLORE_HELP, explore } from './explore-args.js'
import { type CliCommand, CliUsageError } from './io.js'

const LEVELS = ['error', 'warning', 'info', 'off'] as const

const RULES = Object.entries(LINT_RULES)
  .map(([name, rule]) => `  ${name.padEnd(24)}${rule.severity.padEnd(9)}${rule.summary}`)
  .join('\n')

function ruleSetting(setting: string): [LintRule, Severity | 'off'] {
  const [name, level] = setting.split('=')
  if (name === undefined || !Object.hasOwn(LINT_RULES, name)) {
    throw new CliUsageError(`--rule: unknown rule "${name}"; the rules: ${Object.keys(LINT_RULES).join(', ')}`)
  }
  if (level === undefined || !(LEVELS as readonly string[]).includes(level)) {
    throw new CliUsageError(`--rule ${name}= takes ${LEVELS.join(', ')}, not "${level ?? ''}"`)
  }
  return [name as LintRule, level as Severity | 'off']
}

export const command: CliCommand = {
  usage: 'twiml-jsx lint <module> --entry <path> [--rule <rule>=<level>] [--format text|json] [options]',
  help: `Explores every path of the app the module exports from the entry routes and reports what
breaks, each finding with the inputs that reach it. Exits with 1 when there is an error
(--fail-on warning: a warning too), for CI.

  --rule <rule>=<level>  error, warning, info or off (repeatable): --rule same-branch-inputs=off
  --fail-on <level>      error (default) or warning
  --format <f>           text (default) or json
${EXPLORE_HELP}

Rules (default level):
${RULES}`,
  async run(args, io) {
    const { map, values } = await explore(args, io, {
      rule: { type: 'string', multiple: true },
      'fail-on': { type: 'string' },
      format: { type: 'string' },
    })
    const own = values as { rule?: string[]; 'fail-on'?: string; format?: string }
    const failOn = own['fail-on'] ?? 'error'
    if (failOn !== 'error' && failOn !== 'warning') {
      throw new CliUsageError(`--fail-on takes error or warning, not "${failOn}"`)
    }
    const format = own.format ?? 'text'
    if (format !== 'text' && format !== 'json') throw new CliUsageError(`--format takes text or json, not "${format}"`)
    const rules = Object.fromEntries((own.rule ?? []).map(ruleSetting))
    const findings = lintCallMap(map, { rules })
    io.stdout(format === 'json' ? `${JSON.stringify(findings, null, 2)}\n` : formatFindings(findings))
    const failing = findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'))
    return failing ? 1 : 0
  },
}
