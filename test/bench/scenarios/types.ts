import type { Fixtures } from '../fixtures.js'
import type { Measured, RequestSpec } from '../load.js'

/** What a target is judged against: the baseline (the worse of its runs) and every other result. */
export interface Judged {
  baseline: Measured
  results: Map<string, Measured>
}

export interface Target {
  /** As printed in the table, e.g. "≥ 50% req/s, p99 ≤ 2×". */
  text: string
  /** True or false; null when a figure it needs was not measured in this run. */
  check(result: Measured, judged: Judged): boolean | null
}

/**
 * One measured row of the bench: a small module per scenario, grouped by area (one section
 * of RESULTS.md each). `request(i)` builds the i-th request, so that paths and tokens vary.
 */
export interface Scenario {
  name: string
  area: string
  label: string
  /** What the row measures, when the label cannot say it all: printed under the table. */
  note?: string
  request(fixtures: Fixtures): (i: number) => RequestSpec
  target?: Target
  /** Seconds of unrecorded load before measuring (default 3). */
  warmup?: number
  /**
   * How many requests to send, unrecorded, before the warm-up: the state a running community is
   * in (every topic of the scenario read once, say), which a few seconds of warm-up cannot reach.
   */
  prime?(fixtures: Fixtures): number
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** The i-th element, cycling; a stride keeps neighbouring requests on different items. */
export function nth<T>(list: readonly T[], i: number, stride = 1): T {
  if (list.length === 0) throw new Error('a bench fixture list is empty: is the database seeded?')
  return list[(i * stride) % list.length]!
}
