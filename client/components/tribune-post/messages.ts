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
  },
} satisfies Catalogue<Messages>
