import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { isStaff, type Viewer } from '../../accounts/viewer.js'
import { badRequest, notFound } from '../../http/errors.js'
import { canRead } from '../categories/directory.js'
import { myReactions } from '../posts/service.js'
import { type PostRow, presentPost, presentTopic, type TopicRow } from '../present.js'
import { postColumns, selectTopics } from '../queries.js'
import type { ReactionKind } from '../schema.js'
import type { TopicPageCache } from './page-cache.js'

export interface PageQuery {
  after?: number | undefined
  before?: number | undefined
  limit?: number | undefined
}

/**
 * A topic and one page of its posts, in order. The page comes from `cache` when it holds it, else
 * from one query that also brings who reacted how, so that a member's own reactions and
 * permissions are worked out in memory. Answers leave as JSON text built from the page's serialized
 * parts: a visitor's whole answer, a member's posts but the few they wrote or reacted to.
 */
export async function topicPage(
  app: FastifyInstance,
  cache: TopicPageCache<PageData>,
  viewer: Viewer | null,
  id: number,
  q: PageQuery,
): Promise<string | ReturnType<typeof present>> {
  if (q.after !== undefined && q.before !== undefined)
    throw badRequest('invalid_request', 'Pass either after or before, not both.')
  const limit = q.limit ?? 25
  const key = `${id}:${q.after ?? ''}:${q.before ?? ''}:${limit}`
  let entry = cache.get(key)
  if (!entry) {
    const stamp = cache.stamp()
    const data = await loadPage(app, id, q, limit)
    // A topic that does not exist is not cached: its id may be taken by the next topic created.
    if (!data) throw notFound(`Topic ${id}`)
    const meta = {
      authorIds: [data.row.authorId, ...data.posts.map((p) => p.authorId)],
      bytes: pageBytes(data),
    }
    entry = cache.set(key, id, data, meta, stamp) ?? { topicId: id, data, ...meta }
  }
  const data = entry.data
  const { row, posts, cursors, reactors } = data
  const category = await app.categories.byId(row.categoryId)
  if (!category || !canRead(viewer, category)) throw notFound(`Topic ${id}`)
  if (!viewer) {
    if (data.json === undefined) {
      data.json = JSON.stringify(present(row, posts, null, category, cursors, undefined))
      cache.grow(key, entry, data.json.length)
    }
    return data.json
  }
  const mine = reactors
    ? (reactors.get(viewer.id) ?? noReactions)
    : await myReactions(
        app,
        viewer.id,
        posts.map((p) => p.id),
      )
  if (isStaff(viewer) || viewer.restriction !== null)
    return present(row, posts, viewer, category, cursors, mine)
  // A member reads most posts as any other member does (not theirs, no reaction of theirs):
  // those come serialized from the page, the others are serialized for this member.
  if (data.memberPosts === undefined) {
    data.memberPosts = posts.map((p) => JSON.stringify(presentPost(p, anyMember, row)))
    cache.grow(
      key,
      entry,
      data.memberPosts.reduce((n, json) => n + json.length, 0),
    )
  }
  const shared = data.memberPosts
  const postsJson = posts.map((p, i) =>
    p.authorId === viewer.id || mine.has(p.id)
      ? JSON.stringify(presentPost(p, viewer, row, mine.get(p.id)))
      : shared[i],
  )
  return `{"topic":${JSON.stringify(presentTopic(row, viewer, category))},"posts":[${postsJson.join(',')}],"nextCursor":${cursors.nextCursor},"prevCursor":${cursors.prevCursor},"lastEventId":${cursors.lastEventId}}`
}

/** Any writing member who is not staff: what the shared serialized posts are written for. */
const anyMember: Viewer = {
  id: 0,
  handle: '',
  displayName: '',
  role: 'member',
  trustLevel: 0,
  groupIds: [],
  charterVersion: null,
  restriction: null,
  sessionId: 0,
  via: 'bearer',
}

const noReactions: ReadonlyMap<number, ReactionKind[]> = new Map()

/** Past this many reactions on one post, a page keeps counts only and asks for each member's own. */
const reactorsKept = 100

