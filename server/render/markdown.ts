import { Marked, type Token, type Tokens } from 'marked'
import type { Db } from '../db/database.js'
import { type MentionToken, mentionExtension, resolveMentions } from './mentions.js'
import { sanitizeHtml } from './purify.js'
import { parseTopicHref, resolveTopicLinks, type TopicLink } from './topic-links.js'

export interface RenderDeps {
  db: Db
  publicUrl: string
}

export interface Rendered {
  html: string
  /** Members named with @handle that exist, to notify and to record in post_mentions (≤ 20). */
  mentionedUserIds: number[]
}

// One instance for the process: extensions and renderer overrides are compiled once.
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  extensions: [mentionExtension],
  renderer: {
    // The page owns h1 (the topic title) and h2; a post's headings sit below them.
    heading({ tokens, depth }) {
      const level = Math.min(depth + 2, 6)
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`
    },
    // Task-list checkboxes are form controls, which the allowlist refuses: show them as text.
    checkbox({ checked }) {
      return checked ? '☑ ' : '☐ '
    },
  },
})

/**
 * Markdown as written → sanitised HTML, once, at write time: GFM, then @mentions of existing
 * members and links to public topics resolved (one query each, skipped when the text has
 * neither), then DOMPurify under the allowlist of sanitize-config.ts.
 *
 * @example
 *   const { html, mentionedUserIds } = await renderPost({ db, publicUrl }, 'Bravo @ana !')
 */
export async function renderPost(deps: RenderDeps, markdown: string): Promise<Rendered> {
  const tokens = marked.lexer(markdown)
  let mentionedUserIds: number[] = []
  const mayMention = markdown.includes('@')
  const mayLink = markdown.includes('/t/')
  if (mayMention || mayLink) {
    const mentions: MentionToken[] = []
    const links: TopicLink[] = []
    marked.walkTokens(tokens, (token: Token) => {
      if (token.type === 'mention') mentions.push(token as MentionToken)
      else if (mayLink && token.type === 'link') {
        const link = token as Tokens.Link
        const target = parseTopicHref(link.href, deps.publicUrl)
        if (target) links.push({ token: link, ...target })
      }
    })
    const [ids] = await Promise.all([
      mentions.length ? resolveMentions(deps.db, mentions) : [],
      links.length ? resolveTopicLinks(deps.db, links) : undefined,
    ])
    mentionedUserIds = ids
  }
  const html = marked.parser(tokens)
  return { html: plainHtml(markdown, html) ?? sanitizeHtml(html), mentionedUserIds }
}

// What DOMPurify would change or needs the DOM to decide: raw HTML and entities (`<`, `&`),
// characters the HTML parser rewrites or drops (controls but tab and newline, CR, NUL), the
// no-break space it serialises as `&nbsp;`, and lone surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const notPlain = /[<&\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00a0\p{Cs}]/u
// The renderer's own attribute-less tags (all on the allowlist), its escapes, and text.
const plainPiece =
  /<\/?(?:p|h[3-6]|strong|em|del|code|pre|blockquote|ul|ol|li)>|<(?:br|hr)>|&(?:amp|lt|gt|quot|#39);|[^<>&]+/y

/**
 * The sanitised HTML without the DOM, for Markdown with no raw HTML whose rendering holds only
 * attribute-less allowlisted tags: DOMPurify keeps every node of such HTML, and parsing then
 * serialising it only turns `&quot;` and `&#39;` back into quotes. Null when the DOM must decide.
 */
export function plainHtml(markdown: string, html: string): string | null {
  if (notPlain.test(markdown)) return null
  plainPiece.lastIndex = 0
  while (plainPiece.lastIndex < html.length) if (!plainPiece.test(html)) return null
  return html.replaceAll('&quot;', '"').replaceAll('&#39;', "'")
}
