/**
 * `twiml-jsx sign <url> [Name=value …]`: the X-Twilio-Signature Twilio would send with this
 * request, for curl or any other client. Prints the signature alone (so `$(twiml-jsx sign …)` works),
 * or with `--curl` a complete curl command.
 */
import type { CliCommand } from './io.js'
import { REQUEST_HELP, signedRequestFromArgs } from './webhook-request.js'

/** Quotes `text` for a POSIX shell. */
function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`
}

export const command: CliCommand = {
  usage: 'twiml-jsx sign <url> [Name=value …] [--token T] [--method POST|GET] [--json BODY] [--curl]',
  help: `Prints the X-Twilio-Signature of a webhook request, computed as Twilio computes it: HMAC-SHA1 with
your auth token over the URL and the parameters sorted by name.

${REQUEST_HELP}
  --curl          print a curl command that sends the signed request instead

Examples:
  twiml-jsx sign https://example.com/voice CallSid=CA123 From=+15550001111
  curl -X POST https://example.com/voice --data-raw 'CallSid=CA123' \\
    -H "X-Twilio-Signature: $(twiml-jsx sign https://example.com/voice CallSid=CA123)"`,
  async run(args, io) {
    const signed = await signedRequestFromArgs(args, io, { curl: { type: 'boolean' } })
    if (!signed.values.curl) {
      io.stdout(`${signed.signature}\n`)
      return 0
    }
    const parts = ['curl', '-X', signed.method, shellQuote(signed.url)]
    signed.headers.forEach((value, name) => {
      parts.push('-H', shellQuote(`${name}: ${value}`))
    })
    if (signed.body !== undefined) parts.push('--data-raw', shellQuote(signed.body))
    io.stdout(`${parts.join(' ')}\n`)
    return 0
  },
}
