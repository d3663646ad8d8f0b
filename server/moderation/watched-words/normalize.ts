// How watched words and members' texts are compared: both go through the same per-character
// fold, so an entry and the text it should catch always agree, whatever the case, accents,
// ligatures or invisible characters a member used. Pure: no I/O, no state but caches.

/** A word of the text: its folded form and where it stands in the original string (UTF-16 offsets). */
export interface Token {
  norm: string
  start: number
  end: number
}

// Letters with an apostrophe's job (modifier letter apostrophe, turned and reversed commas): the
// Unicode class of letters, yet "lʼidiot" must split like "l'idiot" and "l’idiot".
const apostropheLetters = new Set([0x2bb, 0x2bc, 0x2bd])
// Word characters: letters, digits, combining marks (accents typed as separate characters,
// "Zalgo" text) and format characters (zero-width spaces and joiners, soft hyphens), so that an
// invisible character slipped inside a word neither splits it nor hides it.
const wordChar = /^[\p{L}\p{N}\p{M}\p{Cf}]$/u
const dropped = /[\p{M}\p{Cf}]/gu
const ligatures: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ς: 'σ' }
const ligature = /[œæßς]/g

/**
 * One character folded: compatibility decomposition (NFKD, a superset of NFD that also turns
 * fullwidth and mathematical letters, often used to slip past filters, into plain ones),
 * combining marks and format characters dropped, lower case, ligatures spelt out, and final
 * sigma made ordinary so that lower-casing letter by letter agrees with lower-casing words.
 */
function foldChar(ch: string): string {
  const strip = (s: string) => s.normalize('NFKD').replace(dropped, '')
  return strip(
    strip(ch)
      .toLowerCase()
      .replace(ligature, (l) => ligatures[l]!),
  )
}

// Caches by code unit for the Basic Multilingual Plane (where nearly every character of a French
// or English text lives), by code point beyond it. Filled on first sight of each character.
const bmpFold: (string | undefined)[] = new Array(0x10000)
const bmpClass = new Uint8Array(0x10000) // 0: not seen yet, 1: separator, 2: word character
const astral = new Map<number, { word: boolean; fold: string }>()

/** 1 for a separator, 2 for a word character (letters, digits, marks, format characters). */
export function classifyBmp(code: number): number {
  let c = bmpClass[code]!
  if (c === 0) {
    const ch = String.fromCharCode(code)
    c = wordChar.test(ch) && !apostropheLetters.has(code) ? 2 : 1
    bmpClass[code] = c
  }
  return c
}

/** A BMP character folded as words are (cached). */
export function foldBmp(code: number): string {
  let f = bmpFold[code]
  if (f === undefined) {
    f = foldChar(String.fromCharCode(code))
    bmpFold[code] = f
  }
  return f
}

/** Whether a code point above the BMP is a word character, and its fold. */
export function astralInfo(cp: number): { word: boolean; fold: string } {
  let info = astral.get(cp)
  if (!info) {
    const ch = String.fromCodePoint(cp)
    info = { word: wordChar.test(ch), fold: foldChar(ch) }
    if (astral.size < 10_000) astral.set(cp, info)
  }
  return info
}

// Folded words by their spelling, for words with a character beyond ASCII. Bounded: a text made of
// endless distinct words empties it rather than growing it.
const folded = new Map<string, string>()
const foldedMax = 50_000

/** A word (word characters only) folded character by character. */
function foldWord(raw: string): string {
  let norm = folded.get(raw)
  if (norm !== undefined) return norm
  norm = ''
  for (let k = 0; k < raw.length; k++) {
    const code = raw.charCodeAt(k)
    if (isHigh(code) && k + 1 < raw.length && isLow(raw.charCodeAt(k + 1))) {
      norm += astralInfo(raw.codePointAt(k)!).fold
      k++
    } else norm += foldBmp(code)
  }
  if (folded.size >= foldedMax) folded.clear()
  folded.set(raw, norm)
  return norm
}

const invisible = /^[\p{M}\p{Cf}]$/u
const bmpVisible = new Uint8Array(0x10000) // 0: not seen yet, 1: invisible (mark, format), 2: visible

/**
 * How many characters a reader sees in a stretch of text: code points, but for combining marks
 * (an accent typed apart from its letter) and invisible format characters.
 */
