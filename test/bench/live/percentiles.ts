export interface Spread {
  count: number
  p50: number
  p99: number
  max: number
}

/** Nearest-rank percentiles of every value (sorted in place); null when there are none. */
export function spread(values: Float64Array): Spread | null {
  if (values.length === 0) return null
  values.sort()
  const at = (q: number) => values[Math.max(0, Math.ceil(q * values.length) - 1)]!
  return { count: values.length, p50: at(0.5), p99: at(0.99), max: values[values.length - 1]! }
}
