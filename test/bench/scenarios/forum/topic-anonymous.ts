import type { Scenario } from '../types.js'
import { nth } from '../types.js'

/** Crawlers and embeds: anonymous readers over a few hundred topics, served from the page cache. */
export const topicAnonymous: Scenario = {
  name: 'topic.anonymous',
  area: 'Forum',
  label: 'Topic first page, anonymous',
  request: (f) => (i) => ({ path: `/api/topics/${nth(f.anonymousTopicIds, i, 7)}` }),
  target: { text: '≥ 100% req/s', check: (r, { baseline }) => r.rps >= baseline.rps },
}
