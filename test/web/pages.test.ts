import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { makeCategory, makeTopic, scripts } from './helpers.js'

const hostile = '</script><script>alert(1)</script> <b>"Vélos" & co</b>'

// One community for the whole file: building an app and its database is the slow part, and
// these pages only read (the one reply posted is asserted where it is posted).
async function community(t: Parameters<typeof build>[0]) {
  const a = await build(t, { env: { PUBLIC_URL: 'https://club.example.test' } })
  const admin = await makeMember(a, { role: 'admin', handle: 'boss' })
  const vip = await makeGroup(a, 'vip')
  const insider = await makeMember(a, { handle: 'insider', groups: [vip] })
  const author = await makeMember(a, { handle: 'ana' })
  const open = await makeCategory(a, admin, 'entraide', {
    name: 'Entraide',
    description: 'On s’entraide ici.',
  })
  const club = await makeCategory(a, admin, 'le-club', { name: 'Le Club', groups: [vip] })
  const topic = await makeTopic(a, author, open.id, hostile)
  const secret = await makeTopic(a, insider, club.id, 'Avant-première secrète')
  return { a, admin, insider, author, open, club, topic, secret }
}

const shared = await community(t)

t.test('the home page lists readable categories and the latest topics, in French or English', async (t) => {
  const { a } = shared
  const fr = await a.inject({ url: '/', headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } })
  t.equal(fr.statusCode, 200)
  t.match(fr.headers['content-type'], /^text\/html; charset=utf-8/)
  t.match(fr.body, /<html lang="fr"[ >]/)
  t.match(fr.body, /Derniers sujets/)
  t.match(fr.body, /On s’entraide ici\./)
  t.notMatch(fr.body, /Le Club/, 'a visitor does not see the restricted category')
  t.match(fr.body, /<title>[^<]+<\/title>/)
  t.match(fr.body, /<meta name="description" content="[^"]+">/)
  t.match(fr.body, /<link rel="canonical" href="https:\/\/club\.example\.test\/">/)
  t.match(fr.body, /<meta property="og:title" content="[^"]+">/)
  t.match(fr.body, /<a class="skip-link" href="#main">/)

  const en = await a.inject({ url: '/', headers: { 'accept-language': 'en-GB,en;q=0.8' } })
  t.match(en.body, /<html lang="en"[ >]/)
  t.match(en.body, /Latest topics/)
  const chosen = await a.inject({ url: '/?lang=en', headers: { 'accept-language': 'fr' } })
  t.match(chosen.body, /<html lang="en"[ >]/, '?lang wins over Accept-Language')
  const none = await a.inject({ url: '/' })
  t.match(none.body, /<html lang="fr"[ >]/, 'French by default')
})

t.test('a hostile title is escaped everywhere it appears', async (t) => {
  const { a, topic } = shared
  for (const url of ['/', '/c/entraide', topic.url]) {
    const res = await a.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.notMatch(res.body, /<script>alert\(1\)<\/script>/, `${url}: no injected script`)
    t.notMatch(res.body, /<b>"Vélos"/, `${url}: no injected markup`)
    t.match(res.body, /&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/, `${url}: shown as text`)
  }
})

t.test('a topic page: posts, structured data, and no inline script but the JSON-LD', async (t) => {
  const { a, topic } = shared
  const res = await a.inject({ url: topic.url, headers: { 'accept-language': 'en' } })
  t.equal(res.statusCode, 200)
  t.match(res.body, /<strong>du gras<\/strong>/, 'the sanitised post HTML is rendered')
  t.match(res.body, /href="\/u\/ana"/)
  t.match(res.body, new RegExp(`<link rel="canonical" href="https://club\\.example\\.test${topic.url}">`))
  t.match(res.body, /<meta property="og:type" content="article">/)
  const all = scripts(res.body)
  const app = all.filter((s) => /type="module"/.test(s.attrs))
  t.equal(app.length, 1, 'the app, as one module script')
  t.match(app[0]!.attrs, /src="\/assets\/app-[A-Z0-9]+\.js"/, 'from its content-hashed address')
  t.equal(app[0]!.content, '', 'nothing inline')
  const firstView = all.filter((s) => /id="tribune-first-view"/.test(s.attrs))
  t.equal(firstView.length, 1, 'the data the app starts from')
  t.match(firstView[0]!.attrs, /type="application\/json"/, 'data, never run')
  t.notMatch(firstView[0]!.content, /</, '< is escaped inside it too')
  t.equal(JSON.parse(firstView[0]!.content).topic.topic.title, hostile, 'and it reads back exactly')
  const found = all.filter((s) => s !== app[0] && s !== firstView[0])
  t.equal(found.length, 1, 'one script element besides the app and its data')
  t.match(found[0]!.attrs, /type="application\/ld\+json"/)
  t.notMatch(found[0]!.content, /</, '< is escaped inside the JSON-LD')
  const data = JSON.parse(found[0]!.content)
  t.equal(data['@type'], 'DiscussionForumPosting')
  t.equal(data.headline, hostile, 'the escaped JSON still reads back exactly')
  t.equal(data.url, `https://club.example.test${topic.url}`)
  t.match(data.author, { '@type': 'Person', name: /^Member \d+$/, url: 'https://club.example.test/u/ana' })

  const reply = await a.inject({
    method: 'POST',
    url: `/api/topics/${topic.id}/posts`,
    headers: (await makeMember(a, { handle: 'bea' })).auth,
    payload: { body: 'Une réponse' },
  })
  t.equal(reply.statusCode, 201)
  const jsonLd = (body: string) => scripts(body).find((s) => /application\/ld\+json/.test(s.attrs))!.content
  const again = JSON.parse(jsonLd((await a.inject({ url: topic.url })).body))
  t.equal(again.comment.length, 1, 'replies are comments of the posting')

  const wrongSlug = await a.inject({ url: `/t/old-title/${topic.id}?lang=en` })
  t.equal(wrongSlug.statusCode, 301)
  t.equal(wrongSlug.headers.location, `${topic.url}?lang=en`)
})

