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
