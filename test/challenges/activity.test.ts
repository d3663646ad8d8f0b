import { sql } from 'kysely'
import t from 'tap'
import { scanActivity } from '../../server/challenges/activity.js'
import { assertRefused } from '../api/refused.js'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { day, type Json, ledgerSum, makeChallenge, notificationsOf } from './helpers.js'

// Activity completes challenges off the forum's write path: the `challenges.evaluate` job reads
// what happened since its watermark and completes the occurrence each act falls in, and a member
// opening the challenges is evaluated on the spot. Only published posts count; points once.

// Posts carry the database's clock; the app's clock follows the real one, moved by `offset`.
let offset = 0
const a = await build(t, { clock: () => new Date(Date.now() + offset) })
const mod = await makeMember(a, { role: 'moderator' })
const author = await makeMember(a)
const general = await makeCategory(a)
const other = await makeCategory(a)
const topics = [] as number[]
for (let i = 0; i < 6; i++) topics.push((await makeTopic(a, author, general.id, `Topic ${i}`)).topic.id)

const evaluationJob = () =>
  a.db.selectFrom('jobs').selectAll().where('key', '=', 'challenges:evaluate').executeTakeFirstOrThrow()
const completions = (challengeId: number, userId: number) =>
  a.db
    .selectFrom('challengeCompletions')
    .selectAll()
    .where('challengeId', '=', challengeId)
    .where('userId', '=', userId)
    .orderBy('id')
    .execute()

t.test('three replies to three topics complete a weekly challenge, once, through the job', async (t) => {
  const m = await makeMember(a)
  const c = await makeChallenge(a, mod, { recurrence: 'weekly', rule: { action: 'reply', count: 3 } })
  await replyTo(a, m, topics[0]!)
  await replyTo(a, m, topics[0]!)
  await replyTo(a, m, topics[1]!)
  await a.app.jobs.runDue()
  t.equal((await completions(c.id, m.id)).length, 0, 'two distinct topics are not three')
  await replyTo(a, m, topics[2]!)
  offset += 31_000
  t.ok((await a.app.jobs.runDue()) >= 1, 'the job ran')
  const done = await completions(c.id, m.id)
  t.equal(done.length, 1)
  t.match(done[0], { occurrence: c.occurrence.key, points: 30, via: 'activity' })
  t.equal(await ledgerSum(a, m.id), 30)
  const job = await evaluationJob()
  t.equal(job.doneAt, null, 'the job rescheduled itself')
  t.ok(job.runAt.getTime() > Date.now() + offset + 20_000, 'about 30 seconds later')
  // Running again (a retried job, the next pass) changes nothing.
  offset += 31_000
  await a.app.jobs.runDue()
  await replyTo(a, m, topics[3]!)
  offset += 31_000
  await a.app.jobs.runDue()
  t.equal((await completions(c.id, m.id)).length, 1)
  t.equal(await ledgerSum(a, m.id), 30, 'points once')
  const told = await notificationsOf(a, m, 'challenge.completed')
  t.equal(told.length, 1)
  t.match(told[0]!.data, { challengeId: c.id, points: 30, total: 30 })
  const progress = json(
    await a.inject({ method: 'GET', url: `/api/challenges/${c.id}/progress`, headers: m.auth }),
  )
  t.match(progress.progress, { count: 3, target: 3, completed: true, occurrence: { key: c.occurrence.key } })
})

t.test('only published posts count: not hidden, held, deleted, nor in one’s own topic', async (t) => {
  const m = await makeMember(a)
  const c = await makeChallenge(a, mod, { rule: { action: 'reply', count: 2 } })
  const own = (await makeTopic(a, m, general.id, 'My own topic')).topic.id
  await replyTo(a, m, own)
  const hidden = await replyTo(a, m, topics[0]!)
  await a.db.updateTable('posts').set({ hiddenAt: new Date() }).where('id', '=', hidden.id).execute()
  const held = await replyTo(a, m, topics[1]!)
  await a.db
    .updateTable('posts')
    .set({ hiddenAt: new Date(), heldAt: new Date(), heldReason: 'new_member' })
    .where('id', '=', held.id)
    .execute()
  const deleted = await replyTo(a, m, topics[2]!)
  t.equal(
    (await a.inject({ method: 'DELETE', url: `/api/posts/${deleted.id}`, headers: m.auth })).statusCode,
    204,
  )
  await replyTo(a, m, topics[3]!)
  offset += 31_000
  await a.app.jobs.runDue()
  t.equal((await completions(c.id, m.id)).length, 0, 'one published reply so far')
  const mine = json(await a.inject({ method: 'GET', url: `/api/challenges/${c.id}`, headers: m.auth }))
  t.match(mine.challenge.progress, { count: 1, target: 2, completed: false })
  // The held reply is approved: it counts from then on (here, when the member looks).
  await a.db.updateTable('posts').set({ hiddenAt: null, heldAt: null }).where('id', '=', held.id).execute()
  const list = json(await a.inject({ method: 'GET', url: '/api/challenges', headers: m.auth }))
  t.match(list.items.find((x: Json) => x.id === c.id).progress, { count: 2, completed: true })
  t.equal((await completions(c.id, m.id)).length, 1, 'completed by opening the list')
})

