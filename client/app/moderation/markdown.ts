import { Marked } from 'marked'
import { sanitizePostHtml } from '../../shared/sanitize.js'

// Charter rules and the crisis statement are Markdown: previews and the charter page render them
// here, through the same sanitiser as posts (the server's copy is rendered by the server).
const marked = new Marked({ gfm: true, breaks: false, async: false })

export function markdownHtml(md: string): string {
  return sanitizePostHtml(marked.parse(md) as string)
}
