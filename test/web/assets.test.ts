import { gunzipSync } from 'node:zlib'
import t from 'tap'
import { clientBundle } from '../../server/web/client-bundle.js'
import { build } from '../helpers/app.js'

t.test(
  'the app bundle: content-hashed, cached for good, gzipped when asked, 304 when unchanged',
  async (t) => {
    const a = await build(t)
    const { app } = await clientBundle()
    t.match(app.name, /^app-[A-Z0-9]+\.js$/)
    const plain = await a.inject({ url: `/assets/${app.name}` })
    t.equal(plain.statusCode, 200)
    t.match(plain.headers['content-type'], /^text\/javascript/)
    t.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable')
    t.equal(plain.headers['content-encoding'], undefined)
    t.ok(plain.rawPayload.equals(app.body))

    const zipped = await a.inject({ url: `/assets/${app.name}`, headers: { 'accept-encoding': 'gzip, br' } })
    t.equal(zipped.headers['content-encoding'], 'gzip')
    t.ok(gunzipSync(zipped.rawPayload).equals(app.body), 'the same bytes once unzipped')
    t.ok(zipped.rawPayload.length < app.body.length / 2)

    const again = await a.inject({
      url: `/assets/${app.name}`,
      headers: { 'if-none-match': String(plain.headers.etag) },
    })
    t.equal(again.statusCode, 304)
    t.equal(again.body, '')

    const map = await a.inject({ url: `/assets/${app.name}.map` })
    t.equal(map.statusCode, 200, 'its source map is served beside it')
  },
)

t.test(
  'screens few readers open are chunks of their own; the ones every page needs are preloaded',
  async (t) => {
    const a = await build(t)
    const bundle = await clientBundle()
    const page = await a.inject({ url: '/' })
    for (const chunk of bundle.appChunks) {
      t.match(page.body, `<link rel="modulepreload" href="/assets/${chunk.name}">`)
      t.equal((await a.inject({ url: `/assets/${chunk.name}` })).statusCode, 200)
    }
    const text = (name: string) => bundle.files.get(name)!.body.toString()
    // Where the screens are defined (customElements.define's tag, a quoted string once minified).
    const eager = [bundle.app, ...bundle.appChunks].map((f) => f.body.toString()).join('\n')
    t.notOk(eager.includes('"tribune-mod-queue-page"'), 'the moderation screens are not in the first script')
    t.notOk(
      eager.includes('marked(): input parameter'),
      'nor is marked (the composer loads it on its first preview)',
    )
    const lazy = [...bundle.files.keys()].filter(
      (n) =>
        n.endsWith('.js') &&
        !n.startsWith('embed-') &&
        ![bundle.app, ...bundle.appChunks].some((f) => f.name === n),
    )
    t.ok(
      lazy.some((n) => text(n).includes('"tribune-mod-queue-page"')),
      'they load from a chunk of their own',
    )
    // The community pages (events, contests, challenges) too.
    for (const tag of ['tribune-event-page', 'tribune-contest-page', 'tribune-leaderboard-page']) {
      t.notOk(eager.includes(`"${tag}"`), `${tag} is not in the first script`)
      t.ok(
        lazy.some((n) => text(n).includes(`"${tag}"`)),
        `${tag} loads from a chunk`,
      )
    }
  },
)

t.test(
  '/embed.js: one stable address, loadable from any origin, revalidated every few minutes',
  async (t) => {
    const a = await build(t)
    const { embed } = await clientBundle()
    const res = await a.inject({ url: '/embed.js', headers: { origin: 'https://brand.example' } })
    t.equal(res.statusCode, 200)
    t.ok(res.rawPayload.equals(embed.body))
    t.equal(res.headers['cache-control'], 'public, max-age=300')
    t.equal(res.headers['access-control-allow-origin'], '*', 'module scripts are fetched with CORS')
    t.equal(res.headers['cross-origin-resource-policy'], 'cross-origin')
    t.notMatch(embed.body.toString(), /sourceMappingURL/, 'nothing else to fetch')
  },
)

t.test('unknown and hostile asset names are refused in the error shape', async (t) => {
  const a = await build(t)
  const missing = await a.inject({ url: '/assets/app-NOPE.js' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'not_found')
  for (const name of ['..%2Fpackage.json', 'app.css', '%00.js', 'a'.repeat(200) + '.js']) {
    const res = await a.inject({ url: `/assets/${name}` })
    t.ok([400, 404, 414].includes(res.statusCode), `${name.slice(0, 20)} → ${res.statusCode}`)
    t.type(res.json().error.code, 'string')
  }
})
