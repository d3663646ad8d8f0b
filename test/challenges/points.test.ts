import t from 'tap'
import { creditPoints } from '../../server/challenges/points.js'
import { assertRefused } from '../api/refused.js'
import { makeCategory } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { type Member, makeGroup, makeMember } from '../helpers/factories.js'
import { day, type Json, makeChallenge } from './helpers.js'

// The points ledger and its running totals, the week / month / all-time leaderboards with the
// reader's own rank, milestone and challenge badges, and badges on profiles.

// Wednesday 4 March 2026, noon in Paris: the week began on Monday the 2nd, the month on the 1st.
const now = new Date('2026-03-04T11:00:00Z')
const a = await build(t, { clock: () => now })
const mod = await makeMember(a, { role: 'moderator' })

async function credit(m: Member, amount: number, at: string, source = `test:${Math.random()}`) {
  await a.db
    .transaction()
    .execute((trx) => creditPoints(trx, { userId: m.id, amount, reason: 'test', source, at: new Date(at) }))
}
const board = async (q: string, who: Member | null = null) => {
  const res = await a.inject({ method: 'GET', url: `/api/leaderboard${q}`, headers: who?.auth ?? {} })
  t.equal(res.statusCode, 200, `GET /api/leaderboard${q}`)
  return json(res)
}
const standings = (page: Json) => page.items.map((i: Json) => [i.user.handle, i.rank, i.points])

