import type { Scenario } from '../types.js'
import { bearer, nth } from '../types.js'

/** Full-text search over all posts: common and rare words, two words, a French inflection. */
export const search: Scenario = {
  name: 'search',
  area: 'Forum',
  label: 'Search, member (mixed queries)',
  request: (f) => (i) => ({
    path: `/api/search?q=${encodeURIComponent(nth(f.searchQueries, i).q)}`,
    headers: bearer(nth(f.tokens, i, 13)),
  }),
  target: { text: 'p99 ≤ 4×', check: (r, { baseline }) => r.p99 <= 4 * baseline.p99 },
}
