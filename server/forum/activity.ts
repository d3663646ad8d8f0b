import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { findPublicByHandle } from '../accounts/queries.js'
import { HandleParams } from '../accounts/schema.js'
import type { Viewer } from '../accounts/viewer.js'
import { decodeCursor, keysetPage } from '../http/cursor.js'
import { badRequest, notFound } from '../http/errors.js'
import { errorResponses, PageQuery } from '../http/schemas.js'

// A member's recent posts for their profile: only what this reader could meet in the threads
// (readable categories, live topics, posts neither deleted nor hidden), newest first.

const EXCERPT = 280

export const ActivityItem = Type.Object(
  {
    id: Type.Integer(),
    postNumber: Type.Integer(),
    topic: Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      url: Type.String({ description: 'The topic’s page; add #post-<id> to reach the post.' }),
      categoryId: Type.Integer(),
    }),
    excerpt: Type.String({
      description: `The post’s Markdown as plain text, at most ${EXCERPT} characters.`,
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

export const ActivityPage = Type.Object({
  items: Type.Array(ActivityItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

/** Markdown to a short line of text: the profile shows where the member spoke, not the post. */
export function excerptOf(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(>|#{1,6}|[-*+]|\d+\.)\s*/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}…` : text
}

/**
 * @example await memberActivity(app, viewer, 'alice', { limit: 20 }) // { items, nextCursor }
 */
export async function memberActivity(
  app: FastifyInstance,
  viewer: Viewer | null,
  handle: string,
  page: { cursor?: string | undefined; limit?: number | undefined },
) {
  const user = await findPublicByHandle(app.db, handle)
  if (!user) throw notFound(`Member "${handle}"`)
  const after = decodeCursor(page.cursor, 'n') as [number] | null
  if (after && !(Number.isSafeInteger(after[0]) && after[0] > 0))
    throw badRequest('invalid_cursor', 'The cursor is not one this list gave out.')
  const limit = page.limit ?? 20
  const readable = await app.categories.readableIds(viewer)
  if (readable.length === 0) return { items: [], nextCursor: null }
  // Post ids grow with time, so the id alone orders the list and keys the cursor
  // (posts_author_idx would serve it; the author's posts are few next to the table).
  const rows = await app.db
    .selectFrom('posts as p')
    .innerJoin('topics as t', 't.id', 'p.topicId')
    .select([
      'p.id',
      'p.postNumber',
      'p.body',
      'p.createdAt',
      't.id as topicId',
      't.title as topicTitle',
      't.slug as topicSlug',
      't.categoryId',
    ])
    .where('p.authorId', '=', user.id)
    .where('p.deletedAt', 'is', null)
    .where('p.hiddenAt', 'is', null)
    .where('t.deletedAt', 'is', null)
    .where('t.hiddenAt', 'is', null)
    .where('t.categoryId', 'in', readable)
    .$if(after !== null, (q) => q.where('p.id', '<', after![0]))
    .orderBy('p.id', 'desc')
    .limit(limit + 1)
    .execute()
  return keysetPage(
    rows,
    limit,
    (last) => [Number(last.id)],
    (r) => ({
      id: Number(r.id),
      postNumber: r.postNumber,
      topic: {
        id: Number(r.topicId),
        title: r.topicTitle,
        url: `/t/${encodeURIComponent(r.topicSlug)}/${r.topicId}`,
        categoryId: Number(r.categoryId),
      },
      excerpt: excerptOf(r.body),
      createdAt: new Date(r.createdAt as unknown as string).toISOString(),
    }),
  )
}

export default async function activityRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get(
    '/api/users/by-handle/:handle/posts',
    {
      schema: {
        tags: ['forum'],
        summary: 'A member’s recent posts, newest first: only those the reader may see',
        params: HandleParams,
        querystring: PageQuery,
        response: { 200: ActivityPage, ...errorResponses(400, 404) },
      },
    },
    async (req) => memberActivity(app, req.viewer, req.params.handle, req.query),
  )
}
