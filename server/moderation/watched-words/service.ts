import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import type { Db } from '../../db/database.js'
import { decodeCursor, keysetPage } from '../../http/cursor.js'
import { badRequest, conflict, notFound, unprocessable } from '../../http/errors.js'
import type { Bus } from '../../live/bus.js'
import {
  censor,
  compile,
  type Match,
  type Matcher,
  type WatchedAction,
  type WatchedEntry,
} from './matcher.js'
import { maxPhraseLength, maxPhraseWords, normalizePhrase } from './normalize.js'
import * as q from './queries.js'

/** The bus topic on which instances learn that the list changed. */
export const busTopic = 'watched-words'

export interface CheckResult {
  block: Match[]
  hold: Match[]
  flag: Match[]
  censor: Match[]
  /** The text with each censor match masked ('■' per character); the text itself when none. */
  censored: string
}

/**
 * The watched words in force, compiled once and kept until the list changes. Every write path
 * checks a text through here, so the database is read only after a change: forgotten at once on
 * the instance that made it, and on the others through the bus (and after the bus was away,
 * since a message may have been lost meanwhile).
 */
export class WatchedWords {
  private matcher: Promise<Matcher> | undefined
  private readonly stops: (() => void)[]

  /** `load` reads every entry (the database in the app; a fixed list in the bench). */
  constructor(
    private readonly load: () => Promise<WatchedEntry[]>,
    private readonly bus: Bus,
  ) {
    const forget = () => this.forget()
    this.stops = [bus.subscribe(busTopic, forget), bus.onReconnect(forget)]
  }

  /** The compiled entries; a failed read is not remembered, so the next check tries again. */
  compiled(): Promise<Matcher> {
    if (!this.matcher) {
      const building = this.load().then(compile)
      this.matcher = building
      building.catch(() => {
        if (this.matcher === building) this.matcher = undefined
      })
    }
    return this.matcher
  }

  /**
   * Every hit in a text, by action, and the text with its censor hits masked. Code spans, code
   * blocks and link addresses count like the rest: members hide words there too.
   *
   * @example
   *   const { block, hold, flag, censored } = await app.watchedWords.check(body)
   *   if (block.length) throw unprocessable('watched_word_blocked', …)
   */
  async check(text: string): Promise<CheckResult> {
    const { matches, censored } = await this.scan(text)
    const by = (action: WatchedAction) => matches.filter((m) => m.action === action)
    return { block: by('block'), hold: by('hold'), flag: by('flag'), censor: by('censor'), censored }
  }

  /** Every hit in order of position, and the censored text: what the moderators' try-out shows. */
  async scan(text: string): Promise<{ matches: Match[]; censored: string }> {
    const matcher = await this.compiled()
    const matches = matcher.scan(text)
    const censorHits = matches.filter((m) => m.action === 'censor')
    const censored = censor(text, censorHits)
    return { matches, censored }
  }

  forget(): void {
    this.matcher = undefined
  }

  /**
   * After a committed change: forget here at once, then tell the other instances. A bus that
   * cannot publish does not turn the committed change into an error: its listeners forget on
   * their own when they reconnect.
   */
  async changed(): Promise<void> {
    this.forget()
    await this.bus.publish(busTopic, 'changed').catch(() => {})
  }

  close(): void {
    for (const stop of this.stops) stop()
  }
}

export interface WordDeps {
  db: Db
  watchedWords: WatchedWords
}

export function presentWord(w: q.WordRow) {
  return { ...w, createdAt: w.createdAt.toISOString() }
}

/** One page of the list, newest first, optionally of one action only (moderators). */
export async function listWords(
  deps: Pick<WordDeps, 'db'>,
  page: { cursor?: string | undefined; limit?: number | undefined; action?: WatchedAction | undefined },
) {
  const after = decodeCursor(page.cursor, 'n') as [number] | null
  if (after && !(Number.isSafeInteger(after[0]) && after[0] > 0))
    throw badRequest('invalid_cursor', 'The cursor is not one this list gave out.')
  const limit = page.limit ?? 20
  const rows = await q.wordPage(deps.db, { beforeId: after?.[0] ?? null, action: page.action, limit })
  return keysetPage(rows, limit, (last) => [last.id], presentWord)
}

const problems = {
  empty: ['phrase_empty', 'The phrase has no letters or digits to watch for.'],
  too_long: ['phrase_too_long', `A phrase is at most ${maxPhraseLength} characters.`],
  too_many_words: ['phrase_too_many_words', `A phrase is at most ${maxPhraseWords} words.`],
  misplaced_wildcard: [
    'phrase_misplaced_wildcard',
    'A * may only end the last word (as in "arnaque*"); it stands for any ending.',
  ],
} as const

/**
 * Adds a watched word or phrase (moderators), audited in the same transaction; every instance
 * uses it from its next check. Two phrases that fold to the same words are one entry: 409.
 * @example await addWord(deps, moderator, { phrase: 'Arnaque*', action: 'flag' })
 */
export async function addWord(
  deps: WordDeps,
  actor: Viewer,
  input: { phrase: string; action: WatchedAction },
) {
  const n = normalizePhrase(input.phrase)
  if (typeof n === 'string') {
    const [code, message] = problems[n]
    throw unprocessable(code, message)
  }
  const phrase = input.phrase.trim()
  const row = await deps.db.transaction().execute(async (trx) => {
    const id = await q.insertWord(trx, {
      phrase,
      normalized: n.key,
      action: input.action,
      createdBy: actor.id,
    })
    if (id === undefined)
      throw conflict(
        'duplicate',
        `"${phrase}" is already watched (as "${n.key}"); remove it first to change it.`,
      )
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'watched_word.add',
      targetType: 'watched_word',
      targetId: id,
      data: { phrase, normalized: n.key, action: input.action },
    })
    return (await q.findWord(trx, id))!
  })
  await deps.watchedWords.changed()
  return presentWord(row)
}

/**
 * Removes a watched word (moderators), audited in the same transaction; 404 when there is none.
 * @example await removeWord(deps, moderator, 12)
 */
export async function removeWord(deps: WordDeps, actor: Viewer, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const gone = await q.deleteWord(trx, id)
    if (!gone) throw notFound(`Watched word ${id}`)
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'watched_word.remove',
      targetType: 'watched_word',
      targetId: id,
      data: { phrase: gone.phrase, normalized: gone.normalized, action: gone.action },
    })
  })
  await deps.watchedWords.changed()
}
