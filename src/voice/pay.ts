/**
 * `<Pay>` and its `<Prompt>` noun: collect card or bank account details by keypad and charge or
 * tokenize them through a Pay Connector. Connector-specific values go in the shared `<Parameter>`.
 *
 * @see https://www.twilio.com/docs/voice/twiml/pay
 */
import { type Child, defineElement } from '../node.js'
import { attr } from '../schema.js'
import type { HttpMethod, OpenUnion } from './common.js'

/** Card brands `<Pay validCardTypes>` and `<Prompt cardType>` name. */
export type PayCardType =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'maestro'
  | 'discover'
  | 'optima'
  | 'jcb'
  | 'diners-club'
  | 'enroute'

const CARD_TYPES = [
  'visa',
  'mastercard',
  'amex',
  'maestro',
  'discover',
  'optima',
  'jcb',
  'diners-club',
  'enroute',
] as const satisfies readonly PayCardType[]

/** Languages of `<Pay>`'s built-in prompts, as the twilio library lists them; others still type-check. */
export type PayLanguage = OpenUnion<
  | 'de-DE'
  | 'en-AU'
  | 'en-CA'
  | 'en-GB'
  | 'en-IN'
  | 'en-IE'
  | 'en-NZ'
  | 'en-PH'
  | 'en-ZA'
  | 'en-US'
  | 'es-ES'
  | 'es-US'
  | 'fr-CA'
  | 'fr-FR'
  | 'it-IT'
>

const PAY_LANGUAGES = [
  'de-DE',
  'en-AU',
  'en-CA',
  'en-GB',
  'en-IN',
  'en-IE',
  'en-NZ',
  'en-PH',
  'en-ZA',
  'en-US',
  'es-ES',
  'es-US',
  'fr-CA',
  'fr-FR',
  'it-IT',
]

export interface PayProps {
  /** `<Prompt>`s that replace the default prompts, and `<Parameter>`s for the connector. */
  children?: Child
  /**
   * URL Twilio requests when `<Pay>` ends (payment data complete, or the caller pressed `*`),
   * with `Result`, `PaymentToken`, `PaymentConfirmationCode`, ... Its TwiML continues the call.
   */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
  /** URL Twilio requests as `<Pay>` progresses through its steps. */
  statusCallback?: string
  /** HTTP method for `statusCallback`. Default `POST`. */
  statusCallbackMethod?: HttpMethod
  /** How the caller enters data; `dtmf` (keypad) is the only value. Default `dtmf`. */
  input?: 'dtmf'
  /** What to collect: `credit-card` (default) or `ach-debit` (bank account). */
  paymentMethod?: 'credit-card' | 'ach-debit'
  /**
   * Account type of an `ach-debit` payment: `consumer-checking` (default), `consumer-savings`,
   * `commercial-checking`, `commercial-savings`. Needs `paymentMethod="ach-debit"`.
   */
  bankAccountType?: 'consumer-checking' | 'consumer-savings' | 'commercial-checking' | 'commercial-savings'
  /**
   * Amount to charge, as a decimal (`"10.50"`: a string keeps trailing zeros). Greater than 0
   * charges; `0` or absent creates a token instead.
   */
  chargeAmount?: number | `${number}`
  /** Currency of `chargeAmount`, an ISO 4217 code the connector accepts. Default `usd`. */
  currency?: OpenUnion<'usd' | 'eur' | 'gbp' | 'cad' | 'aud'>
  /** Description of the payment, passed to the connector. */
  description?: string
  /** Type of token to create when not charging: `one-time`, `reusable` (default) or `payment-method`. */
  tokenType?: 'one-time' | 'reusable' | 'payment-method'
  /** Unique name of the Pay Connector to use. Default `Default`. */
  paymentConnector?: string
  /** Card brands accepted, rendered space-separated. Default `visa mastercard amex`. */
  validCardTypes?: readonly PayCardType[]
  /** Ask for the card's security code. Default `true`. */
  securityCode?: boolean
  /**
   * Ask for the postal code (`true`, the default), skip it (`false`), or pass the postal code
   * yourself as a string.
   */
  postalCode?: boolean | string
  /** Fewest digits accepted as a postal code. */
  minPostalCodeLength?: number
  /** Seconds to wait for the caller's input at each step. Default 5. */
  timeout?: number
  /** How many times the caller may try a step whose input was invalid. Default 1. */
  maxAttempts?: number
  /** Language of the built-in prompts. Default `en-US`. */
  language?: PayLanguage
}

