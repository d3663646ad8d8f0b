import type { Catalogue } from '../../shared/i18n.js'

type Status = 'going' | 'waitlisted' | 'maybe' | 'not_going'

/** The events pages' strings: one object per language, the same keys, checked by the compiler. */
export interface EventMessages {
  eventsTitle: string
  views: string
  list: string
  calendar: string
  subscribe: string
  subscribeHint: string
  upcoming: string
  noEvents: string
  noEventsMonth: string
  previousMonth: string
  nextMonth: string
  thisMonth: string
  eventsOn: (day: string, n: number) => string
  online: string
  where: string
  when: string
  localTime: (zone: string, when: string) => string
  hidden: string
  waitlisted: (position: number | null) => string
  going: (n: number, capacity: number | null) => string
  waitlist: (n: number) => string
  full: string
  placesLeft: (n: number) => string
  cancelled: string
  cancelledBecause: (reason: string) => string
  ended: string
  joinOnline: string
  addToCalendar: string
  rsvpTitle: string
  rsvpChoices: string
  choice: Record<Exclude<Status, 'waitlisted'>, string>
  yourAnswer: Record<Status, string>
  waitlistPosition: (position: number) => string
  noAnswer: string
  withdraw: string
  withdrawn: string
  rsvpClosed: string
  rsvpDeadline: (when: string) => string
  rsvpWhat: string
  rsvpSaved: Record<Status, string>
  staff: string
  attendees: string
  noAttendees: string
  exportCsv: string
  attendeeStatus: string
  attendeeName: string
  attendeeSince: string
  qa: string
  qaSwitch: string
  qaOpen: string
  qaClosed: string
  qaOpened: string
  qaClosedNow: string
  ask: string
  askLabel: string
  askWhat: string
  asked: string
  noQuestions: string
  votes: (n: number) => string
  /** Read after the vote count on the upvote button: "3" + " votes: upvote this question". */
  upvote: (n: number) => string
  answered: string
  markAnswered: string
  markUnanswered: string
  hide: string
  anonymous: string
  questionsUpdated: string
  needQuestion: string
}

