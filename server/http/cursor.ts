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
