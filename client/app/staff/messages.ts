import type { Catalogue } from '../../shared/i18n.js'

type Visibility = 'public' | 'members' | 'group'
type VotingMode = 'members' | 'jury' | 'both'
type TieBreak = 'earliest_entry' | 'jury' | 'shared'
type Recurrence = 'none' | 'weekly' | 'monthly'
type Action = 'reply' | 'topic' | 'reaction_received'

/** The staff forms' strings (new and edited events, contests, challenges; reviews). Same keys in each language. */
export interface StaffMessages {
  forbidden: string
  optional: string
  required: string
  save: string
  close: string
  saving: string
  defaultChoice: string
  timeZone: string
  timeZoneHint: string
  localHint: (zone: string) => string
  badTime: (field: string) => string
  endBeforeStart: string
  markdownHint: string
  // Events
  newEvent: string
  editEvent: string
  createEvent: string
  title: string
  description: string
  startsAt: string
  endsAt: string
  location: string
  onlineUrl: string
  onlineUrlHint: string
  capacity: string
  capacityHint: string
  rsvpDeadline: string
  rsvpDeadlineHint: string
  visibility: string
  visibilities: Record<Visibility, string>
  group: string
  needGroup: string
  category: string
  qaOpen: string
  eventCreated: string
  eventSaved: string
  edit: string
  cancelEvent: string
  cancelReason: string
  cancelReasonHint: string
  confirmCancel: string
  keepEvent: string
  eventCancelled: string
  // Contests
  newContest: string
  createContest: string
  rules: string
  submissionsOpenAt: string
  votingOpensAt: string
  votingClosesAt: string
  resultsAt: string
  resultsAtHint: string
  datesOrder: string
  votesPerMember: string
  entriesPerMember: string
  votingMode: string
  votingModes: Record<VotingMode, string>
  jurors: string
  jurorsHint: string
  criteria: string
  criteriaHint: string
  badCriteria: string
  juryWeight: string
  juryWeightHint: string
  tieBreak: string
  tieBreaks: Record<TieBreak, string>
  eligibility: string
  minAccountAgeDays: string
  minTrustLevel: string
  groups: string
  editDates: string
  editDatesReason: string
  datesSaved: string
  // Challenges
  newChallenge: string
  createChallenge: string
  points: string
  recurrence: string
  recurrences: Record<Recurrence, string>
  endsAtOptional: string
  completion: string
  completionRule: string
  completionReview: string
  ruleAction: string
  actions: Record<Action, string>
  ruleCount: string
  ruleCategory: string
  anyCategory: string
  badge: string
  badgeHint: string
  badgeSlug: string
  badgeNameEn: string
  badgeNameFr: string
  pendingSubmissions: string
  noPending: string
  submittedBy: (name: string) => string
  approve: string
  reject: string
  rejectReason: string
  needReason: string
  approved: string
  rejected: string
  // Jury
  scoring: string
  scoreFor: (criterion: string) => string
  saveScores: string
  scoresSaved: string
  noEntriesToScore: string
}