export const eventMessages = {
  fr: {
    eventsTitle: 'Événements',
    views: 'Affichage',
    list: 'Liste',
    calendar: 'Calendrier',
    subscribe: 'S’abonner au calendrier',
    subscribeHint: 'Ajoutez ce lien à votre agenda : les événements s’y mettront à jour tout seuls.',
    upcoming: 'À venir',
    noEvents: 'Aucun événement à venir pour l’instant.',
    noEventsMonth: 'Aucun événement ce mois-ci.',
    previousMonth: 'Mois précédent',
    nextMonth: 'Mois suivant',
    thisMonth: 'Ce mois-ci',
    eventsOn: (day, n) => `${day} : ${n} événement${n > 1 ? 's' : ''}`,
    online: 'En ligne',
    where: 'Lieu',
    when: 'Date',
    localTime: (zone, when) => `Sur place (${zone}) : ${when}`,
    hidden: 'Masquée',
    waitlisted: (p) => (p ? `Liste d’attente (${p})` : 'Liste d’attente'),
    going: (n, capacity) =>
      capacity === null ? `${n} participant${n > 1 ? 's' : ''}` : `${n} / ${capacity} participants`,
    waitlist: (n) => `${n} en liste d’attente`,
    full: 'Complet — liste d’attente',
    placesLeft: (n) => `${n} place${n > 1 ? 's' : ''} restante${n > 1 ? 's' : ''}`,
    cancelled: 'Annulé',
    cancelledBecause: (reason) => `Événement annulé : ${reason}`,
    ended: 'Terminé',
    joinOnline: 'Rejoindre en ligne',
    addToCalendar: 'Ajouter à mon agenda (.ics)',
    rsvpTitle: 'Votre réponse',
    rsvpChoices: 'Répondre à l’invitation',
    choice: { going: 'Je viens', maybe: 'Peut-être', not_going: 'Je ne viens pas' },
    yourAnswer: {
      going: 'Vous êtes inscrit·e : à bientôt !',
      waitlisted: 'Vous êtes en liste d’attente.',
      maybe: 'Vous avez répondu « peut-être ».',
      not_going: 'Vous avez répondu que vous ne venez pas.',
    },
    waitlistPosition: (p) => `Position ${p} dans la liste d’attente.`,
    noAnswer: 'Vous n’avez pas encore répondu.',
    withdraw: 'Retirer ma réponse',
    withdrawn: 'Votre réponse est retirée.',
    rsvpClosed: 'Les réponses sont closes.',
    rsvpDeadline: (when) => `Réponses jusqu’au ${when}.`,
    rsvpWhat: 'répondre à cet événement',
    rsvpSaved: {
      going: 'Inscription confirmée.',
      waitlisted: 'C’est complet : vous êtes en liste d’attente.',
      maybe: 'Réponse enregistrée : peut-être.',
      not_going: 'Réponse enregistrée : vous ne venez pas.',
    },
    staff: 'Organisation',
    attendees: 'Participants',
    noAttendees: 'Personne n’a encore répondu.',
    exportCsv: 'Exporter les participants (CSV)',
    attendeeStatus: 'Réponse',
    attendeeName: 'Membre',
    attendeeSince: 'Depuis',
    qa: 'Questions-réponses',
    qaSwitch: 'Questions ouvertes',
    qaOpen: 'Les questions sont ouvertes : posez la vôtre, votez pour celles qui vous intéressent.',
    qaClosed: 'Les questions sont fermées.',
    qaOpened: 'Questions ouvertes.',
    qaClosedNow: 'Questions fermées.',
    ask: 'Poser la question',
    askLabel: 'Votre question',
    askWhat: 'poser une question',
    asked: 'Question envoyée.',
    noQuestions: 'Aucune question pour l’instant.',
    votes: (n) => `${n} vote${n > 1 ? 's' : ''}`,
    upvote: (n) => ` vote${n > 1 ? 's' : ''} : voter pour cette question`,
    answered: 'Répondu',
    markAnswered: 'Marquer comme répondue',
    markUnanswered: 'Marquer comme non répondue',
    hide: 'Masquer',
    anonymous: 'Un membre',
    questionsUpdated: 'Les questions ont été mises à jour.',
    needQuestion: 'Écrivez votre question.',
  },
  en: {
    eventsTitle: 'Events',
    views: 'View',
    list: 'List',
    calendar: 'Calendar',
    subscribe: 'Subscribe to the calendar',
    subscribeHint: 'Add this link to your calendar app: events stay up to date there.',
    upcoming: 'Upcoming',
    noEvents: 'No upcoming events yet.',
    noEventsMonth: 'No events this month.',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    thisMonth: 'This month',
    eventsOn: (day, n) => `${day}: ${n} event${n === 1 ? '' : 's'}`,
    online: 'Online',
    where: 'Where',
    when: 'When',
    localTime: (zone, when) => `Local time (${zone}): ${when}`,
    hidden: 'Hidden',
    waitlisted: (p) => (p ? `Waitlist (${p})` : 'Waitlist'),
    going: (n, capacity) => (capacity === null ? `${n} going` : `${n} / ${capacity} going`),
    waitlist: (n) => `${n} on the waitlist`,
    full: 'Full — waitlist',
    placesLeft: (n) => `${n} place${n === 1 ? '' : 's'} left`,
    cancelled: 'Cancelled',
    cancelledBecause: (reason) => `Event cancelled: ${reason}`,
    ended: 'Ended',
    joinOnline: 'Join online',
    addToCalendar: 'Add to my calendar (.ics)',
    rsvpTitle: 'Your answer',
    rsvpChoices: 'Answer the invitation',
    choice: { going: 'Going', maybe: 'Maybe', not_going: 'Not going' },
    yourAnswer: {
      going: 'You are going: see you there!',
      waitlisted: 'You are on the waitlist.',
      maybe: 'You answered maybe.',
      not_going: 'You answered that you are not going.',
    },
    waitlistPosition: (p) => `Position ${p} on the waitlist.`,
    noAnswer: 'You have not answered yet.',
    withdraw: 'Withdraw my answer',
    withdrawn: 'Your answer was withdrawn.',
    rsvpClosed: 'Answers are closed.',
    rsvpDeadline: (when) => `Answers until ${when}.`,
    rsvpWhat: 'answer this event',
    rsvpSaved: {
      going: 'You are going.',
      waitlisted: 'The event is full: you are on the waitlist.',
      maybe: 'Saved: maybe.',
      not_going: 'Saved: not going.',
    },
    staff: 'Organisers',
    attendees: 'Attendees',
    noAttendees: 'Nobody has answered yet.',
    exportCsv: 'Export attendees (CSV)',
    attendeeStatus: 'Answer',
    attendeeName: 'Member',
    attendeeSince: 'Since',
    qa: 'Questions and answers',
    qaSwitch: 'Questions open',
    qaOpen: 'Questions are open: ask yours, upvote the ones you want answered.',
    qaClosed: 'Questions are closed.',
    qaOpened: 'Questions opened.',
    qaClosedNow: 'Questions closed.',
    ask: 'Ask',
    askLabel: 'Your question',
    askWhat: 'ask a question',
    asked: 'Question sent.',
    noQuestions: 'No questions yet.',
    votes: (n) => `${n} vote${n === 1 ? '' : 's'}`,
    upvote: (n) => ` vote${n === 1 ? '' : 's'}: upvote this question`,
    answered: 'Answered',
    markAnswered: 'Mark answered',
    markUnanswered: 'Mark unanswered',
    hide: 'Hide',
    anonymous: 'A member',
    questionsUpdated: 'The questions were updated.',
    needQuestion: 'Write your question.',
  },
} satisfies Catalogue<EventMessages>
