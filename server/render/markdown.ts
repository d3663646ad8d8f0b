import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'
import { Marked } from 'marked'

// FIRST DRAFT: the render helper replaces this with the full allowlist, mentions and topic links.
const window = new JSDOM('').window
const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0])
const marked = new Marked({ gfm: true, breaks: false, async: false })

export interface RenderDeps {
  db: import('../db/database.js').Db
  publicUrl: string
}

export interface Rendered {
  html: string
  /** Members named with @handle that exist, to notify and to record in post_mentions. */
  mentionedUserIds: number[]
}

/** Markdown as written → sanitised HTML, once, at write time. */
export async function renderPost(_deps: RenderDeps, markdown: string): Promise<Rendered> {
  const raw = marked.parse(markdown) as string
  return { html: purify.sanitize(raw), mentionedUserIds: [] }
}
