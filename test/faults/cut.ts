import pg from 'pg'
import { adminUrl } from '../helpers/databases.js'

export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1)
}

/**
 * Terminates the app's connections to one test database, as a PostgreSQL restart or a failover
 * would (only that database, and only the app's own connections: other engineers share the server).
 * Returns how many were cut.
 */
export async function terminateBackends(database: string, applicationName = 'tribune'): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'tribune-test-admin' })
  await client.connect()
  try {
    const res = await client.query(
      `select count(*) filter (where pg_terminate_backend(pid))::int as n
         from pg_stat_activity where datname = $1 and application_name = $2 and pid <> pg_backend_pid()`,
      [database, applicationName],
    )
    return res.rows[0].n
  } finally {
    await client.end()
  }
}