t.test('unknown and restricted topics are a 404 page for a visitor, readable for the group', async (t) => {
  const { a, secret, insider } = shared
  for (const url of [
    '/t/nope/999999',
    secret.url,
    '/c/le-club',
    '/c/nope',
    '/u/nobody',
    '/t/x/not-a-number',
  ]) {
    const res = await a.inject({ url })
    t.equal(res.statusCode, 404, url)
    t.match(res.headers['content-type'], /^text\/html/, `${url}: an HTML page`)
    t.match(res.body, /<meta name="robots" content="noindex">/)
    t.notMatch(res.body, /Avant-première secrète/)
  }
  const asInsider = await a.inject({ url: secret.url, headers: insider.auth })
  t.equal(asInsider.statusCode, 200)
  t.match(asInsider.body, /Avant-première secrète/)
  t.match(asInsider.body, /href="\/u\/insider"/, 'the header names the signed-in member')
  const club = await a.inject({ url: '/c/le-club', headers: insider.auth })
  t.equal(club.statusCode, 200)
  t.match(club.body, /Avant-première secrète/)
})

t.test('profiles, and query strings the page does not know', async (t) => {
  const { a } = shared
  const profile = await a.inject({ url: '/u/ana?lang=en' })
  t.equal(profile.statusCode, 200)
  t.match(profile.body, /@ana/)
  t.match(profile.body, /Member since/)
  const tracked = await a.inject({ url: '/c/entraide?utm_source=newsletter&lang=en' })
  t.equal(tracked.statusCode, 302, 'a tracking parameter redirects to the clean page')
  t.equal(tracked.headers.location, '/c/entraide?lang=en')
})

t.test('robots.txt, the sitemap, the stylesheet and the security headers', async (t) => {
  const { a, topic, secret } = shared
  const robots = await a.inject({ url: '/robots.txt' })
  t.equal(robots.statusCode, 200)
  t.match(robots.body, /^User-agent: \*$/m)
  t.match(robots.body, /^Sitemap: https:\/\/club\.example\.test\/sitemap\.xml$/m)

  const sitemap = await a.inject({ url: '/sitemap.xml' })
  t.equal(sitemap.statusCode, 200)
  t.match(sitemap.headers['content-type'], /^application\/xml/)
  t.match(sitemap.body, `<loc>https://club.example.test${topic.url}</loc>`)
  t.match(sitemap.body, '<loc>https://club.example.test/c/entraide</loc>')
  t.notMatch(sitemap.body, secret.url, 'a restricted topic is not in the sitemap')
  t.notMatch(sitemap.body, '/c/le-club')

  const home = await a.inject({ url: '/' })
  const csp = String(home.headers['content-security-policy'])
  t.match(csp, /default-src 'self'/)
  t.match(csp, /script-src 'self'/)
  t.match(csp, /style-src 'self'/)
  t.notMatch(home.body, /\sstyle=/, 'no inline style attribute')
  t.notMatch(home.body, /<style/, 'no style element')
  t.same(
    scripts(home.body)
      .filter((s) => !/application\/(ld\+)?json/.test(s.attrs))
      .map((s) => s.content),
    [''],
    'one script that runs, the app from its own address: nothing inline',
  )

  const href = /<link rel="stylesheet" href="([^"]+)">/.exec(home.body)![1]!
  const css = await a.inject({ url: href })
  t.equal(css.statusCode, 200)
  t.match(css.headers['content-type'], /^text\/css/)
  t.match(css.headers['cache-control'], /immutable/)
  t.match(css.body, /@layer tribune\.theme/)
  t.match(css.body, /--tribune-color-surface:/)
})

t.test('the pages are in the OpenAPI document under the web tag', async (t) => {
  const { a } = shared
  const doc = json(await a.inject({ url: '/api/openapi.json' }))
  for (const path of ['/', '/c/{slug}', '/t/{slug}/{id}', '/u/{handle}', '/robots.txt', '/sitemap.xml']) {
    t.same(doc.paths[path]?.get?.tags, ['web'], path)
  }
  t.ok(doc.paths['/t/{slug}/{id}'].get.responses['200'].content['text/html'])
})
