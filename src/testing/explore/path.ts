/**
 * Going to a node of the map: the path that reaches it, and the options that place that call — for
 * the call console (clicking a node places a call that goes there) and for a test that wants to
 * start where a lint finding is.
 */
import type { SimulateCallOptions } from '../simulator/options.js'
import type { CallInput } from '../simulator/waiting.js'
import type { CallMap, CallPath } from './types.js'

/** The shortest path the explorer found to a node (by id), or undefined for an unknown id. */
export function pathTo(map: CallMap, node: string): CallPath | undefined {
  return map.nodes.find((n) => n.id === node)?.reach
}

/**
 * Options for `startCall` (or `simulateCall`) that follow a path: its entry and variant, and a
 * `decide` hook that gives the path's inputs at waits 0, 1, 2, ... and then leaves each wait to the
 * controller (with `simulateCall`, to the scripts and defaults). `base` adds the rest (the auth
 * token, the base URL).
 */
export function followPath(path: CallPath, base: Omit<SimulateCallOptions, 'url'> = {}): SimulateCallOptions {
  const inputs: readonly CallInput[] = path.inputs
  const variant = path.variant
  const params = { ...base.params, ...variant?.params }
  return {
    ...base,
    url: path.entry,
    method: path.method,
    ...(variant?.from === undefined ? {} : { from: variant.from }),
    ...(variant?.to === undefined ? {} : { to: variant.to }),
    ...(Object.keys(params).length === 0 ? {} : { params }),
    decide: (waiting) => inputs[waiting.index] ?? base.decide?.(waiting),
  }
}