t.test('leaderboards: the week, the month, all time; ties share a rank; keyset pages', async (t) => {
  const [A, B, C, D, E] = await Promise.all(
    ['lb_a', 'lb_b', 'lb_c', 'lb_d', 'lb_e'].map((handle) => makeMember(a, { handle })),
  )
  await credit(A!, 100, '2026-03-04T10:00:00Z')
  await credit(B!, 60, '2026-03-02T00:30:00Z') // Monday 01:30 in Paris: this week
  await credit(B!, 40, '2026-02-20T10:00:00Z')
  await credit(C!, 60, '2026-03-03T10:00:00Z')
  await credit(D!, 30, '2026-03-01T12:00:00Z') // Sunday: last week, this month
  await credit(E!, 200, '2026-01-10T10:00:00Z')
  const once = 'challenge:1:once'
  await credit(C!, 5, '2026-03-03T10:00:00Z', once)
  await credit(C!, 5, '2026-03-03T10:00:00Z', once)

  const week = await board('?period=week')
  t.same(standings(week), [
    ['lb_a', 1, 100],
    ['lb_c', 2, 65],
    ['lb_b', 3, 60],
  ])
  t.equal(week.startsAt, '2026-03-01T23:00:00.000Z', 'Monday 00:00 in Paris')
  t.equal(week.endsAt, '2026-03-08T23:00:00.000Z')
  t.same(standings(await board('')), standings(week), 'the week by default')
  t.same(standings(await board('?period=month')), [
    ['lb_a', 1, 100],
    ['lb_c', 2, 65],
    ['lb_b', 3, 60],
    ['lb_d', 4, 30],
  ])
  t.same(standings(await board('?period=all')), [
    ['lb_e', 1, 200],
    ['lb_a', 2, 100],
    ['lb_b', 2, 100],
    ['lb_c', 4, 65],
    ['lb_d', 5, 30],
  ])
  // Pages of two: ties keep their rank across a page boundary; nothing is seen twice.
  const seen: unknown[] = []
  let cursor: string | null = null
  do {
    const page: Json = await board(`?period=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    seen.push(...standings(page))
    cursor = page.nextCursor
  } while (cursor)
  t.same(seen, standings(await board('?period=all')))
  const page2 = await board(`?period=all&limit=2&cursor=${(await board('?period=all&limit=1')).nextCursor}`)
  t.same(
    standings(page2),
    [
      ['lb_a', 2, 100],
      ['lb_b', 2, 100],
    ],
    'a page starting inside a tie',
  )
  // The reader's own standing.
  t.same((await board('?period=all', C!)).me, { rank: 4, points: 65 })
  t.same((await board('?period=week', B!)).me, { rank: 3, points: 60 })
  t.equal((await board('?period=week', D!)).me, null, 'no points this week')
  t.equal((await board('?period=week')).me, null, 'visitors')
  // The totals agree with the ledger, and the ledger took the repeated source once.
  const sums = await a.db
    .selectFrom('points')
    .select(['userId', (eb) => eb.fn.sum<number>('amount').as('sum')])
    .groupBy('userId')
    .execute()
  for (const s of sums) {
    const total = await a.db
      .selectFrom('pointsTotals')
      .select('total')
      .where('scope', '=', 'all')
      .where('userId', '=', s.userId)
      .executeTakeFirstOrThrow()
    t.equal(total.total, Number(s.sum))
  }
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/leaderboard?period=year' }), 400)
  assertRefused(
    t,
    await a.inject({ method: 'GET', url: '/api/leaderboard?cursor=abc' }),
    400,
    'invalid_cursor',
  )
  assertRefused(t, await a.inject({ method: 'GET', url: '/api/leaderboard?limit=1000' }), 400)
})

t.test('milestone badges at 100, 500 and 1000 points, each once, announced', async (t) => {
  const m = await makeMember(a, { handle: 'climber' })
  const startsAt = new Date(now.getTime() - 30 * day).toISOString()
  const approve = async (points: number) => {
    const c = await makeChallenge(a, mod, { title: `Worth ${points}`, points, startsAt })
    const res = await a.inject({
      method: 'POST',
      url: `/api/challenges/${c.id}/submissions`,
      headers: m.auth,
      payload: { text: 'Done' },
    })
    const s = json(res).submission
    const reviewed = await a.inject({
      method: 'POST',
      url: `/api/challenge-submissions/${s.id}/review`,
      headers: mod.auth,
      payload: { decision: 'approve' },
    })
    t.equal(reviewed.statusCode, 200)
  }
  const slugs = async () =>
    (
      await a.db
        .selectFrom('userBadges as ub')
        .innerJoin('badges as b', 'b.id', 'ub.badgeId')
        .select('b.slug')
        .where('ub.userId', '=', m.id)
        .orderBy('ub.id')
        .execute()
    ).map((r) => r.slug)
  await approve(60)
  t.same(await slugs(), ['first-challenge'])
  await approve(60)
  t.same(await slugs(), ['first-challenge', 'points-100'], '120 points')
  await approve(900)
  t.same(await slugs(), ['first-challenge', 'points-100', 'points-500', 'points-1000'], 'two at once at 1020')
  await approve(10)
  t.equal((await slugs()).length, 4, 'nothing twice')
  const res = await a.inject({ method: 'GET', url: '/api/notifications?limit=50', headers: m.auth })
  const awarded = json(res).items.filter((n: Json) => n.kind === 'badge.awarded')
  t.equal(awarded.length, 4)
  t.match(awarded.at(-1).data, { slug: 'first-challenge', nameFr: 'Premier défi', nameEn: 'First challenge' })
})

t.test('badges: the community’s, and a member’s with when and why', async (t) => {
  const vip = await makeGroup(a)
  const insider = await makeMember(a, { groups: [vip] })
  const outsider = await makeMember(a)
  const lounge = await makeCategory(a, { groups: [{ groupId: vip, canPost: true }] })
  const secret = await makeChallenge(a, mod, {
    title: 'Secret lounge quest',
    startsAt: new Date(now.getTime() - day).toISOString(),
    rule: { action: 'topic', count: 1, categoryId: lounge.id },
    badge: { slug: 'lounge-regular', nameEn: 'Lounge regular', nameFr: 'Habitué du salon' },
  })
  await a.db.transaction().execute(async (trx) => {
    const { recordCompletion } = await import('../../server/challenges/complete.js')
    const { findChallenge } = await import('../../server/challenges/queries.js')
    const row = (await findChallenge(trx, secret.id))!
    await recordCompletion(
      trx,
      row,
      insider.id,
      { key: 'once', startsAt: row.startsAt, endsAt: null },
      { via: 'activity', at: now },
    )
  })

  const all = json(await a.inject({ method: 'GET', url: '/api/badges' })).items
  t.match(
    all.find((b: Json) => b.slug === 'points-1000'),
    { nameEn: '1000 points', nameFr: '1000 points', icon: 'trophy' },
  )
  t.ok(all.some((b: Json) => b.slug === 'lounge-regular'))

  const of = async (handle: string, who: Member | null, q = '') =>
    a.inject({ method: 'GET', url: `/api/users/by-handle/${handle}/badges${q}`, headers: who?.auth ?? {} })
  const mine = json(await of(insider.handle, insider)).items
  t.same(
    mine.map((b: Json) => b.badge.slug),
    ['lounge-regular', 'first-challenge'],
    'newest first',
  )
  t.match(mine[0], {
    badge: { nameEn: 'Lounge regular', nameFr: 'Habitué du salon', icon: 'star' },
    source: `challenge:${secret.id}`,
    why: { kind: 'challenge', id: secret.id, title: 'Secret lounge quest' },
  })
  t.match(mine[1], { why: { kind: 'milestone', id: null, title: null } })
  t.type(mine[0].awardedAt, 'string')
  const seenByOutsider = json(await of(insider.handle, outsider)).items
  t.equal(seenByOutsider[0].why.title, null, 'a challenge the reader may not see keeps its title')
  t.notMatch(JSON.stringify(seenByOutsider), /Secret lounge/)
  const paged = json(await of('climber', null, '?limit=3'))
  t.equal(paged.items.length, 3)
  t.equal(json(await of('climber', null, `?limit=3&cursor=${paged.nextCursor}`)).items.length, 1)
  assertRefused(t, await of('nobody_here', null), 404)
  assertRefused(t, await of('x', null), 400)
  assertRefused(t, await of('climber', null, '?cursor=zzz'), 400, 'invalid_cursor')
})
