import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { makeCategory } from './helpers.js'

// The community pages' addresses (events, contests, challenges, the leaderboard) survive a reload
// and a shared link: the server answers each with the site's shell, and an event with a page of its
// own that search engines read (schema.org Event), indexed only when the event is public.

const a = await build(t, { env: { PUBLIC_URL: 'https://club.example.test' } })
const admin = await makeMember(a, { role: 'admin' })
const mod = await makeMember(a, { role: 'moderator' })
const vip = await makeGroup(a, 'vip-events')
const insider = await makeMember(a, { groups: [vip] })
await makeCategory(a, admin, 'general', { name: 'General' })
await makeCategory(a, admin, 'vip-only', { name: 'VIP', groups: [vip] })

async function createEvent(body: Record<string, unknown>) {
  const start = new Date(Date.now() + 3 * 86_400_000)
  const res = await a.inject({
    method: 'POST',
    url: '/api/events',
    headers: mod.auth,
    payload: {
      title: 'Sunday ride',
      description: 'We ride **together** to Villefranche.',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
      timeZone: 'Europe/Paris',
      location: 'Place Masséna, Nice',
      capacity: 12,
      ...body,
    },
  })
  if (res.statusCode !== 201) throw new Error(`event: ${res.statusCode} ${res.body}`)
  return json(res).event as { id: number; url: string }
}

const shells = [
  { url: '/events', en: 'Events', fr: 'Événements' },
  { url: '/events?view=calendar&month=2026-03', en: 'Events', fr: 'Événements' },
  { url: '/contests', en: 'Contests', fr: 'Concours' },
  { url: '/contests/12', en: 'Contest', fr: 'Concours' },
  { url: '/challenges', en: 'Challenges', fr: 'Défis' },
  { url: '/challenges/3', en: 'Challenge', fr: 'Défi' },
  { url: '/leaderboard?period=month', en: 'Leaderboard', fr: 'Classement' },
  // The staff forms (the app shows them to moderators only).
  { url: '/events/new', en: 'New event', fr: 'Nouvel événement' },
  { url: '/events/12/edit', en: 'Edit the event', fr: 'Modifier l’événement' },
  { url: '/contests/new', en: 'New contest', fr: 'Nouveau concours' },
  { url: '/challenges/new', en: 'New challenge', fr: 'Nouveau défi' },
]

t.test('each community view has a page shell in both languages, not indexed', async (t) => {
  for (const shell of shells) {
    const res = await a.inject({ url: shell.url, headers: { 'accept-language': 'en-GB,en;q=0.9' } })
    t.equal(res.statusCode, 200, shell.url)
    t.match(res.headers['content-type'], /^text\/html/)
    t.match(res.body, `<h1>${shell.en}</h1>`, `${shell.url}: its heading`)
    t.match(res.body, '<meta name="robots" content="noindex">')
    t.match(res.body, /<tribune-app>[\s\S]*<main id="main"/)
    const fr = await a.inject({ url: `${shell.url}${shell.url.includes('?') ? '&' : '?'}lang=fr` })
    t.match(fr.body, `<h1>${shell.fr}</h1>`, `${shell.url}: in French`)
  }
})

t.test('unknown or malformed query values redirect to the clean page', async (t) => {
  for (const [url, to] of [
    ['/events?view=grid', '/events'],
    ['/events?month=2026-13&lang=en', '/events?lang=en'],
    ['/leaderboard?period=year', '/leaderboard'],
    ['/contests?utm_source=x', '/contests'],
  ] as const) {
    const res = await a.inject({ url })
    t.equal(res.statusCode, 302, url)
    t.equal(res.headers.location, to, url)
  }
  for (const url of ['/contests/0', '/challenges/abc', '/events/99999999999999999', '/events/0/edit'])
    t.equal((await a.inject({ url })).statusCode, 404, url)
})

t.test('an event’s own page: its facts, description and schema.org Event data', async (t) => {
  const event = await createEvent({ onlineUrl: 'https://meet.example/ride' })
  const res = await a.inject({ url: event.url, headers: { 'accept-language': 'en' } })
  t.equal(res.statusCode, 200)
  t.match(res.body, '<h1>Sunday ride</h1>')
  t.match(res.body, '<strong>together</strong>', 'the description, rendered')
  t.match(res.body, `<link rel="canonical" href="https://club.example.test/events/${event.id}">`)
  t.match(res.body, `href="/api/events/${event.id}/ics"`)
  const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)![1]!)
  t.match(ld, {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: 'Sunday ride',
    url: `https://club.example.test/events/${event.id}`,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
    maximumAttendeeCapacity: 12,
    remainingAttendeeCapacity: 12,
  })
  t.same(
    ld.location.map((l: { '@type': string }) => l['@type']),
    ['Place', 'VirtualLocation'],
  )
  t.match(ld.startDate, /^\d{4}-\d\d-\d\dT/)
  const fr = await a.inject({ url: `${event.url}?lang=fr` })
  t.match(fr.body, 'Ajouter à mon agenda')

  const cancelled = await createEvent({ title: 'Rained off' })
  await a.inject({
    method: 'POST',
    url: `/api/events/${cancelled.id}/cancel`,
    headers: mod.auth,
    payload: { reason: '<b>Storm</b> warning' },
  })
  const off = await a.inject({ url: cancelled.url, headers: { 'accept-language': 'en' } })
  t.match(off.body, 'Event cancelled')
  t.match(off.body, '&lt;b&gt;Storm&lt;/b&gt; warning', 'the reason is text, escaped')
  t.match(off.body, '"eventStatus":"https://schema.org/EventCancelled"')
})

t.test('a group’s event: its members read it (not indexed), others find nothing', async (t) => {
  const event = await createEvent({ title: 'VIP dinner', visibility: 'group', groupId: vip })
  const outsider = await a.inject({ url: event.url })
  t.equal(outsider.statusCode, 404)
  t.notMatch(outsider.body, 'VIP dinner')
  const member = await a.inject({ url: event.url, headers: insider.auth })
  t.equal(member.statusCode, 200)
  t.match(member.body, '<h1>VIP dinner</h1>')
  t.match(member.body, '<meta name="robots" content="noindex">')
  t.equal((await a.inject({ url: '/events/424242' })).statusCode, 404)
})

t.test('the community pages are in the OpenAPI document under the web tag', async (t) => {
  const doc = json(await a.inject({ url: '/api/openapi.json' }))
  for (const path of [
    '/events',
    '/events/{id}',
    '/contests',
    '/contests/{id}',
    '/challenges',
    '/challenges/{id}',
    '/leaderboard',
  ])
    t.same(doc.paths[path]?.get?.tags, ['web'], path)
})
