import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

const secret = 'brand-sso-secret-for-tests-0123456789'

function sign(
  claims: Record<string, unknown>,
  opts: { key?: string; iat?: number; exp?: number; jti?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ email: 'lea@brand.example', name: 'Léa Martin', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(claims.sub ?? 'brand-42'))
    .setIssuedAt(opts.iat ?? now)
    .setExpirationTime(opts.exp ?? now + 300)
    .setJti(opts.jti ?? randomUUID())
    .sign(new TextEncoder().encode(opts.key ?? secret))
}

const sso = (a: Awaited<ReturnType<typeof build>>, token: string) =>
  a.inject({ method: 'POST', url: '/api/auth/sso', payload: { token } })

t.test('refuses forged, expired, over-long and replayed tokens', async (t) => {
  const a = await build(t, { env: { SSO_SECRET: secret } })
  const now = Math.floor(Date.now() / 1000)
  const cases = {
    forged: await sign({}, { key: 'another-secret-entirely-0123456789' }),
    expired: await sign({}, { iat: now - 900, exp: now - 300 }),
    tooLong: await sign({}, { iat: now, exp: now + 3600 }),
    notAJwt: 'not.a.jwt-at-all',
  }
  for (const [name, token] of Object.entries(cases)) {
    const res = await sso(a, token)
    t.equal(res.statusCode, 401, name)
    t.equal(json(res).error.code, 'invalid_sso_token', name)
  }
  t.equal((await a.db.selectFrom('users').select('id').execute()).length, 0, 'no member created')

  const once = await sign({})
  t.equal((await sso(a, once)).statusCode, 200)
  const replay = await sso(a, once)
  t.equal(replay.statusCode, 401, 'a replayed token is refused')
  t.match(json(replay).error.message, /already used/)
})

t.test('without a configured secret SSO is refused', async (t) => {
  const a = await build(t)
  const res = await sso(a, await sign({}))
  t.equal(res.statusCode, 422)
  t.equal(json(res).error.code, 'sso_not_configured')
})

t.test('creates the member once, then signs the same member in', async (t) => {
  const a = await build(t, { env: { SSO_SECRET: secret } })
  const first = await sso(a, await sign({ avatar: 'https://brand.example/lea.png' }))
  t.equal(first.statusCode, 200, first.body)
  const { user, token } = json(first)
  t.equal(user.displayName, 'Léa Martin')
  t.equal(user.avatarUrl, 'https://brand.example/lea.png')
  const me = await a.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })
  t.equal(json(me).user.email, 'lea@brand.example')

  const again = await sso(a, await sign({ name: 'Léa M.' }))
  t.equal(json(again).user.id, user.id, 'same brand user, same member')
  t.equal(json(again).user.displayName, 'Léa M.', 'the brand keeps the name up to date')
  t.equal((await a.db.selectFrom('users').select('id').execute()).length, 1)
})

t.test('links an existing account with the same email', async (t) => {
  const a = await build(t, { env: { SSO_SECRET: secret } })
  const m = await makeMember(a, { handle: 'existing' })
  const res = await sso(a, await sign({ sub: 'brand-7', email: m.email.toUpperCase() }))
  t.equal(res.statusCode, 200)
  t.equal(json(res).user.id, m.id)
})
