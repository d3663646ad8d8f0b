import type { FastifyInstance } from 'fastify'
import { channelId } from '../live/channels.js'
import type { LiveEvent } from '../live/events.js'
import { canRead } from './categories/directory.js'
import { type PostRow, presentPost } from './present.js'
import { selectPosts } from './queries.js'

/**
 * The forum's live channels: `topic:<id>` (a thread) and `category:<id>` (its topic list), open
 * to whoever may read them, checked again before every batch. Post events leave as the post is
 * now: a post hidden or deleted since it was written is retracted, never replayed with its text.
 */
export function registerForumChannels(app: FastifyInstance): void {
  const topicCategory = async (id: number) =>
    (
      await app.db
        .selectFrom('topics')
        .select('categoryId')
        .where('id', '=', id)
        .where('deletedAt', 'is', null)
        .executeTakeFirst()
    )?.categoryId

  app.liveChannels.register('topic', {
    typing: true,
    presence: true,
    async open(viewer, arg) {
      const id = channelId(arg)
      const categoryId = id === null ? undefined : await topicCategory(id)
      const category = categoryId === undefined ? undefined : await app.categories.byId(categoryId)
      return category && canRead(viewer, category) ? { key: `topic:${id}` } : 'not_found'
    },
    async gate(key) {
      const categoryId = await topicCategory(Number(key.slice('topic:'.length)))
      if (categoryId === undefined) return () => 'gone'
      const category = await app.categories.byId(categoryId)
      return (viewer) => (category && canRead(viewer, category) ? 'ok' : 'forbidden')
    },
  })

  app.liveChannels.register('category', {
    async open(viewer, arg) {
      const id = channelId(arg)
      const category = id === null ? undefined : await app.categories.byId(id)
      return category && canRead(viewer, category) ? { key: `category:${id}` } : 'not_found'
    },
    async gate(key) {
      const category = await app.categories.byId(Number(key.slice('category:'.length)))
      if (!category) return () => 'gone'
      return (viewer) => (canRead(viewer, category) ? 'ok' : 'forbidden')
    },
  })

  app.live.present('topic', (events) => currentPosts(app, events))
}

const postEvents = new Set(['post.created', 'post.edited'])

/** Post events with the post as it is now, or retracted when it was hidden or deleted since. */
async function currentPosts(app: FastifyInstance, events: LiveEvent[]): Promise<LiveEvent[]> {
  const ids = [...new Set(events.filter((e) => postEvents.has(e.type)).map(postIdOf))].filter(
    (id): id is number => id !== undefined,
  )
  if (ids.length === 0) return events
  const rows = (await selectPosts(app.db).where('p.id', 'in', ids).execute()) as PostRow[]
  const byId = new Map(rows.map((r) => [r.id, r]))
  return events.map((e) => {
    if (!postEvents.has(e.type)) return e
    const postId = postIdOf(e)
    const row = postId === undefined ? undefined : byId.get(postId)
    if (!row || row.deletedAt !== null) return { ...e, type: 'post.deleted', data: { postId } }
    if (row.hiddenAt !== null) return { ...e, type: 'post.hidden', data: { postId } }
    // Permissions are the reader's, worked out by the client from its own session: none here.
    return { ...e, data: { post: presentPost(row, null, { authorId: 0, locked: false }) } }
  })
}

function postIdOf(e: LiveEvent): number | undefined {
  const data = e.data as { post?: { id?: number }; postId?: number }
  return data.post?.id ?? data.postId
}
