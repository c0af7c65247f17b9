/**
 * `<Pay>`: collects a card or bank account by DTMF and charges or tokenizes it; the outcome is
 * scripted (`pay` option) or chosen by the controller. Rules from https://www.twilio.com/docs/voice/twiml/pay:
 * - when `<Pay>` ends — payment data complete, the caller pressed `*`, or it failed — Twilio
 *   requests `action` with `Result` (`success`, `too-many-failed-attempts`,
 *   `caller-interrupted-with-star`, `caller-hung-up`, `payment-connector-error`, ...), and its TwiML
 *   continues the call; without an action the next verb runs;
 * - a charge (`chargeAmount` above 0) reports `PaymentConfirmationCode`, a tokenization
 *   (`chargeAmount` 0 or absent) `PaymentToken`; card details come back masked
 *   (`PaymentCardNumber`, `PaymentCardType`, `ExpirationDate`).
 */
import { attribute, type XmlElement } from '../../xml.js'
import { attributeOr, integerOr, methodOf, SIMULATED } from '../defaults.js'
import type { PayScript } from '../options.js'
import type { Step, VerbContext } from '../runtime.js'
import type { CallInput, PayResult } from '../waiting.js'

/** The card brand of a number, by its leading digits. */
function cardType(number: string): string {
  if (/^4/.test(number)) return 'visa'
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard'
  if (/^3[47]/.test(number)) return 'amex'
  if (/^6(011|5)/.test(number)) return 'discover'
  return 'unknown'
}

/** A card number as Twilio reports it: all but the last four digits masked. */
function masked(number: string): string {
  return `${'x'.repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`
}

export async function payVerb({ call, leg, doc, at }: VerbContext, verb: XmlElement): Promise<Step> {
  const paymentMethod = attributeOr(verb, 'Pay', 'paymentMethod') === 'ach-debit' ? 'ach-debit' : 'credit-card'
  const chargeAmount = attribute(verb, 'chargeAmount')
  call.emit(at, { type: 'pay', paymentMethod, ...(chargeAmount === undefined ? {} : { chargeAmount }) })
  if (attribute(verb, 'statusCallback') !== undefined) {
    call.emit(at, { type: 'warning', message: '<Pay statusCallback> is not simulated: only the action is requested' })
  }
  const inner = { leg: leg.name, depth: at.depth + 1 }
  const index = call.count('pay')
  const since = call.clock.now
  let details: PayScript = {}
  const fromScript = (script: PayScript | undefined) => {
    details = script ?? {}
    return {
      at: since + (details.duration ?? SIMULATED.paySeconds),
      input: {
        kind: 'pay',
        result: details.result ?? 'success',
        ...(details.cardNumber === undefined ? {} : { cardNumber: details.cardNumber }),
        ...(details.cardType === undefined ? {} : { cardType: details.cardType }),
      } satisfies CallInput,
    }
  }
  const option = call.options.pay
  const resolution = await call.wait(
    inner,
    {
      kind: 'pay',
      paymentMethod,
      ...(chargeAmount === undefined ? {} : { chargeAmount }),
      currency: attributeOr(verb, 'Pay', 'currency'),
      validCardTypes: attributeOr(verb, 'Pay', 'validCardTypes').split(/\s+/).filter(Boolean),
      timeout: integerOr(verb, 'Pay', 'timeout'),
      maxAttempts: integerOr(verb, 'Pay', 'maxAttempts'),
    },
    doc,
    {
      script:
        option === undefined
          ? undefined
          : () => {
              const value = typeof option === 'function' ? option(index) : option
              return value instanceof Promise ? value.then(fromScript) : fromScript(value)
            },
      fallback: { at: since + SIMULATED.paySeconds, input: { kind: 'pay', result: 'success' } },
      accepts: (input) =>
        input.kind === 'pay' || (input.kind === 'press' && input.digits === '*') || input.kind === 'hangup'
          ? undefined
          : 'the caller is entering payment details: give a pay result, press *, or hang up',
    },
  )
  let result: PayResult
  if (resolution.kind === 'pay') result = resolution.result
  else if (resolution.kind === 'press') result = 'caller-interrupted-with-star'
  else if (resolution.kind === 'hangup') result = 'caller-hung-up'
  else throw new Error(`unexpected ${resolution.kind} at a <Pay>`)
  call.emit(inner, { type: 'paid', result })

  const params: Record<string, string> = { Result: result }
  if (result === 'success') {
    const charge = chargeAmount !== undefined && Number(chargeAmount) > 0
    if (charge) params.PaymentConfirmationCode = call.clock.sid('PC').slice(0, 14)
    else params.PaymentToken = call.clock.sid('PT')
    if (paymentMethod === 'credit-card') {
      const number = (resolution.kind === 'pay' ? resolution.cardNumber : undefined) ?? SIMULATED.cardNumber
      params.PaymentCardNumber = masked(number)
      params.PaymentCardType = (resolution.kind === 'pay' ? resolution.cardType : undefined) ?? cardType(number)
      params.ExpirationDate = details.expirationDate ?? SIMULATED.expirationDate
    }
  }
  const action = attribute(verb, 'action')
  const url = action === undefined ? undefined : call.http.absolute(action, doc.url, '<Pay action>')
  const method = methodOf(attribute(verb, 'method'))
  if (result === 'caller-hung-up') {
    leg.status = 'completed'
    if (url !== undefined) await call.request(leg, 'pay-action', method, url, { ...call.params(leg), ...params })
    return { kind: 'ended', reason: 'caller hung up' }
  }
  if (url === undefined) return { kind: 'next' }
  return { kind: 'goto', request: 'pay-action', method, url, params }
}
