import t from 'tap'
import { assertRefused } from '../api/refused.js'
import { build, json } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'
import { day, type Json, ledgerSum, makeChallenge, notificationsOf } from './helpers.js'

// Challenges completed by a reviewed submission: members submit once per period (again after a
// rejection), moderators approve (completion, points, badges in one transaction) or reject with a
// reason; every review is audited and the member told.

const a = await build(t)
const mod = await makeMember(a, { role: 'moderator' })
const otherMod = await makeMember(a, { role: 'moderator' })
const member = await makeMember(a)
const silenced = await makeMember(a, { silenced: true })
const photo = await makeChallenge(a, mod, {
  title: 'Photo of your ride',
  points: 50,
  recurrence: 'monthly',
  badge: { slug: 'photographer', nameEn: 'Photographer', nameFr: 'Photographe', icon: 'camera' },
})
const send = (who: Member | null, id: number, payload: object) =>
  a.inject({ method: 'POST', url: `/api/challenges/${id}/submissions`, headers: who?.auth ?? {}, payload })
const reviewAs = (who: Member | null, id: number, payload: object) =>
  a.inject({
    method: 'POST',
    url: `/api/challenge-submissions/${id}/review`,
    headers: who?.auth ?? {},
    payload,
  })
const list = (who: Member | null, id: number, q = '') =>
  a.inject({ method: 'GET', url: `/api/challenges/${id}/submissions${q}`, headers: who?.auth ?? {} })

t.test('submitting: the refused side', async (t) => {
  const activity = await makeChallenge(a, mod, { rule: { action: 'topic', count: 1 } })
  const upcoming = await makeChallenge(a, mod, { startsAt: new Date(Date.now() + day).toISOString() })
  const body = { text: 'Here it is' }
  assertRefused(t, await send(null, photo.id, body), 401)
  assertRefused(t, await send(silenced, photo.id, body), 403, 'silenced')
  assertRefused(t, await send(member, 999999, body), 404)
  assertRefused(t, await send(member, activity.id, body), 422, 'not_by_submission')
  assertRefused(t, await send(member, upcoming.id, body), 422, 'challenge_not_open')
  assertRefused(t, await send(member, photo.id, { text: '' }), 400)
  assertRefused(t, await send(member, photo.id, { text: 'x', extra: true }), 400)
  assertRefused(
    t,
    await send(member, photo.id, { text: 'x', link: 'javascript:alert(1)' }),
    422,
    'invalid_link',
  )
  assertRefused(t, await send(member, photo.id, { text: 'x', link: 'not a url' }), 422, 'invalid_link')
  t.equal((await a.db.selectFrom('challengeSubmissions').select('id').execute()).length, 0, 'nothing written')
})

t.test('a member submits once per period; moderators list; members may not', async (t) => {
  const res = await send(member, photo.id, {
    text: 'My **ride** <img src=x onerror=alert(1)>',
    link: 'https://example.org/ride',
  })
  t.equal(res.statusCode, 201)
  const s = json(res).submission
  t.match(s, {
    challengeId: photo.id,
    status: 'pending',
    link: 'https://example.org/ride',
    author: { id: member.id },
  })
  t.match(s.html, /<strong>ride<\/strong>/)
  t.notMatch(s.html, /onerror/, 'sanitised')
  assertRefused(t, await send(member, photo.id, { text: 'Again' }), 409, 'already_submitted')
  const mine = json(
    await a.inject({ method: 'GET', url: `/api/challenges/${photo.id}`, headers: member.auth }),
  )
  t.match(mine.challenge.progress, { completed: false, submission: { id: s.id, status: 'pending' } })
  t.equal(mine.challenge.can.submit, false, 'nothing more to submit while pending')
  assertRefused(t, await list(null, photo.id), 401)
  assertRefused(t, await list(member, photo.id), 403)
  assertRefused(t, await list(mod, 999999), 404)
  assertRefused(t, await list(mod, photo.id, '?status=maybe'), 400)
  const pending = json(await list(mod, photo.id, '?status=pending'))
  t.same(
    pending.items.map((x: Json) => x.id),
    [s.id],
  )
  t.same(json(await list(mod, photo.id, '?status=approved')).items, [])
})

