// Prepares (or removes) the migrated template each test file copies; called by scripts/test.mjs.
import fs from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { openDatabase } from '../../server/db/database.js'
import { migrateToLatest } from '../../server/db/migrate.js'
import { adminQuery, pgliteTemplate, templateName, urlFor } from './databases.js'

const task = process.argv[2]

if (task === 'postgres') {
  try {
    await adminQuery(`drop database if exists ${templateName} with (force)`)
    await adminQuery(`create database ${templateName}`)
  } catch (err) {
    console.error(`Cannot reach PostgreSQL for the tests (${(err as Error).message}).`)
    console.error('Start it, or set TRIBUNE_TEST_ADMIN_URL to a server where the tests may create databases.')
    process.exit(1)
  }
  const h = await openDatabase({ databaseUrl: urlFor(templateName) })
  await migrateToLatest(h.db)
  await h.close()
} else if (task === 'pglite') {
  const client = await PGlite.create({ extensions: { unaccent, pg_trgm } })
  const h = await openDatabase({ pglite: client })
  await migrateToLatest(h.db)
  // Checkpointed and uncompressed: every test's copy then starts with no WAL to replay and no
  // archive to inflate (0.3 s less per copy, and the PGlite pass makes a couple of hundred).
  await client.exec('checkpoint')
  const dump = await client.dumpDataDir('none')
  fs.writeFileSync(pgliteTemplate!, Buffer.from(await dump.arrayBuffer()))
  await h.close()
} else if (task === 'cleanup') {
  await adminQuery(`drop database if exists ${templateName} with (force)`).catch(() => {})
}
