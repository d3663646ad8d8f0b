import closeWithGrace from 'close-with-grace'
import { ensureAdmin } from './accounts/admin.js'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { openDatabase } from './db/database.js'
import { migrateToLatest } from './db/migrate.js'
import { openBus } from './live/open-bus.js'
import { clientBundle } from './web/client-bundle.js'

// Reads configuration, prepares the database, builds the app, listens, and shuts down gracefully.
async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`)
      process.exit(2)
    }
    throw err
  }

  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`
  console.log(`Tribune: opening the database, ${where}…`)
  const dbHandle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    statementTimeoutMs: config.statementTimeoutMs,
    onPoolError: (err) => console.error(`database connection lost: ${err.message}`),
  })
  const applied = await migrateToLatest(dbHandle.db)
  if (applied.length > 0) console.log(`Tribune: applied migrations ${applied.join(', ')}`)

  const bus = await openBus(config, (err) => console.error(`live bus: ${err.message}`))
  const app = await buildApp({ config, dbHandle, bus })
  if (config.adminEmail && config.adminPassword) {
    await ensureAdmin(dbHandle.db, config.adminEmail, config.adminPassword, app.log)
  }
  let demo: { login: string; password: string } | null = null
  if (config.demoOnFirstStart) {
    const { seedDemoIfEmpty } = await import('./demo/seed.js')
    demo = await seedDemoIfEmpty(app, { progress: process.stdout.isTTY ?? false })
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down: finishing requests in flight')
    // Node closes idle keep-alive connections once, when closing starts; a connection whose request
    // was still in flight turns idle only after its answer, and would then hold the process open
    // until its keep-alive timeout. So keep reaping idle connections until the server has closed.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 100)
    try {
      await app.close()
    } finally {
      clearInterval(reaper)
    }
    await bus.close()
    await dbHandle.close()
  })

  // Bundle the web client before listening: a broken build stops the start, not the first page.
  const started = performance.now()
  const bundle = await clientBundle()
  console.log(
    `Tribune: web client bundled in ${Math.round(performance.now() - started)} ms (embed ${(bundle.embed.gzipped.length / 1024).toFixed(1)} KB gzipped)`,
  )
  await app.listen({ port: config.port, host: config.host })
  console.log(`\nTribune is running at ${config.publicUrl}`)
  console.log(`  API documentation: ${config.publicUrl}/api/docs`)
  if (demo) console.log(`  Demo login: ${demo.login} / ${demo.password}`)
  if (config.adminEmail) console.log(`  Admin: ${config.adminEmail}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
