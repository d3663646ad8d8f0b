import type { Catalogue } from '../../shared/i18n.js'
import type { Action, Period, Recurrence } from './types.js'

/** The challenges, leaderboard and badges strings: one object per language, checked by the compiler. */
export interface ChallengeMessages {
  challengesTitle: string
  noChallenges: string
  points: (n: string) => string
  recurrence: Record<Recurrence, string>
  until: (when: string) => string
  startsOn: (when: string) => string
  periodUntil: (when: string) => string
  state: Record<'upcoming' | 'active' | 'ended' | 'archived', string>
  rule: Record<Action, (n: number) => string>
  byReview: string
  progress: string
  progressOf: (count: number, target: number) => string
  completed: string
  completedOn: (when: string) => string
  notStarted: string
  badge: (name: string) => string
  submitTitle: string
  submitText: string
  submitLink: string
  submitLinkHint: string
  submit: string
  submitted: string
  needText: string
  submission: Record<'pending' | 'approved' | 'rejected', string>
  rejectedBecause: (reason: string) => string
  takePart: string
  leaderboardTitle: string
  periods: Record<Period, string>
  periodsLabel: string
  periodSpan: (from: string, to: string) => string
  rankHeader: string
  memberHeader: string
  pointsHeader: string
  noPoints: string
  myRank: (rank: number, points: string) => string
  myNoPoints: string
  allChallenges: string
  badgesTitle: string
  noBadges: string
  moreBadges: string
  earnedOn: (when: string) => string
  forChallenge: (title: string) => string
}

export const challengeMessages = {
  fr: {
    challengesTitle: 'Défis',
    noChallenges: 'Aucun défi en cours pour l’instant.',
    points: (n) => `${n} points`,
    recurrence: { none: 'Une fois', weekly: 'Chaque semaine', monthly: 'Chaque mois' },
    until: (when) => `jusqu’au ${when}`,
    startsOn: (when) => `Commence le ${when}`,
    periodUntil: (when) => `période en cours jusqu’au ${when}`,
    state: { upcoming: 'Bientôt', active: 'En cours', ended: 'Terminé', archived: 'Archivé' },
    rule: {
      reply: (n) => `Répondre à ${n} sujet${n > 1 ? 's' : ''} lancé${n > 1 ? 's' : ''} par d’autres membres`,
      topic: (n) => `Lancer ${n} sujet${n > 1 ? 's' : ''}`,
      reaction_received: (n) => `Recevoir ${n} réaction${n > 1 ? 's' : ''} sur vos messages`,
    },
    byReview: 'Envoyez votre réalisation : l’équipe la valide.',
    progress: 'Ma progression',
    progressOf: (count, target) => `${count} sur ${target}`,
    completed: 'Réussi',
    completedOn: (when) => `Réussi le ${when}`,
    notStarted: 'Connectez-vous pour suivre votre progression.',
    badge: (name) => `Badge à gagner : ${name}`,
    submitTitle: 'Envoyer ma réalisation',
    submitText: 'Ce que vous avez fait (Markdown)',
    submitLink: 'Lien (facultatif)',
    submitLinkHint: 'Une adresse http(s) complète : photo, article, trace…',
    submit: 'Envoyer',
    submitted: 'Envoyé : l’équipe va le valider.',
    needText: 'Décrivez ce que vous avez fait.',
    submission: {
      pending: 'Envoi en attente de validation.',
      approved: 'Envoi validé.',
      rejected: 'Envoi refusé.',
    },
    rejectedBecause: (reason) => `Motif : ${reason}`,
    takePart: 'participer',
    leaderboardTitle: 'Classement',
    periods: { week: 'Cette semaine', month: 'Ce mois-ci', all: 'Depuis toujours' },
    periodsLabel: 'Période du classement',
    periodSpan: (from, to) => `Du ${from} au ${to}`,
    rankHeader: 'Rang',
    memberHeader: 'Membre',
    pointsHeader: 'Points',
    noPoints: 'Personne n’a encore marqué de points sur cette période.',
    myRank: (rank, points) => `Votre rang : ${rank}${rank === 1 ? 'er' : 'e'}, avec ${points} points.`,
    myNoPoints: 'Vous n’avez pas encore de points sur cette période.',
    allChallenges: 'Voir les défis',
    badgesTitle: 'Badges',
    noBadges: 'Aucun badge pour l’instant.',
    moreBadges: 'Voir plus de badges',
    earnedOn: (when) => `obtenu le ${when}`,
    forChallenge: (title) => `défi « ${title} »`,
  },
  en: {
    challengesTitle: 'Challenges',
    noChallenges: 'No challenges running yet.',
    points: (n) => `${n} points`,
    recurrence: { none: 'Once', weekly: 'Every week', monthly: 'Every month' },
    until: (when) => `until ${when}`,
    startsOn: (when) => `Starts on ${when}`,
    periodUntil: (when) => `current period until ${when}`,
    state: { upcoming: 'Coming soon', active: 'Running', ended: 'Ended', archived: 'Archived' },
    rule: {
      reply: (n) => `Reply to ${n} topic${n === 1 ? '' : 's'} started by other members`,
      topic: (n) => `Start ${n} topic${n === 1 ? '' : 's'}`,
      reaction_received: (n) => `Receive ${n} reaction${n === 1 ? '' : 's'} on your posts`,
    },
    byReview: 'Send what you did: the team reviews it.',
    progress: 'My progress',
    progressOf: (count, target) => `${count} of ${target}`,
    completed: 'Completed',
    completedOn: (when) => `Completed on ${when}`,
    notStarted: 'Sign in to follow your progress.',
    badge: (name) => `Badge to earn: ${name}`,
    submitTitle: 'Send what I did',
    submitText: 'What you did (Markdown)',
    submitLink: 'Link (optional)',
    submitLinkHint: 'A full http(s) address: a photo, an article, a track…',
    submit: 'Send',
    submitted: 'Sent: the team will review it.',
    needText: 'Describe what you did.',
    submission: {
      pending: 'Submission waiting for review.',
      approved: 'Submission approved.',
      rejected: 'Submission rejected.',
    },
    rejectedBecause: (reason) => `Reason: ${reason}`,
    takePart: 'take part',
    leaderboardTitle: 'Leaderboard',
    periods: { week: 'This week', month: 'This month', all: 'All time' },
    periodsLabel: 'Leaderboard period',
    periodSpan: (from, to) => `${from} to ${to}`,
    rankHeader: 'Rank',
    memberHeader: 'Member',
    pointsHeader: 'Points',
    noPoints: 'Nobody has scored points in this period yet.',
    myRank: (rank, points) => `Your rank: #${rank}, with ${points} points.`,
    myNoPoints: 'You have no points in this period yet.',
    allChallenges: 'See the challenges',
    badgesTitle: 'Badges',
    noBadges: 'No badges yet.',
    moreBadges: 'More badges',
    earnedOn: (when) => `earned on ${when}`,
    forChallenge: (title) => `challenge “${title}”`,
  },
} satisfies Catalogue<ChallengeMessages>
