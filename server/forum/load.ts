import type { FastifyInstance } from 'fastify'
import type { Viewer } from '../accounts/viewer.js'
import { badRequest, notFound } from '../http/errors.js'
import { type CategoryInfo, canRead } from './categories/directory.js'
import { findPost, findTopic } from './queries.js'

// Loading for an action: what the reader may not see answers 404, exactly as what does not exist,
// so that restricted categories do not leak their topics.

export async function visibleCategory(
  app: FastifyInstance,
  viewer: Viewer | null,
  id: number,
): Promise<CategoryInfo> {
  const category = await app.categories.byId(id)
  if (!category || !canRead(viewer, category)) throw notFound(`Category ${id}`)
  return category
}

export async function visibleTopic(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const topic = await findTopic(app.db, id)
  const category = topic && (await app.categories.byId(topic.categoryId))
  if (!topic || !category || !canRead(viewer, category)) throw notFound(`Topic ${id}`)
  return { topic, category }
}

export async function visiblePost(app: FastifyInstance, viewer: Viewer | null, id: number) {
  const post = await findPost(app.db, id)
  const category = post && (await app.categories.byId(post.categoryId))
  if (!post || !category || !canRead(viewer, category)) throw notFound(`Post ${id}`)
  return { post, category, topic: { authorId: post.topicAuthorId, locked: post.topicLocked } }
}

/** Post bodies are stored as written; one that is only blank is refused. */
export function checkBody(body: string): string {
  if (body.trim() === '') throw badRequest('empty_body', 'Write something: the post is empty.')
  return body
}

/** Titles are stored trimmed, 3 to 200 characters. */
export function checkTitle(title: string): string {
  const trimmed = title.trim()
  if (trimmed.length < 3 || trimmed.length > 200)
    throw badRequest('invalid_title', 'A title has 3 to 200 characters.')
  return trimmed
}
