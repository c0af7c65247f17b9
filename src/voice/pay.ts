/**
 * `<Pay>` and its `<Prompt>` noun: collect card or bank account details by keypad and charge or
 * tokenize them through a Pay Connector. Connector-specific values go in the shared `<Parameter>`.
 *
 * @see https://www.twilio.com/docs/voice/twiml/pay
 */

import * as attr from '../attr.js'
import { type Child, defineElement } from '../node.js'
import { type KnownPayLanguage, PAY_LANGUAGES } from './catalog.js'
import { type HttpMethod, methodDomain, type OpenUnion } from './common.js'
import { Parameter } from './parameter.js'
import { Pause, Play } from './play-pause.js'
import { Response } from './response.js'
import { Say } from './say.js'

/** Card brands `<Pay validCardTypes>` and `<Prompt cardType>` name. */
export const PAY_CARD_TYPES = [
  'visa',
  'mastercard',
  'amex',
  'maestro',
  'discover',
  'optima',
  'jcb',
  'diners-club',
  'enroute',
] as const
/** A card brand `<Pay validCardTypes>` and `<Prompt cardType>` name. */
export type PayCardType = (typeof PAY_CARD_TYPES)[number]

/**
 * Languages of `<Pay>`'s built-in prompts: the twilio library's list (generated into catalog.ts).
 * Twilio's `<Pay>` page also names `es-MX` for card payments; any other code still type-checks.
 */
export type PayLanguage = OpenUnion<KnownPayLanguage | 'es-MX'>

/** How the caller enters payment data. */
export const PAY_INPUTS = ['dtmf'] as const
/** What `<Pay>` collects. */
export const PAY_PAYMENT_METHODS = ['credit-card', 'ach-debit'] as const
/** Bank account types of an ACH payment. */
export const PAY_BANK_ACCOUNT_TYPES = [
  'consumer-checking',
  'consumer-savings',
  'commercial-checking',
  'commercial-savings',
] as const
/** Kinds of token `<Pay>` creates when it does not charge. */
export const PAY_TOKEN_TYPES = ['one-time', 'reusable', 'payment-method'] as const
/** Currencies that autocomplete for `chargeAmount` (the connector decides which it accepts). */
export const PAY_CURRENCIES = ['usd', 'eur', 'gbp', 'cad', 'aud'] as const

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
  input?: (typeof PAY_INPUTS)[number]
  /** What to collect: `credit-card` (default) or `ach-debit` (bank account). */
  paymentMethod?: (typeof PAY_PAYMENT_METHODS)[number]
  /**
   * Account type of an `ach-debit` payment: `consumer-checking` (default), `consumer-savings`,
   * `commercial-checking`, `commercial-savings`. Needs `paymentMethod="ach-debit"`.
   */
  bankAccountType?: (typeof PAY_BANK_ACCOUNT_TYPES)[number]
  /**
   * Amount to charge, as a decimal (`"10.50"`: a string keeps trailing zeros). Greater than 0
   * charges; `0` or absent creates a token instead.
   */
  chargeAmount?: number | `${number}`
  /** Currency of `chargeAmount`, an ISO 4217 code the connector accepts. Default `usd`. */
  currency?: OpenUnion<(typeof PAY_CURRENCIES)[number]>
  /** Description of the payment, passed to the connector. */
  description?: string
  /** Type of token to create when not charging: `one-time`, `reusable` (default) or `payment-method`. */
  tokenType?: (typeof PAY_TOKEN_TYPES)[number]
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
  verbOf: [Response],
  attributes: {
    action: attr.url(),
    method: methodDomain,
    statusCallback: attr.url(),
    statusCallbackMethod: methodDomain,
    input: attr.oneOf(PAY_INPUTS, { default: 'dtmf' }),
    paymentMethod: attr.oneOf(PAY_PAYMENT_METHODS, { default: 'credit-card' }),
    bankAccountType: attr.oneOf(PAY_BANK_ACCOUNT_TYPES, { default: 'consumer-checking' }),
    chargeAmount: attr.union([attr.number(0), attr.string()]),
    currency: attr.open(PAY_CURRENCIES, { default: 'usd' }),
    description: attr.string(),
    tokenType: attr.oneOf(PAY_TOKEN_TYPES, { default: 'reusable' }),
    paymentConnector: attr.string(undefined, { default: 'Default' }),
    validCardTypes: attr.list(PAY_CARD_TYPES, { default: ['visa', 'mastercard', 'amex'] }),
    securityCode: attr.boolean({ default: true }),
    postalCode: attr.union([attr.boolean(), attr.string()], { default: true }),
    minPostalCodeLength: attr.integer(0),
    timeout: attr.integer(1, undefined, { default: 5 }),
    maxAttempts: attr.integer(1, undefined, { default: 1 }),
    language: attr.open(PAY_LANGUAGES, { default: 'en-US' }),
  },
  children: { elements: () => [Prompt, Parameter] },
})

/** The `<Pay>` steps a `<Prompt>` can replace the prompt of. */
export const PROMPT_FOR = [
  'payment-card-number',
  'expiration-date',
  'security-code',
  'postal-code',
  'payment-processing',
  'bank-account-number',
  'bank-routing-number',
] as const
/** The `<Pay>` step a `<Prompt>` replaces the prompt of. */
export type PromptFor = (typeof PROMPT_FOR)[number]

/**
 * The errors a `<Prompt>` can be specific to. Twilio's `<Prompt>` page lists `timeout`,
 * `invalid-card-number`, `invalid-card-type`, `invalid-date`, `date-validation-failed`,
 * `invalid-security-code` and the two bank ones (its own ACH example uses
 * `invalid-bank-routing-number`); the `<Pay>` page's error table adds `invalid-postal-code`;
 * twilio-node lists `internal-error` and `input-matching-failed`. All are accepted.
 * @see https://www.twilio.com/docs/voice/twiml/pay/prompt
 * @see https://www.twilio.com/docs/voice/twiml/pay
 */
export const PROMPT_ERROR_TYPES = [
  'timeout',
  'invalid-card-number',
  'invalid-card-type',
  'invalid-date',
  'date-validation-failed',
  'invalid-security-code',
  'invalid-postal-code',
  'invalid-bank-routing-number',
  'invalid-bank-account-number',
  'internal-error',
  'input-matching-failed',
] as const
/** An error a `<Prompt>` can be specific to. */
export type PromptErrorType = (typeof PROMPT_ERROR_TYPES)[number]

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
  // A verb of <Response> too: twilio's builder offers response.prompt().
  verbOf: [Response],
  attributes: {
    for: attr.oneOf(PROMPT_FOR),
    errorType: attr.list(PROMPT_ERROR_TYPES),
    cardType: attr.list(PAY_CARD_TYPES),
    // A list of whole numbers: the schema has no integer-list domain.
    attempt: attr.custom(),
    requireMatchingInputs: attr.boolean({ default: false }),
  },
  children: { elements: () => [Say, Play, Pause] },
})
