import type { Scenario } from '../types.js'
import { bearer, nth } from '../types.js'

/** A signed-in member opens a topic: many topics, many members, no shared cache to lean on. */
export const topicMember: Scenario = {
  name: 'topic.member',
  area: 'Forum',
  label: 'Topic first page, member',
  request: (f) => (i) => ({
    path: `/api/topics/${nth(f.memberTopicIds, i, 7)}`,
    headers: bearer(nth(f.tokens, i, 13)),
  }),
  target: {
    text: '≥ 50% req/s, p99 ≤ 2×',
    check: (r, { baseline }) => r.rps >= 0.5 * baseline.rps && r.p99 <= 2 * baseline.p99,
  },
}
