/**
 * What the HTTP benchmark's servers and driver agree on: the route, the document it answers with,
 * and the webhook parameters a call sends.
 */
import { render } from 'twiml-jsx'
import { sipHeaders } from './documents.js'

/** The example app's route for the seed document (`<Sip>` with custom headers). */
export const ROUTE = '/sip/headers'

/** The bytes that route answers with (the constant servers send exactly these). */
export const EXPECTED_BODY = render(sipHeaders.jsx(sipHeaders.data))

/** The parameters Twilio posts for an incoming call (values made up, shapes real). */
export const CALL_PARAMS = {
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  ApiVersion: '2010-04-01',
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  CallStatus: 'ringing',
  Called: '+14155550100',
  Caller: '+14155550199',
  Direction: 'inbound',
  From: '+14155550199',
  FromCity: 'SAN FRANCISCO',
  FromCountry: 'US',
  FromState: 'CA',
  To: '+14155550100',
  ToCountry: 'US',
}
