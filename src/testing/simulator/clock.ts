/**
 * The call's virtual clock and its identifiers. Nothing waits in real time: a ring, a conversation,
 * a Gather's timeout move `now` forward. SIDs are numbered in the order the call creates them, so
 * the same inputs give the same SIDs, timestamps and requests, run after run.
 */
export class VirtualClock {
  /** Seconds since the first request. */
  now = 0
  private created = 0

  /** @param start the wall-clock time of the first request, in ms since the epoch */
  constructor(readonly start: number) {}

  /** Moves time forward (never back). */
  advanceTo(second: number): void {
    if (second > this.now) this.now = second
  }

  /** The `Timestamp` Twilio sends with callbacks (RFC 2822, `+0000`). */
  timestamp(): string {
    return new Date(this.start + this.now * 1000).toUTCString().replace('GMT', '+0000')
  }

  /** A new 34-character SID: the prefix (`CA`, `RE`, `QU`, ...) and a counter in hex. */
  sid(prefix: string): string {
    this.created++
    return prefix + this.created.toString(16).padStart(32, '0')
  }
}