t.test('topics in a category, and reactions received from others', async (t) => {
  const m = await makeMember(a)
  const fans = [await makeMember(a), await makeMember(a), await makeMember(a)]
  const topicsIn = await makeChallenge(a, mod, { rule: { action: 'topic', count: 1, categoryId: other.id } })
  const loved = await makeChallenge(a, mod, { points: 20, rule: { action: 'reaction_received', count: 3 } })
  await makeTopic(a, m, general.id, 'Wrong category')
  const { post } = await makeTopic(a, m, other.id, 'Right category')
  const react = async (who: typeof m, kind: string) =>
    (await a.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/${kind}`, headers: who.auth }))
      .statusCode
  t.equal(await react(fans[0]!, 'like'), 200)
  t.equal(await react(fans[0]!, 'love'), 200)
  t.equal(await react(m, 'like'), 200, 'the author’s own reaction')
  offset += 31_000
  await a.app.jobs.runDue()
  t.equal((await completions(topicsIn.id, m.id)).length, 1, 'a topic in the category')
  t.equal((await completions(loved.id, m.id)).length, 0, 'two reactions from others so far')
  t.equal(await react(fans[1]!, 'like'), 200)
  offset += 31_000
  await a.app.jobs.runDue()
  t.equal((await completions(loved.id, m.id)).length, 1)
  t.equal(await ledgerSum(a, m.id), 50)
})

t.test(
  'a weekly challenge completes again the next week; acts count in the week they happened',
  async (t) => {
    const m = await makeMember(a)
    const c = await makeChallenge(a, mod, { recurrence: 'weekly', rule: { action: 'reply', count: 1 } })
    const earlier = await replyTo(a, m, topics[4]!)
    // Written last week (as if the job had been down since): it completes last week's occurrence.
    await a.db
      .updateTable('posts')
      .set({ createdAt: sql`created_at - interval '7 days'` })
      .where('id', '=', earlier.id)
      .execute()
    offset += 31_000
    await a.app.jobs.runDue()
    const lastWeek = await completions(c.id, m.id)
    t.equal(lastWeek.length, 1)
    t.not(lastWeek[0]!.occurrence, c.occurrence.key, 'last week')
    const now = json(
      await a.inject({ method: 'GET', url: `/api/challenges/${c.id}/progress`, headers: m.auth }),
    )
    t.match(
      now.progress,
      { count: 0, completed: false, occurrence: { key: c.occurrence.key } },
      'this week starts afresh',
    )
    await replyTo(a, m, topics[5]!)
    offset += 31_000
    await a.app.jobs.runDue()
    t.same(
      (await completions(c.id, m.id)).map((r) => r.occurrence),
      [lastWeek[0]!.occurrence, c.occurrence.key],
    )
    t.equal(await ledgerSum(a, m.id, c.id), 60)
  },
)

t.test('the viewer’s evaluation and the job at once complete a challenge once', async (t) => {
  const m = await makeMember(a)
  const c = await makeChallenge(a, mod, { rule: { action: 'topic', count: 1 } })
  await makeTopic(a, m, general.id, 'Race')
  offset += 31_000
  const [, ...views] = await Promise.all([
    a.app.jobs.runDue(),
    ...[1, 2, 3].map(() =>
      a.inject({ method: 'GET', url: `/api/challenges/${c.id}/progress`, headers: m.auth }),
    ),
  ])
  for (const v of views) t.equal(json(v).progress.completed, true)
  t.equal((await completions(c.id, m.id)).length, 1)
  t.equal(await ledgerSum(a, m.id), 30)
  t.equal((await notificationsOf(a, m, 'challenge.completed')).length, 1, 'told once')
})

t.test('progress is for signed-in members; nothing before the start', async (t) => {
  const c = await makeChallenge(a, mod, {
    startsAt: new Date(Date.now() + 5 * day).toISOString(),
    rule: { action: 'topic', count: 1 },
  })
  assertRefused(t, await a.inject({ method: 'GET', url: `/api/challenges/${c.id}/progress` }), 401)
  const res = await a.inject({ method: 'GET', url: `/api/challenges/${c.id}/progress`, headers: author.auth })
  t.equal(json(res).progress, null, 'upcoming: no occurrence open')
})

t.test('the watermark: batches catch up, posts in the overlap are read again', async (t) => {
  const m = await makeMember(a)
  const ids = [] as number[]
  for (const topic of topics.slice(0, 4)) ids.push((await replyTo(a, m, topic)).id)
  const since = { postId: ids[0]! - 1, reactionsAt: new Date() }
  const first = await scanActivity(a.db, since, 2, 120_000)
  t.equal(first.more, true, 'a full batch: more is waiting')
  t.same(
    first.activity.map((x) => x.userId),
    [m.id, m.id],
  )
  t.equal(first.next.postId, ids[1], 'a full batch moves on, however recent')
  const rest = await scanActivity(a.db, first.next, 100, 120_000)
  t.equal(rest.more, false)
  t.equal(rest.activity.length, 2, 'the other two')
  t.equal(rest.next.postId, ids[1], 'recent posts stay in the overlap: read again next time')
  const later = await scanActivity(a.db, first.next, 100, -60_000)
  t.equal(later.next.postId, ids[3], 'once old enough they are passed')
})

t.test('with no open challenge the job skips to the present and stops; creating one wakes it', async (t) => {
  await a.db.updateTable('challenges').set({ archivedAt: new Date() }).execute()
  offset += 31_000
  await a.app.jobs.runDue()
  const stopped = await evaluationJob()
  t.not(stopped.doneAt, null, 'done, not rescheduled')
  const mark = await a.db.selectFrom('challengeWatermark').selectAll().executeTakeFirstOrThrow()
  const newest = await a.db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow()
  t.equal(mark.postId, Number(newest.id), 'skipped to the newest post')
  await makeChallenge(a, mod, { rule: { action: 'topic', count: 1 } })
  const woken = await evaluationJob()
  t.equal(woken.doneAt, null, 'pending again')
  t.ok(woken.runAt.getTime() <= Date.now() + offset, 'due now')
})
