import http from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { build, json, type TestApp } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { assertRefused } from './refused.js'

const register = (over: Record<string, unknown> = {}) => ({
  email: 'new@example.com',
  handle: 'newcomer',
  password: 'a long enough password',
  charterVersion: 1,
  ...over,
})

const userCount = async (a: TestApp) =>
  Number(
    (
      await a.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

t.test('malformed bodies are refused with 400, 413 or 415 and write nothing', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  const before = await a.db.selectFrom('users').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow()
  const jsonHeaders = { ...m.auth, 'content-type': 'application/json' }
  const patch = (payload: string | Buffer, headers: Record<string, string> = jsonHeaders) =>
    a.inject({ method: 'PATCH', url: '/api/me', headers, payload })

  assertRefused(t, await patch('{"displayName": '), 400, 'invalid_json', 'truncated JSON')
  assertRefused(t, await patch("{'displayName': 'x'}"), 400, 'invalid_json', 'single quotes')
  assertRefused(t, await patch(''), 400, 'invalid_request', 'empty body')
  assertRefused(t, await patch('null'), 400, 'invalid_request', 'null body')
  assertRefused(t, await patch('[]'), 400, 'invalid_request', 'array body')
  assertRefused(t, await patch('{}'), 400, 'invalid_request', 'nothing to change')
  assertRefused(t, await patch('{"displayName":"a","isAdmin":true}'), 400, 'invalid_request', 'unknown field')
  assertRefused(t, await patch('{"role":"admin"}'), 400, 'invalid_request', 'role is not yours to set')
  assertRefused(t, await patch('{"displayName":42}'), 400, 'invalid_request', 'number for a string')
  assertRefused(t, await patch('{"displayName":["x"]}'), 400, 'invalid_request', 'array for a string')
  assertRefused(t, await patch('{"displayName":true}'), 400, 'invalid_request', 'boolean for a string')
  assertRefused(t, await patch('{"displayName":""}'), 400, 'invalid_request', 'empty display name')
  assertRefused(t, await patch(`{"displayName":"${'x'.repeat(61)}"}`), 400, 'invalid_request', 'too long')
  assertRefused(t, await patch('{"displayName":"a\\u0000b"}'), 400, 'invalid_text', 'NUL in a string')
  assertRefused(t, await patch('{"bio":"\\ud800"}'), 400, 'invalid_text', 'lone high surrogate')
  assertRefused(t, await patch('{"bio":"a\\udc00b"}'), 400, 'invalid_text', 'lone low surrogate')
  assertRefused(t, await patch('{"a\\u0000":1}'), 400, 'invalid_text', 'NUL in a key')
  assertRefused(t, await patch('{"__proto__":{"role":"admin"},"bio":"x"}'), 400, 'forbidden_key', '__proto__')
  assertRefused(
    t,
    await patch('{"constructor":{"prototype":{"role":"admin"}},"bio":"x"}'),
    400,
    'forbidden_key',
    'constructor.prototype',
  )
  assertRefused(
    t,
    await patch(Buffer.from([...Buffer.from('{"bio":"'), 0xc3, 0x28, ...Buffer.from('"}')])),
    400,
    'invalid_utf8',
    'invalid UTF-8 bytes',
  )
  assertRefused(
    t,
    await patch(Buffer.from([...Buffer.from('{"bio":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')])),
    400,
    'invalid_utf8',
    'a surrogate encoded as UTF-8 (CESU)',
  )
  const deep = `{"bio":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
  assertRefused(t, await patch(deep), 400, 'too_deeply_nested', 'deeply nested arrays')
  const deepObj = `{"bio":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`
  assertRefused(t, await patch(deepObj), 400, 'too_deeply_nested', 'deeply nested objects')
  assertRefused(
    t,
    await patch(JSON.stringify({ bio: 'x'.repeat(2 * 1024 * 1024) })),
    413,
    'payload_too_large',
    '2 MB body',
  )
  assertRefused(
    t,
    await patch('<bio>x</bio>', { ...m.auth, 'content-type': 'application/xml' }),
    415,
    'unsupported_media_type',
    'XML',
  )
  assertRefused(
    t,
    await patch('bio=x', { ...m.auth, 'content-type': 'application/x-www-form-urlencoded' }),
    415,
    'unsupported_media_type',
    'a form',
  )
  // Fastify reads text/plain as a string; the schema then says what was expected.
  assertRefused(
    t,
    await patch('{"bio":"x"}', { ...m.auth, 'content-type': 'text/plain' }),
    400,
    'invalid_request',
  )

  const after = await a.db.selectFrom('users').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow()
  t.same(after, before, 'the member row is untouched')
})

t.test('registration refuses bad input before writing anything', async (t) => {
  const a = await build(t)
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    a.inject({ method: 'POST', url: '/api/auth/register', headers, payload: payload as string })
  assertRefused(
    t,
    await a.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json' },
    }),
    400,
    'invalid_request',
    'empty POST',
  )
  assertRefused(
    t,
    await a.inject({ method: 'POST', url: '/api/auth/register' }),
    400,
    'invalid_request',
    'no body',
  )
  assertRefused(
    t,
    await post(register({ handle: 'h'.repeat(300) })),
    400,
    'invalid_request',
    '300-char handle',
  )
  assertRefused(
    t,
    await post(register({ handle: "x'; drop table users; --" })),
    400,
    'invalid_request',
    'SQL handle',
  )
  assertRefused(
    t,
    await post(register({ handle: 'ana\u202E' })),
    400,
    'invalid_request',
    'RTL override in a handle',
  )
  assertRefused(t, await post(register({ email: 'not an email' })), 400, 'invalid_request', 'email')
  assertRefused(
    t,
    await post(register({ charterVersion: '1' })),
    400,
    'invalid_request',
    'string for a number',
  )
  assertRefused(t, await post(register({ charterVersion: 1.5 })), 400, 'invalid_request', 'fraction')
  assertRefused(t, await post(register({ password: 'short' })), 400, 'invalid_request', 'short password')
  assertRefused(t, await post(register({ role: 'admin' })), 400, 'invalid_request', 'choosing a role')
  assertRefused(t, await post(register({ displayName: 'a\u0000' })), 400, 'invalid_text', 'NUL')
  assertRefused(t, await post(register({ charterVersion: 99 })), 422, 'charter_outdated', 'unknown charter')
  t.equal(await userCount(a), 0, 'no account was created')
  t.equal(
    Number(
      (
        await a.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    0,
  )
})

t.test('text is stored and returned byte for byte', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  const names = [
    '🦊 Renard 👩🏽‍💻',
    'abc\u202Egnp.exe',
    'zero\u200Bwidth\u200D',
    "'; drop table users; --",
    'Robert"); DELETE FROM sessions; --',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'ｆｕｌｌ ｗｉｄｔｈ ﷽',
    'e\u0301 vs é',
  ]
  for (const displayName of names) {
    const res = await a.inject({ method: 'PATCH', url: '/api/me', headers: m.auth, payload: { displayName } })
    t.equal(res.statusCode, 200, displayName)
    t.equal(json(res).user.displayName, displayName, 'returned as sent')
    const row = await a.db
      .selectFrom('users')
      .select('displayName')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow()
    t.equal(Buffer.compare(Buffer.from(row.displayName), Buffer.from(displayName)), 0, 'stored byte for byte')
    const pub = await a.inject({ method: 'GET', url: `/api/users/${m.id}` })
    t.equal(json(pub).user.displayName, displayName, 'read back as sent')
  }
  const bio = '<b>bold</b> & \'quotes\' "double" \\ back\\slash\n\ttab 🇫🇷'
  const res = await a.inject({ method: 'PATCH', url: '/api/me', headers: m.auth, payload: { bio } })
  t.equal(res.statusCode, 200)
  const row = await a.db.selectFrom('users').select('bio').where('id', '=', m.id).executeTakeFirstOrThrow()
  t.equal(row.bio, bio)
  t.ok(
    await a.db.selectFrom('users').select('id').where('id', '=', m.id).executeTakeFirst(),
    'users survived',
  )

  const reg = await a.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: register({ displayName: "'; drop table users; --" }),
  })
  t.equal(reg.statusCode, 201, reg.body)
  t.equal(json(reg).user.displayName, "'; drop table users; --")
  t.equal(await userCount(a), 2)
})

/** Sends raw bytes over a real socket, as a client that does not go through inject would. */
function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

t.test('over a real socket: raw bytes reach the same checks', async (t) => {
  const a = await build(t)
  const m = await makeMember(a)
  await a.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = a.app.server.address() as AddressInfo
  const headers = { ...m.auth, 'content-type': 'application/json' }
  const cases: [Buffer, number, string][] = [
    [Buffer.from([...Buffer.from('{"bio":"caf'), 0xe9, ...Buffer.from('"}')]), 400, 'invalid_utf8'],
    [Buffer.from([...Buffer.from('{"bio":"'), 0xf0, 0x9f, 0xa6, ...Buffer.from('"}')]), 400, 'invalid_utf8'],
    [Buffer.from('{"bio":"a\\u0000"}'), 400, 'invalid_text'],
    [Buffer.from('{"bio": tru'), 400, 'invalid_json'],
  ]
  for (const [body, status, code] of cases) {
    const res = await rawRequest(port, 'PATCH', '/api/me', headers, body)
    t.equal(res.status, status, code)
    t.match(JSON.parse(res.body), { error: { code, message: String } })
    t.notMatch(res.body, /at .*\.(ts|js):\d+/, 'no stack trace')
  }
  const ok = await rawRequest(port, 'PATCH', '/api/me', headers, Buffer.from('{"bio":"café 🦊"}'))
  t.equal(ok.status, 200)
  const row = await a.db.selectFrom('users').select('bio').where('id', '=', m.id).executeTakeFirstOrThrow()
  t.equal(row.bio, 'café 🦊')
})
