import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import t from 'tap'
import { migrateToLatest, migrator } from '../../server/db/migrate.js'
import { projectRoot } from '../../server/paths.js'
import { freshDatabase, testDb } from '../helpers/databases.js'

const root = projectRoot

t.test('server/db/schema.ts matches the migrated schema', async (t) => {
  if (testDb !== 'postgres') {
    // kysely-codegen connects over the network; the embedded database runs the same migrations.
    t.pass('kysely-codegen --verify runs on PostgreSQL only')
    return
  }
  const { handle, url, drop } = await freshDatabase()
  t.teardown(async () => {
    await handle.close()
    await drop()
  })
  // Reads .kysely-codegenrc.json at the root: the same settings `npm run db:types` writes with.
  const run = spawnSync(path.join(root, 'node_modules/.bin/kysely-codegen'), ['--url', url!, '--verify'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  })
  t.equal(
    run.status,
    0,
    `kysely-codegen --verify: regenerate with npm run db:types\n${run.stdout}\n${run.stderr}`.slice(0, 4000),
  )
})

t.test('migrations are numbered, export up, and refuse to go down', async (t) => {
  const files = fs.readdirSync(path.join(root, 'migrations')).filter((f) => !f.startsWith('.'))
  t.ok(files.length >= 2)
  const numbers: number[] = []
  for (const file of files) {
    t.match(file, /^\d{4}_[a-z0-9_]+\.ts$/, `${file} is named NNNN_name.ts`)
    numbers.push(Number(file.slice(0, 4)))
    // As the migrator loads it: the source under tsx, its compiled twin in the suite's build.
    const mod = await import(
      new URL(`../../migrations/${file.replace(/\.ts$/, '.js')}`, import.meta.url).href
    )
    t.type(mod.up, 'function', `${file} exports up`)
    if (mod.down !== undefined) {
      t.type(mod.down, 'function')
      await t.rejects(mod.down(), /forward-only/, `${file}: down throws`)
    }
  }
  t.same(
    numbers,
    numbers.map((_, i) => i + 1),
    'numbered 0001, 0002… without gaps or duplicates',
  )
})

t.test('migrating again is a no-op; going down is refused', async (t) => {
  const { handle, drop } = await freshDatabase()
  t.teardown(async () => {
    await handle.close()
    await drop()
  })
  const tables = () =>
    sql<{
      n: number
    }>`select count(*)::int as n from information_schema.columns where table_schema = 'public'`
      .execute(handle.db)
      .then((r) => r.rows[0]!.n)
  const before = await tables()
  t.same(await migrateToLatest(handle.db), [], 'nothing left to apply')
  t.equal(await tables(), before, 'the schema is unchanged')
  const applied = await migrator(handle.db).getMigrations()
  t.ok(
    applied.every((m) => m.executedAt),
    'every migration is recorded as applied',
  )
  const down = await migrator(handle.db).migrateDown()
  t.ok(down.error, 'migrateDown fails')
  t.same(await migrateToLatest(handle.db), [], 'and leaves everything applied')
  t.equal(await tables(), before)
})
