import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import type { Database } from '../db/database.js'
import { decodeKeys, encodeCursor } from '../http/cursor.js'
import { conflict, notFound } from '../http/errors.js'
import { recordLiveEvent } from '../live/events.js'
import { audit, loadContest } from './service.js'

// What moderators audit a contest's voting with: every vote (who, for what, from which address,
// when), the suspicious patterns in them, and disqualifying a vote, each decision audited.

export function selectVotes(db: Kysely<Database>, contestId: number) {
  return db
    .selectFrom('contestVotes as v')
    .innerJoin('users as u', 'u.id', 'v.voterId')
    .select([
      'v.id',
      'v.entryId',
      'v.slot',
      'v.ip',
      'v.createdAt',
      'v.disqualifiedAt',
      'v.disqualifiedReason',
      'u.id as voterId',
      'u.handle as voterHandle',
      'u.displayName as voterDisplayName',
      'u.createdAt as voterCreatedAt',
    ])
    .where('v.contestId', '=', contestId)
}

type VoteRow = Awaited<ReturnType<ReturnType<typeof selectVotes>['executeTakeFirstOrThrow']>>

export function presentVote(r: VoteRow) {
  return {
    id: r.id,
    entryId: r.entryId,
    voter: {
      id: r.voterId,
      handle: r.voterHandle,
      displayName: r.voterDisplayName,
      createdAt: new Date(r.voterCreatedAt).toISOString(),
    },
    slot: r.slot,
    ip: r.ip,
    createdAt: new Date(r.createdAt).toISOString(),
    disqualified: r.disqualifiedAt !== null,
    disqualifiedReason: r.disqualifiedReason,
  }
}

/** A page of a contest's votes in the order they were cast (moderators). */
export async function listVotes(
  app: FastifyInstance,
  contestId: number,
  page: { cursor?: string | undefined; limit: number },
) {
  await loadContest(app, contestId)
  const after = decodeKeys<[number]>(page.cursor, 'n')
  const rows = await selectVotes(app.db, contestId)
    .$if(after !== null, (q) => q.where('v.id', '>', after![0]))
    .orderBy('v.id')
    .limit(page.limit + 1)
    .execute()
  const shown = rows.slice(0, page.limit)
  return {
    items: shown.map(presentVote),
    nextCursor: rows.length > page.limit ? encodeCursor([shown.at(-1)!.id]) : null,
  }
}

/** Every vote as CSV rows, a thousand at a time (an export never holds them all in memory). */
export async function* voteRows(app: FastifyInstance, contestId: number) {
  let after = 0
  for (;;) {
    const rows = await selectVotes(app.db, contestId)
      .where('v.id', '>', after)
      .orderBy('v.id')
      .limit(1000)
      .execute()
    for (const r of rows) {
      const v = presentVote(r)
      yield {
        id: v.id,
        createdAt: v.createdAt,
        entryId: v.entryId,
        voterId: v.voter.id,
        voter: inert(v.voter.handle),
        voterCreatedAt: v.voter.createdAt,
        slot: v.slot,
        ip: inert(v.ip),
        disqualified: v.disqualified ? 'yes' : 'no',
        disqualifiedReason: inert(v.disqualifiedReason ?? ''),
      }
    }
    if (rows.length < 1000) return
    after = rows.at(-1)!.id
  }
}

export const voteCsvColumns = [
  'id',
  'createdAt',
  'entryId',
  'voterId',
  'voter',
  'voterCreatedAt',
  'slot',
  'ip',
  'disqualified',
  'disqualifiedReason',
]

/** Text made inert for spreadsheets: a cell starting with = + - @ would run as a formula. */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

interface VoterRef {
  id: number
  handle: string
  createdAt: string
}

/**
 * Suspicious patterns in a contest's votes (moderators): addresses several members voted from,
 * and, per entry, the largest group of its voters whose accounts were all created within
 * `windowMinutes` of one another (a burst of sign-ups voting for one entry).
 */
