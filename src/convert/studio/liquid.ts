/**
 * Studio's Liquid templates → TypeScript. Output tags `{{ path }}` over the flow's variables
 * (`trigger.call.From`, `widgets.gather_1.Digits`, `flow.variables.x`, `contact.channel.address`,
 * ...), with the filters `upcase`, `downcase`, `capitalize`, `strip` and `default: '…'`, become
 * expressions over the call's state `s`; anything else (`{% if %}` tags, other filters) is left as
 * written and marked TODO.
 *
 * @see https://www.twilio.com/docs/studio/user-guide/liquid-template-language
 */
import { stringLiteral } from '../print.js'

/** A translated template: a string expression, and what it could not translate. */
export interface Translated {
  readonly code: string
  /** True when the template holds no Liquid at all (a plain string). */
  readonly literal: boolean
  /** Liquid left as written (empty when everything translated). */
  readonly todo: readonly string[]
}

const OUTPUT = /\{\{\s*([\s\S]*?)\s*\}\}/g
const ROOTS = new Set(['trigger', 'widgets', 'flow', 'contact'])

/** The expression of one `{{ … }}` output, or `undefined` when it is not simple. */
export function outputExpression(source: string): string | undefined {
  const [path, ...filters] = source.split('|').map((p) => p.trim())
  const access = pathExpression(path!)
  if (access === undefined) return undefined
  let code = `text(${access})`
  for (const filter of filters) {
    const [name, argument] = filter.split(':').map((p) => p.trim())
    if (name === 'upcase') code = `${code}.toUpperCase()`
    else if (name === 'downcase') code = `${code}.toLowerCase()`
    else if (name === 'strip') code = `${code}.trim()`
    else if (name === 'capitalize') code = `capitalize(${code})`
    else if (name === 'default' && argument !== undefined && /^(['"]).*\1$/.test(argument)) {
      code = `(${code} || ${stringLiteral(argument.slice(1, -1))})`
    } else return undefined
  }
  return code
}

/** `widgets.gather_1.Digits` → `s.widgets.gather_1?.Digits` (`undefined` for anything else). */
export function pathExpression(path: string): string | undefined {
  if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_0-9][\w-]*)*$/.test(path)) return undefined
  const [root, ...rest] = path.split('.')
  if (!ROOTS.has(root!)) return undefined
  let code = `s.${root}`
  for (const [i, segment] of rest.entries()) {
    const member = /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${stringLiteral(segment)}]`
    // The first level always exists (trigger.call, flow.variables, widgets.x may be undefined).
    code += i === 0 ? member : `?${member.startsWith('.') ? member : `.${member}`}`
  }
  return code
}

/** Translates a template string to a string expression over `s`. */
export function translate(template: string): Translated {
  if (!/\{\{|\{%/.test(template)) return { code: stringLiteral(template), literal: true, todo: [] }
  if (/\{%/.test(template)) return { code: stringLiteral(template), literal: false, todo: [template] }
  const todo: string[] = []
  let body = ''
  let last = 0
  for (const match of template.matchAll(OUTPUT)) {
    body += templateText(template.slice(last, match.index))
    const expression = outputExpression(match[1]!)
    if (expression === undefined) {
      todo.push(match[0])
      body += templateText(match[0])
    } else {
      body += `\${${expression}}`
    }
    last = match.index + match[0].length
  }
  body += templateText(template.slice(last))
  // One output and nothing around it: the expression alone.
  const only = /^\$\{([^`]*)\}$/.exec(body)
  if (only !== null && todo.length === 0 && template.match(OUTPUT)?.length === 1)
    return { code: only[1]!, literal: false, todo }
  return { code: `\`${body}\``, literal: false, todo }
}

function templateText(text: string): string {
  return stringLiteral(text).slice(1, -1).replace(/\\'/g, "'").replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
}
