import type { AddressInfo } from 'node:net'
import t from 'tap'
import { build } from '../helpers/app.js'
import { testDb } from '../helpers/databases.js'
import { makeMember } from '../helpers/factories.js'
import { databaseName, terminateBackends } from './cut.js'

const writes = 30

type Answer = { status: number; body: any } | { failed: string }

/** A client that retries a write with the same Idempotency-Key on 503 and on connection errors. */
async function retried(send: () => Promise<Answer>, log: string[]): Promise<{ status: number; body: any }> {
  for (let attempt = 1; attempt <= 40; attempt++) {
    const answer = await send()
    if ('status' in answer && answer.status !== 503) return answer
    log.push('failed' in answer ? answer.failed : `503 ${answer.body?.error?.code}`)
    await new Promise((resolve) => setTimeout(resolve, 25 * Math.min(attempt, 8)))
  }
  throw new Error('gave up after 40 attempts')
}

t.test('acknowledged writes survive connections cut under them, once each', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  const admin = await makeMember(a, { role: 'admin' })
  await a.app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(a.app.server.address() as AddressInfo).port}`
  const call = async (method: string, path: string, body: object, headers: Record<string, string>) => {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
      return { status: res.status, body: await res.json() }
    } catch (err) {
      return { failed: (err as Error).message }
    }
  }
  const category = await call('POST', '/api/categories', { name: 'General', slug: 'general' }, admin.auth)
  t.equal((category as { status: number }).status, 201)
  const topic = (await call(
    'POST',
    '/api/topics',
    { categoryId: (category as { body: any }).body.category.id, title: 'Under fire', body: 'First post.' },
    m.auth,
  )) as { status: number; body: any }
  t.equal(topic.status, 201)
  const topicId: number = topic.body.topic.id

  // Cut the app's connections several times while the writes stream in.
  let done = false
  let cuts = 0
  const killer = (async () => {
    if (testDb !== 'postgres') return
    const name = databaseName(a.url!)
    while (!done && cuts < 8) {
      await new Promise((resolve) => setTimeout(resolve, 120))
      cuts += (await terminateBackends(name)) > 0 ? 1 : 0
    }
  })()

  const retries: string[] = []
  const acknowledged = new Map<number, number>()
  for (let i = 0; i < writes; i++) {
    const headers = { ...m.auth, 'idempotency-key': `stream-${i}` }
    const post = await retried(
      () => call('POST', `/api/topics/${topicId}/posts`, { body: `p${i}` }, headers),
      retries,
    )
    t.equal(post.status, 201, `post ${i}`)
    acknowledged.set(i, post.body.post.id)
    const profile = await retried(() => call('PATCH', '/api/me', { displayName: `v${i}` }, m.auth), retries)
    t.equal(profile.status, 200, `profile ${i}`)
    t.equal(profile.body.user.displayName, `v${i}`)
  }
  // A client that never saw the answer sends again: the same post comes back, not a second one.
  const again = await retried(
    () =>
      call(
        'POST',
        `/api/topics/${topicId}/posts`,
        { body: 'p0' },
        { ...m.auth, 'idempotency-key': 'stream-0' },
      ),
    retries,
  )
  t.equal(again.status, 201)
  t.equal(again.body.post.id, acknowledged.get(0), 'a replay answers with the first write')
  done = true
  await killer
  if (testDb === 'postgres') t.ok(cuts >= 3, `connections were cut ${cuts} times (${retries.length} retries)`)

  const rows = await a.db
    .selectFrom('posts')
    .select(['id', 'body'])
    .where('topicId', '=', topicId)
    .where('postNumber', '>', 1)
    .orderBy('id')
    .execute()
  t.same(
    rows.map((r) => r.body),
    Array.from({ length: writes }, (_, i) => `p${i}`),
    'every acknowledged post is stored once, in order',
  )
  t.same(
    rows.map((r) => r.id),
    [...acknowledged.values()],
    'with the ids the client was given',
  )
  const stored = await a.db
    .selectFrom('topics')
    .select('postCount')
    .where('id', '=', topicId)
    .executeTakeFirstOrThrow()
  t.equal(stored.postCount, writes + 1, 'the topic counts each post once')
  const user = await a.db
    .selectFrom('users')
    .select('displayName')
    .where('id', '=', m.id)
    .executeTakeFirstOrThrow()
  t.equal(user.displayName, `v${writes - 1}`, 'the last acknowledged profile write is the one stored')
  const ready = await fetch(`${base}/readyz`)
  t.equal(ready.status, 200, 'the app still serves')
})
