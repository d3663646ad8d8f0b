import t from 'tap'
import { messages } from '../../client/app/messages.js'
import { type Notice, noticeHref, noticeText } from '../../client/app/tribune-app/notifications.js'

// What the notifications menu says of each kind, in both languages, and where each one leads.

const notice = (kind: string, data: Record<string, unknown> = {}, topicId: number | null = null): Notice => ({
  id: 1,
  kind,
  topicId,
  postId: null,
  by: null,
  topicTitle: null,
  read: false,
  data,
})

t.test('events, contests, challenges and badges are told in words, and link to their page', async (t) => {
  const cases: [Notice, string, string, string | null][] = [
    [
      notice('event.reminder', { title: 'Sortie', reminder: '1h', eventId: 4 }),
      'Reminder: “Sortie” starts in an hour',
      'Rappel : « Sortie » commence dans une heure',
      '/events/4',
    ],
    [
      notice('event.reminder', { title: 'Sortie', reminder: '24h', eventId: 4 }),
      'Reminder: “Sortie” starts tomorrow',
      'Rappel : « Sortie » commence demain',
      '/events/4',
    ],
    [
      notice('event.promoted', { eventId: 4 }),
      'A place freed up: you are going to the event',
      'Une place s’est libérée : vous participez à l’événement',
      '/events/4',
    ],
    [
      notice('event.cancelled', { title: 'Sortie', reason: 'Pluie', eventId: 4 }),
      'The event “Sortie” is cancelled — Pluie',
      'L’événement « Sortie » est annulé — Pluie',
      '/events/4',
    ],
    [
      notice('contest.won', { title: 'Photo', contestId: 2, topicId: 9 }),
      'You won the contest “Photo”!',
      'Vous avez gagné le concours « Photo » !',
      '/contests/2',
    ],
    [
      notice('challenge.completed', { title: 'Trois réponses', points: 20, challengeId: 3 }),
      'Challenge completed: “Trois réponses” (+20 points)',
      'Défi réussi : « Trois réponses » (+20 points)',
      '/challenges/3',
    ],
    [
      notice('badge.awarded', { nameEn: 'First challenge', nameFr: 'Premier défi', challengeId: 3 }),
      'New badge: First challenge',
      'Nouveau badge : Premier défi',
      '/challenges/3',
    ],
    [notice('something.new'), 'New notification', 'Nouvelle notification', null],
  ]
  for (const [n, en, fr, href] of cases) {
    t.equal(noticeText(n, messages.en, 'en'), en)
    t.equal(noticeText(n, messages.fr, 'fr'), fr)
    t.equal(noticeHref(n), href)
  }
  t.equal(noticeHref(notice('reply', {}, 7)), '/t/-/7', 'a reply leads to its topic')
})