export const staffMessages = {
  fr: {
    forbidden: 'Seuls les modérateurs peuvent utiliser ce formulaire.',
    optional: '(facultatif)',
    required: '(obligatoire)',
    save: 'Enregistrer',
    close: 'Fermer',
    saving: 'Enregistrement…',
    defaultChoice: 'Par défaut',
    timeZone: 'Fuseau horaire',
    timeZoneHint: 'Les dates et heures ci-dessous sont lues dans ce fuseau.',
    localHint: (zone) => `Heure locale, fuseau ${zone}.`,
    badTime: (field) => `« ${field} » n’est pas une date et une heure valides.`,
    endBeforeStart: 'La fin doit venir après le début.',
    markdownHint: 'Markdown accepté.',
    newEvent: 'Nouvel événement',
    editEvent: 'Modifier l’événement',
    createEvent: 'Créer l’événement',
    title: 'Titre',
    description: 'Description',
    startsAt: 'Début',
    endsAt: 'Fin',
    location: 'Lieu',
    onlineUrl: 'Lien pour participer en ligne',
    onlineUrlHint: 'Une adresse http ou https.',
    capacity: 'Nombre de places',
    capacityHint: 'Vide : illimité. Au-delà, les inscrits passent en liste d’attente.',
    rsvpDeadline: 'Date limite d’inscription',
    rsvpDeadlineHint: 'Au plus tard au début de l’événement.',
    visibility: 'Visibilité',
    visibilities: {
      public: 'Publique (visiteurs compris)',
      members: 'Membres connectés',
      group: 'Un groupe',
    },
    group: 'Groupe',
    needGroup: 'Choisissez le groupe.',
    category: 'Catégorie de la discussion',
    qaOpen: 'Ouvrir les questions tout de suite',
    eventCreated: 'Événement créé.',
    eventSaved: 'Événement enregistré.',
    edit: 'Modifier',
    cancelEvent: 'Annuler l’événement',
    cancelReason: 'Motif, transmis aux participants',
    cancelReasonHint: 'Les inscrits sont prévenus.',
    confirmCancel: 'Confirmer l’annulation',
    keepEvent: 'Ne pas annuler',
    eventCancelled: 'Événement annulé.',
    newContest: 'Nouveau concours',
    createContest: 'Créer le concours',
    rules: 'Règlement',
    submissionsOpenAt: 'Ouverture des participations',
    votingOpensAt: 'Ouverture des votes',
    votingClosesAt: 'Clôture des votes',
    resultsAt: 'Résultats au plus tard',
    resultsAtHint: 'Avec un jury : les résultats sortent quand tout est noté, ou à cette date.',
    datesOrder: 'Les dates doivent se suivre : participations, ouverture puis clôture des votes.',
    votesPerMember: 'Votes par membre',
    entriesPerMember: 'Participations par membre',
    votingMode: 'Qui départage',
    votingModes: { members: 'Les votes des membres', jury: 'Un jury', both: 'Les membres et un jury' },
    jurors: 'Jurés (identifiants de membres)',
    jurorsHint: 'Numéros séparés par des virgules, par exemple 12, 40.',
    criteria: 'Critères du jury',
    criteriaHint: 'Un par ligne : identifiant puis nom, par exemple « originalite: Originalité ».',
    badCriteria:
      'Critères : une ligne « identifiant: nom » chacun, l’identifiant en minuscules, chiffres, - ou _.',
    juryWeight: 'Part du jury (0 à 1)',
    juryWeightHint: 'Avec membres et jury : la part de la note du jury dans le score final.',
    tieBreak: 'En cas d’égalité',
    tieBreaks: {
      earliest_entry: 'La participation la plus ancienne passe devant',
      jury: 'La note du jury départage',
      shared: 'Rang partagé',
    },
    eligibility: 'Qui peut participer et voter',
    minAccountAgeDays: 'Ancienneté minimale du compte (jours)',
    minTrustLevel: 'Niveau de confiance minimal',
    groups: 'Réservé aux groupes',
    editDates: 'Modifier les dates',
    editDatesReason: 'Motif (journal de modération)',
    datesSaved: 'Dates enregistrées.',
    newChallenge: 'Nouveau défi',
    createChallenge: 'Créer le défi',
    points: 'Points',
    recurrence: 'Répétition',
    recurrences: { none: 'Une seule fois', weekly: 'Chaque semaine', monthly: 'Chaque mois' },
    endsAtOptional: 'Fin',
    completion: 'Comment le défi est réussi',
    completionRule: 'Par l’activité sur le forum',
    completionReview: 'Par une contribution validée par un modérateur',
    ruleAction: 'Activité comptée',
    actions: {
      reply: 'Réponses à des sujets d’autres membres',
      topic: 'Sujets lancés',
      reaction_received: 'Réactions reçues',
    },
    ruleCount: 'Nombre à atteindre',
    ruleCategory: 'Dans la catégorie',
    anyCategory: 'Toutes',
    badge: 'Badge gagné',
    badgeHint:
      'Un nouveau badge a besoin de ses noms en français et en anglais ; un badge existant, de son identifiant seul.',
    badgeSlug: 'Identifiant du badge',
    badgeNameEn: 'Nom du badge en anglais',
    badgeNameFr: 'Nom du badge en français',
    pendingSubmissions: 'Contributions à valider',
    noPending: 'Aucune contribution en attente.',
    submittedBy: (name) => `Envoyée par ${name}`,
    approve: 'Valider',
    reject: 'Refuser',
    rejectReason: 'Motif du refus (lu par le membre)',
    needReason: 'Donnez le motif du refus.',
    approved: 'Contribution validée.',
    rejected: 'Contribution refusée.',
    scoring: 'Notation du jury',
    scoreFor: (criterion) => `Note pour « ${criterion} » (0 à 10)`,
    saveScores: 'Enregistrer les notes',
    scoresSaved: 'Notes enregistrées.',
    noEntriesToScore: 'Aucune participation à noter.',
  },
  en: {
    forbidden: 'Only moderators may use this form.',
    optional: '(optional)',
    required: '(required)',
    save: 'Save',
    close: 'Close',
    saving: 'Saving…',
    defaultChoice: 'Default',
    timeZone: 'Time zone',
    timeZoneHint: 'The dates and times below are read in this zone.',
    localHint: (zone) => `Local time, ${zone} zone.`,
    badTime: (field) => `“${field}” is not a valid date and time.`,
    endBeforeStart: 'The end must come after the start.',
    markdownHint: 'Markdown accepted.',
    newEvent: 'New event',
    editEvent: 'Edit the event',
    createEvent: 'Create the event',
    title: 'Title',
    description: 'Description',
    startsAt: 'Starts',
    endsAt: 'Ends',
    location: 'Place',
    onlineUrl: 'Link to join online',
    onlineUrlHint: 'An http or https address.',
    capacity: 'Places',
    capacityHint: 'Empty: unlimited. Past it, members are waitlisted.',
    rsvpDeadline: 'RSVP deadline',
    rsvpDeadlineHint: 'At the latest when the event starts.',
    visibility: 'Visibility',
    visibilities: { public: 'Public (visitors included)', members: 'Signed-in members', group: 'A group' },
    group: 'Group',
    needGroup: 'Choose the group.',
    category: 'Discussion category',
    qaOpen: 'Open questions now',
    eventCreated: 'Event created.',
    eventSaved: 'Event saved.',
    edit: 'Edit',
    cancelEvent: 'Cancel the event',
    cancelReason: 'Reason, told to the attendees',
    cancelReasonHint: 'Members who answered are told.',
    confirmCancel: 'Confirm the cancellation',
    keepEvent: 'Keep the event',
    eventCancelled: 'Event cancelled.',
    newContest: 'New contest',
    createContest: 'Create the contest',
    rules: 'Rules',
    submissionsOpenAt: 'Entries open',
    votingOpensAt: 'Voting opens',
    votingClosesAt: 'Voting closes',
    resultsAt: 'Results at the latest',
    resultsAtHint: 'With a jury: results come out once everything is scored, or at this time.',
    datesOrder: 'The dates must follow each other: entries, then voting opens, then voting closes.',
    votesPerMember: 'Votes per member',
    entriesPerMember: 'Entries per member',
    votingMode: 'Who decides',
    votingModes: { members: 'Members’ votes', jury: 'A jury', both: 'Members and a jury' },
    jurors: 'Jurors (member ids)',
    jurorsHint: 'Numbers separated by commas, e.g. 12, 40.',
    criteria: 'Jury criteria',
    criteriaHint: 'One a line: an id then a name, e.g. “originality: Originality”.',
    badCriteria: 'Criteria: one “id: name” line each, the id in lowercase letters, digits, - or _.',
    juryWeight: 'Jury’s share (0 to 1)',
    juryWeightHint: 'With members and a jury: the jury’s share of the final score.',
    tieBreak: 'On a tie',
    tieBreaks: {
      earliest_entry: 'The earliest entry ranks first',
      jury: 'The jury’s score decides',
      shared: 'Shared rank',
    },
    eligibility: 'Who may enter and vote',
    minAccountAgeDays: 'Minimum account age (days)',
    minTrustLevel: 'Minimum trust level',
    groups: 'Only these groups',
    editDates: 'Edit dates',
    editDatesReason: 'Reason (moderation log)',
    datesSaved: 'Dates saved.',
    newChallenge: 'New challenge',
    createChallenge: 'Create the challenge',
    points: 'Points',
    recurrence: 'Repeats',
    recurrences: { none: 'Once', weekly: 'Every week', monthly: 'Every month' },
    endsAtOptional: 'Ends',
    completion: 'How the challenge is completed',
    completionRule: 'By forum activity',
    completionReview: 'By a submission a moderator approves',
    ruleAction: 'Activity counted',
    actions: {
      reply: 'Replies to other members’ topics',
      topic: 'Topics started',
      reaction_received: 'Reactions received',
    },
    ruleCount: 'How many',
    ruleCategory: 'In the category',
    anyCategory: 'Any',
    badge: 'Badge earned',
    badgeHint: 'A new badge needs its English and French names; an existing one only its id.',
    badgeSlug: 'Badge id',
    badgeNameEn: 'Badge name in English',
    badgeNameFr: 'Badge name in French',
    pendingSubmissions: 'Submissions to review',
    noPending: 'No submission is waiting.',
    submittedBy: (name) => `Sent by ${name}`,
    approve: 'Approve',
    reject: 'Reject',
    rejectReason: 'Why it is rejected (the member reads it)',
    needReason: 'Give the reason for the rejection.',
    approved: 'Submission approved.',
    rejected: 'Submission rejected.',
    scoring: 'Jury scoring',
    scoreFor: (criterion) => `Score for “${criterion}” (0 to 10)`,
    saveScores: 'Save the scores',
    scoresSaved: 'Scores saved.',
    noEntriesToScore: 'No entry to score.',
  },
} satisfies Catalogue<StaffMessages>