/**
 * Collects payment details over the keypad (PCI-compliant: digits are redacted from logs) and
 * charges or tokenizes them through a Pay Connector. The caller ends it early with `*`.
 * @see https://www.twilio.com/docs/voice/twiml/pay
 */
export const Pay = defineElement<PayProps>({
  tag: 'Pay',
  attributes: {
    action: attr.url,
    method: attr.method,
    statusCallback: attr.url,
    statusCallbackMethod: attr.method,
    input: attr.enum('dtmf'),
    paymentMethod: attr.enum('credit-card', 'ach-debit'),
    bankAccountType: attr.enum('consumer-checking', 'consumer-savings', 'commercial-checking', 'commercial-savings'),
    chargeAmount: attr.union(attr.number(0), attr.string()),
    currency: attr.open(['usd', 'eur', 'gbp', 'cad', 'aud']),
    description: attr.string(),
    tokenType: attr.enum('one-time', 'reusable', 'payment-method'),
    paymentConnector: attr.string(),
    validCardTypes: attr.list(...CARD_TYPES),
    securityCode: attr.boolean,
    postalCode: attr.union(attr.boolean, attr.string()),
    minPostalCodeLength: attr.integer(0),
    timeout: attr.integer(1),
    maxAttempts: attr.integer(1),
    language: attr.open(PAY_LANGUAGES),
  },
  children: { elements: ['Prompt', 'Parameter'] },
})

/** The `<Pay>` step a `<Prompt>` replaces the prompt of. */
export type PromptFor =
  | 'payment-card-number'
  | 'expiration-date'
  | 'security-code'
  | 'postal-code'
  | 'payment-processing'
  | 'bank-account-number'
  | 'bank-routing-number'

/** The errors a `<Prompt>` can be specific to. */
export type PromptErrorType =
  | 'timeout'
  | 'invalid-card-number'
  | 'invalid-card-type'
  | 'invalid-date'
  | 'invalid-security-code'
  | 'internal-error'
  | 'input-matching-failed'

export interface PromptProps {
  /** What the caller hears instead of the default prompt: `Say`, `Play` and `Pause` only. */
  children?: Child
  /**
   * The payment step whose prompt this replaces: `payment-card-number`, `expiration-date`,
   * `security-code`, `postal-code`, `payment-processing`, `bank-account-number`,
   * `bank-routing-number`. Twilio requires it.
   */
  for: PromptFor
  /** Play this prompt only after these errors; rendered space-separated. Default: any. */
  errorType?: readonly PromptErrorType[]
  /** Play this prompt only for these card brands; rendered space-separated. Default: any. */
  cardType?: readonly PayCardType[]
  /** Play this prompt only on these attempts (1–10); rendered space-separated. Default: all attempts. */
  attempt?: readonly number[]
  /** Ask the caller to enter the value twice and check the two match. Default `false`. */
  requireMatchingInputs?: boolean
}

/**
 * Replaces `<Pay>`'s default prompt for one payment step (optionally only for some errors, card
 * brands or attempts) with `<Say>`, `<Play>` and `<Pause>`.
 * @see https://www.twilio.com/docs/voice/twiml/pay/prompt
 */
export const Prompt = defineElement<PromptProps>({
  tag: 'Prompt',
  attributes: {
    for: attr.enum(
      'payment-card-number',
      'expiration-date',
      'security-code',
      'postal-code',
      'payment-processing',
      'bank-account-number',
      'bank-routing-number',
    ),
    errorType: attr.list(
      'timeout',
      'invalid-card-number',
      'invalid-card-type',
      'invalid-date',
      'invalid-security-code',
      'internal-error',
      'input-matching-failed',
    ),
    cardType: attr.list(...CARD_TYPES),
    // A list of whole numbers: the schema has no integer-list domain yet.
    attempt: attr.custom,
    requireMatchingInputs: attr.boolean,
  },
  children: { elements: ['Say', 'Play', 'Pause'] },
})
