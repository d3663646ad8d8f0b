import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

t.test('register, me, logout', async (t) => {
  const a = await build(t)
  const refused = await a.inject({ method: 'GET', url: '/api/me' })
  t.equal(refused.statusCode, 401)
  t.equal(json(refused).error.code, 'unauthenticated')

  const res = await a.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: {
      email: 'Ana@Example.com',
      handle: 'ana',
      password: 'a long enough password',
      charterVersion: 1,
    },
  })
  t.equal(res.statusCode, 201, res.body)
  const { user, token } = json(res)
  t.equal(user.handle, 'ana')
  t.equal(user.role, 'member')
  const row = await a.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow()
  t.not(row.tokenHash, token, 'only a hash of the token is stored')
  const hash = await a.db.selectFrom('users').select('passwordHash').executeTakeFirstOrThrow()
  t.match(hash.passwordHash, /^\$argon2id\$v=19\$m=19456,(t=2,p=1|p=1,t=2)\$/)

  const me = await a.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })
  t.equal(me.statusCode, 200)
  t.equal(json(me).user.email, 'Ana@Example.com')

  const out = await a.inject({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { authorization: `Bearer ${token}` },
  })
  t.equal(out.statusCode, 204)
  const after = await a.inject({
    method: 'GET',
    url: '/api/me',
    headers: { authorization: `Bearer ${token}` },
  })
  t.equal(after.statusCode, 401)
})

t.test('login by email or handle; failures look the same', async (t) => {
  const a = await build(t)
  const m = await makeMember(a, { handle: 'bob' })
  for (const login of ['bob', 'BOB', m.email]) {
    const res = await a.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login, password: 'correct horse battery' },
    })
    t.equal(res.statusCode, 200, login)
  }
  const wrong = await a.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'bob', password: 'nope' },
  })
  const ghost = await a.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'ghost', password: 'nope' },
  })
  t.equal(wrong.statusCode, 401)
  t.same(json(wrong), json(ghost))
})

t.test('cookie writes need the CSRF token', async (t) => {
  const a = await build(t)
  const res = await a.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: {
      email: 'c@example.com',
      handle: 'cookie',
      password: 'a long enough password',
      charterVersion: 1,
    },
  })
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]))
  t.ok(cookies.tribune_session)
  const session = res.cookies.find((c) => c.name === 'tribune_session')!
  t.equal(session.httpOnly, true)
  t.equal(session.sameSite, 'Lax')
  const without = await a.inject({ method: 'PATCH', url: '/api/me', cookies, payload: { displayName: 'C' } })
  t.equal(without.statusCode, 403)
  t.equal(json(without).error.code, 'csrf_token_invalid')
  const withToken = await a.inject({
    method: 'PATCH',
    url: '/api/me',
    cookies,
    headers: { 'x-csrf-token': json(res).csrfToken },
    payload: { displayName: 'C' },
  })
  t.equal(withToken.statusCode, 200, withToken.body)
})