t.test('reviewing: the refused side', async (t) => {
  const s = json(await list(mod, photo.id, '?status=pending')).items[0]
  assertRefused(t, await reviewAs(null, s.id, { decision: 'approve' }), 401)
  assertRefused(t, await reviewAs(member, s.id, { decision: 'approve' }), 403)
  assertRefused(t, await reviewAs(mod, 999999, { decision: 'approve' }), 404)
  assertRefused(t, await reviewAs(mod, s.id, { decision: 'maybe' }), 400)
  assertRefused(t, await reviewAs(mod, s.id, { decision: 'reject' }), 422, 'reason_required')
  const own = json(await send(otherMod, photo.id, { text: 'Mine' })).submission
  assertRefused(t, await reviewAs(otherMod, own.id, { decision: 'approve' }), 403, 'self_review')
  t.equal(
    (
      await a.db
        .selectFrom('challengeSubmissions')
        .select('status')
        .where('id', '=', s.id)
        .executeTakeFirstOrThrow()
    ).status,
    'pending',
  )
})

t.test('a rejection says why; the member may try again', async (t) => {
  const s = json(await list(mod, photo.id, '?status=pending')).items.find(
    (x: Json) => x.author.id === member.id,
  )
  const res = await reviewAs(mod, s.id, { decision: 'reject', reason: 'The photo is missing.' })
  t.equal(res.statusCode, 200)
  t.match(json(res).submission, {
    status: 'rejected',
    reviewReason: 'The photo is missing.',
    reviewedBy: { id: mod.id },
  })
  assertRefused(t, await reviewAs(otherMod, s.id, { decision: 'approve' }), 409, 'already_reviewed')
  const told = await notificationsOf(a, member, 'challenge.submission_reviewed')
  t.match(told[0]!.data, { challengeId: photo.id, status: 'rejected', reason: 'The photo is missing.' })
  const audit = await a.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'challenge.submission_rejected')
    .execute()
  t.match(audit, [
    {
      actorId: mod.id,
      targetType: 'challenge_submission',
      targetId: String(s.id),
      reason: 'The photo is missing.',
    },
  ])
  t.equal(await ledgerSum(a, member.id), 0)
  t.equal(
    json(await a.inject({ method: 'GET', url: `/api/challenges/${photo.id}`, headers: member.auth }))
      .challenge.can.submit,
    true,
  )
  t.equal((await send(member, photo.id, { text: 'With the photo this time' })).statusCode, 201)
})

t.test('an approval completes the challenge: points, badges, notices, audit, all once', async (t) => {
  const s = json(await list(mod, photo.id, '?status=pending')).items.find(
    (x: Json) => x.author.id === member.id,
  )
  const [one, two] = await Promise.all([
    reviewAs(mod, s.id, { decision: 'approve' }),
    reviewAs(otherMod, s.id, { decision: 'approve', reason: 'Lovely.' }),
  ])
  t.same([one.statusCode, two.statusCode].sort(), [200, 409], 'two moderators at once: one review')
  const completions = await a.db
    .selectFrom('challengeCompletions')
    .selectAll()
    .where('userId', '=', member.id)
    .execute()
  t.match(completions, [{ challengeId: photo.id, via: 'submission', submissionId: s.id, points: 50 }])
  t.equal(await ledgerSum(a, member.id), 50)
  const badges = await a.db
    .selectFrom('userBadges as ub')
    .innerJoin('badges as b', 'b.id', 'ub.badgeId')
    .select(['b.slug', 'ub.source'])
    .where('ub.userId', '=', member.id)
    .orderBy('ub.id')
    .execute()
  t.same(badges, [
    { slug: 'first-challenge', source: 'milestone:first-challenge' },
    { slug: 'photographer', source: `challenge:${photo.id}` },
  ])
  t.same((await notificationsOf(a, member, 'badge.awarded')).map((n) => n.data!.slug).sort(), [
    'first-challenge',
    'photographer',
  ])
  t.equal((await notificationsOf(a, member, 'challenge.completed')).length, 1)
  t.equal(
    (
      await a.db
        .selectFrom('auditLog')
        .select('id')
        .where('action', '=', 'challenge.submission_approved')
        .execute()
    ).length,
    1,
  )
  const mine = json(
    await a.inject({ method: 'GET', url: `/api/challenges/${photo.id}/progress`, headers: member.auth }),
  )
  t.match(mine.progress, { completed: true, count: 1, target: 1, submission: { status: 'approved' } })
  assertRefused(t, await send(member, photo.id, { text: 'Once more' }), 409, 'already_completed')
})
