import t from 'tap'
import {
  type ClickFacts,
  matchRoute,
  safeNext,
  sameDocumentHash,
  shouldIntercept,
} from '../../client/app/router.js'
import { parseSnippet } from '../../client/app/snippet.js'

t.test('matchRoute: the server’s paths and the app’s own', async (t) => {
  t.same(matchRoute('/'), { name: 'home' })
  t.same(matchRoute('/c/general'), { name: 'category', slug: 'general' })
  t.same(matchRoute('/c/general/'), { name: 'category', slug: 'general' }, 'trailing slash tolerated')
  t.same(matchRoute('/c/general/new'), { name: 'new-topic', slug: 'general' })
  t.same(matchRoute('/t/hello-world/42'), { name: 'topic', slug: 'hello-world', id: 42 })
  t.same(matchRoute('/t/caf%C3%A9/7'), { name: 'topic', slug: 'café', id: 7 })
  t.same(matchRoute('/u/alice'), { name: 'profile', handle: 'alice' })
  t.same(matchRoute('/search', '?q=hello+world'), { name: 'search', q: 'hello world' })
  t.same(matchRoute('/search'), { name: 'search', q: '' })
  t.same(matchRoute('/login', '?next=/t/a/1'), { name: 'login', next: '/t/a/1' })
  t.same(matchRoute('/register'), { name: 'register' })
  t.same(matchRoute('/settings'), { name: 'settings' })
  for (const bad of [
    '/t/x/0',
    '/t/x/abc',
    '/t/x/1e3',
    '/t/x/99999999999999999',
    '/t/x',
    '/c',
    '/u',
    '/nope',
    '/c/a/b/c',
    '/u/%E0%A4%A',
    '/login/x',
  ])
    t.same(matchRoute(bad), { name: 'not-found' }, bad)
})

t.test('matchRoute: the moderation screens and the charter', async (t) => {
  t.same(matchRoute('/mod'), { name: 'mod', view: 'queue' })
  t.same(matchRoute('/mod/'), { name: 'mod', view: 'queue' })
  for (const view of ['appeals', 'audit', 'words', 'duty', 'crisis', 'charter'])
    t.same(matchRoute(`/mod/${view}`), { name: 'mod', view }, view)
  t.same(matchRoute('/mod/items/12'), { name: 'mod-item', id: 12 })
  t.same(matchRoute('/charter'), { name: 'charter', version: null })
  t.same(matchRoute('/charter/v/3'), { name: 'charter', version: 3 })
  for (const bad of [
    '/mod/queue',
    '/mod/nope',
    '/mod/items',
    '/mod/items/0',
    '/mod/items/abc',
    '/mod/items/99999999999999999',
    '/mod/items/1/x',
    '/mod/audit/x',
    '/charter/v',
    '/charter/v/0',
    '/charter/3',
    '/charter/v/1/x',
  ])
    t.same(matchRoute(bad), { name: 'not-found' }, bad)
})

t.test('matchRoute: events, contests, challenges and the leaderboard', async (t) => {
  t.same(matchRoute('/events'), { name: 'events', view: 'list', month: null })
  t.same(matchRoute('/events/'), { name: 'events', view: 'list', month: null })
  t.same(matchRoute('/events', '?view=calendar'), { name: 'events', view: 'calendar', month: null })
  t.same(matchRoute('/events', '?view=calendar&month=2026-03'), {
    name: 'events',
    view: 'calendar',
    month: '2026-03',
  })
  t.same(
    matchRoute('/events', '?view=grid&month=2026-13'),
    { name: 'events', view: 'list', month: null },
    'an unknown view or month falls back to the defaults',
  )
  t.same(matchRoute('/events/12'), { name: 'event', id: 12 })
  t.same(matchRoute('/contests'), { name: 'contests' })
  t.same(matchRoute('/contests/3'), { name: 'contest', id: 3 })
  t.same(matchRoute('/challenges'), { name: 'challenges' })
  t.same(matchRoute('/challenges/7/'), { name: 'challenge', id: 7 })
  t.same(matchRoute('/leaderboard'), { name: 'leaderboard', period: 'week' })
  t.same(matchRoute('/leaderboard', '?period=month'), { name: 'leaderboard', period: 'month' })
  t.same(matchRoute('/leaderboard', '?period=all'), { name: 'leaderboard', period: 'all' })
  t.same(matchRoute('/leaderboard', '?period=year'), { name: 'leaderboard', period: 'week' })
  for (const bad of [
    '/events/0',
    '/events/abc',
    '/events/99999999999999999',
    '/events/1/rsvp',
    '/contests/x',
    '/contests/1/entries',
    '/challenges/-1',
    '/leaderboard/week',
  ])
    t.same(matchRoute(bad), { name: 'not-found' }, bad)
})

