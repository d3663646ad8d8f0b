import { maxPhraseWords, normalizePhrase, type Token, tokenize, visibleLength } from './normalize.js'

// Watched words are matched word by word, never by a regular expression built from what a
// moderator typed: the text is split into folded words once, then a trie of the entries' words is
// walked from each word. An entry has at most 8 words, so each start walks at most 8 steps, and a
// prefix is found by walking a trie of characters at most as deep as the longest prefix: the work
// is linear in the text whatever the entries are ("a a a a b" against "a a a a …" included).

export const watchedActions = ['block', 'hold', 'censor', 'flag'] as const
export type WatchedAction = (typeof watchedActions)[number]

export interface WatchedEntry {
  id: number
  phrase: string
  action: WatchedAction
}

/** One hit: which entry, and where in the original text (UTF-16 offsets, `end` exclusive). */
export interface Match {
  entryId: number
  phrase: string
  action: WatchedAction
  start: number
  end: number
}

interface Node {
  children: Map<string, Node>
  /** Entries whose last word is the word that led here. */
  ends: WatchedEntry[]
  /** Entries whose last word is a prefix, for the word after this node: a trie of its characters. */
  prefixes: CharNode | null
}

interface CharNode {
  next: Map<number, CharNode>
  /** Entries whose prefix ends at this character. */
  ends: WatchedEntry[]
}

const node = (): Node => ({ children: new Map(), ends: [], prefixes: null })
const charNode = (): CharNode => ({ next: new Map(), ends: [] })

export interface Matcher {
  /** Every hit in the text, by start, shorter first; overlapping hits are all reported. */
  scan(text: string): Match[]
  /** The same, over words tokenize() already produced (so a caller can reuse them). */
  scanTokens(tokens: Token[]): Match[]
  readonly size: number
}

/**
 * Builds the matcher for a set of entries. Entries whose phrase folds to nothing are skipped
 * (the routes refuse them; this keeps a bad row from breaking every check).
 *
 * @example compile([{ id: 1, phrase: 'arnaque*', action: 'flag' }]).scan('Des arnaqueurs !')
 *   // [{ entryId: 1, phrase: 'arnaque*', action: 'flag', start: 4, end: 14 }]
 */
export function compile(entries: readonly WatchedEntry[]): Matcher {
  const root = node()
  let size = 0
  for (const entry of entries) {
    const n = normalizePhrase(entry.phrase)
    if (typeof n === 'string') continue
    size++
    const last = n.words.length - 1
    let at = root
    for (let i = 0; i < last; i++) {
      const w = n.words[i]!
      let next = at.children.get(w)
      if (!next) {
        next = node()
        at.children.set(w, next)
      }
      at = next
    }
    const w = n.words[last]!
    if (n.prefix) {
      at.prefixes ??= charNode()
      let c = at.prefixes
      for (let k = 0; k < w.length; k++) {
        const code = w.charCodeAt(k)
        let next = c.next.get(code)
        if (!next) {
          next = charNode()
          c.next.set(code, next)
        }
        c = next
      }
      c.ends.push(entry)
    } else {
      let next = at.children.get(w)
      if (!next) {
        next = node()
        at.children.set(w, next)
      }
      next.ends.push(entry)
    }
  }

  const hit = (out: Match[], list: WatchedEntry[], start: number, end: number) => {
    for (const e of list) out.push({ entryId: e.id, phrase: e.phrase, action: e.action, start, end })
  }

  const scanTokens = (tokens: Token[]): Match[] => {
    const out: Match[] = []
    if (size === 0) return out
    for (let i = 0; i < tokens.length; i++) {
      const start = tokens[i]!.start
      let at: Node | undefined = root
      for (let j = i; j < tokens.length && j - i < maxPhraseWords && at; j++) {
        const t = tokens[j]!
        const w = t.norm
        let c: CharNode | undefined = at.prefixes ?? undefined
        for (let k = 0; c && k < w.length; k++) {
          c = c.next.get(w.charCodeAt(k))
          if (c?.ends.length) hit(out, c.ends, start, t.end)
        }
        at = at.children.get(w)
        if (at?.ends.length) hit(out, at.ends, start, t.end)
      }
    }
    return out
  }

  return { scan: (text) => scanTokens(tokenize(text)), scanTokens, size }
}

const censorMark = '■'

/**
 * The text with the words of each match masked, one '■' per character a reader sees (an accent
 * typed as a separate mark, or a zero-width character, is no extra one). Only the matched words
 * are masked: what lies between the words of a phrase (line breaks, Markdown emphasis) stays, so
 * the text keeps its shape. Returns the text itself when nothing is to be masked.
 */
export function censor(text: string, tokens: readonly Token[], matches: readonly Match[]): string {
  if (matches.length === 0) return text
  // Spans of whole words to mask, merged where matches overlap.
  const spans: [number, number][] = []
  const sorted = [...matches].sort((a, b) => a.start - b.start || a.end - b.end)
  // Matches start on word boundaries, in order: the first word of each is found moving forward only.
  let t = 0
  for (const m of sorted) {
    while (t < tokens.length && tokens[t]!.end <= m.start) t++
    for (let k = t; k < tokens.length && tokens[k]!.start < m.end; k++) {
      const tok = tokens[k]!
      const last = spans.at(-1)
      if (last && tok.start <= last[1]) last[1] = Math.max(last[1], tok.end)
      else spans.push([tok.start, tok.end])
    }
  }
  let out = ''
  let at = 0
  for (const [s, e] of spans) {
    out += text.slice(at, s)
    out += censorMark.repeat(visibleLength(text.slice(s, e)))
    at = e
  }
  return out + text.slice(at)
}
