import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import t, { type Test } from 'tap'
import { safeNext } from '../../server/embed/sso-redirect.js'
import { build, type TestApp } from '../helpers/app.js'

const secret = 'brand-sso-secret-for-redirect-tests-0123456789'

function sign(opts: { key?: string; iat?: number; exp?: number; jti?: string } = {}) {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ email: 'lea@brand.example', name: 'Léa Martin' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('brand-42')
    .setIssuedAt(opts.iat ?? now)
    .setExpirationTime(opts.exp ?? now + 300)
    .setJti(opts.jti ?? randomUUID())
    .sign(new TextEncoder().encode(opts.key ?? secret))
}

const go = (a: TestApp, token: string, next?: string) =>
  a.inject({
    url: `/auth/sso?token=${encodeURIComponent(token)}${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`,
  })

function assertFailurePage(t: Test, res: Awaited<ReturnType<typeof go>>, status: number, what: string) {
  t.equal(res.statusCode, status, `${what}: ${status}`)
  t.notOk(res.headers.location, `${what}: no redirect`)
  t.notOk(res.headers['set-cookie'], `${what}: no cookie`)
  t.match(res.headers['content-type'], /^text\/html/, `${what}: a page`)
  t.match(res.body, /<a href="\/">/, `${what}: a link home`)
  t.match(res.body, /lang="en"/)
  t.match(res.body, /lang="fr"/)
  t.notMatch(res.body, /\bat [^\n]*\.(ts|js):\d+|node_modules/, `${what}: no stack trace`)
}

t.test('forged, expired, replayed and missing tokens get a 401 page, never a redirect', async (t) => {
  const a = await build(t, { env: { SSO_SECRET: secret } })
  const now = Math.floor(Date.now() / 1000)
  const cases = {
    forged: await sign({ key: 'another-secret-entirely-0123456789' }),
    expired: await sign({ iat: now - 900, exp: now - 300 }),
    garbage: 'not.a.jwt',
  }
  for (const [name, token] of Object.entries(cases))
    assertFailurePage(t, await go(a, token, '/c/general'), 401, name)
  assertFailurePage(t, await a.inject({ url: '/auth/sso' }), 401, 'no token')
  assertFailurePage(t, await a.inject({ url: `/auth/sso?token=${'a'.repeat(9000)}` }), 401, 'oversized token')

  const once = await sign()
  t.equal((await go(a, once, '/')).statusCode, 303)
  assertFailurePage(t, await go(a, once, '/'), 401, 'replayed')
  t.equal(
    (await a.db.selectFrom('users').select('id').execute()).length,
    1,
    'one member, from the good token',
  )
})

t.test('a good token: session cookie and 303 to next', async (t) => {
  const a = await build(t, { env: { SSO_SECRET: secret } })
  const res = await go(a, await sign(), '/t/bonjour/42?page=2')
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, '/t/bonjour/42?page=2')
  t.equal(res.headers['cache-control'], 'no-store')
  const cookies = [res.headers['set-cookie']].flat().join('\n')
  t.match(cookies, /tribune_session=[A-Za-z0-9_-]+;.*HttpOnly/i, 'the session cookie')
  t.match(cookies, /SameSite=Lax/i)
  const session = /tribune_session=([A-Za-z0-9_-]+)/.exec(cookies)![1]!
  const me = await a.inject({ url: '/api/me', cookies: { tribune_session: session } })
  t.equal(me.statusCode, 200)
  t.equal(me.json().user.displayName, 'Léa Martin')
})

t.test('open-redirect attempts land on the home page', async (t) => {
  const a = await build(t, { env: { SSO_SECRET: secret } })
  for (const next of [
    '//evil.example',
    '//evil.example/path',
    'https://evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/foo\\bar',
    'javascript:alert(1)',
    '/\tevil',
    '/a\r\nSet-Cookie: x=1',
    'evil.example',
    '',
  ]) {
    const res = await go(a, await sign(), next)
    t.equal(res.statusCode, 303, JSON.stringify(next))
    t.equal(res.headers.location, '/', JSON.stringify(next))
  }
  const none = await go(a, await sign())
  t.equal(none.headers.location, '/', 'no next: home')
  t.equal(safeNext('/c/général'), '/', 'non-ASCII must come percent-encoded')
  t.equal(safeNext('/c/g%C3%A9n%C3%A9ral'), '/c/g%C3%A9n%C3%A9ral')
})

t.test('without SSO configured: a page, not a redirect', async (t) => {
  const a = await build(t)
  assertFailurePage(t, await go(a, await sign(), '/'), 422, 'not configured')
})
