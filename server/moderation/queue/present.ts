import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { iso, type PostRow, presentPost, topicUrl } from '../../forum/present.js'
import { selectPosts } from '../../forum/queries.js'
import type { itemColumns } from './queries.js'

type ItemRow = {
  [K in (typeof itemColumns)[number] as K extends `q.${infer C}` ? C : never]: unknown
} & { id: number; targetType: string; targetId: number; memberId: number | null; claimedBy: number | null }

interface FlagRow {
  id: number
  targetType: string
  targetId: number
  ruleId: string
  note: string
  weight: number
  urgent: boolean
  createdAt: Date
  flaggerId: number
  flaggerHandle: string
  flaggerDisplayName: string
}

/** Flags shown with each item in the list; the item's page shows them all (up to a thousand). */
const flagsPerItem = 5

/**
 * Queue items with what a moderator needs to decide at a glance: the post as written (with its
 * topic), the member and their standing, the latest flags, who claimed it. Read in one query per
 * kind of thing, whatever the page size.
 */
export async function presentItems(app: FastifyInstance, viewer: Viewer, rows: ItemRow[], allFlags = false) {
  const postIds = rows.filter((r) => r.targetType === 'post').map((r) => r.targetId)
  const topicIds = rows.filter((r) => r.targetType === 'topic').map((r) => r.targetId)
  const memberIds = [
    ...new Set(rows.flatMap((r) => [r.memberId, r.claimedBy]).filter((x): x is number => x !== null)),
  ]

  // A post with the facts of its topic the card and its permissions need.
  const postsWithTopic = () =>
    selectPosts(app.db)
      .innerJoin('topics as t', 't.id', 'p.topicId')
      .select([
        't.title as topicTitle',
        't.slug as topicSlug',
        't.authorId as topicAuthorId',
        't.locked as topicLocked',
        'p.heldReason',
      ])

  const [posts, openers, members, flags, sanctions] = await Promise.all([
    postIds.length ? postsWithTopic().where('p.id', 'in', postIds).execute() : [],
    topicIds.length
      ? postsWithTopic().where('p.topicId', 'in', topicIds).where('p.postNumber', '=', 1).execute()
      : [],
    memberIds.length
      ? app.db
          .selectFrom('users')
          .select(['id', 'handle', 'displayName', 'role', 'trustLevel', 'postCount', 'createdAt'])
          .where('id', 'in', memberIds)
          .execute()
      : [],
    // The latest flags of each item straight from flags_open_target_idx (a lateral limit), and
    // only then their flaggers: an item with hundreds of flags (a pile-on) costs five lookups.
    rows.length
      ? sql<FlagRow>`
          select x.*, u.handle as flagger_handle, u.display_name as flagger_display_name
          from unnest(${rows.map((r) => r.targetType)}::text[], ${rows.map((r) => r.targetId)}::bigint[])
            as t(target_type, target_id)
          cross join lateral (
            select f.id, f.target_type, f.target_id, f.rule_id, f.note, f.weight, f.urgent, f.created_at, f.flagger_id
            from flags f
            where f.target_type = t.target_type and f.target_id = t.target_id and f.resolved_at is null
            order by f.id desc
            limit ${allFlags ? 1000 : flagsPerItem}
          ) x
          join users u on u.id = x.flagger_id
          order by x.id desc`
          .execute(app.db)
          .then((r) => r.rows)
      : [],
    // Standing: how many sanctions each member has had, and whether one is in force.
    memberIds.length
      ? app.db
          .selectFrom('sanctions')
          .select((eb) => [
            'userId',
            eb.fn.countAll<number>().as('total'),
            sql<number>`count(*) filter (where kind <> 'warning' and lifted_at is null and (ends_at is null or ends_at > now()))`.as(
              'active',
            ),
          ])
          .where('userId', 'in', memberIds)
          .groupBy('userId')
          .execute()
      : [],
  ])

  const postById = new Map(posts.map((p) => [p.id, p]))
  const openerByTopic = new Map(openers.map((p) => [p.topicId, p]))
  const memberById = new Map(members.map((m) => [m.id, m]))
  const standing = new Map(sanctions.map((s) => [s.userId, s]))
  const person = (id: number | null) => {
    const m = id === null ? undefined : memberById.get(id)
    return m ? { id: m.id, handle: m.handle, displayName: m.displayName } : null
  }

  return rows.map((r) => {
    const p =
      r.targetType === 'post'
        ? postById.get(r.targetId)
        : r.targetType === 'topic'
          ? openerByTopic.get(r.targetId)
          : undefined
    const m = r.memberId === null ? undefined : memberById.get(r.memberId)
    const s = r.memberId === null ? undefined : standing.get(r.memberId)
    return {
      id: r.id,
      kind: r.kind as string,
      targetType: r.targetType,
      targetId: r.targetId,
      urgent: r.urgent as boolean,
      flagCount: r.flagCount as number,
      flagWeight: r.flagWeight as number,
      detail: r.detail as string,
      createdAt: iso(r.createdAt as Date),
      claimedBy: person(r.claimedBy),
      claimedAt: iso(r.claimedAt as Date | null),
      resolvedAt: iso(r.resolvedAt as Date | null),
      resolution: r.resolution as string | null,
      post: p
        ? {
            ...presentPost(p as PostRow, viewer, { authorId: p.topicAuthorId, locked: p.topicLocked }),
            heldReason: p.heldReason,
            topic: { id: p.topicId, title: p.topicTitle, url: topicUrl(p.topicSlug, p.topicId) },
          }
        : null,
      member: m
        ? {
            id: m.id,
            handle: m.handle,
            displayName: m.displayName,
            role: m.role,
            trustLevel: m.trustLevel,
            postCount: m.postCount,
            createdAt: iso(m.createdAt),
            sanctionCount: Number(s?.total ?? 0),
            restricted: Number(s?.active ?? 0) > 0,
          }
        : null,
      flags: flags
        .filter((f) => f.targetType === r.targetType && Number(f.targetId) === r.targetId)
        .map((f) => ({
          id: f.id,
          ruleId: f.ruleId,
          note: f.note,
          weight: f.weight,
          urgent: f.urgent,
          createdAt: iso(f.createdAt),
          flagger: { id: f.flaggerId, handle: f.flaggerHandle, displayName: f.flaggerDisplayName },
        })),
    }
  })
}
