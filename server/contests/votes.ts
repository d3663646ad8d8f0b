import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import { conflict, notFound, unprocessable } from '../http/errors.js'
import { phaseAt } from './phase.js'
import { ineligibility, tooNewToVote } from './policy.js'

/**
 * Casts one of the member's votes for an entry. The contest's rules come from memory (phase from
 * its dates and the clock, jury, trust and groups); then one statement inserts the vote in the
 * member's lowest free slot (1..votesPerMember), only for an entry of this contest that is not
 * the voter's own nor disqualified, from an account created before submissions opened and old
 * enough. The database makes a second vote for one entry and a vote past the allowance
 * impossible (unique entry+voter, unique contest+voter+slot), so concurrent clicks never count
 * twice: the loser of a race gets 409, or takes the next free slot. When nothing was inserted, a
 * second query says why.
 *
 * Refusals: 404 (no such contest or entry), 422 (outside voting, jury-only contest, juror, own
 * entry, disqualified entry, account created after submissions opened, not eligible), 409 (already
 * voted for this entry, or no votes left).
 * @example await castVote(app, viewer, 12, 340, req.ip) // { id, contestId: 12, entryId: 340, createdAt, votesLeft: 2 }
 */
export async function castVote(
  app: FastifyInstance,
  viewer: Viewer,
  contestId: number,
  entryId: number,
  ip: string,
) {
  const rules = await app.contestRules.get(contestId)
  if (!rules) throw notFound(`Contest ${contestId}`)
  const now = app.clock()
  const phase = phaseAt(rules, rules.votingMode, now, false)
  if (phase !== 'voting')
    throw unprocessable(
      'not_voting',
      phase === 'upcoming' || phase === 'submissions'
        ? `Voting opens on ${rules.votingOpensAt.toISOString()}.`
        : 'Voting is closed for this contest.',
    )
  if (rules.votingMode === 'jury')
    throw unprocessable('jury_only', 'A jury decides this contest: members do not vote.')
  if (rules.jurorIds.includes(viewer.id))
    throw unprocessable('juror_cannot_vote', 'Jurors score the entries; they do not also vote.')
  const refusal = ineligibility(rules, viewer, null, now)
  if (refusal) throw refusal

  const oldest =
    rules.minAccountAgeDays === null
      ? rules.submissionsOpenAt
      : new Date(
          Math.min(rules.submissionsOpenAt.getTime(), now.getTime() - rules.minAccountAgeDays * 86_400_000),
        )
  const N = rules.votesPerMember
  for (let attempt = 0; attempt <= N; attempt++) {
    const { rows } = await insertVote({
      contestId,
      entryId,
      voterId: viewer.id,
      votes: N,
      oldest,
      ip,
      now,
    }).execute(app.db)
    const vote = rows[0]
    if (vote)
      return {
        id: Number(vote.id),
        contestId,
        entryId,
        createdAt: new Date(vote.createdAt).toISOString(),
        votesLeft: Math.max(0, N - vote.usedBefore - 1),
      }
    await explainRefusal(app, viewer, rules, entryId, now)
  }
  throw conflict('vote_conflict', 'Your votes changed meanwhile; try again.')
}

/**
 * The vote's one statement: in the voter's lowest free slot, for an entry of the contest that is
 * neither theirs nor disqualified, from an account created at `oldest` at the latest; nothing when
 * any of that fails, or when the voter already voted for the entry.
 */
export function insertVote(v: {
  contestId: number
  entryId: number
  voterId: number
  votes: number
  oldest: Date
  ip: string
  now: Date
}) {
  return sql<{ id: number; createdAt: Date; usedBefore: number }>`
insert into contest_votes (contest_id, entry_id, voter_id, slot, ip, created_at)
select e.contest_id, e.id, u.id, s.slot, ${v.ip}, ${v.now}::timestamptz
from contest_entries e
  join users u on u.id = ${v.voterId}::bigint and u.created_at <= ${v.oldest}::timestamptz
  cross join generate_series(1, ${v.votes}::int) as s(slot)
where e.id = ${v.entryId}::bigint and e.contest_id = ${v.contestId}::bigint
  and e.author_id <> u.id and e.disqualified_at is null
  and not exists (select from contest_votes x
    where x.contest_id = ${v.contestId}::bigint and x.voter_id = u.id and x.slot = s.slot)
  and not exists (select from contest_votes x where x.entry_id = e.id and x.voter_id = u.id)
order by s.slot limit 1
on conflict do nothing
returning id, created_at,
  (select count(*) from contest_votes x where x.contest_id = ${v.contestId}::bigint and x.voter_id = ${v.voterId}::bigint)::int as used_before`
}

/**
 * Why the insert wrote nothing, as the error to answer with; returns normally when nothing stands
 * in the way (a concurrent vote took the free slot first: the caller tries the next one).
 */
async function explainRefusal(
  app: FastifyInstance,
  viewer: Viewer,
  rules: NonNullable<Awaited<ReturnType<FastifyInstance['contestRules']['get']>>>,
  entryId: number,
  now: Date,
): Promise<void> {
  const { rows } = await sql<{
    authorId: number | null
    disqualifiedAt: Date | null
    voterCreatedAt: Date
    dup: boolean
    used: number
  }>`
select e.author_id, e.disqualified_at, u.created_at as voter_created_at,
  exists (select from contest_votes where entry_id = ${entryId}::bigint and voter_id = u.id) as dup,
  (select count(*) from contest_votes where contest_id = ${rules.id}::bigint and voter_id = u.id)::int as used
from users u
  left join contest_entries e on e.id = ${entryId}::bigint and e.contest_id = ${rules.id}::bigint
where u.id = ${viewer.id}::bigint`.execute(app.db)
  const r = rows[0]
  if (!r || r.authorId === null) throw notFound(`Entry ${entryId} of contest ${rules.id}`)
  if (r.authorId === viewer.id) throw unprocessable('own_entry', 'You cannot vote for your own entry.')
  if (r.disqualifiedAt !== null) throw unprocessable('entry_disqualified', 'This entry was disqualified.')
  const createdAt = new Date(r.voterCreatedAt)
  const refusal = tooNewToVote(rules, createdAt) ?? ineligibility(rules, viewer, createdAt, now)
  if (refusal) throw refusal
  if (r.dup) throw conflict('already_voted', 'You have already voted for this entry.')
  if (r.used >= rules.votesPerMember)
    throw conflict(
      'no_votes_left',
      `You have used your ${rules.votesPerMember} vote${rules.votesPerMember === 1 ? '' : 's'} in this contest.`,
    )
}
