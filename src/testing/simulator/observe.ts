/**
 * Every simulated call announces itself here when it starts, so a tool can see the calls a test
 * suite makes without the tests passing anything along: coverage of a call-flow map collects the
 * runs this way. Listeners are called synchronously, before the call's first request.
 */
import type { SimulatedCall } from './call.js'
import type { SimulateCallOptions } from './options.js'

/** Called with each call that starts, and the options it was started with. */
export type CallObserver = (call: SimulatedCall, options: SimulateCallOptions) => void

const observers = new Set<CallObserver>()

/**
 * Calls `observer` with every call `simulateCall` or `startCall` starts from now on (in this
 * JavaScript realm). Returns the function that stops it.
 */
export function observeCalls(observer: CallObserver): () => void {
  // A wrapper per registration: observing twice with the same function gives two independent stops.
  const registered: CallObserver = (call, options) => observer(call, options)
  observers.add(registered)
  return () => {
    observers.delete(registered)
  }
}

/** Tells the observers a call has started. */
export function announceCall(call: SimulatedCall, options: SimulateCallOptions): void {
  for (const observer of observers) observer(call, options)
}
