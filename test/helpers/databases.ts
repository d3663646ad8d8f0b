import fs from 'node:fs'
import pg from 'pg'
import { type DbHandle, openDatabase, pgliteParsers } from '../../server/db/database.js'

/** Which database the suite runs on: set by scripts/test.mjs for each of its two passes. */
export const testDb = (process.env.TRIBUNE_TEST_DB ?? 'postgres') as 'postgres' | 'pglite'
export const adminUrl = process.env.TRIBUNE_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const templateName = process.env.TRIBUNE_TEST_TEMPLATE ?? 'tribune_test_template'
export const pgliteTemplate = process.env.TRIBUNE_TEST_PGLITE_TEMPLATE

let counter = 0

export function urlFor(name: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

/**
 * A fresh, migrated database for one test: a copy of the migrated template on PostgreSQL
 * (CREATE DATABASE … TEMPLATE), or an in-memory PGlite loaded from the migrated dump.
 */
export async function freshDatabase(
  opts: { poolSize?: number; statementTimeoutMs?: number | undefined } = {},
): Promise<{
  handle: DbHandle
  url: string | undefined
  drop: () => Promise<void>
}> {
  if (testDb === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite')
    const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent')
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
    if (!pgliteTemplate)
      throw new Error('TRIBUNE_TEST_PGLITE_TEMPLATE is not set: run the suite with npm test')
    const client = await PGlite.create({
      loadDataDir: new Blob([fs.readFileSync(pgliteTemplate)]),
      extensions: { unaccent, pg_trgm },
      parsers: pgliteParsers,
    })
    const handle = await openDatabase({ pglite: client })
    return { handle, url: undefined, drop: async () => {} }
  }
  const name = `tribune_t_${process.pid}_${++counter}_${Date.now().toString(36)}`
  await adminQuery(`create database ${name} template ${templateName}`)
  const url = urlFor(name)
  const handle = await openDatabase({
    databaseUrl: url,
    poolSize: opts.poolSize ?? 10,
    statementTimeoutMs: opts.statementTimeoutMs ?? 30_000,
  })
  return {
    handle,
    url,
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  }
}
