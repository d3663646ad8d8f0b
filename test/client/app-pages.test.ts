import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { makeCategory } from '../web/helpers.js'

// The app's own views (search, log in, sign up, settings, a new topic) have no content of their
// own for crawlers, but their URLs must survive a reload and a shared link: the server answers
// each with the site's page shell, not indexed, which the app then takes over.

const hostile = '"><script>alert(1)</script>'

const a = await build(t, { env: { PUBLIC_URL: 'https://club.example.test' } })
const admin = await makeMember(a, { role: 'admin' })
const vip = await makeGroup(a, 'vip')
const insider = await makeMember(a, { handle: 'insider', groups: [vip] })
await makeCategory(a, admin, 'entraide', { name: 'Entraide' })
await makeCategory(a, admin, 'le-club', { name: 'Le Club', groups: [vip] })

const shells = [
  { url: '/search?q=v%C3%A9lo', en: 'Search', fr: 'Recherche' },
  { url: '/login?next=%2Fsettings', en: 'Sign in', fr: 'Connexion' },
  { url: '/register', en: 'Sign up', fr: 'Inscription' },
  { url: '/settings', en: 'Settings', fr: 'Réglages' },
  { url: '/c/entraide/new', en: 'New topic', fr: 'Nouveau sujet' },
]

t.test('each view has a page shell: the layout, its heading, the app, not indexed', async (t) => {
  for (const shell of shells) {
    const res = await a.inject({ url: shell.url, headers: { 'accept-language': 'en-GB,en;q=0.9' } })
    t.equal(res.statusCode, 200, shell.url)
    t.match(res.headers['content-type'], /^text\/html/)
    t.equal(res.headers['cache-control'], 'no-cache')
    t.match(res.body, `<h1>${shell.en}</h1>`, `${shell.url}: its heading`)
    t.match(res.body, `<title>${shell.en} · `)
    t.match(res.body, '<meta name="robots" content="noindex">', `${shell.url}: not indexed`)
    t.notMatch(res.body, 'rel="canonical"')
    t.match(res.body, /<tribune-app>[\s\S]*<main id="main"/, 'inside the app, with the skip link target')
    t.match(res.body, /<script type="module" src="\/assets\/app-[A-Z0-9]+\.js"><\/script>/)
    t.match(res.body, /<html lang="en" data-theme="default">/)

    const fr = await a.inject({ url: `${shell.url}${shell.url.includes('?') ? '&' : '?'}lang=fr` })
    t.equal(fr.statusCode, 200)
    t.match(fr.body, `<h1>${shell.fr}</h1>`, `${shell.url}: in French with ?lang=fr`)
    t.match(fr.body, '<html lang="fr"')
  }
})

t.test('a member’s shell knows who they are and which theme they chose', async (t) => {
  const member = await makeMember(a, { handle: 'zoe' })
  const put = await a.inject({
    method: 'PUT',
    url: '/api/me/theme',
    headers: member.auth,
    payload: { theme: 'dark' },
  })
  t.equal(put.statusCode, 200, put.body)
  const res = await a.inject({ url: '/settings', headers: member.auth })
  t.equal(res.statusCode, 200)
  t.match(res.body, 'data-theme="dark"')
  t.match(res.body, /<link rel="stylesheet" href="\/assets\/tribune\.css\?theme=dark&amp;v=[0-9a-f]+">/)
  t.match(res.body, 'href="/u/zoe"')
})

t.test('a new topic in a category the reader cannot see, or that does not exist, is not found', async (t) => {
  const visitor = await a.inject({ url: '/c/le-club/new' })
  t.equal(visitor.statusCode, 404)
  t.match(visitor.headers['content-type'], /^text\/html/)
  t.notMatch(visitor.body, 'Le Club', 'nothing about the restricted category leaks')
  const member = await a.inject({ url: '/c/le-club/new', headers: insider.auth })
  t.equal(member.statusCode, 200, 'its group sees the shell')
  t.equal((await a.inject({ url: '/c/nowhere/new' })).statusCode, 404)
  const hostileSlug = await a.inject({ url: `/c/${encodeURIComponent(hostile)}/new` })
  t.equal(hostileSlug.statusCode, 404)
  t.notMatch(hostileSlug.body, '<script>alert(1)', 'the path is escaped where the page repeats it')
})

t.test('hostile and unknown query strings', async (t) => {
  const search = await a.inject({ url: `/search?q=${encodeURIComponent(hostile)}` })
  t.equal(search.statusCode, 200)
  t.notMatch(search.body, '<script>alert(1)', 'the terms are never written into the page')
  const login = await a.inject({ url: `/login?next=${encodeURIComponent(`//evil.example/${hostile}`)}` })
  t.equal(login.statusCode, 200)
  t.notMatch(login.body, 'evil.example', 'nor is where the login leads')

  const tracked = await a.inject({ url: '/register?utm_source=newsletter&lang=en' })
  t.equal(tracked.statusCode, 302, 'an unknown parameter redirects to the clean page')
  t.equal(tracked.headers.location, '/register?lang=en')
  const long = await a.inject({ url: `/search?q=${'a'.repeat(201)}` })
  t.equal(long.statusCode, 302, 'overlong terms too, rather than a JSON 400')
  t.equal(long.headers.location, '/search')
  const badLang = await a.inject({ url: '/settings?lang=de' })
  t.equal(badLang.statusCode, 302)
  t.equal(badLang.headers.location, '/settings')
})

t.test('the shells are in the OpenAPI document under the web tag', async (t) => {
  const doc = json(await a.inject({ url: '/api/openapi.json' }))
  for (const path of ['/search', '/login', '/register', '/settings', '/c/{slug}/new']) {
    t.same(doc.paths[path]?.get?.tags, ['web'], path)
    t.ok(doc.paths[path].get.responses['200'].content['text/html'], `${path}: HTML`)
  }
  const params = (path: string) =>
    (doc.paths[path].get.parameters as { name: string; in: string }[])
      .filter((p) => p.in === 'query')
      .map((p) => p.name)
      .sort()
  t.same(params('/search'), ['lang', 'q'])
  t.same(params('/login'), ['lang', 'next'])
  t.same(params('/register'), ['lang'])
})
