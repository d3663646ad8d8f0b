import t from 'tap'
import { WebSocket } from 'ws'
import { assertRefused } from '../api/refused.js'
import { build } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { connect, listen } from '../live/helpers.js'

const brand = 'https://www.brand.example'

/** The status a refused WebSocket handshake gets (the request is then dropped, not left open). */
function refusedStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { origin } })
    ws.once('unexpected-response', (req, res) => {
      req.destroy()
      resolve(res.statusCode ?? 0)
    })
    ws.once('open', () => {
      ws.terminate()
      reject(new Error('the handshake was accepted'))
    })
    ws.once('error', () => {})
  })
}
const evil = 'https://evil.example'

async function app(t: Parameters<typeof build>[0]) {
  const a = await build(t, { env: { EMBED_ORIGINS: brand, PUBLIC_URL: 'https://community.example' } })
  return a
}

const preflight = (origin: string) => ({
  method: 'OPTIONS' as const,
  url: '/api/topics/1/posts',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization, content-type, idempotency-key',
  },
})

t.test('a refused origin: 403 on preflights and simple requests, no CORS headers', async (t) => {
  const a = await app(t)
  const pre = await a.inject(preflight(evil))
  assertRefused(t, pre, 403, 'origin_not_allowed', 'preflight')
  t.notOk(pre.headers['access-control-allow-origin'], 'no ACAO on a refused preflight')
  const get = await a.inject({ url: '/api/categories', headers: { origin: evil } })
  assertRefused(t, get, 403, 'origin_not_allowed', 'simple GET')
  t.notOk(get.headers['access-control-allow-origin'])
  const member = await makeMember(a)
  const post = await a.inject({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { ...member.auth, origin: evil },
  })
  assertRefused(t, post, 403, 'origin_not_allowed', 'a write is refused before it runs')
  t.equal(
    (await a.inject({ url: '/api/me', headers: member.auth })).statusCode,
    200,
    'the session still works',
  )
  // Look-alikes of the allowed origin are other origins.
  for (const origin of [
    'https://www.brand.example.evil.example',
    'http://www.brand.example',
    'https://www.brand.example:8443',
    'null',
  ])
    assertRefused(
      t,
      await a.inject({ url: '/api/categories', headers: { origin } }),
      403,
      'origin_not_allowed',
      origin,
    )
})

t.test(
  'an allowed origin: preflight answered with methods, headers and max-age; answers readable',
  async (t) => {
    const a = await app(t)
    const pre = await a.inject(preflight(brand))
    t.equal(pre.statusCode, 204)
    t.equal(pre.headers['access-control-allow-origin'], brand)
    t.notOk(pre.headers['access-control-allow-credentials'], 'no credentials: embeds use bearer tokens')
    t.match(pre.headers['access-control-allow-methods'], /POST/)
    t.match(pre.headers['access-control-allow-methods'], /PATCH/)
    t.match(pre.headers['access-control-allow-methods'], /DELETE/)
    for (const h of ['Authorization', 'Content-Type', 'Idempotency-Key'])
      t.match(pre.headers['access-control-allow-headers'], h)
    t.equal(pre.headers['access-control-max-age'], '600')
    t.match(pre.headers.vary, /Origin/)

    const get = await a.inject({ url: '/api/categories', headers: { origin: brand } })
    t.equal(get.statusCode, 200)
    t.equal(get.headers['access-control-allow-origin'], brand)
    t.equal(get.headers['cross-origin-resource-policy'], 'cross-origin', 'helmet does not block the answer')
    t.match(get.headers.vary, /Origin/)
    // Errors are readable too, so an embed can tell "sign in" from "network down".
    const me = await a.inject({ url: '/api/me', headers: { origin: brand } })
    t.equal(me.statusCode, 401)
    t.equal(me.headers['access-control-allow-origin'], brand)
  },
)

t.test('same-origin and Origin-less requests are unaffected', async (t) => {
  const a = await app(t)
  const own = await a.inject({ url: '/api/categories', headers: { origin: 'https://community.example' } })
  t.equal(own.statusCode, 200, 'the community’s own pages')
  t.notOk(own.headers['access-control-allow-origin'], 'same-origin needs no CORS headers')
  t.equal(own.headers['cross-origin-resource-policy'], 'same-origin')
  const byHost = await a.inject({
    url: '/api/categories',
    headers: { host: 'localhost:3000', origin: 'http://localhost:3000' },
  })
  t.equal(byHost.statusCode, 200, 'a page of the address the request was sent to')
  const none = await a.inject({ url: '/api/categories' })
  t.equal(none.statusCode, 200, 'servers and scripts send no Origin')
  t.notOk(none.headers['access-control-allow-origin'])
  // Pages and assets are not the API: their own rules apply.
  t.equal((await a.inject({ url: '/robots.txt', headers: { origin: evil } })).statusCode, 200)
})

t.test('the live socket accepts the same origins', async (t) => {
  const a = await app(t)
  const url = await listen(a)
  const embedded = await connect(t, url, { headers: { origin: brand } })
  t.equal(embedded.frames[0]?.op, 'welcome', 'an allowed embed origin connects')

  t.equal(await refusedStatus(url, evil), 403, 'a refused origin gets 403 before the upgrade')
  const own = await connect(t, url, { headers: { origin: 'https://community.example' } })
  t.equal(own.frames[0]?.op, 'welcome')

  // Removing the origin takes effect at once for new sockets.
  const admin = await makeMember(a, { role: 'admin' })
  const put = await a.inject({
    method: 'PUT',
    url: '/api/admin/embed',
    headers: admin.auth,
    payload: { origins: [], commentsCategoryId: null },
  })
  t.equal(put.statusCode, 200)
  t.equal(await refusedStatus(url, brand), 403, 'a removed origin is refused')
})
