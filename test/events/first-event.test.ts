import t from 'tap'
import { build } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

// A community just installed has no category: its first event and first contest still go through
// with the fixed bodies of API.md, their discussions in an "events" and a "contests" category made
// on first need (and reused after).

t.test('the first event and contest of an empty community make their categories', async (t) => {
  const a = await build(t)
  const moderator = await makeMember(a, { role: 'moderator' })
  const now = Date.now()
  const iso = (ms: number) => new Date(now + ms).toISOString()
  const event = () =>
    a.inject({
      method: 'POST',
      url: '/api/events',
      headers: moderator.auth,
      payload: {
        title: 'Sortie du dimanche',
        description: 'On roule ensemble.',
        startsAt: iso(86_400_000),
        endsAt: iso(90_000_000),
        timeZone: 'Europe/Paris',
      },
    })
  const [first, second] = await Promise.all([event(), event()])
  t.equal(first.statusCode, 201, first.body)
  t.equal(second.statusCode, 201, second.body)
  const contest = await a.inject({
    method: 'POST',
    url: '/api/contests',
    headers: moderator.auth,
    payload: {
      title: 'Photo du mois',
      rules: 'Une photo par membre.',
      submissionsOpenAt: iso(0),
      votingOpensAt: iso(86_400_000),
      votingClosesAt: iso(2 * 86_400_000),
      votesPerMember: 1,
    },
  })
  t.equal(contest.statusCode, 201, contest.body)

  const categories = await a.db.selectFrom('categories').select(['id', 'slug']).orderBy('slug').execute()
  t.same(
    categories.map((c) => c.slug),
    ['contests', 'events'],
    'one category each, even for two first events at once',
  )
  const topicCategory = async (topicId: number) =>
    (await a.db.selectFrom('topics').select('categoryId').where('id', '=', topicId).executeTakeFirstOrThrow())
      .categoryId
  const events = categories.find((c) => c.slug === 'events')!.id
  t.equal(await topicCategory(first.json().event.topicId), events)
  t.equal(await topicCategory(second.json().event.topicId), events)
  t.equal(
    await topicCategory(contest.json().contest.topicId),
    categories.find((c) => c.slug === 'contests')!.id,
  )
  const audited = await a.db
    .selectFrom('auditLog')
    .select(['actorId'])
    .where('action', '=', 'category.created')
    .execute()
  t.same(
    audited.map((x) => x.actorId),
    [moderator.id, moderator.id],
    'audited as the moderator’s',
  )
})
