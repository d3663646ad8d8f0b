import { sql } from 'kysely'
import { badRequest } from './errors.js'

/** Keyset cursors are opaque to clients: the last row's sort keys, base64url JSON. */
export function encodeCursor(keys: readonly (string | number | boolean | null)[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url')
}

/** Decodes a cursor whose keys must match `shape` ('s' string, 'n' number, 'b' boolean); 400 otherwise. */
export function decodeCursor(
  cursor: string | undefined,
  shape: string,
): (string | number | boolean)[] | null {
  if (cursor === undefined || cursor === '') return null
  let keys: unknown
  try {
    keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    keys = null
  }
  const ok =
    Array.isArray(keys) &&
    keys.length === shape.length &&
    keys.every((k, i) => {
      const t = shape[i]
      if (t === 'n') return typeof k === 'number' && Number.isFinite(k)
      if (t === 'b') return typeof k === 'boolean'
      return typeof k === 'string' && k.length < 100
    })
  if (!ok) throw badRequest('invalid_cursor', 'The cursor is not one this list gave out.')
  return keys as (string | number | boolean)[]
}

/**
 * Turns rows fetched with `limit + 1` into one page: the extra row only says that more follow,
 * and the cursor holds the last shown row's sort keys.
 */
export function keysetPage<R, T>(
  rows: R[],
  limit: number,
  cursorKeys: (last: R) => readonly (string | number | boolean | null)[],
  present: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  return {
    items: shown.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorKeys(last)) : null,
  }
}

/**
 * A timestamp column as whole microseconds, for cursors: one carrying a JavaScript Date
 * (milliseconds) would skip rows written within the same millisecond.
 */
export const microsOf = (column: string) =>
  sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000000)::bigint`
export const fromMicros = (micros: number) =>
  sql`timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond'`

/** Like decodeCursor, and its numbers whole and in range, or the database would be asked for an impossible time. */
export function decodeKeys<T extends (string | number | boolean)[]>(
  cursor: string | undefined,
  shape: string,
): T | null {
  const decoded = decodeCursor(cursor, shape)
  if (decoded?.some((k) => typeof k === 'number' && !(Number.isSafeInteger(k) && k >= 0 && k < 1e16)))
    throw badRequest('invalid_cursor', 'The cursor is not one this list gave out.')
  return decoded as T | null
}
