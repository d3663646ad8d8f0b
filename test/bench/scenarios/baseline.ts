import type { Scenario } from './types.js'
import { nth } from './types.js'

/** A bare primary-key SELECT over pg in the same server: what every ratio is taken against. */
export const baseline: Scenario = {
  name: 'baseline',
  area: 'Baseline',
  label: 'Baseline: user by primary key (bare pg)',
  request: (f) => (i) => ({ path: `/api/bench/baseline?id=${nth(f.userIds, i, 7919)}` }),
}
