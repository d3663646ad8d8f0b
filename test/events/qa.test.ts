import t from 'tap'
import { makeCategory } from '../forum/helpers.js'
import { build } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { connect, listen } from '../live/helpers.js'
import { createEvent, eventBody, movableClock, type QuestionJson } from './helpers.js'

// The live Q&A: a moderator opens it, members ask and upvote (once each), moderators mark answered
// and hide; the list ranks by votes then age; every change reaches `event:<id>` live, whose
// followers are those who may see the event.

const clock = movableClock()
const a = await build(t, { clock: clock.read })
const url = await listen(a)
const moderator = await makeMember(a, { role: 'moderator' })
const asker = await makeMember(a)
const voters = await Promise.all(Array.from({ length: 30 }, () => makeMember(a)))
await makeCategory(a)
const group = await makeGroup(a, 'crew')
await makeCategory(a, { slug: 'crew', groups: [{ groupId: group, canPost: true }] })

const ask = (eventId: number, who: { auth: Record<string, string> }, body: string) =>
  a.inject({ method: 'POST', url: `/api/events/${eventId}/questions`, headers: who.auth, payload: { body } })
const vote = (
  eventId: number,
  qid: number,
  who: { auth: Record<string, string> },
  method: 'PUT' | 'DELETE' = 'PUT',
) => a.inject({ method, url: `/api/events/${eventId}/questions/${qid}/vote`, headers: who.auth })
const list = async (eventId: number, headers = {}) =>
  (await a.inject({ method: 'GET', url: `/api/events/${eventId}/questions`, headers })).json().items

t.test('closed Q&A, refused askers and voters', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now))
  const closed = await ask(event.id, asker, 'Is there coffee?')
  t.equal(closed.statusCode, 422)
  t.equal(closed.json().error.code, 'qa_closed')
  const open = await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: asker.auth,
    payload: { qaOpen: true },
  })
  t.equal(open.statusCode, 403, 'members cannot open it')
  await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: moderator.auth,
    payload: { qaOpen: true },
  })
  const anon = await a.inject({
    method: 'POST',
    url: `/api/events/${event.id}/questions`,
    payload: { body: 'Hi' },
  })
  t.equal(anon.statusCode, 401)
  const silenced = await makeMember(a, { silenced: true })
  t.equal((await ask(event.id, silenced, 'Hello')).statusCode, 403)
  t.equal((await ask(event.id, asker, '   ')).statusCode, 400)
  t.equal((await ask(event.id, asker, 'x'.repeat(1001))).statusCode, 400)
  const q = (await ask(event.id, asker, 'Is there **coffee**?')).json().question
  t.match(q, { votes: 0, answered: false, hidden: false, author: { id: asker.id } })
  t.match(q.html, /<strong>coffee<\/strong>/)
  const own = await vote(event.id, q.id, asker)
  t.equal(own.statusCode, 422)
  t.equal(own.json().error.code, 'own_question')
  t.equal((await vote(event.id, q.id, { auth: {} })).statusCode, 401)
  t.equal((await vote(event.id, 999_999, voters[0]!)).statusCode, 404)
  t.equal((await vote(999_999, q.id, voters[0]!)).statusCode, 404)

  const group_event = await createEvent(a, moderator, eventBody(clock.now, { groupId: group, qaOpen: true }))
  t.equal((await ask(group_event.id, asker, 'Can I come?')).statusCode, 404, 'outside the group: 404')
  t.equal((await a.inject({ method: 'GET', url: `/api/events/${group_event.id}/questions` })).statusCode, 404)
})

