import pg from 'pg'

/** A database beside the bench's own (same server, another name), for a bench that seeds its own. */
export function databaseBeside(benchUrl: string, name: string): string {
  const url = new URL(benchUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Drops the database if it exists and creates it empty: each run starts from nothing. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
  const adminUrl = new URL(databaseUrl)
  adminUrl.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: adminUrl.toString() })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
}
