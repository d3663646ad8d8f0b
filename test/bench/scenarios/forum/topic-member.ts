import type { Scenario } from '../types.js'
import { bearer, nth } from '../types.js'

/**
 * A signed-in member opens a topic: 5,000 topics read by many members, as in a community that
 * has been running (each topic read once before measuring). Pages come from the shared page
 * cache, with the member's permissions and reactions added per request; the first read of a
 * topic is measured apart (topic.member.cold).
 */
export const topicMember: Scenario = {
  name: 'topic.member',
  area: 'Forum',
  label: 'Topic first page, member',
  note: "5,000 topics read by 500 members; every topic is read once before measuring, as in a community that has been running. Pages come from the shared page cache (kept exact by every write), with the member's permissions and reactions added per request.",
  // The stride is prime to the list's length: the first pass reads every topic once.
  prime: (f) => f.memberTopicIds.length,
  request: (f) => (i) => ({
    path: `/api/topics/${nth(f.memberTopicIds, i, 7)}`,
    headers: bearer(nth(f.tokens, i, 13)),
  }),
  target: {
    text: '≥ 50% req/s, p99 ≤ 2×',
    check: (r, { baseline }) => r.rps >= 0.5 * baseline.rps && r.p99 <= 2 * baseline.p99,
  },
}

/** The first read of a topic since it was last written: every request a page no one has read. */
export const topicMemberCold: Scenario = {
  name: 'topic.member.cold',
  area: 'Forum',
  label: 'Topic first page, member, first read (not cached)',
  note: 'each request a topic no one has read since the server started: one statement for the topic, its page of posts, their authors and reactions.',
  warmup: 1,
  request: (f) => (i) => ({
    path: `/api/topics/${f.coldTopicIds[i % f.coldTopicIds.length]}`,
    headers: bearer(nth(f.tokens, i, 13)),
  }),
}