t.test('votes once each, ranking, answered and hidden, all live', async (t) => {
  const event = await createEvent(a, moderator, eventBody(clock.now, { qaOpen: true }))
  const channel = `event:${event.id}`
  const watcher = await connect(t, url)
  t.match(await watcher.subscribe(channel), { op: 'subscribed' }, 'visitors follow a public event')

  const first = (await ask(event.id, asker, 'First question')).json().question
  const second = (await ask(event.id, voters[0]!, 'Second question')).json().question
  const created = await watcher.next(
    (f) => f.type === 'question.created' && f.data.question.id === second.id,
    5_000,
    true,
  )
  t.match(created.data.question, { body: 'Second question', votes: 0 })

  // Thirty members upvote the second at once, each twice: thirty votes, not sixty.
  const votes = await Promise.all(
    voters.slice(1).flatMap((v) => [vote(event.id, second.id, v), vote(event.id, second.id, v)]),
  )
  t.ok(
    votes.every((r) => r.statusCode === 200),
    'every vote answered',
  )
  const row = await a.db
    .selectFrom('eventQuestions')
    .select('voteCount')
    .where('id', '=', second.id)
    .executeTakeFirstOrThrow()
  t.equal(row.voteCount, voters.length - 1, 'one vote per member')
  const votesRows = await a.db
    .selectFrom('eventQuestionVotes')
    .select('userId')
    .where('questionId', '=', second.id)
    .execute()
  t.equal(votesRows.length, voters.length - 1)
  await vote(event.id, first.id, voters[1]!)
  const items = await list(event.id, voters[1]!.auth)
  t.same(
    items.map((q: QuestionJson) => [q.id, q.votes, q.voted]),
    [
      [second.id, voters.length - 1, true],
      [first.id, 1, true],
    ],
    'most upvoted first; the reader’s own votes shown',
  )
  const unvoted = await vote(event.id, second.id, voters[1]!, 'DELETE')
  t.match(unvoted.json().question, { votes: voters.length - 2, voted: false })
  t.match((await vote(event.id, second.id, voters[1]!, 'DELETE')).json().question, {
    votes: voters.length - 2,
  })

  const updated = watcher.next((f) => f.type === 'question.updated' && f.data.question.answered === true)
  const answered = await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}/questions/${second.id}`,
    headers: moderator.auth,
    payload: { answered: true },
  })
  t.equal(answered.statusCode, 200)
  t.match((await updated).data.question, { id: second.id, answered: true })

  const notMod = await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}/questions/${first.id}`,
    headers: asker.auth,
    payload: { hidden: true },
  })
  t.equal(notMod.statusCode, 403)
  const retracted = watcher.next((f) => f.type === 'question.hidden')
  await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}/questions/${first.id}`,
    headers: moderator.auth,
    payload: { hidden: true, reason: 'Off topic' },
  })
  t.same((await retracted).data, { questionId: first.id })
  t.same(
    (await list(event.id)).map((q: QuestionJson) => q.id),
    [second.id],
    'hidden questions leave members’ lists',
  )
  t.same(
    (await list(event.id, moderator.auth)).map((q: QuestionJson) => [q.id, q.hidden]),
    [
      [second.id, false],
      [first.id, true],
    ],
    'moderators still see them',
  )
  t.equal((await vote(event.id, first.id, voters[2]!)).statusCode, 404, 'a hidden question takes no votes')

  // A reader coming back replays the channel: the hidden question comes back retracted, never its text.
  const late = await connect(t, url)
  late.send({ op: 'subscribe', channel, since: 0 })
  await late.next((f) => f.op === 'subscribed' && f.channel === channel)
  const replayed = late.events(channel)
  t.notOk(
    replayed.some((f) => JSON.stringify(f.data).includes('First question')),
    'no text of the hidden question in the replay',
  )
  t.ok(replayed.some((f) => f.type === 'question.hidden' && f.data.questionId === first.id))

  const audit = await a.db
    .selectFrom('auditLog')
    .select(['action', 'reason'])
    .where('targetType', '=', 'event_question')
    .orderBy('id')
    .execute()
  t.same(audit, [
    { action: 'event.question_answered', reason: '' },
    { action: 'event.question_hidden', reason: 'Off topic' },
  ])

  // Closing the Q&A stops questions and votes.
  await a.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: moderator.auth,
    payload: { qaOpen: false },
  })
  t.equal((await ask(event.id, asker, 'Too late?')).json().error.code, 'qa_closed')
  t.equal((await vote(event.id, second.id, voters[3]!)).json().error.code, 'qa_closed')
})

t.test('the event channel: who may follow it, and RSVP counts live', async (t) => {
  const members = await createEvent(
    a,
    moderator,
    eventBody(clock.now, { visibility: 'members', capacity: 5 }),
  )
  const visitor = await connect(t, url)
  t.match(await visitor.subscribe(`event:${members.id}`), { op: 'error', code: 'not_found' })
  const reader = await connect(t, url, { token: asker.token })
  t.match(await reader.subscribe(`event:${members.id}`), { op: 'subscribed' })
  t.match(await reader.subscribe('event:999999'), { op: 'error', code: 'not_found' })
  const counted = reader.next((f) => f.type === 'rsvp.changed')
  await a.inject({
    method: 'PUT',
    url: `/api/events/${members.id}/rsvp`,
    headers: voters[4]!.auth,
    payload: { status: 'going' },
  })
  t.match((await counted).data, { eventId: members.id, goingCount: 1, placesLeft: 4 })

  // Made a group event: the reader outside the group is cut off.
  const cut = reader.next((f) => f.op === 'unsubscribed')
  const crewCategory = (await a.app.categories.all()).find((c) => c.slug === 'crew')!
  const topic = members.topicId
  await a.inject({
    method: 'PATCH',
    url: `/api/topics/${topic}`,
    headers: moderator.auth,
    payload: { categoryId: crewCategory.id },
  })
  const regrouped = await a.inject({
    method: 'PATCH',
    url: `/api/events/${members.id}`,
    headers: moderator.auth,
    payload: { groupId: group },
  })
  t.equal(regrouped.statusCode, 200, regrouped.body)
  t.equal(regrouped.json().event.visibility, 'group')
  t.match(await cut, { channel: `event:${members.id}`, reason: 'forbidden' })
})
