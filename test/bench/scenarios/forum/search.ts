import { distinctSearch } from '../../text.js'
import type { Scenario } from '../types.js'
import { bearer, nth } from '../types.js'

/**
 * Full-text search over all posts: common and rare words, two words, a French inflection; the
 * same few searches again and again, as a help widget's suggestions or a burst after an
 * announcement send them. Answers are cached until the next write.
 */
export const search: Scenario = {
  name: 'search',
  area: 'Forum',
  label: 'Search, member (mixed queries)',
  note: "nine searches (common and rare words, two words, French inflections: test/bench/text.ts) again and again, as a help widget's suggestions send them; answers are cached until the next write that could change one (exact, never stale).",
  request: (f) => (i) => ({
    path: `/api/search?q=${encodeURIComponent(nth(f.searchQueries, i).q)}`,
    headers: bearer(nth(f.tokens, i, 13)),
  }),
  target: { text: 'p99 ≤ 4×', check: (r, { baseline }) => r.p99 <= 4 * baseline.p99 },
}

/** The long tail: every request a search no one made before, so no answer is cached. */
export const searchDistinct: Scenario = {
  name: 'search.distinct',
  area: 'Forum',
  label: 'Search, member, every search new (not cached)',
  note: 'every request a search never made before (two topical words, French and English mixed, or a product name and a word): what the long tail costs, with no cache to help.',
  warmup: 1,
  request: (f) => {
    // Counted here rather than from i, which starts again at 0 after the warm-up.
    let n = 0
    return (i) => ({
      path: `/api/search?q=${encodeURIComponent(distinctSearch(n++))}`,
      headers: bearer(nth(f.tokens, i, 13)),
    })
  },
}
