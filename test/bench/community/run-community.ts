import { measureContestVotes } from '../contests/votes-bench.js'
import { measureEventRsvps } from '../events/rsvp-bench.js'
import { cpuBusy } from '../live/cpu-busy.js'
import type { ModerationResult } from '../moderation/run-moderation.js'
import type { BenchOptions } from '../options.js'

// Events and contests (issue 6), measured in the bench's own process on databases of their own:
// the RSVP rush on a 1,000-place event, then 10,000 members voting in one contest. Their rows read
// like the Moderation section's (median, p99, a target), so they share its table.

export const communityTitle = '## Events and contests'

export async function measureCommunity(opts: BenchOptions): Promise<ModerationResult> {
  const busyBefore = await cpuBusy()
  console.log(
    `  (CPUs ${busyBefore === null ? 'busy: unknown' : `${Math.round(busyBefore * 100)}% busy with other work`} before it started)`,
  )
  const events = await measureEventRsvps({ databaseUrl: opts.databaseUrl })
  const contests = await measureContestVotes({ databaseUrl: opts.databaseUrl })
  return { date: new Date(), rows: [...events.rows, ...contests.rows], busyBefore }
}
