import { sql } from 'kysely'
import t from 'tap'
import { ensureAdmin } from '../../server/accounts/admin.js'
import { seedDemo, seedDemoIfEmpty, threads } from '../../server/demo/seed.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

t.test('an empty database gets the whole demo community, consistent and dated', async (t) => {
  const a = await build(t)
  // An admin from TRIBUNE_ADMIN_* and a member who already took a demo member's handle.
  await ensureAdmin(a.db, 'owner@example.test', 'a long admin password', a.app.log)
  await makeMember(a, { handle: 'camille' })
  const lines: string[] = []
  const demo = await seedDemoIfEmpty(a.app, { progress: false, log: (l) => lines.push(l) })
  t.ok(demo, 'seeded')
  t.equal(demo!.login, 'camille-2', 'a taken handle gets a suffix instead of clashing')
  t.ok(lines.length >= 3 && lines.every((l) => l.startsWith('Demo community: ')), 'plain progress lines')

  const users = await a.db.selectFrom('users').select(['handle', 'email', 'role', 'isDemo']).execute()
  const demoUsers = users.filter((u) => u.isDemo)
  t.ok(demoUsers.length >= 12, `${demoUsers.length} demo members`)
  t.ok(demoUsers.every((u) => u.email.endsWith('@demo.velo-azur.invalid')))
  t.notOk(
    demoUsers.some((u) => u.handle.toLowerCase() === 'admin'),
    'the demo never takes the handle admin',
  )
  t.ok(
    demoUsers.some((u) => u.role === 'moderator'),
    'a community manager',
  )
  t.match(
    users.find((u) => u.email === 'owner@example.test'),
    { handle: 'admin', role: 'admin', isDemo: false },
  )

  const categories = await a.db
    .selectFrom('categories')
    .select(['id', 'slug', 'posting', 'topicCount'])
    .execute()
  t.same(categories.map((c) => c.slug).sort(), [
    'annonces',
    'discussions',
    'entraide',
    'evenements',
    'idees',
    'le-club',
  ])
  t.equal(categories.find((c) => c.slug === 'annonces')!.posting, 'moderators')
  const club = categories.find((c) => c.slug === 'le-club')!
  const grants = await a.db
    .selectFrom('categoryGroups as cg')
    .innerJoin('groups as g', 'g.id', 'cg.groupId')
    .select(['g.slug', 'cg.categoryId'])
    .execute()
  t.same(
    grants,
    [{ slug: 'club-velo-azur', categoryId: club.id }],
    'only Le Club is restricted, to the VIP group',
  )

  const count = async (table: 'topics' | 'posts' | 'reactions') =>
    Number(
      (
        await a.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  t.equal(await count('topics'), threads.length)
  const replies = threads.reduce((n, th) => n + th.replies.length, 0)
  t.equal(await count('posts'), threads.length + replies)
  t.ok(replies >= 70, `${replies} replies`)
  t.ok((await count('reactions')) >= 50, 'reactions')

  // Counters the forum keeps agree with the rows, after the dates were moved back.
  const topicCounts = await sql<{ bad: number }>`select count(*)::int as bad from topics t
    where t.post_count <> (select count(*) from posts p where p.topic_id = t.id)`.execute(a.db)
  t.equal(topicCounts.rows[0]!.bad, 0, 'topics.post_count')
  for (const c of categories) {
    const n = await a.db
      .selectFrom('topics')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('categoryId', '=', c.id)
      .executeTakeFirstOrThrow()
    t.equal(c.topicCount, Number(n.n), `${c.slug} topic count`)
  }
  const reactionCounts = await sql<{ bad: number }>`select count(*)::int as bad from posts p
    where coalesce((select sum(value::int) from jsonb_each_text(p.reactions)), 0)
       <> (select count(*) from reactions r where r.post_id = p.id)`.execute(a.db)
  t.equal(reactionCounts.rows[0]!.bad, 0, 'posts.reactions agree with the reaction rows')

  // Dates: weeks of history, in order within each topic, ids in the order of dates, none in the future.
  const order = await sql<{ bad: number }>`select count(*)::int as bad from posts a join posts b
    on a.topic_id = b.topic_id and a.post_number < b.post_number where a.created_at >= b.created_at`.execute(
    a.db,
  )
  t.equal(order.rows[0]!.bad, 0, 'posts of a topic are dated in order')
  const ids = await sql<{ bad: number }>`select count(*)::int as bad from posts a join posts b
    on a.id < b.id where a.created_at > b.created_at`.execute(a.db)
  t.equal(ids.rows[0]!.bad, 0, 'ids and dates agree across topics')
  const topics = await sql<{ bad: number; span: number }>`select
      count(*) filter (where t.created_at <> (select min(created_at) from posts p where p.topic_id = t.id)
        or t.last_post_at <> (select max(created_at) from posts p where p.topic_id = t.id)
        or t.last_post_at > now())::int as bad,
      extract(epoch from max(t.last_post_at) - min(t.created_at))::int / 86400 as span
    from topics t`.execute(a.db)
  t.equal(topics.rows[0]!.bad, 0, 'topics dated by their first and last posts, all in the past')
  t.ok(topics.rows[0]!.span >= 20, `${topics.rows[0]!.span} days of history`)

  // The printed login works, and shows the Club; a visitor does not see it.
  const login = await a.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: demo!.login, password: demo!.password },
  })
  t.equal(login.statusCode, 200, login.body)
  const auth = { authorization: `Bearer ${json(login).token}` }
  const slugs = async (headers = {}) =>
    json<{ items: { slug: string }[] }>(await a.inject({ url: '/api/categories', headers })).items.map(
      (c) => c.slug,
    )
  const mine = await slugs(auth)
  t.ok(mine.includes('le-club'), 'the demo login is in the Club')
  const visitor = await slugs()
  t.notOk(visitor.includes('le-club'), 'visitors do not see the Club')
  const brand = await a.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'velo-azur', password: demo!.password },
  })
  t.equal(brand.statusCode, 401, 'the brand’s admin account cannot be signed into')
  const seedSessions = await a.db
    .selectFrom('sessions')
    .select('id')
    .where('userAgent', '=', 'tribune demo seed')
    .where('revokedAt', 'is', null)
    .execute()
  t.equal(seedSessions.length, 0, 'the seeding sessions are revoked')

  // Seeding again does nothing; asking for the demo explicitly is refused.
  const before = await count('posts')
  t.equal(await seedDemoIfEmpty(a.app, { progress: false, log: () => {} }), null)
  await t.rejects(seedDemo(a.app, { progress: false, log: () => {} }), /already/)
  t.equal(await count('posts'), before)
})

t.test('the demo pages render: home, the Club for its members only', async (t) => {
  // As on a first start: rate limits on, which the seeding's API calls must not trip.
  const a = await build(t, { env: { RATE_LIMITS: 'on' } })
  const demo = (await seedDemoIfEmpty(a.app, { progress: false, log: () => {} }))!
  const home = await a.inject({ url: '/' })
  t.equal(home.statusCode, 200)
  t.match(home.body, /Vélo Azur — la communauté/)
  t.match(home.body, /Idées &amp; suggestions/)
  t.notMatch(home.body, /Le Club/)
  const login = json(
    await a.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: demo.login, password: demo.password },
    }),
  )
  const club = await a.inject({ url: '/c/le-club', headers: { authorization: `Bearer ${login.token}` } })
  t.equal(club.statusCode, 200)
  t.match(club.body, /Azur Gravel/)
})