export async function integrityReport(
  app: FastifyInstance,
  contestId: number,
  opts: { windowMinutes: number; minVoters: number },
) {
  await loadContest(app, contestId)
  const { windowMinutes, minVoters } = opts
  const shared = await sql<{ ip: string; voterCount: number; voteCount: number; voters: VoterRef[] }>`
select v.ip, count(distinct v.voter_id)::int as voter_count, count(*)::int as vote_count,
  (select json_agg(json_build_object('id', x.id, 'handle', x.handle, 'createdAt', x.created_at) order by x.id)
    from (select distinct u.id, u.handle, u.created_at from contest_votes w join users u on u.id = w.voter_id
      where w.contest_id = ${contestId}::bigint and w.ip = v.ip order by u.id limit 50) x) as voters
from contest_votes v
where v.contest_id = ${contestId}::bigint and v.disqualified_at is null
group by v.ip
having count(distinct v.voter_id) >= ${minVoters}::int
order by voter_count desc, v.ip
limit 100`.execute(app.db)

  // For each vote, how many of the entry's voters were created in the window ending at its voter's
  // creation; the best window per entry is the cluster.
  const clusters = await sql<{
    entryId: number
    from: Date
    to: Date
    voterCount: number
    voters: VoterRef[]
  }>`
with windows as (
  select v.entry_id, u.created_at as ends,
    count(*) over (partition by v.entry_id order by u.created_at
      range between ${`${windowMinutes} minutes`}::interval preceding and current row) as n
  from contest_votes v join users u on u.id = v.voter_id
  where v.contest_id = ${contestId}::bigint and v.disqualified_at is null
),
best as (
  select distinct on (entry_id) entry_id, ends, n from windows
  where n >= ${minVoters}::int
  order by entry_id, n desc, ends
)
select b.entry_id, b.ends - ${`${windowMinutes} minutes`}::interval as "from", b.ends as "to", b.n::int as voter_count,
  (select json_agg(json_build_object('id', x.id, 'handle', x.handle, 'createdAt', x.created_at) order by x.created_at)
    from (select u.id, u.handle, u.created_at from contest_votes v join users u on u.id = v.voter_id
      where v.entry_id = b.entry_id and v.disqualified_at is null
        and u.created_at between b.ends - ${`${windowMinutes} minutes`}::interval and b.ends
      order by u.created_at limit 50) x) as voters
from best b
order by voter_count desc, b.entry_id
limit 100`.execute(app.db)

  const voterList = (voters: VoterRef[] | null) =>
    (voters ?? []).map((v) => ({
      id: v.id,
      handle: v.handle,
      createdAt: new Date(v.createdAt).toISOString(),
    }))
  return {
    windowMinutes,
    minVoters,
    sharedAddresses: shared.rows.map((r) => ({ ...r, voters: voterList(r.voters) })),
    newAccountClusters: clusters.rows.map((r) => ({
      entryId: Number(r.entryId),
      from: new Date(r.from).toISOString(),
      to: new Date(r.to).toISOString(),
      voterCount: r.voterCount,
      voters: voterList(r.voters),
    })),
  }
}

/** Disqualifies one vote (moderators), audited with the reason: it no longer counts. */
export async function disqualifyVote(
  app: FastifyInstance,
  actor: Viewer,
  contestId: number,
  voteId: number,
  reason: string,
) {
  await loadContest(app, contestId)
  const events = await app.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('contestVotes')
      .set({ disqualifiedAt: app.clock(), disqualifiedBy: actor.id, disqualifiedReason: reason })
      .where('id', '=', voteId)
      .where('contestId', '=', contestId)
      .where('disqualifiedAt', 'is', null)
      .returning(['voterId', 'entryId', 'ip'])
      .executeTakeFirst()
    if (!done) {
      const exists = await trx
        .selectFrom('contestVotes')
        .select('id')
        .where('id', '=', voteId)
        .where('contestId', '=', contestId)
        .executeTakeFirst()
      if (!exists) throw notFound(`Vote ${voteId}`)
      throw conflict('already_disqualified', 'This vote is already disqualified.')
    }
    await audit(trx, actor, 'contest.vote_disqualified', contestId, { voteId, ...done }, reason)
    // Moderators watching the contest see it; vote counts themselves stay hidden until results.
    return [await recordLiveEvent(trx, `contest:${contestId}`, 'vote.disqualified', { contestId, voteId })]
  })
  await app.live.publish(events)
  const row = await selectVotes(app.db, contestId).where('v.id', '=', voteId).executeTakeFirstOrThrow()
  return presentVote(row)
}
