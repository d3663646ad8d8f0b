import type { FastifyInstance } from 'fastify'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'
import { awardBadge } from '../badges/award.js'
import type { Database } from '../db/database.js'
import { insertReply, replyEventTemplate } from '../forum/posts/write.js'
import { reactionKinds } from '../forum/schema.js'
import { conflict, notFound } from '../http/errors.js'
import { type LiveEvent, recordLiveEvent } from '../live/events.js'
import { renderPost } from '../render/markdown.js'
import type { TieBreak, VotingMode } from './phase.js'
import { currentPhase } from './policy.js'
import { contestUrl, presentEntry } from './present.js'
import { type ContestRow, type EntryRow, findContest, selectEntries } from './queries.js'
import { type Ranked, rankEntries } from './ranking.js'

export const winnerBadge = {
  slug: 'contest-winner',
  nameEn: 'Contest winner',
  nameFr: 'Lauréat de concours',
  descriptionEn: 'Won a community contest.',
  descriptionFr: 'A remporté un concours de la communauté.',
  icon: 'trophy',
}

type Executor = Kysely<Database> | Transaction<Database>

export type RankedEntry = Ranked & { row: EntryRow }

/** Every entry still in the running, ranked, with the entry rows to present. */
export async function standings(db: Executor, row: ContestRow): Promise<RankedEntry[]> {
  const entries = await selectEntries(db)
    .select([
      sql<number>`(select count(*) from contest_votes v where v.entry_id = e.id
        and v.disqualified_at is null)::int`.as('votes'),
      sql<number | null>`(select avg(s.score)::float8 from contest_scores s where s.entry_id = e.id)`.as(
        'juryScore',
      ),
    ])
    .where('e.contestId', '=', row.id)
    .where('e.disqualifiedAt', 'is', null)
    .execute()
  const byId = new Map(entries.map((e) => [e.id, e]))
  const ranked = rankEntries(
    entries.map((e) => ({
      entryId: e.id,
      createdAt: new Date(e.createdAt),
      votes: e.votes,
      juryScore: e.juryScore === null ? null : Number(e.juryScore),
    })),
    row.votingMode as VotingMode,
    row.juryWeight,
    row.tieBreak as TieBreak,
  )
  return ranked.map((r) => ({ ...r, row: byId.get(r.entryId)! }))
}

/**
 * The ranked results, once they are out (409 `results_not_out` before: vote counts stay hidden
 * while anyone may still vote or judge).
 */
export async function getResults(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const row = await findContest(app.db, id)
  if (!row) throw notFound(`Contest ${id}`)
  const phase = await currentPhase(app.db, row, app.clock())
  if (phase !== 'results')
    throw conflict(
      'results_not_out',
      phase === 'closed'
        ? 'The jury is still judging: results come out once every juror has scored, or at the jury’s deadline.'
        : `Results come out when voting closes (${new Date(row.votingClosesAt).toISOString()}).`,
    )
  const hasJury = row.votingMode !== 'members'
  return (await standings(app.db, row)).map((r) => ({
    entry: presentEntry(r.row, viewer),
    votes: r.votes,
    rank: r.rank,
    score: r.score,
    juryScore: hasJury ? r.juryScore : null,
  }))
}

/**
 * Announces the results in the contest's discussion topic and awards the winners' badge, inside
 * the caller's transaction, which holds the contest row locked: done once (results_announced_at),
 * so a retried job changes nothing. Winners are the entries ranked first with a score above zero.
 * Returns the live events to publish after commit.
 */
export async function announceResults(
  app: FastifyInstance,
  trx: Transaction<Database>,
  row: ContestRow,
): Promise<LiveEvent[]> {
  const ranked = await standings(trx, row)
  const winners = ranked.filter((r) => r.rank === 1 && r.score > 0)
  const authorId = row.createdBy ?? (await anyAdmin(trx))
  const events: LiveEvent[] = []
  let postId: number | null = null
  if (authorId !== null) {
    const body = announcement(row, ranked)
    // Through the transaction: the embedded database has a single connection, held by it.
    const rendered = await renderPost({ db: trx, publicUrl: app.config.publicUrl }, body)
    const template = replyEventTemplate(
      { topicId: row.topicId, authorId, replyToId: null, body, html: rendered.html },
      { authorId, locked: false },
    )
    const reply = await insertReply(trx, {
      topicId: row.topicId,
      authorId,
      staff: true,
      replyToId: null,
      body,
      rendered,
      eventTemplate: template,
      reactionKinds,
    })
    if (reply) {
      postId = reply.id
      events.push(
        { id: reply.postEventId, channel: `topic:${row.topicId}`, type: 'post.created', data: null },
        {
          id: reply.topicEventId,
          channel: `category:${reply.categoryId}`,
          type: 'topic.updated',
          data: null,
        },
        ...reply.userEvents.map((e) => ({ ...e, data: null })),
      )
    }
  }
  for (const authorOf of new Set(winners.map((w) => w.row.authorId))) {
    const awarded = await awardBadge(trx, authorOf, winnerBadge, `contest:${row.id}`)
    if (awarded)
      events.push(
        await recordLiveEvent(trx, `user:${authorOf}`, 'contest.won', {
          contestId: row.id,
          title: row.title,
          topicId: row.topicId,
          badge: winnerBadge.slug,
        }),
      )
  }
  await trx
    .updateTable('contests')
    .set({ resultsAnnouncedAt: app.clock(), announcementPostId: postId })
    .where('id', '=', row.id)
    .execute()
  events.push(
    await recordLiveEvent(trx, `contest:${row.id}`, 'contest.results', {
      contestId: row.id,
      winners: winners.map((w) => w.entryId),
    }),
  )
  return events
}

/** The announcement, in French then English: the podium, and where the full results are. */
function announcement(row: ContestRow, ranked: RankedEntry[]): string {
  const podium = ranked.filter((r) => r.rank <= 3 && r.score > 0)
  const medal = (rank: number) => ['🥇', '🥈', '🥉'][rank - 1] ?? ''
  const line = (r: RankedEntry, votesWord: string) =>
    `${medal(r.rank)} **${escapeMarkdown(r.row.title)}** — @${r.row.authorHandle}${
      row.votingMode === 'jury' ? '' : ` (${r.votes} ${votesWord})`
    }`
  if (podium.length === 0)
    return `**Résultats du concours « ${escapeMarkdown(row.title)} »** : aucune participation n’a reçu de voix.\n\n**Contest results**: no entry received any votes.`
  return [
    `**Résultats du concours « ${escapeMarkdown(row.title)} »**`,
    '',
    ...podium.map((r) => `- ${line(r, 'voix')}`),
    '',
    `**Contest results — ${escapeMarkdown(row.title)}**`,
    '',
    ...podium.map((r) => `- ${line(r, r.votes === 1 ? 'vote' : 'votes')}`),
    '',
    `[Tous les résultats · All results](${contestUrl(row.id)})`,
  ].join('\n')
}

/** Titles are members' text: shown as written, never as Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~@]/g, '\\$&')
}

async function anyAdmin(trx: Transaction<Database>): Promise<number | null> {
  const row = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? null
}
