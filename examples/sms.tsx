/** An SMS auto-reply: answers keywords, everything else gets the help text. */
import { Hono } from 'hono'
import { Body, Media, Message, MessagingResponse } from 'twiml-jsx'
import { type TwilioWebhookEnv, twilioParams, twiml, twimlDefaults } from 'twiml-jsx/hono'

export const sms = new Hono<TwilioWebhookEnv>()

sms.use('*', twimlDefaults({ context: 'messaging' }))

sms.on(['GET', 'POST'], '/', async (c) => {
  const { Body: text } = twilioParams(c)
  const keyword = (text ?? '').trim().toUpperCase()
  if (keyword === 'HOURS') {
    return twiml(
      c,
      <MessagingResponse>
        <Message>We are open Monday to Friday, 9:00–17:00.</Message>
      </MessagingResponse>,
    )
  }
  if (keyword === 'MAP') {
    return twiml(
      c,
      <MessagingResponse>
        <Message>
          <Body>Here is how to find us.</Body>
          <Media>https://example.com/map.png</Media>
        </Message>
      </MessagingResponse>,
    )
  }
  return twiml(
    c,
    <MessagingResponse>
      <Message>Thanks for your message! Reply HOURS for opening hours or MAP for directions.</Message>
    </MessagingResponse>,
  )
})
