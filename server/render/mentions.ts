import { sql } from 'kysely'
import type { TokenizerAndRendererExtension, Tokens } from 'marked'
import type { Db } from '../db/database.js'

/** A `@handle` the lexer found in running text; `user` is filled in once the member is looked up. */
export interface MentionToken extends Tokens.Generic {
  type: 'mention'
  raw: string
  handle: string
  user?: { id: number; handle: string }
}

/** More @names than this in one post are left as plain text: a post is not a mailing list. */
export const maxMentions = 20

// Handles are 2–30 of [A-Za-z0-9_.-] starting with a letter, digit or "_" (accounts/schema.ts).
const mentionAt = /^@([A-Za-z0-9_][A-Za-z0-9_.-]{1,29})/
// An @ glued to a word, a dot or a slash belongs to an email address or a URL, not a mention.
const gluedBefore = /[\p{L}\p{N}_.+\-/@`]$/u
const candidateStart = /(?<![\p{L}\p{N}_.+\-/@`])@[A-Za-z0-9_]/u

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The marked extension that turns `@handle` into a mention token. Code spans and blocks never
 * reach inline extensions, and link text is lexed with `inLink` set, so those stay as written.
 */
export const mentionExtension: TokenizerAndRendererExtension = {
  name: 'mention',
  level: 'inline',
  start(src) {
    const m = candidateStart.exec(src)
    return m ? m.index : undefined
  },
  tokenizer(src, tokens) {
    if (src.charCodeAt(0) !== 64) return undefined
    const state = this.lexer.state
    if (state.inLink || state.inRawBlock) return undefined
    const prev = tokens.at(-1)
    if (prev && (prev.type === 'text' || prev.type === 'escape') && gluedBefore.test(prev.raw))
      return undefined
    const m = mentionAt.exec(src)
    if (!m) return undefined
    // "@bob." ends a sentence: the trailing dot or dash is punctuation, not part of the handle.
    const handle = m[1]!.replace(/[.-]+$/, '')
    if (handle.length < 2) return undefined
    // "@bob@example.com" is an address, not a mention followed by text.
    if (src.charAt(handle.length + 1) === '@') return undefined
    return { type: 'mention', raw: `@${handle}`, handle } satisfies MentionToken
  },
  renderer(token) {
    const t = token as MentionToken
    if (!t.user) return `@${escapeHtml(t.handle)}`
    const h = t.user.handle
    return `<a class="mention" href="/u/${encodeURIComponent(h)}">@${escapeHtml(h)}</a>`
  },
}

/**
 * Looks up the mentioned members in one query and marks their tokens; returns their ids in
 * order of first mention, at most `maxMentions`. Handles match regardless of case.
 */
export async function resolveMentions(db: Db, tokens: MentionToken[]): Promise<number[]> {
  const wanted: string[] = []
  for (const t of tokens) {
    const key = t.handle.toLowerCase()
    if (!wanted.includes(key)) wanted.push(key)
    if (wanted.length === maxMentions) break
  }
  if (wanted.length === 0) return []
  const rows = await db
    .selectFrom('users')
    .select(['id', 'handle'])
    .where(sql<string>`lower(handle)`, 'in', wanted)
    .execute()
  const byKey = new Map(rows.map((r) => [r.handle.toLowerCase(), r]))
  const ids: number[] = []
  for (const t of tokens) {
    const key = t.handle.toLowerCase()
    const user = wanted.includes(key) ? byKey.get(key) : undefined
    if (!user) continue
    t.user = { id: user.id, handle: user.handle }
    if (!ids.includes(user.id)) ids.push(user.id)
  }
  return ids
}
