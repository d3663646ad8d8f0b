import type { Tokens } from 'marked'
import type { Db } from '../db/database.js'

/** At most this many distinct topics are looked up per post; further links stay as written. */
export const maxTopicLinks = 20

// `/t/<slug>/<id>` or `/t/<id>`, optionally with a trailing slash and a #fragment we keep.
const topicPath = /^\/t\/(?:[^/?#\s]{1,200}\/)?(\d{1,15})\/?(#[^\s]*)?$/

export interface TopicLink {
  token: Tokens.Link
  topicId: number
  fragment: string
}

/**
 * Recognises a link to a topic of this community: relative, or absolute under `publicUrl`
 * (whose own path, if any, is a prefix). Returns null for every other link.
 */
export function parseTopicHref(
  href: string,
  publicUrl: string,
): { topicId: number; fragment: string } | null {
  let path = href
  if (!href.startsWith('/')) {
    const base = publicUrl.replace(/\/+$/, '')
    if (href.length <= base.length || href.slice(0, base.length).toLowerCase() !== base.toLowerCase())
      return null
    path = href.slice(base.length)
  } else {
    if (href.startsWith('//')) return null
  }
  const m = topicPath.exec(path)
  if (!m) return null
  const topicId = Number(m[1])
  if (!Number.isSafeInteger(topicId) || topicId < 1) return null
  return { topicId, fragment: m[2] ?? '' }
}

/**
 * Rewrites links to topics anonymous visitors may read to the canonical `/t/<slug>/<id>`, and
 * gives a bare link (its text is its address) the topic's title. Topics in restricted categories
 * or deleted are left alone, so a VIP topic's title never appears in a public post.
 */
export async function resolveTopicLinks(db: Db, links: TopicLink[]): Promise<void> {
  const ids = [...new Set(links.map((l) => l.topicId))].slice(0, maxTopicLinks)
  if (ids.length === 0) return
  const rows = await db
    .selectFrom('topics')
    .select(['topics.id', 'topics.slug', 'topics.title'])
    .where('topics.id', 'in', ids)
    .where('topics.deletedAt', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('categoryGroups')
            .select('categoryGroups.groupId')
            .whereRef('categoryGroups.categoryId', '=', 'topics.categoryId'),
        ),
      ),
    )
    .execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  for (const link of links) {
    const topic = byId.get(link.topicId)
    if (!topic) continue
    const { token } = link
    const bare = token.text === token.href
    token.href = `/t/${encodeURIComponent(topic.slug)}/${topic.id}${link.fragment}`
    if (bare) {
      // Autolinks render their `text`, other links their tokens: set both.
      token.autolink = false
      token.text = topic.title
      token.tokens = [{ type: 'text', raw: topic.title, text: topic.title, escaped: false }]
    }
  }
}
