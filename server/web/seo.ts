import type { FastifyInstance } from 'fastify'
import { type Category, q, ReaderApi, type Topic } from './api.js'
import { escapeHtml } from './html.js'

/** The sitemap protocol's limit for one file. */
const maxUrls = 50_000

export function robotsTxt(publicUrl: string): string {
  return `User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: ${publicUrl}/sitemap.xml\n`
}

/**
 * The home page, the categories and every topic an anonymous reader can open, read through the
 * API as a visitor: a restricted category's topics never leak into it, whatever the sitemap code does.
 */
export async function sitemapXml(app: FastifyInstance): Promise<string> {
  const api = ReaderApi.for(app, null)
  const base = app.config.publicUrl
  const urls: { loc: string; lastmod?: string }[] = [{ loc: `${base}/` }]
  const categories = await api.list<Category>('/api/categories')
  for (const c of categories.items) urls.push({ loc: `${base}/c/${encodeURIComponent(c.slug)}` })
  let cursor: string | undefined
  do {
    const page = await api.list<Topic>(`/api/topics${q({ limit: 100, cursor })}`)
    for (const t of page.items) urls.push({ loc: `${base}${t.url}`, lastmod: t.lastPostAt })
    cursor = page.nextCursor ?? undefined
  } while (cursor && urls.length < maxUrls)
  const entries = urls
    .slice(0, maxUrls)
    .map(
      (u) =>
        `  <url><loc>${escapeHtml(u.loc)}</loc>${u.lastmod ? `<lastmod>${escapeHtml(u.lastmod)}</lastmod>` : ''}</url>`,
    )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`
}
