import type { Catalogue } from '../../shared/i18n.js'
import type { Phase, Stage } from './types.js'

/** The contests pages' strings: one object per language, the same keys, checked by the compiler. */
export interface ContestMessages {
  contestsTitle: string
  noContests: string
  phase: Record<Phase, string>
  stage: Record<Stage, string>
  stageLine: (stage: string, from: string | null, to: string | null, otherwise?: string) => string
  whenJuryDone: string
  next: {
    submissionsOpen: (when: string) => string
    votingOpens: (when: string) => string
    votingCloses: (when: string) => string
    results: (when: string | null) => string
  }
  resultsOut: string
  timeline: string
  rules: string
  entries: (n: number) => string
  gallery: string
  noEntries: string
  by: (name: string) => string
  disqualified: string
  enter: string
  enterTitle: string
  entryTitle: string
  entryText: string
  entryImage: string
  entryImageHint: string
  preview: string
  removeImage: string
  send: string
  sent: string
  needTitle: string
  imageTooLarge: string
  enterWhat: string
  entered: (n: number, max: number) => string
  entryLimitReached: string
  votesLeft: (left: number, total: number) => string
  vote: string
  voteFor: (title: string) => string
  voted: string
  votedFor: (title: string) => string
  voteWhat: string
  ownEntry: string
  noVotesLeft: string
  voteSaved: (left: number) => string
  juryOnly: string
  juror: string
  results: string
  rank: (n: number) => string
  votesCount: (n: number) => string
  juryScore: (score: string) => string
  entriesUpdated: string
}

