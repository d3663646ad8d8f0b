import type { HitRow } from './queries.js'
import { markStart, markStop } from './queries.js'

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/**
 * The headline as safe HTML. ts_headline copies the member's text verbatim, tags included, so
 * its output is escaped whole and only our private-use markers become <mark>. Markers are
 * paired by construction, but an unmatched one is dropped rather than left open.
 */
export function snippetHtml(headline: string): string {
  let open = false
  let out = ''
  for (const part of escapeHtml(headline.replace(/\s+/g, ' ').trim()).split(/([\uE000\uE001])/)) {
    if (part === markStart) {
      if (!open) out += '<mark>'
      open = true
    } else if (part === markStop) {
      if (open) out += '</mark>'
      open = false
    } else out += part
  }
  return open ? `${out}</mark>` : out
}

export function presentHit(r: HitRow) {
  return {
    type: 'post' as const,
    post: {
      id: r.id,
      postNumber: r.postNumber,
      author: { id: r.authorId, handle: r.authorHandle, displayName: r.authorDisplayName },
      createdAt: r.createdAt.toISOString(),
    },
    topic: {
      id: r.topicId,
      title: r.topicTitle,
      slug: r.topicSlug,
      url: `/t/${encodeURIComponent(r.topicSlug)}/${r.topicId}`,
      categoryId: r.categoryId,
    },
    snippet: snippetHtml(r.headline),
    rank: r.rank,
  }
}
