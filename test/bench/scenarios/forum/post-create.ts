import type { Scenario } from '../types.js'
import { bearer, nth } from '../types.js'

/** Many members replying in many topics at once; every body is distinct. */
export const postCreate: Scenario = {
  name: 'post.create',
  area: 'Forum',
  label: 'Reply to a topic, member',
  warmup: 1,
  request: (f) => {
    const run = Date.now().toString(36)
    return (i) => {
      const text = nth(f.sentences, i, 31)
      // Some Markdown now and then, so the renderer does real work.
      const body = i % 4 === 0 ? `${text}\n\n**${nth(f.sentences, i + 1, 17)}**` : text
      return {
        method: 'POST',
        path: `/api/topics/${nth(f.postTopicIds, i, 11)}/posts`,
        headers: { ...bearer(nth(f.tokens, i, 13)), 'content-type': 'application/json' },
        body: JSON.stringify({ body: `${body} (bench ${run}-${i})` }),
      }
    }
  },
  target: { text: '≥ 8% req/s', check: (r, { baseline }) => r.rps >= 0.08 * baseline.rps },
}