export interface PageData {
  row: TopicRow
  posts: PostRow[]
  cursors: { nextCursor: number | null; prevCursor: number | null; lastEventId: number }
  /**
   * Each member's reactions on this page (member → post → kinds, in the order given), so that a
   * member's read of a cached page costs no query; null when a post has too many to keep.
   */
  reactors: Map<number, Map<number, ReactionKind[]>> | null
  /** The visitor's answer, serialized on first use. */
  json?: string
  /** Each post as any member who neither wrote it nor reacted to it reads it, serialized on first use. */
  memberPosts?: string[]
}

type PageRow = PostRow & { reactors: { userId: number; kind: ReactionKind }[] }

/** Roughly what a page holds in memory: its texts, and a fixed cost per post and per reaction. */
function pageBytes({ row, posts, reactors }: PageData): number {
  let bytes = 1_000 + row.title.length
  for (const p of posts) bytes += 600 + p.body.length + p.html.length
  for (const mine of reactors?.values() ?? []) bytes += 100 * mine.size
  return bytes
}

/** One query: the topic, one page of its posts (keyset on posts_topic_id_idx) and their authors. */
async function loadPage(
  app: FastifyInstance,
  id: number,
  q: PageQuery,
  limit: number,
): Promise<PageData | null> {
  const row = await selectTopics(app.db)
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('posts as p')
          .innerJoin('users as pu', 'pu.id', 'p.authorId')
          .select(postColumns)
          .select((eb) =>
            jsonArrayFrom(
              eb
                .selectFrom('reactions as r')
                .select(['r.userId', 'r.kind'])
                .whereRef('r.postId', '=', 'p.id')
                .orderBy('r.createdAt')
                .limit(reactorsKept + 1),
            ).as('reactors'),
          )
          .where('p.topicId', '=', id)
          .$if(q.after !== undefined, (s) => s.where('p.id', '>', q.after!))
          .$if(q.before !== undefined, (s) => s.where('p.id', '<', q.before!))
          .orderBy('p.id', q.before !== undefined ? 'desc' : 'asc')
          .limit(limit + 1),
      ).as('posts'),
    )
    // Where the live stream of this topic stood when the page was read (an indexed max).
    .select(
      sql<number>`(select coalesce(max(le.id), 0) from live_events le where le.channel = 'topic:' || t.id)`.as(
        'lastEventId',
      ),
    )
    .where('t.id', '=', id)
    .where('t.deletedAt', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  const posts = (row.posts as unknown as PageRow[]).sort((a, b) => a.id - b.id)
  const more = posts.length > limit
  if (more) q.before !== undefined ? posts.shift() : posts.pop()
  const first = posts[0]
  const last = posts.at(-1)
  const cursors = {
    // Newer posts exist after a `before` page (the post it was cut at), or when this page overflowed.
    nextCursor: last && (q.before !== undefined || more) ? last.id : null,
    prevCursor: first && (q.after !== undefined || (q.before !== undefined && more)) ? first.id : null,
  }
  const reactors = reactorsOf(posts)
  for (const p of posts) delete (p as Partial<PageRow>).reactors
  return { row, posts, cursors: { ...cursors, lastEventId: Number(row.lastEventId) }, reactors }
}

function reactorsOf(posts: PageRow[]): PageData['reactors'] {
  const byMember = new Map<number, Map<number, ReactionKind[]>>()
  for (const post of posts) {
    if (post.reactors.length > reactorsKept) return null
    for (const { userId, kind } of post.reactors) {
      const mine = byMember.get(userId) ?? new Map<number, ReactionKind[]>()
      mine.set(post.id, [...(mine.get(post.id) ?? []), kind])
      byMember.set(userId, mine)
    }
  }
  return byMember
}

function present(
  row: TopicRow,
  posts: PostRow[],
  viewer: Viewer | null,
  category: NonNullable<Awaited<ReturnType<FastifyInstance['categories']['byId']>>>,
  cursors: PageData['cursors'],
  mine: ReadonlyMap<number, ReactionKind[]> | undefined,
) {
  return {
    topic: presentTopic(row, viewer, category),
    posts: posts.map((p) => presentPost(p, viewer, row, mine?.get(p.id))),
    ...cursors,
  }
}
