/**
 * Each event of a call happens at a virtual second, which a listener reads from `call.now`: a
 * `<Pause>` at the second it begins, what follows it once its time has passed.
 */
import { Hono } from 'hono'
import { expect, test } from 'vitest'
import { twiml } from '../src/hono/index.js'
import { Gather, Pause, Response, Say } from '../src/index.js'
import { startCall } from '../src/testing/index.js'

test('a Pause happens at its start; the verbs after it, and the next wait, at its end', async () => {
  const app = new Hono()
  app.post('/voice', (c) =>
    twiml(
      c,
      <Response>
        <Say>One moment.</Say>
        <Pause length={3} />
        <Say>Thanks for waiting.</Say>
        <Gather timeout={4} />
      </Response>,
    ),
  )
  const call = startCall(app, { url: '/voice' })
  const when: string[] = []
  call.on((event) => when.push(`${call.now}s ${event.type}`))
  const wait = await call.nextWait()
  expect(when).toEqual(['0s request', '0s say', '0s pause', '3s say', '3s gather', '3s waiting'])
  expect(wait).toMatchObject({ kind: 'gather', since: 3, deadline: 7 })
})