t.test('matchRoute: the staff forms for events, contests and challenges', async (t) => {
  t.same(matchRoute('/events/new'), { name: 'event-new' })
  t.same(matchRoute('/events/new/'), { name: 'event-new' })
  t.same(matchRoute('/events/12/edit'), { name: 'event-edit', id: 12 })
  t.same(matchRoute('/contests/new'), { name: 'contest-new' })
  t.same(matchRoute('/challenges/new'), { name: 'challenge-new' })
  for (const bad of [
    '/events/new/edit',
    '/events/0/edit',
    '/events/x/edit',
    '/events/1/edit/more',
    '/contests/new/x',
    '/contests/1/edit',
    '/challenges/new/1',
    '/leaderboard/new',
  ])
    t.same(matchRoute(bad), { name: 'not-found' }, bad)
})

t.test('safeNext: a login only sends back to a local path', async (t) => {
  t.equal(safeNext('/t/a/1'), '/t/a/1')
  for (const bad of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '',
    null,
  ])
    t.equal(safeNext(bad), null, String(bad))
  t.same(matchRoute('/login', '?next=//evil.example'), { name: 'login', next: null })
})

const origin = 'https://community.example'
const click = (over: Partial<ClickFacts> = {}): ClickFacts => ({
  button: 0,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  defaultPrevented: false,
  href: `${origin}/c/general`,
  target: null,
  download: false,
  rel: null,
  ...over,
})

t.test('shouldIntercept: plain same-origin clicks only', async (t) => {
  t.equal(shouldIntercept(click(), origin)?.pathname, '/c/general')
  t.equal(shouldIntercept(click({ target: '_self' }), origin)?.pathname, '/c/general')
  t.equal(shouldIntercept(click({ href: `${origin}/search?q=x#top` }), origin)?.search, '?q=x')
  const refused: [string, Partial<ClickFacts>][] = [
    ['middle button', { button: 1 }],
    ['ctrl (new tab)', { ctrlKey: true }],
    ['cmd (new tab)', { metaKey: true }],
    ['shift (new window)', { shiftKey: true }],
    ['alt (download)', { altKey: true }],
    ['already handled', { defaultPrevented: true }],
    ['another target', { target: '_blank' }],
    ['download', { download: true }],
    ['rel external', { rel: 'noopener external' }],
    ['another origin', { href: 'https://elsewhere.example/c/general' }],
    ['another port', { href: 'https://community.example:8443/c/general' }],
    ['the API', { href: `${origin}/api/docs` }],
    ['an asset', { href: `${origin}/assets/tribune.css` }],
    ['the embed script', { href: `${origin}/embed.js` }],
    ['a language switch', { href: `${origin}/c/general?lang=fr` }],
    ['mailto', { href: 'mailto:someone@example.com' }],
    ['javascript:', { href: 'javascript:alert(1)' }],
  ]
  for (const [why, over] of refused) t.equal(shouldIntercept(click(over), origin), null, why)
})

t.test('sameDocumentHash: only the fragment changes', async (t) => {
  const here = new URL(`${origin}/t/a/1`)
  t.ok(sameDocumentHash(here, new URL(`${origin}/t/a/1#post-3`)))
  t.notOk(sameDocumentHash(here, new URL(`${origin}/t/a/2#post-3`)))
  t.notOk(sameDocumentHash(here, new URL(`${origin}/t/a/1`)))
})

t.test('parseSnippet: text runs and marks, nothing else becomes markup', async (t) => {
  t.same(parseSnippet('a <mark>cat</mark> &amp; a dog'), [
    { text: 'a ', mark: false },
    { text: 'cat', mark: true },
    { text: ' & a dog', mark: false },
  ])
  t.same(parseSnippet('&lt;img src=x onerror=alert(1)&gt; <mark>x</mark>'), [
    { text: '<img src=x onerror=alert(1)> ', mark: false },
    { text: 'x', mark: true },
  ])
  // Should the server ever let a tag through, it stays text.
  t.same(parseSnippet('<b onclick="x">hi</b>'), [{ text: '<b onclick="x">hi</b>', mark: false }])
  t.same(parseSnippet('&amp;lt;'), [{ text: '&lt;', mark: false }], 'unescaped once only')
})
