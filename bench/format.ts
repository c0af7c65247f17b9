/** Formatting helpers shared by the bench scripts. */

/** A duration in nanoseconds, with a unit that keeps three significant digits. */
export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`
  if (ns < 1_000_000) return `${(ns / 1_000).toPrecision(3)} µs`
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toPrecision(3)} ms`
  return `${(ns / 1_000_000_000).toPrecision(3)} s`
}

/** A byte count, in B / kB / MB (1 kB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toFixed(0)} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}

/** `x / base`, written as "12.3×" (how many times longer than the base). */
export function ratio(x: number, base: number): string {
  const r = x / base
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`
}

/** A GitHub-flavoured markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}
