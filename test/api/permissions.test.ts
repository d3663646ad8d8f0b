import t from 'tap'
import { build } from '../helpers/app.js'
import { matrix, type Outcome } from './permissions-matrix.js'
import { actors, buildWorld, ssoSecret, vipSecret } from './permissions-world.js'
import { assertRefused } from './refused.js'

// The benchmark baseline is a route production can turn on: it needs its entry like any other.
process.env.TRIBUNE_BENCH_BASELINE = 'on'

const describe = (o: Outcome) => (o === 'ok' ? '2xx' : typeof o === 'number' ? String(o) : `${o[0]} ${o[1]}`)

const a = await build(t, { env: { SSO_SECRET: ssoSecret } })
const w = await buildWorld(a)

t.test('every route has exactly one permissions entry', async (t) => {
  const routes = a.app.routeInventory.map((r) => `${r.method} ${r.url}`)
  t.same(
    routes.filter((r) => !(r in matrix)),
    [],
    'routes without an entry in test/api/permissions-matrix.ts',
  )
  t.same(
    Object.keys(matrix).filter((k) => !routes.includes(k)),
    [],
    'entries naming a route the app does not have',
  )
  t.equal(new Set(routes).size, routes.length, 'no route is registered twice')
})

t.test('each actor gets what the rules say on every route', async (t) => {
  for (const [route, entry] of Object.entries(matrix)) {
    await t.test(route, async (t) => {
      for (const actor of actors) {
        const req = await entry.request(w, actor)
        const headers = req.headers ?? (actor === 'anonymous' ? {} : w.as[actor].auth)
        const res = await a.inject({
          method: req.method as 'GET',
          url: req.url,
          headers,
          ...(req.payload ? { payload: req.payload } : {}),
        })
        const expected = entry.expect[actor]
        const what = `${actor}: ${req.method} ${req.url} → ${describe(expected)}`
        if (expected === 'ok') {
          t.ok(
            res.statusCode >= 200 && res.statusCode < 300,
            `${what} (got ${res.statusCode} ${res.body.slice(0, 160)})`,
          )
        } else if (!req.url.startsWith('/api/')) {
          // Pages refuse with a page: the status, as HTML, and nothing internal.
          const status = typeof expected === 'number' ? expected : expected[0]
          t.equal(res.statusCode, status, what)
          t.match(res.headers['content-type'], /^text\/html/, `${what}: an HTML page`)
          t.notMatch(res.body, /\bat [^\n]*\.(ts|js):\d+|node_modules/, `${what}: no stack trace`)
        } else if (typeof expected === 'number') {
          assertRefused(t, res, expected, undefined, what)
        } else {
          assertRefused(t, res, expected[0], expected[1], what)
        }
        if (actor === 'anonymous' || actor === 'outsider') {
          // A page may echo the address it was asked for (language links); that is not a leak.
          const echo = req.url.split('?')[0]!
          t.notMatch(
            res.body.split(echo).join(''),
            new RegExp(vipSecret, 'i'),
            `${what}: nothing from the VIP category`,
          )
        }
      }
    })
  }
})
