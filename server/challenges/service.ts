import type { FastifyInstance } from 'fastify'
import type { Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { Viewer } from '../accounts/viewer.js'
import { isStaff } from '../accounts/viewer.js'
import { recordAudit } from '../audit/record.js'
import type { Database } from '../db/database.js'
import { decodeKeys, keysetPage } from '../http/cursor.js'
import { conflict, forbidden, notFound, unprocessable } from '../http/errors.js'
import { settle, wakeEvaluation } from './evaluate.js'
import { defaultTimeZone, occurrenceAt } from './occurrences.js'
import {
  type ProgressShape,
  presentChallenge,
  presentOccurrence,
  presentSubmission,
  selectSubmissions,
  stateOf,
} from './present.js'
import * as q from './queries.js'
import type { ChallengeCreate, ChallengeListQuery, ChallengePatch } from './schema.js'
import { checked, defineBadge } from './validate.js'

// Moderators create and edit challenges (audited); anyone may read those they may see, members
// with their own progress, evaluated on the spot.

type Create = Static<typeof ChallengeCreate>
type Patch = Static<typeof ChallengePatch>

/** A challenge the reader may see, or 404: archived ones are the staff's, and one whose rule counts in a category the reader may not read does not exist for them. */
export async function loadVisible(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const c = await q.findChallenge(app.db, id)
  if (!c) throw notFound(`Challenge ${id}`)
  if (isStaff(viewer)) return c
  const readable =
    c.ruleCategoryId === null || (await app.categories.readableIds(viewer)).includes(c.ruleCategoryId)
  if (c.archivedAt || !readable) throw notFound(`Challenge ${id}`)
  return c
}

/** The titles of those challenges the reader may see (for badges: why each was earned). */
export async function challengeTitles(
  app: FastifyInstance,
  viewer: Viewer | null,
  ids: number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await app.db
    .selectFrom('challenges')
    .select(['id', 'title', 'ruleCategoryId', 'archivedAt'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
  const staff = isStaff(viewer)
  const readable = staff ? [] : await app.categories.readableIds(viewer)
  const seen = rows.filter(
    (c) =>
      staff || (c.archivedAt === null && (c.ruleCategoryId === null || readable.includes(c.ruleCategoryId))),
  )
  return new Map(seen.map((c) => [c.id, c.title]))
}

/**
 * The reader's progress in the occurrence open now (null for visitors, or when none is open).
 * Activity is counted now, and a challenge reached is completed now: progress is never stale.
 */
export async function progressOf(
  app: FastifyInstance,
  viewer: Viewer | null,
  c: q.ChallengeRow,
  now: Date,
): Promise<ProgressShape | null> {
  if (!viewer || stateOf(c, now) !== 'active') return null
  const occurrence = occurrenceAt(c, now)
  if (!occurrence) return null
  if (c.completion === 'activity') {
    const mine = (await settle(app, c, occurrence, [viewer.id])).get(viewer.id)!
    return {
      occurrence: presentOccurrence(occurrence),
      count: mine.count,
      target: c.ruleCount!,
      completed: mine.completedAt !== null,
      completedAt: mine.completedAt?.toISOString() ?? null,
      submission: null,
    }
  }
  const done = (await q.completionsOf(app.db, c.id, occurrence.key, [viewer.id])).get(viewer.id) ?? null
  const submission = await selectSubmissions(app.db)
    .where('s.challengeId', '=', c.id)
    .where('s.userId', '=', viewer.id)
    .where('s.occurrence', '=', occurrence.key)
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return {
    occurrence: presentOccurrence(occurrence),
    count: done ? 1 : 0,
    target: 1,
    completed: done !== null,
    completedAt: done?.toISOString() ?? null,
    submission: submission ? presentSubmission(submission) : null,
  }
}

export async function getChallenge(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const c = await loadVisible(app, viewer, id)
  const now = app.clock()
  return presentChallenge(c, now, viewer, await progressOf(app, viewer, c, now))
}

/**
 * A page of challenges (newest first), each with the reader's progress.
 * @example await listChallenges(app, viewer, { state: 'active' }) // { items: [challenge…], nextCursor }
 */
export async function listChallenges(
  app: FastifyInstance,
  viewer: Viewer | null,
  query: Static<typeof ChallengeListQuery>,
) {
  const state = query.state ?? 'current'
  if (state === 'archived' && !isStaff(viewer))
    throw forbidden('forbidden', 'Only moderators can list archived challenges.')
  const before = decodeKeys<[number]>(query.cursor, 'n')?.[0] ?? null
  const limit = query.limit ?? 20
  const now = app.clock()
  const readable = isStaff(viewer) ? null : await app.categories.readableIds(viewer)
  const rows = await q.challengePage(app.db, { state, now, readable, before, limit })
  const page = keysetPage(
    rows,
    limit,
    (c) => [c.id],
    (c) => c,
  )
  const items = []
  for (const c of page.items)
    items.push(presentChallenge(c, now, viewer, await progressOf(app, viewer, c, now)))
  return { items, nextCursor: page.nextCursor }
}

/**
 * Creates a challenge (moderators), audited. With a rule, the evaluation job is woken.
 * @example await createChallenge(app, mod, { title: 'Three replies', points: 30, startsAt, recurrence: 'weekly', rule: { action: 'reply', count: 3 } })
 */
export async function createChallenge(app: FastifyInstance, actor: Viewer, input: Create) {
  const now = app.clock()
  const values = await checked(app, {
    title: input.title,
    description: input.description ?? '',
    points: input.points,
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    timeZone: input.timeZone ?? defaultTimeZone,
    recurrence: input.recurrence ?? 'none',
    rule: input.rule ?? null,
  })
  if (values.endsAt && values.endsAt <= now)
    throw unprocessable('already_over', 'This challenge would end before it is created.')
  const id = await app.db.transaction().execute(async (trx) => {
    const badgeSlug = input.badge ? await defineBadge(trx, input.badge) : null
    const id = await q.insertChallenge(trx, { ...values, badgeSlug, createdBy: actor.id, createdAt: now })
    await audit(trx, actor, 'challenge.created', id, {
      title: values.title,
      points: values.points,
      recurrence: values.recurrence,
      completion: values.completion,
      badgeSlug,
    })
    if (values.completion === 'activity') await wakeEvaluation(trx, now)
    return id
  })
  return getChallenge(app, actor, id)
}

/**
 * Edits or archives a challenge (moderators), audited with what changed. Once members have taken
 * part, it can no longer switch between activity and submission nor change its recurrence: their
 * completions name occurrences of the old one.
 */
export async function editChallenge(app: FastifyInstance, actor: Viewer, id: number, patch: Patch) {
  const current = await q.findChallenge(app.db, id)
  if (!current) throw notFound(`Challenge ${id}`)
  const now = app.clock()
  const currentRule =
    current.ruleAction === null
      ? null
      : { action: current.ruleAction, count: current.ruleCount!, categoryId: current.ruleCategoryId }
  const values = await checked(app, {
    title: patch.title ?? current.title,
    description: patch.description ?? current.description,
    points: patch.points ?? current.points,
    startsAt: patch.startsAt ?? current.startsAt.toISOString(),
    endsAt: patch.endsAt === undefined ? (current.endsAt?.toISOString() ?? null) : patch.endsAt,
    timeZone: patch.timeZone ?? current.timeZone,
    recurrence: patch.recurrence ?? current.recurrence,
    rule: patch.rule === undefined ? currentRule : patch.rule,
    ...(patch.description === undefined ? { html: current.html } : {}),
  })
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  const was: Record<string, unknown> = { ...current }
  for (const [key, to] of Object.entries(values)) {
    const from = was[key]
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to
    if (!same && key !== 'html') changes[key] = { from, to }
  }
  const structural = ['completion', 'recurrence'].filter((k) => k in changes)
  if (structural.length && (await q.hasParticipants(app.db, id)))
    throw conflict(
      'challenge_started',
      `Members have already taken part: its ${structural.join(' and ')} can no longer change.`,
    )
  const archive = patch.archived === undefined ? undefined : patch.archived !== (current.archivedAt !== null)
  await app.db.transaction().execute(async (trx) => {
    let badgeSlug: string | null | undefined
    if (patch.badge !== undefined) {
      badgeSlug = patch.badge === null ? null : await defineBadge(trx, patch.badge)
      if (badgeSlug !== current.badgeSlug) changes.badgeSlug = { from: current.badgeSlug, to: badgeSlug }
    }
    const update = Object.fromEntries(
      Object.keys(changes).map((k) => [k, (values as Record<string, unknown>)[k]]),
    )
    if (badgeSlug !== undefined) update.badgeSlug = badgeSlug
    if (Object.keys(changes).length > 0) {
      if ('description' in changes) update.html = values.html
      await q.updateChallenge(trx, id, { ...update, updatedAt: now })
      await audit(trx, actor, 'challenge.updated', id, changes)
    }
    if (archive) {
      await q.updateChallenge(trx, id, { archivedAt: patch.archived ? now : null, updatedAt: now })
      await audit(trx, actor, patch.archived ? 'challenge.archived' : 'challenge.restored', id, {})
    }
    if (values.completion === 'activity' && (archive || Object.keys(changes).length > 0))
      await wakeEvaluation(trx, now)
  })
  return getChallenge(app, actor, id)
}

function audit(
  trx: Transaction<Database>,
  actor: Viewer,
  action: string,
  challengeId: number,
  data: Record<string, unknown>,
) {
  return recordAudit(trx, { actorId: actor.id, action, targetType: 'challenge', targetId: challengeId, data })
}