export const contestMessages = {
  fr: {
    contestsTitle: 'Concours',
    noContests: 'Aucun concours pour l’instant.',
    phase: {
      upcoming: 'Bientôt',
      submissions: 'Participations ouvertes',
      voting: 'Vote en cours',
      closed: 'Délibération du jury',
      results: 'Résultats',
    },
    stage: {
      submissions: 'Participations',
      voting: 'Vote',
      judging: 'Délibération du jury',
      results: 'Résultats',
    },
    stageLine: (stage, from, to, otherwise) =>
      from && to
        ? `${stage} : du ${from} au ${to}`
        : from
          ? `${stage} : à partir du ${from}`
          : to
            ? `${stage} : jusqu’au ${to}`
            : `${stage} : ${otherwise ?? ''}`,
    whenJuryDone: 'dès que le jury a fini',
    next: {
      submissionsOpen: (when) => `Les participations ouvrent le ${when}.`,
      votingOpens: (when) => `Envoyez votre participation avant le ${when} : le vote ouvrira alors.`,
      votingCloses: (when) => `Le vote est ouvert jusqu’au ${when}.`,
      results: (when) =>
        when
          ? `Le jury délibère : résultats au plus tard le ${when}.`
          : 'Le jury délibère : résultats dès qu’il aura fini.',
    },
    resultsOut: 'Les résultats sont publiés.',
    timeline: 'Calendrier du concours',
    rules: 'Règlement',
    entries: (n) => `${n} participation${n > 1 ? 's' : ''}`,
    gallery: 'Les participations',
    noEntries: 'Aucune participation pour l’instant.',
    by: (name) => `par ${name}`,
    disqualified: 'Disqualifiée',
    enter: 'Participer',
    enterTitle: 'Envoyer ma participation',
    entryTitle: 'Titre',
    entryText: 'Texte (Markdown)',
    entryImage: 'Image (facultative)',
    entryImageHint: 'JPEG, PNG, WebP ou GIF, 8 Mo au plus.',
    preview: 'Aperçu de l’image',
    removeImage: 'Retirer l’image',
    send: 'Envoyer',
    sent: 'Participation envoyée : merci !',
    needTitle: 'Donnez un titre à votre participation.',
    imageTooLarge: 'L’image dépasse 8 Mo.',
    enterWhat: 'participer',
    entered: (n, max) => `Vous avez envoyé ${n} participation${n > 1 ? 's' : ''} sur ${max}.`,
    entryLimitReached: 'Vous avez envoyé toutes vos participations.',
    votesLeft: (left, total) => `Il vous reste ${left} vote${left > 1 ? 's' : ''} sur ${total}.`,
    vote: 'Voter',
    voteFor: (title) => `Voter pour « ${title} »`,
    voted: 'Voté',
    votedFor: (title) => `Vous avez voté pour « ${title} »`,
    voteWhat: 'voter',
    ownEntry: 'Votre participation',
    noVotesLeft: 'Plus de vote',
    voteSaved: (left) => `Vote enregistré. Il vous reste ${left} vote${left > 1 ? 's' : ''}.`,
    juryOnly: 'Un jury départage ce concours : les membres ne votent pas.',
    juror: 'Vous faites partie du jury.',
    results: 'Résultats',
    rank: (n) => (n === 1 ? '1er' : `${n}e`),
    votesCount: (n) => `${n} vote${n > 1 ? 's' : ''}`,
    juryScore: (score) => `note du jury ${score}/10`,
    entriesUpdated: 'Nouvelles participations.',
  },
  en: {
    contestsTitle: 'Contests',
    noContests: 'No contests yet.',
    phase: {
      upcoming: 'Coming soon',
      submissions: 'Open for entries',
      voting: 'Voting',
      closed: 'Jury deliberating',
      results: 'Results',
    },
    stage: { submissions: 'Entries', voting: 'Voting', judging: 'Jury deliberation', results: 'Results' },
    stageLine: (stage, from, to, otherwise) =>
      from && to
        ? `${stage}: ${from} to ${to}`
        : from
          ? `${stage}: from ${from}`
          : to
            ? `${stage}: until ${to}`
            : `${stage}: ${otherwise ?? ''}`,
    whenJuryDone: 'once the jury is done',
    next: {
      submissionsOpen: (when) => `Entries open on ${when}.`,
      votingOpens: (when) => `Send your entry before ${when}, when voting opens.`,
      votingCloses: (when) => `Voting is open until ${when}.`,
      results: (when) =>
        when
          ? `The jury is deliberating: results by ${when}.`
          : 'The jury is deliberating: results as soon as it is done.',
    },
    resultsOut: 'The results are out.',
    timeline: 'Contest calendar',
    rules: 'Rules',
    entries: (n) => `${n} entr${n === 1 ? 'y' : 'ies'}`,
    gallery: 'Entries',
    noEntries: 'No entries yet.',
    by: (name) => `by ${name}`,
    disqualified: 'Disqualified',
    enter: 'Enter',
    enterTitle: 'Send my entry',
    entryTitle: 'Title',
    entryText: 'Text (Markdown)',
    entryImage: 'Image (optional)',
    entryImageHint: 'JPEG, PNG, WebP or GIF, up to 8 MB.',
    preview: 'Image preview',
    removeImage: 'Remove the image',
    send: 'Send',
    sent: 'Entry sent: thank you!',
    needTitle: 'Give your entry a title.',
    imageTooLarge: 'The image is larger than 8 MB.',
    enterWhat: 'enter',
    entered: (n, max) => `You have sent ${n} of ${max} entr${max === 1 ? 'y' : 'ies'}.`,
    entryLimitReached: 'You have sent all your entries.',
    votesLeft: (left, total) => `You have ${left} of ${total} vote${total === 1 ? '' : 's'} left.`,
    vote: 'Vote',
    voteFor: (title) => `Vote for “${title}”`,
    voted: 'Voted',
    votedFor: (title) => `You voted for “${title}”`,
    voteWhat: 'vote',
    ownEntry: 'Your entry',
    noVotesLeft: 'No votes left',
    voteSaved: (left) => `Vote saved. You have ${left} vote${left === 1 ? '' : 's'} left.`,
    juryOnly: 'A jury decides this contest: members do not vote.',
    juror: 'You are on the jury.',
    results: 'Results',
    rank: (n) => {
      const tens = n % 100
      const suffix =
        tens >= 11 && tens <= 13
          ? 'th'
          : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th')
      return `${n}${suffix}`
    },
    votesCount: (n) => `${n} vote${n === 1 ? '' : 's'}`,
    juryScore: (score) => `jury score ${score}/10`,
    entriesUpdated: 'New entries.',
  },
} satisfies Catalogue<ContestMessages>
