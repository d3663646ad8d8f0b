import { type ChildProcess, spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import t, { type Test } from 'tap'
import { projectRoot } from '../../server/paths.js'
import type { TestApp } from '../helpers/app.js'
import { adminQuery, freshDatabase, testDb } from '../helpers/databases.js'
import { makeMember } from '../helpers/factories.js'
import { freePort } from '../helpers/ports.js'
import { connect } from './helpers.js'

// Two real server processes on one PostgreSQL: a post written through A reaches a reader on B,
// over LISTEN/NOTIFY, then over Redis; a bus connection cut meanwhile comes back and catches up.
t.setTimeout(240_000)
const redisUrl = process.env.TRIBUNE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

async function startServer(
  t: Test,
  env: Record<string, string>,
): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      TRIBUNE_DEMO: 'off',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  t.teardown(() => {
    child.kill('SIGKILL')
  })
  const until = Date.now() + 30_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`)
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return { base, child }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`server not ready: ${stderr}`)
}

async function setup(t: Test, env: Record<string, string>) {
  const { handle, url, drop } = await freshDatabase()
  t.teardown(async () => {
    await handle.close()
    await drop()
  })
  const fake = { db: handle.db } as TestApp
  const author = await makeMember(fake)
  const reader = await makeMember(fake)
  const category = await handle.db
    .insertInto('categories')
    .values({ slug: 'live', name: 'Live', description: '', position: 1 })
    .returning('id')
    .executeTakeFirstOrThrow()
  const a = await startServer(t, { DATABASE_URL: url!, ...env })
  const b = await startServer(t, { DATABASE_URL: url!, ...env })
  const post = (base: string, path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }))
  const topic = await post(a.base, '/api/topics', {
    categoryId: category.id,
    title: 'Across instances',
    body: 'Opening',
  })
  t.equal(topic.status, 201)
  return { handle, a, b, reader, topicId: topic.body.topic.id as number, post }
}

async function acrossInstances(t: Test, env: Record<string, string>, cut: () => Promise<void>) {
  const { a, b, reader, topicId, post } = await setup(t, env)
  const channel = `topic:${topicId}`
  const onB = await connect(t, `${b.base.replace('http', 'ws')}/api/live`, { token: reader.token })
  t.equal((await onB.subscribe(channel)).op, 'subscribed')

  const first = await post(a.base, `/api/topics/${topicId}/posts`, { body: 'Written through A' })
  const seen = await onB.next((f) => f.type === 'post.created', 10_000, true)
  t.equal(seen.data.post.id, first.body.post.id, 'a post written through A reaches a reader on B')

  // The bus connection is cut under B: it comes back by itself and catches up what it missed.
  await cut()
  const during = await post(a.base, `/api/topics/${topicId}/posts`, { body: 'While the bus was away' })
  const caught = await onB.next(
    (f) => f.type === 'post.created' && f.data.post.id === during.body.post.id,
    15_000,
  )
  t.ok(caught, 'a post published while the bus was cut still arrives')
  const after = await post(a.base, `/api/topics/${topicId}/posts`, { body: 'After' })
  await onB.next((f) => f.type === 'post.created' && f.data.post.id === after.body.post.id, 10_000, true)
  const ids = onB.events(channel, 'post.created').map((f) => f.data.post.id)
  t.same(ids, [first.body.post.id, during.body.post.id, after.body.post.id], 'each once, in order')
}

t.test(
  'across instances through PostgreSQL LISTEN/NOTIFY',
  { skip: testDb === 'pglite' && 'two processes need a PostgreSQL server', timeout: 120_000 },
  async (t) => {
    await acrossInstances(t, {}, async () => {
      await adminQuery(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'tribune-bus' and query ilike 'listen%'`,
      )
    })
  },
)

t.test(
  'across instances through Redis',
  { skip: testDb === 'pglite' && 'two processes need a PostgreSQL server', timeout: 120_000 },
  async (t) => {
    await acrossInstances(t, { REDIS_URL: redisUrl }, async () => {
      const admin = new Redis(redisUrl)
      try {
        await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub')
      } finally {
        admin.disconnect()
      }
    })
  },
)
