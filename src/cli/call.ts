/**
 * `twiml-jsx call <url> [Name=value …]`: plays Twilio against a running server (yours, `npm start`,
 * `wrangler dev`, a deployment): signs the webhook request as Twilio does, sends it, and prints the
 * status and the TwiML, indented. Exit code 0 for a 2xx answer, 1 otherwise.
 */
import { prettyXml } from '../testing/pretty.js'
import { type CliCommand, CliError, CliUsageError } from './io.js'
import { REQUEST_HELP, signedRequestFromArgs } from './webhook-request.js'

const DEFAULT_TIMEOUT_SECONDS = 10

/** The body as TwiML, indented, when it is well-formed XML; otherwise as it came. */
function readable(body: string, raw: boolean): string {
  if (raw || !body.trimStart().startsWith('<')) return body
  try {
    return prettyXml(body)
  } catch {
    return body
  }
}

function explain(status: number): string | undefined {
  if (status === 403) {
    return 'the server refused the signature: is --token (or TWILIO_AUTH_TOKEN) the token the server checks, and <url> the URL it checks (behind a proxy, its publicUrl)?'
  }
  if (status === 500) return 'the server failed; its log says why (a missing auth token is logged there too)'
  return undefined
}

export const command: CliCommand = {
  usage: 'twiml-jsx call <url> [Name=value …] [--token T] [--method POST|GET] [--json BODY] [--raw]',
  help: `Sends a webhook request signed as Twilio signs it (X-Twilio-Signature with your auth token) and
prints the answer: the status line, then the TwiML, indented. Exit code 0 when the server answers
2xx, 1 otherwise.

${REQUEST_HELP}
  --raw           print the body exactly as received
  --timeout S     give up after S seconds (default ${DEFAULT_TIMEOUT_SECONDS})

Examples:
  twiml-jsx call http://127.0.0.1:3000/sip/after-dial DialCallStatus=busy DialSipResponseCode=486
  TWILIO_AUTH_TOKEN=… twiml-jsx call http://127.0.0.1:8787/voice --method GET`,
  async run(args, io) {
    const signed = await signedRequestFromArgs(args, io, { raw: { type: 'boolean' }, timeout: { type: 'string' } })
    const timeoutText = (signed.values.timeout as string | undefined) ?? String(DEFAULT_TIMEOUT_SECONDS)
    const timeout = Number(timeoutText)
    if (!(timeout > 0)) throw new CliUsageError(`--timeout must be a number of seconds, not "${timeoutText}"`)
    let response: Response
    try {
      response = await fetch(signed.url, {
        method: signed.method,
        headers: signed.headers,
        body: signed.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeout * 1000),
      })
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      const why =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeout} s`
          : (cause?.code ?? cause?.message ?? (error as Error).message)
      throw new CliError(`cannot reach ${signed.url}: ${why}`)
    }
    const body = await response.text()
    const contentType = response.headers.get('content-type')
    io.stdout(`${response.status} ${response.statusText}${contentType ? ` (${contentType})` : ''}\n`)
    if (body !== '') io.stdout(`${readable(body, Boolean(signed.values.raw))}\n`)
    if (response.ok) return 0
    const why = explain(response.status)
    if (why) io.stderr(`twiml-jsx call: ${why}\n`)
    return 1
  },
}
