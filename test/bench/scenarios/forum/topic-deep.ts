import type { Scenario } from '../types.js'
import { bearer, nth } from '../types.js'

/**
 * The long topic's last full page of 25 (page 400 when it has 10,000 replies), by keyset:
 * it must cost what the first page costs.
 */
export const topicDeep: Scenario = {
  name: 'topic.deep',
  area: 'Forum',
  label: 'Topic deep page (page 400 at 10,000 replies), member',
  note: "the same page again and again, so it is cached like the first page; uncached, its statement walks the keyset index as the first page's does (see test/forum/sql-snapshots).",
  request: (f) => (i) => ({
    path: `/api/topics/${f.bigTopicId}?after=${f.deepAfterId}&limit=25`,
    headers: bearer(nth(f.tokens, i, 13)),
  }),
  target: {
    text: 'p99 ≤ 1.5× first page',
    check: (r, { results }) => {
      const first = results.get('topic.member')
      return first ? r.p99 <= 1.5 * first.p99 : null
    },
  },
}
