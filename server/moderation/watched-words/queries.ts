import type { Transaction } from 'kysely'
import type { Database, Db } from '../../db/database.js'
import type { WatchedAction, WatchedEntry } from './matcher.js'

export interface WordRow {
  id: number
  phrase: string
  action: WatchedAction
  createdAt: Date
  createdBy: { id: number; handle: string; displayName: string } | null
}

type Conn = Db | Transaction<Database>

function selectWords(db: Conn) {
  return db
    .selectFrom('watchedWords as w')
    .leftJoin('users as u', 'u.id', 'w.createdBy')
    .select(['w.id', 'w.phrase', 'w.action', 'w.createdAt', 'u.id as userId', 'u.handle', 'u.displayName'])
}

function toRow(r: {
  id: number
  phrase: string
  action: string
  createdAt: Date
  userId: number | null
  handle: string | null
  displayName: string | null
}): WordRow {
  return {
    id: r.id,
    phrase: r.phrase,
    action: r.action as WatchedAction,
    createdAt: r.createdAt,
    createdBy: r.userId === null ? null : { id: r.userId, handle: r.handle!, displayName: r.displayName! },
  }
}

/** Every entry, for the matcher: a community has a few thousand at most, read once per change. */
export async function allEntries(db: Db): Promise<WatchedEntry[]> {
  const rows = await db.selectFrom('watchedWords').select(['id', 'phrase', 'action']).orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, phrase: r.phrase, action: r.action as WatchedAction }))
}

/** One page, newest first (keyset on the primary key), one extra row to tell whether more follow. */
export async function wordPage(
  db: Db,
  opts: { beforeId: number | null; action: WatchedAction | undefined; limit: number },
): Promise<WordRow[]> {
  const rows = await selectWords(db)
    .$if(opts.beforeId !== null, (q) => q.where('w.id', '<', opts.beforeId!))
    .$if(opts.action !== undefined, (q) => q.where('w.action', '=', opts.action!))
    .orderBy('w.id', 'desc')
    .limit(opts.limit + 1)
    .execute()
  return rows.map(toRow)
}

export async function findWord(db: Conn, id: number): Promise<WordRow | undefined> {
  const row = await selectWords(db).where('w.id', '=', id).executeTakeFirst()
  return row && toRow(row)
}

/** Inserts the entry unless its normalised form is taken; undefined then. */
export async function insertWord(
  trx: Transaction<Database>,
  values: { phrase: string; normalized: string; action: WatchedAction; createdBy: number },
): Promise<number | undefined> {
  const row = await trx
    .insertInto('watchedWords')
    .values(values)
    .onConflict((oc) => oc.column('normalized').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

/** Deletes the entry; what it was, or undefined when there was none. */
export function deleteWord(trx: Transaction<Database>, id: number) {
  return trx
    .deleteFrom('watchedWords')
    .where('id', '=', id)
    .returning(['id', 'phrase', 'action', 'normalized'])
    .executeTakeFirst()
}
