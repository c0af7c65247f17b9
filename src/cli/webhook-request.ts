/**
 * What `twiml-jsx call` and `twiml-jsx sign` share: reading `<url> [Name=value …]` and the token
 * from the command line, and building the request exactly as Twilio signs it (signTwilioRequest).
 */
import { type SignedTwilioRequest, signedTwilioRequest } from '../webhook/sign.js'
import { type CliIO, CliUsageError, parseCommandLine } from './io.js'

/** The options both commands take. */
export const REQUEST_OPTIONS = {
  token: { type: 'string' },
  method: { type: 'string' },
  json: { type: 'string' },
  header: { type: 'string', short: 'H', multiple: true },
} as const

/** The lines of `--help` that describe {@link REQUEST_OPTIONS}. */
export const REQUEST_HELP = `Arguments:
  <url>           the webhook URL as configured at Twilio (it is signed exactly as written)
  Name=value      a webhook parameter (CallSid=CA…, Digits=1, …); repeat a name to send it twice

Options:
  --token T       the auth token to sign with (default: $TWILIO_AUTH_TOKEN)
  --method M      POST (default: parameters as a form body) or GET (parameters in the query string)
  --json BODY     send BODY as JSON, signed as Twilio signs JSON webhooks (bodySHA256 in the URL)
  -H, --header H  an extra request header, 'Name: value' (repeatable)`

/** A parsed command line: the signed request it describes, and the command's own options. */
export interface WebhookInvocation extends SignedTwilioRequest {
  readonly values: Readonly<Record<string, unknown>>
}

function parseUrl(text: string | undefined): string {
  if (text === undefined) throw new CliUsageError('missing <url>')
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new CliUsageError(`"${text}" is not a URL; give the full webhook URL, e.g. http://127.0.0.1:3000/voice`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliUsageError(`"${text}" is not an http(s) URL`)
  }
  return text
}

function parseParam(arg: string): [string, string] {
  const eq = arg.indexOf('=')
  if (eq <= 0) throw new CliUsageError(`expected a parameter as Name=value, got "${arg}"`)
  return [arg.slice(0, eq), arg.slice(eq + 1)]
}

function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':')
  if (colon <= 0) throw new CliUsageError(`expected a header as 'Name: value', got "${text}"`)
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()]
}

/**
 * Reads the command line and signs the request it describes.
 *
 * @param extra options of the command itself (they are returned in `values`)
 */
export async function signedRequestFromArgs(
  args: readonly string[],
  io: CliIO,
  extra: NonNullable<Parameters<typeof parseCommandLine>[1]> = {},
): Promise<WebhookInvocation> {
  const { values, positionals } = parseCommandLine(args, { ...REQUEST_OPTIONS, ...extra })
  const [urlArg, ...paramArgs] = positionals
  const url = parseUrl(urlArg)
  const params = paramArgs.map(parseParam)
  const token = (values.token as string | undefined) ?? io.env.TWILIO_AUTH_TOKEN
  if (!token) throw new CliUsageError('no auth token: pass --token or set TWILIO_AUTH_TOKEN')
  const method = ((values.method as string | undefined) ?? 'POST').toUpperCase()
  if (method !== 'POST' && method !== 'GET') throw new CliUsageError(`--method must be POST or GET, not ${method}`)
  const json = values.json as string | undefined
  if (json !== undefined) {
    if (params.length > 0) throw new CliUsageError('give either Name=value parameters or --json, not both')
    if (method !== 'POST') throw new CliUsageError('--json needs --method POST')
    try {
      JSON.parse(json)
    } catch {
      throw new CliUsageError('--json is not valid JSON')
    }
  }
  const headers = new Headers(((values.header as string[] | undefined) ?? []).map(parseHeader))
  const signed = await signedTwilioRequest(token, {
    url,
    method,
    headers,
    ...(json === undefined ? { params } : { json }),
  })
  return { ...signed, values }
}