export function visibleLength(s: string): number {
  let count = 0
  for (let k = 0; k < s.length; k++) {
    const code = s.charCodeAt(k)
    if (isHigh(code) && k + 1 < s.length && isLow(s.charCodeAt(k + 1))) {
      if (!invisible.test(String.fromCodePoint(s.codePointAt(k)!))) count++
      k++
      continue
    }
    let v = bmpVisible[code]!
    if (v === 0) {
      v = invisible.test(String.fromCharCode(code)) ? 1 : 2
      bmpVisible[code] = v
    }
    if (v === 2) count++
  }
  return count
}

export const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff
export const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff

/**
 * Splits a text into its words, folded, with their offsets in the original string. Anything
 * that is not a letter, digit, mark or format character separates words: spaces, punctuation,
 * Markdown syntax, apostrophes ("l’idiot" gives "l" and "idiot"), hyphens. Words that fold to
 * nothing (a lone accent) are left out. One pass, linear in the text.
 *
 * @example tokenize('L’ÉNERVÉ !') // [{norm:'l',start:0,end:1}, {norm:'enerve',start:2,end:8}]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    // Skip separators.
    let code = text.charCodeAt(i)
    let width = 1
    let word: boolean
    if (isHigh(code) && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
      word = astralInfo(text.codePointAt(i)!).word
      width = 2
    } else word = classifyBmp(code) === 2
    if (!word) {
      i += width
      continue
    }
    // A word: find its end, then fold it. Plain ASCII words (most of them) are only lower-cased;
    // others are folded character by character once, then remembered, since a community's
    // vocabulary repeats (fewer strings built per text, so fewer collections on the write path).
    const start = i
    let ascii = code < 0x80
    // Lower-casing a word that has no capital would only copy it.
    let upper = code >= 0x41 && code <= 0x5a
    i += width
    while (i < n) {
      code = text.charCodeAt(i)
      if (code < 0x80) {
        if (classifyBmp(code) !== 2) break
        if (code <= 0x5a && code >= 0x41) upper = true
        i++
      } else if (isHigh(code) && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
        if (!astralInfo(text.codePointAt(i)!).word) break
        ascii = false
        i += 2
      } else {
        if (classifyBmp(code) !== 2) break
        ascii = false
        i++
      }
    }
    const raw = text.slice(start, i)
    const norm = ascii ? (upper ? raw.toLowerCase() : raw) : foldWord(raw)
    if (norm !== '') tokens.push({ norm, start, end: i })
  }
  return tokens
}

/** Longest phrase a moderator may enter, in characters, and most words in it. */
export const maxPhraseLength = 100
export const maxPhraseWords = 8

export type PhraseProblem = 'empty' | 'too_long' | 'too_many_words' | 'misplaced_wildcard'

/** A phrase as the matcher compares it: folded words, the last one a prefix when it ended in `*`. */
export interface NormalizedPhrase {
  words: string[]
  prefix: boolean
  /** The stored, unique form: words joined by one space, `*` kept at the end of a prefix. */
  key: string
}

/**
 * A moderator's phrase, folded like texts are. A `*` right after the last word makes it a prefix
 * ("arnaque*" catches "arnaques", "arnaqueur"); any other `*` is refused rather than guessed at.
 *
 * @example normalizePhrase('  Arnaque* ') // { words: ['arnaque'], prefix: true, key: 'arnaque*' }
 * @example normalizePhrase('a*b') // 'misplaced_wildcard'
 */
export function normalizePhrase(phrase: string): NormalizedPhrase | PhraseProblem {
  const trimmed = phrase.trim()
  if ([...trimmed].length > maxPhraseLength) return 'too_long'
  const star = trimmed.indexOf('*')
  let body = trimmed
  let prefix = false
  if (star !== -1) {
    if (star !== trimmed.length - 1) return 'misplaced_wildcard'
    body = trimmed.slice(0, -1)
    const last = tokenize(body).at(-1)
    // The star must touch the last word: "arnaque *" would be a prefix of every word.
    if (!last || last.end !== body.length) return 'misplaced_wildcard'
    prefix = true
  }
  const words = tokenize(body).map((t) => t.norm)
  if (words.length === 0) return 'empty'
  if (words.length > maxPhraseWords) return 'too_many_words'
  return { words, prefix, key: `${words.join(' ')}${prefix ? '*' : ''}` }
}
