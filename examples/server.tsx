/** Serves the example call flows on 127.0.0.1 (port from PORT, default 3000). */
import { serve } from '@hono/node-server'
import { app } from './app.js'

const port = Number(process.env.PORT ?? 3000)
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(
    `twiml-jsx examples on http://127.0.0.1:${info.port}/  (try: curl -X POST 127.0.0.1:${info.port}/sip/basic)`,
  )
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)))
