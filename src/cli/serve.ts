/**
 * Serves a Fetch handler (a Hono app's `fetch`) on Node's http module: the CLI's own small
 * adapter, so the published bin needs no server package. Response bodies are streamed as they come
 * (the console's Server-Sent Events), and a client that goes away cancels its stream.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CliError } from './io.js'

/** Request bodies the CLI's servers take at most (the console's JSON is far smaller). */
const MAX_BODY = 2_000_000

export interface RunningServer {
  /** `http://127.0.0.1:5173/` */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<Buffer<ArrayBuffer> | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY) throw new Error('body too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function toRequest(incoming: IncomingMessage, body: Buffer<ArrayBuffer> | undefined, fallbackHost: string): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? fallbackHost}`)
  return new Request(url, { method: incoming.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) })
}

async function write(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value
  })
  outgoing.writeHead(response.status, headers)
  if (response.body === null) {
    outgoing.end()
    return
  }
  const reader = response.body.getReader()
  outgoing.on('close', () => void reader.cancel().catch(() => undefined))
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    outgoing.write(value)
  }
  outgoing.end()
}

/** Listens on `host:port` (port 0: a free one) and answers every request with `handler`. */
export function serveFetch(
  handler: (request: Request) => Response | Promise<Response>,
  host: string,
  port: number,
): Promise<RunningServer> {
  const display = host.includes(':') ? `[${host}]` : host
  const server = createServer(async (incoming, outgoing) => {
    try {
      const body = await readBody(incoming)
      const response = await handler(toRequest(incoming, body, `${display}:${port}`))
      await write(response, outgoing)
    } catch (error) {
      if (!outgoing.headersSent) {
        outgoing.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
        outgoing.end(`bad request: ${(error as Error).message}\n`)
      } else outgoing.destroy()
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new CliError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is in use: pass --port with another (0 picks a free one)`
            : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      )
    })
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port
      resolve({
        url: `http://${display}:${bound}/`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
