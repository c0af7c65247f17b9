/**
 * Type tests for element data: `npm test` runs `tsc --noEmit` over this file. A prop's type and its
 * run-time domain must name the same values, so a typo in either does not compile. Each
 * `@ts-expect-error` line must fail to compile; the other lines must compile.
 */
import { Conference, Dial, defaultOf, Gather, Sip } from 'twiml-jsx'
import * as attr from '../../src/attr.js'
import { defineElement } from '../../src/node.js'

const SIZES = ['large', 'medium', 'small', 'off'] as const

interface SizedProps {
  size?: (typeof SIZES)[number]
  sizes?: readonly (typeof SIZES)[number][]
  muted?: boolean
  label?: string
  children?: never
}

export const agreeing = defineElement<SizedProps>({
  tag: 'Sized',
  attributes: {
    size: attr.oneOf(SIZES, { default: 'large' }),
    sizes: attr.list(SIZES),
    muted: attr.boolean(),
    label: attr.string(),
  },
})

export const misspelled = defineElement<SizedProps>({
  tag: 'Sized',
  attributes: {
    // @ts-expect-error the domain names 'smal', which the prop type does not have
    size: attr.oneOf(['large', 'medium', 'smal', 'off']),
    sizes: attr.list(SIZES),
    muted: attr.boolean(),
    label: attr.string(),
  },
})

export const missingValue = defineElement<SizedProps>({
  tag: 'Sized',
  attributes: {
    // @ts-expect-error the domain lacks 'off', which the prop type allows
    size: attr.oneOf(['large', 'medium', 'small']),
    sizes: attr.list(SIZES),
    muted: attr.boolean(),
    label: attr.string(),
  },
})

export const listDrift = defineElement<SizedProps>({
  tag: 'Sized',
  attributes: {
    size: attr.oneOf(SIZES),
    // @ts-expect-error a list domain must name exactly the values of the array's items
    sizes: attr.list(['large', 'huge']),
    muted: attr.boolean(),
    label: attr.string(),
  },
})

export const wrongKind = defineElement<SizedProps>({
  tag: 'Sized',
  attributes: {
    size: attr.oneOf(SIZES),
    sizes: attr.list(SIZES),
    // @ts-expect-error a boolean prop takes a boolean domain
    muted: attr.string(),
    // @ts-expect-error free text cannot be closed to a set at run time only
    label: attr.oneOf(['a', 'b']),
  },
})

export const badDefault = defineElement<SizedProps>({
  tag: 'Sized',
  attributes: {
    // @ts-expect-error a default must be one of the domain's values
    size: attr.oneOf(SIZES, { default: 'huge' }),
    sizes: attr.list(SIZES),
    muted: attr.boolean(),
    label: attr.string(),
  },
})

// @ts-expect-error every prop needs a domain
export const incomplete = defineElement<SizedProps>({ tag: 'Sized', attributes: { size: attr.oneOf(SIZES) } })

// Defaults read back typed as the prop.
export const timeout: number | undefined = defaultOf(Dial, 'timeout')
export const transport: 'udp' | 'tcp' | 'tls' | undefined = defaultOf(Sip, 'transport')
export const jitter: 'large' | 'medium' | 'small' | 'off' | undefined = defaultOf(Conference, 'jitterBufferSize')
export const input: readonly ('dtmf' | 'speech')[] | undefined = defaultOf(Gather, 'input')
// @ts-expect-error Dial has no such prop
defaultOf(Dial, 'timout')
// @ts-expect-error children is no attribute
defaultOf(Dial, 'children')
