import fs from 'node:fs'
import path from 'node:path'
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { DB as Database } from './schema.js'

export type { Database }
export type Db = Kysely<Database>

/** A database handle plus what the rest of the app needs to know about where it lives. */
export interface DbHandle {
  db: Db
  kind: 'postgres' | 'pglite'
  /** Resolves true when a trivial query answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>
  close(): Promise<void>
}

export interface DbOptions {
  databaseUrl?: string | undefined
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string
  statementTimeoutMs?: number
  poolSize?: number
  onPoolError?: (err: Error) => void
  /** An already open embedded database (tests load a migrated copy). */
  pglite?: import('@electric-sql/pglite').PGlite
}

// int8 (ids, counts) arrive as numbers: ids stay far below 2^53, which the API documents.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))

const plugins = [new CamelCasePlugin()]

export async function openDatabase(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts)
  if (opts.pglite) return wrapPglite(opts.pglite)
  return openPglite(opts.dataDir ?? './data')
}

function openPostgres(url: string, opts: DbOptions): DbHandle {
  const timeout = opts.statementTimeoutMs ?? 15_000
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 20,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A runaway statement or a transaction left open must not hold locks forever.
    statement_timeout: timeout,
    idle_in_transaction_session_timeout: timeout * 2,
    application_name: 'tribune',
    // Tribune's statements are short: JIT compilation, set off by a high cost estimate for a
    // branch that never runs (a search's fallback), would cost more than it could save.
    options: '-c jit=off',
  })
  // An idle client losing its connection (server restart, terminated backend) emits here;
  // without a listener that would crash the process. The pool drops the client by itself.
  pool.on('error', (err) => opts.onPoolError?.(err))
  // A client checked out between two statements (inside a transaction) can lose its connection too;
  // pg then emits on the client, where the pool listens only while it is idle. Handled here, the
  // next statement fails (503) and the pool drops the client when it is released.
  pool.on('connect', (client) => client.on('error', (err) => opts.onPoolError?.(err)))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins })
  return {
    db,
    kind: 'postgres',
    ping: (ms = 2_000) => pingWith(db, ms),
    close: () => db.destroy(),
  }
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent')
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  let dir: string | undefined
  if (!dataDir.startsWith('memory://')) {
    dir = path.join(dataDir, 'pglite')
    fs.mkdirSync(dir, { recursive: true })
  }
  const client = await PGlite.create({
    dataDir: dir,
    extensions: { unaccent, pg_trgm },
    parsers: pgliteParsers,
  })
  return wrapPglite(client)
}

export const pgliteParsers = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) }

function wrapPglite(client: import('@electric-sql/pglite').PGlite): DbHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client), plugins })
  return {
    db,
    kind: 'pglite',
    ping: (ms = 2_000) => pingWith(db, ms),
    close: async () => {
      // Kysely closes the dialect only if it ever opened a connection: an unused PGlite would stay open.
      await db.destroy()
      if (!client.closed) await client.close()
    },
  }
}

async function pingWith(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timedOut])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
