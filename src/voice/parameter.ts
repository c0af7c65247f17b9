/**
 * `<Parameter>`: a custom name/value pair passed on to a `<Client>`, an `<Application>`,
 * a `<Stream>` and others. One definition: every parent that takes custom parameters names it.
 *
 * @see https://www.twilio.com/docs/voice/twiml/client#custom-parameters
 */

import * as attr from '../attr.js'
import { defineElement } from '../node.js'

export interface ParameterProps {
  /** Name of the custom parameter. */
  name?: string
  /** Value of the custom parameter. */
  value?: string
  children?: never
}

/** A custom parameter, e.g. `<Parameter name="ticket" value="42" />`. */
export const Parameter = defineElement<ParameterProps>({
  tag: 'Parameter',
  attributes: { name: attr.string(), value: attr.string() },
})
