import {
  astralInfo,
  classifyBmp,
  foldBmp,
  isHigh,
  isLow,
  maxPhraseWords,
  normalizePhrase,
  visibleLength,
} from './normalize.js'

// Watched words are matched word by word, never by a regular expression built from what a
// moderator typed: a trie of the entries' folded characters is walked from each word of the text.
// An entry has at most 8 words, so each start walks at most 8 words and stops as soon as the trie
// has nothing further: the work is linear in the text whatever the entries are ("a a a a b"
// against "a a a a …" included).

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

/**
 * The entries as one trie of folded characters, the words of a phrase joined by a space: a text
 * is walked character by character from each word's start, folding as it goes, so a check
 * allocates nothing but its hits (the tokens of a 10,000-character post weighed about 90 KB, and
 * the collections they caused were the check's slowest runs).
 */
interface CharNode {
  next: Map<number, CharNode>
  /** Entries ending here at the end of a word. */
  ends: WatchedEntry[]
  /** Prefix entries ending here: a hit whatever follows in the same word. */
  prefixEnds: WatchedEntry[]
}

const space = 0x20
const charNode = (): CharNode => ({ next: new Map(), ends: [], prefixEnds: [] })

export interface Matcher {
  /** Every hit in the text, by start, shorter first; overlapping hits are all reported. */
  scan(text: string): Match[]
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
  const root = charNode()
  let size = 0
  for (const entry of entries) {
    const n = normalizePhrase(entry.phrase)
    if (typeof n === 'string') continue
    size++
    const key = n.words.join(' ')
    let at = root
    for (let k = 0; k < key.length; k++) {
      const code = key.charCodeAt(k)
      let next = at.next.get(code)
      if (!next) {
        next = charNode()
        at.next.set(code, next)
      }
      at = next
    }
    if (n.prefix) at.prefixEnds.push(entry)
    else at.ends.push(entry)
  }

  // Prefix hits wait for the end of their word, which gives their end: reused between walks.
  const prefixHits: CharNode[] = []
  let out: Match[] = []
  const hit = (list: WatchedEntry[], start: number, end: number) => {
    for (const e of list) out.push({ entryId: e.id, phrase: e.phrase, action: e.action, start, end })
  }

  /**
   * Walks the trie from the word starting at `start`, through at most maxPhraseWords words,
   * until the trie has nothing further. Whatever the entries, it reads at most as many
   * characters as the longest entry spans.
   */
  const walk = (text: string, start: number): void => {
    const n = text.length
    let node: CharNode | undefined = root
    let words = 0
    let inWordChars = false
    let pendingSpace = false
    prefixHits.length = 0
    let i = start
    while (node) {
      let code = i < n ? text.charCodeAt(i) : -1
      let width = 1
      let word = false
      let fold: string | undefined
      if (code === -1) word = false
      else if (code < 0x80) {
        word = classifyBmp(code) === 2
        if (word && code >= 0x41 && code <= 0x5a) code += 0x20
      } else if (isHigh(code) && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
        const info = astralInfo(text.codePointAt(i)!)
        word = info.word
        fold = info.fold
        width = 2
      } else {
        word = classifyBmp(code) === 2
        if (word) fold = foldBmp(code)
      }

      if (!word) {
        if (inWordChars) {
          // A word of the text ends here: its prefix hits, then entries ending with it.
          for (const p of prefixHits) hit(p.prefixEnds, start, i)
          prefixHits.length = 0
          if (node.ends.length) hit(node.ends, start, i)
          inWordChars = false
          pendingSpace = true
          if (++words >= maxPhraseWords || !node.next.has(space)) return
        } else if (words === 0) return // the first word folded to nothing: the next start has it
        if (code === -1) return
        i += width
        continue
      }

      if (fold === undefined) {
        if (pendingSpace) {
          node = node.next.get(space)
          pendingSpace = false
          if (!node) return
        }
        node = node.next.get(code)
        if (node?.prefixEnds.length) prefixHits.push(node)
        inWordChars = true
      } else {
        for (let k = 0; node && k < fold.length; k++) {
          const c = fold.charCodeAt(k)
          if (c === space) node = undefined
          else {
            if (pendingSpace) {
              node = node.next.get(space)
              pendingSpace = false
              if (!node) break
            }
            node = node.next.get(c)
            if (node?.prefixEnds.length) prefixHits.push(node)
            inWordChars = true
          }
        }
      }
      i += width
    }
    // The trie ran out inside a word: prefix hits already met still stand, ending with that word.
    if (prefixHits.length) {
      let end = i
      while (end < n) {
        const code = text.charCodeAt(end)
        if (isHigh(code) && end + 1 < n && isLow(text.charCodeAt(end + 1))) {
          if (!astralInfo(text.codePointAt(end)!).word) break
          end += 2
        } else if (classifyBmp(code) === 2) end++
        else break
      }
      for (const p of prefixHits) hit(p.prefixEnds, start, end)
    }
  }

  const scan = (text: string): Match[] => {
    out = []
    if (size === 0) return out
    const n = text.length
    let prevWord = false
    for (let i = 0; i < n; ) {
      const code = text.charCodeAt(i)
      let width = 1
      let word: boolean
      if (isHigh(code) && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
        word = astralInfo(text.codePointAt(i)!).word
        width = 2
      } else word = classifyBmp(code) === 2
      if (word && !prevWord) walk(text, i)
      prevWord = word
      i += width
    }
    const found = out
    out = []
    return found
  }

  return { scan, size }
}

const censorMark = '■'

/** Whether the character at `i` is a word character, and how many UTF-16 units it takes. */
function wordAt(text: string, i: number): [boolean, number] {
  const code = text.charCodeAt(i)
  if (isHigh(code) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)))
    return [astralInfo(text.codePointAt(i)!).word, 2]
  return [classifyBmp(code) === 2, 1]
}

/**
 * The text with the words of each match masked, one '■' per character a reader sees (an accent
 * typed as a separate mark, or a zero-width character, is no extra one). Only the matched words
 * are masked: what lies between the words of a phrase (line breaks, Markdown emphasis) stays, so
 * the text keeps its shape. Matches start and end on word boundaries, so the words are read off
 * the text between them, without cutting the whole text into words. Returns the text itself when
 * nothing is to be masked.
 */
export function censor(text: string, matches: readonly Match[]): string {
  if (matches.length === 0) return text
  // Spans to mask, merged where matches overlap, in order.
  const sorted = [...matches].sort((a, b) => a.start - b.start || a.end - b.end)
  const spans: [number, number][] = []
  for (const m of sorted) {
    const last = spans.at(-1)
    if (last && m.start <= last[1]) last[1] = Math.max(last[1], m.end)
    else spans.push([m.start, m.end])
  }
  let out = ''
  let at = 0
  for (const [s, e] of spans) {
    out += text.slice(at, s)
    // Each run of word characters is a word: masked unless nothing in it is visible (a lone accent).
    let i = s
    while (i < e) {
      let j = i
      let [word, width] = wordAt(text, j)
      const isWord = word
      while (j < e && word === isWord) {
        j += width
        if (j < e) [word, width] = wordAt(text, j)
      }
      const run = text.slice(i, j)
      const visible = isWord ? visibleLength(run) : 0
      out += visible > 0 ? censorMark.repeat(visible) : run
      i = j
    }
    at = e
  }
  return out + text.slice(at)
}
