import type { Catalogue } from '../../shared/i18n.js'
import type { ReactionKind } from '../tribune-thread/thread-state.js'

interface Messages {
  edited: string
  editedAt: (date: string) => string
  deleted: string
  hidden: string
  reactions: string
  reaction: Record<ReactionKind, string>
  reactionCount: (label: string, n: number) => string
  quote: string
  quoteLabel: (name: string) => string
  awaitingApproval: string
  report: string
  reportLabel: (name: string) => string
  reportTitle: string
  reportRule: string
  reportPickRule: string
  reportNote: string
  reportSend: string
  reportCancel: string
  reportClose: string
  reportSent: string
  alreadyReported: string
  reportFailed: string
}

export const messages = {
  fr: {
    edited: 'modifié',
    editedAt: (date) => `Modifié le ${date}`,
    deleted: 'Ce message a été supprimé.',
    hidden: 'Ce message a été masqué par la modération.',
    reactions: 'Réactions',
    reaction: {
      like: 'J’aime',
      love: 'J’adore',
      insightful: 'Éclairant',
      funny: 'Drôle',
      disagree: 'Pas d’accord',
    },
    reactionCount: (label, n) => `${label} : ${n}`,
    quote: 'Citer',
    quoteLabel: (name) => `Citer le message de ${name}`,
    awaitingApproval: 'En attente de validation : seuls vous et la modération le voyez.',
    report: 'Signaler',
    reportLabel: (name) => `Signaler le message de ${name}`,
    reportTitle: 'Signaler ce message',
    reportRule: 'Quelle règle de la charte enfreint-il ?',
    reportPickRule: 'Choisissez une règle.',
    reportNote: 'Une précision pour la modération (facultatif)',
    reportSend: 'Envoyer le signalement',
    reportCancel: 'Annuler',
    reportClose: 'Fermer',
    reportSent: 'Merci, la modération va examiner ce message.',
    alreadyReported: 'Vous avez déjà signalé ce message : la modération l’examinera.',
    reportFailed: 'Le signalement n’a pas pu être envoyé. Réessayez.',
  },
  en: {
    edited: 'edited',
    editedAt: (date) => `Edited on ${date}`,
    deleted: 'This post was deleted.',
    hidden: 'This post was hidden by the moderators.',
    reactions: 'Reactions',
    reaction: { like: 'Like', love: 'Love', insightful: 'Insightful', funny: 'Funny', disagree: 'Disagree' },
    reactionCount: (label, n) => `${label}: ${n}`,
    quote: 'Quote',
    quoteLabel: (name) => `Quote ${name}’s post`,
    awaitingApproval: 'Awaiting approval: only you and the moderators can see it.',
    report: 'Report',
    reportLabel: (name) => `Report ${name}’s post`,
    reportTitle: 'Report this post',
    reportRule: 'Which charter rule does it break?',
    reportPickRule: 'Pick a rule.',
    reportNote: 'A note for the moderators (optional)',
    reportSend: 'Send the report',
    reportCancel: 'Cancel',
    reportClose: 'Close',
    reportSent: 'Thank you, the moderators will review this post.',
    alreadyReported: 'You have already reported this post: the moderators will review it.',
    reportFailed: 'The report could not be sent. Try again.',
  },
} satisfies Catalogue<Messages>
