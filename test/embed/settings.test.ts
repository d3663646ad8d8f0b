import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { makeCategory } from '../forum/helpers.js'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

const brand = 'https://www.brand.example'

t.test('the admin embed routes refuse visitors and members', async (t) => {
  const a = await build(t)
  const member = await makeMember(a)
  const moderator = await makeMember(a, { role: 'moderator' })
  const routes = [
    { method: 'GET', url: '/api/admin/embed' },
    { method: 'PUT', url: '/api/admin/embed', payload: { origins: [brand], commentsCategoryId: null } },
    { method: 'POST', url: '/api/admin/sso-secret' },
  ] as const
  for (const r of routes) {
    assertRefused(t, await a.inject({ ...r }), 401, 'unauthenticated', `anonymous ${r.method} ${r.url}`)
    for (const who of [member, moderator])
      assertRefused(
        t,
        await a.inject({ ...r, headers: who.auth }),
        403,
        'forbidden',
        `${who.role} ${r.method} ${r.url}`,
      )
  }
  t.equal(
    await a.db
      .selectFrom('settings')
      .select('key')
      .where('key', 'in', ['embed', 'sso_secret'])
      .execute()
      .then((r) => r.length),
    0,
    'nothing written',
  )
})

t.test('PUT /api/admin/embed refuses what is not an origin, and unknown categories', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const put = (payload: object) =>
    a.inject({ method: 'PUT', url: '/api/admin/embed', headers: admin.auth, payload })
  const notOrigins = [
    'brand.example',
    'ftp://brand.example',
    'javascript:alert(1)',
    'https://brand.example/blog',
    'https://brand.example?x=1',
    'https://brand.example#top',
    'https://user:pw@brand.example',
    'https://',
    'null',
    '*',
  ]
  for (const origin of notOrigins)
    assertRefused(
      t,
      await put({ origins: [origin], commentsCategoryId: null }),
      400,
      'invalid_origin',
      origin,
    )
  assertRefused(
    t,
    await put({
      origins: Array.from({ length: 101 }, (_, i) => `https://b${i}.example`),
      commentsCategoryId: null,
    }),
    400,
    'invalid_request',
    'at most 100 origins',
  )
  assertRefused(t, await put({ origins: [], commentsCategoryId: 999_999 }), 422, 'unknown_category')
  assertRefused(t, await put({ origins: [] }), 400, 'invalid_request', 'both fields are required')
  assertRefused(t, await put({ origins: [], commentsCategoryId: null, extra: 1 }), 400, 'invalid_request')
  const row = await a.db.selectFrom('settings').select('key').where('key', '=', 'embed').executeTakeFirst()
  t.notOk(row, 'nothing written')
})

t.test(
  'admin round trip: seeded from EMBED_ORIGINS, then normalised, deduplicated and audited',
  async (t) => {
    const a = await build(t, {
      env: { EMBED_ORIGINS: 'https://Seed.Example, not an origin ,http://seed.example:80' },
    })
    const admin = await makeMember(a, { role: 'admin' })
    const cat = await makeCategory(a)
    const before = await a.inject({ url: '/api/admin/embed', headers: admin.auth })
    t.equal(before.statusCode, 200)
    t.same(json(before), {
      origins: ['https://seed.example', 'http://seed.example'],
      commentsCategoryId: null,
    })

    const saved = await a.inject({
      method: 'PUT',
      url: '/api/admin/embed',
      headers: admin.auth,
      payload: {
        origins: ['HTTPS://WWW.Brand.Example:443/', 'https://www.brand.example', 'http://localhost:8080'],
        commentsCategoryId: cat.id,
      },
    })
    t.equal(saved.statusCode, 200, saved.body)
    const expected = { origins: [brand, 'http://localhost:8080'], commentsCategoryId: cat.id }
    t.same(json(saved), expected)
    t.same(json(await a.inject({ url: '/api/admin/embed', headers: admin.auth })), expected, 'read back')
    const audit = await a.db
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('action', '=', 'embed.settings_changed')
      .execute()
    t.match(audit, [{ action: 'embed.settings_changed', actorId: admin.id }])

    // The cache was dropped: the new list is in force at once.
    const cors = await a.inject({ url: '/api/categories', headers: { origin: brand } })
    t.equal(cors.statusCode, 200)
    t.equal(cors.headers['access-control-allow-origin'], brand)
    assertRefused(
      t,
      await a.inject({ url: '/api/categories', headers: { origin: 'https://seed.example' } }),
      403,
      'origin_not_allowed',
      'a seeded origin the admin removed',
    )
  },
)

t.test('a message on the bus drops the cached copy (how the other instances learn of an edit)', async (t) => {
  const { MemoryBus } = await import('../../server/live/bus.js')
  const bus = new MemoryBus()
  const one = await build(t, { bus })
  // Another instance's edit: the row changes behind this one's back, then its message arrives.
  t.same((await one.app.embedSettings.get()).origins, [])
  await one.db
    .insertInto('settings')
    .values({ key: 'embed', value: JSON.stringify({ origins: [brand], commentsCategoryId: null }) })
    .execute()
  t.same((await one.app.embedSettings.get()).origins, [], 'cached')
  await bus.publish('embed-settings', 'changed')
  await new Promise((r) => setTimeout(r, 20))
  t.same((await one.app.embedSettings.get()).origins, [brand], 'dropped on the bus message')
})

t.test('POST /api/admin/sso-secret rotates the secret SSO checks, and shows it once', async (t) => {
  const { SignJWT } = await import('jose')
  const a = await build(t, { env: { SSO_SECRET: 'the secret from the environment, long enough' } })
  const admin = await makeMember(a, { role: 'admin' })
  const sign = (key: string, jti: string) =>
    new SignJWT({ email: 'lea@brand.example', name: 'Léa' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('brand-1')
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(key))
  const res = await a.inject({ method: 'POST', url: '/api/admin/sso-secret', headers: admin.auth })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['cache-control'], 'no-store')
  const { secret } = json(res)
  t.match(secret, /^[A-Za-z0-9_-]{43}$/, '256 random bits')
  const old = await a.inject({
    method: 'POST',
    url: '/api/auth/sso',
    payload: { token: await sign('the secret from the environment, long enough', 'j1') },
  })
  t.equal(old.statusCode, 401, 'the previous secret stops working')
  const fresh = await a.inject({
    method: 'POST',
    url: '/api/auth/sso',
    payload: { token: await sign(secret, 'j2') },
  })
  t.equal(fresh.statusCode, 200, 'the new one works')
  const again = json(
    await a.inject({ method: 'POST', url: '/api/admin/sso-secret', headers: admin.auth }),
  ).secret
  t.not(again, secret, 'each rotation is new')
  const audit = await a.db.selectFrom('auditLog').select(['action', 'data']).execute()
  t.equal(audit.filter((r) => r.action === 'sso.secret_rotated').length, 2)
  t.notMatch(JSON.stringify(audit), secret, 'the audit log never holds the secret')
})
