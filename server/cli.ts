import { execFileSync } from 'node:child_process'
import pg from 'pg'
import { loadConfig } from './config.js'
import { openDatabase } from './db/database.js'
import { migrateToLatest } from './db/migrate.js'

const usage = `Usage: npm run <task>
  db:migrate   apply pending migrations to DATABASE_URL (or the embedded database in DATA_DIR)
  db:types     regenerate server/db/schema.ts from a freshly migrated scratch database
  demo         seed the sample French brand community (even on DATABASE_URL)`

async function withDatabase<T>(fn: (h: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    return await fn(handle)
  } finally {
    await handle.close()
  }
}

/** Migrates a throwaway database on the local server and generates the Database interface from it. */
export async function generateTypes(check: boolean): Promise<void> {
  const admin = process.env.TRIBUNE_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `tribune_types_${process.pid}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`create database ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  try {
    const h = await openDatabase({ databaseUrl: url.toString() })
    await migrateToLatest(h.db)
    await h.close()
    execFileSync('npx', ['kysely-codegen', '--url', url.toString(), ...(check ? ['--verify'] : [])], {
      stdio: 'inherit',
    })
  } finally {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.end()
  }
}

async function main(task: string | undefined) {
  switch (task) {
    case 'migrate': {
      const applied = await withDatabase((h) => migrateToLatest(h.db))
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
      return
    }
    case 'types':
      return generateTypes(process.argv.includes('--check'))
    case 'demo': {
      const { seedDemo } = await import('./demo/seed.js')
      const { buildApp } = await import('./app.js')
      const login = await withDatabase(async (h) => {
        await migrateToLatest(h.db)
        // Seeded through the app itself, so the real forum code renders and counts everything.
        const app = await buildApp({ config: loadConfig(), dbHandle: h, logger: { level: 'warn' } })
        try {
          return await seedDemo(app, { progress: process.stdout.isTTY ?? false })
        } finally {
          await app.close()
        }
      })
      console.log(`Demo community ready. Sign in as ${login.login} / ${login.password}`)
      return
    }
    default:
      console.log(usage)
      process.exitCode = task ? 2 : 0
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
