import type { Viewer } from '../accounts/viewer.js'
import type { Db } from '../db/database.js'
import type { CategoryDirectory } from '../forum/categories/directory.js'
import { decodeCursor, keysetPage } from '../http/cursor.js'
import { badRequest } from '../http/errors.js'
import type { SearchAnswerCache } from './answer-cache.js'
import { presentHit } from './present.js'
import { type HitRow, searchPosts } from './queries.js'
import { maxQueryLength } from './schema.js'

export interface SearchInput {
  q: string
  categoryId?: number | undefined
  cursor?: string | undefined
  limit?: number | undefined
}

/**
 * Full-text search over what this reader may see: posts and topic titles in the categories
 * they can read, never hidden or deleted ones.
 *
 * @example
 *   await search({ db, categories }, viewer, { q: 'élève', limit: 20 })
 */
export async function search(
  deps: { db: Db; categories: CategoryDirectory; answers?: SearchAnswerCache<SearchAnswer> },
  viewer: Viewer | null,
  input: SearchInput,
) {
  const q = input.q.trim()
  const length = [...q].length
  if (length === 0 || length > maxQueryLength)
    throw badRequest('invalid_query', `The search must be 1 to ${maxQueryLength} characters long.`)
  if (q.includes('\u0000')) throw badRequest('invalid_query', 'The search may not contain NUL characters.')
  const keys = decodeCursor(input.cursor, 'nn')
  const limit = input.limit ?? 20

  let categoryIds = await deps.categories.readableIds(viewer)
  // A category the reader may not see answers like an empty one: its existence is not revealed.
  if (input.categoryId !== undefined) categoryIds = categoryIds.filter((id) => id === input.categoryId)

  // Readers who see the same categories get the same answer.
  const key = JSON.stringify([q, categoryIds, input.cursor ?? null, limit])
  const cached = deps.answers?.get(key)
  if (cached) return cached
  const stamp = deps.answers?.stamp() ?? 0
  const rows = await searchPosts(deps.db, {
    q,
    categoryIds,
    after: keys ? { rank: keys[0] as number, id: keys[1] as number } : null,
    limit: limit + 1,
  })
  const answer = keysetPage(rows, limit, (last) => [last.rank, last.id], presentHit)
  deps.answers?.set(key, answer, stamp)
  return answer
}

export type SearchAnswer = ReturnType<typeof keysetPage<HitRow, ReturnType<typeof presentHit>>>
