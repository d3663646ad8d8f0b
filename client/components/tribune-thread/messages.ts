import type { Catalogue } from '../../shared/i18n.js'

interface Messages {
  thread: (title: string) => string
  loading: string
  loadFailed: string
  retry: string
  notFound: string
  notAllowed: string
  unreachable: string
  loadNewer: string
  loadOlder: string
  loadingMore: string
  empty: string
  readers: { one: string; other: (n: string) => string }
  typing: (names: string[]) => string
  someoneTyping: (n: number) => string
  reconnecting: string
  liveStopped: string
  liveBack: string
  ended: { forbidden: string; gone: string }
  locked: string
  signInPrompt: string
  signIn: string
  joinOnCommunity: string
  reactFailed: (message: string) => string
}

export const messages = {
  fr: {
    thread: (title) => `Discussion : ${title}`,
    loading: 'Chargement de la discussion…',
    loadFailed: 'La discussion n’a pas pu être chargée.',
    retry: 'Réessayer',
    notFound: 'Cette discussion n’existe pas ou ne vous est pas accessible.',
    notAllowed: 'Ce site n’est pas autorisé à intégrer cette communauté.',
    unreachable: 'Impossible de joindre la communauté pour le moment.',
    loadNewer: 'Afficher les messages suivants',
    loadOlder: 'Afficher les messages précédents',
    loadingMore: 'Chargement…',
    empty: 'Aucun message pour le moment.',
    readers: {
      one: '1 personne lit cette discussion',
      other: (n) => `${n} personnes lisent cette discussion`,
    },
    typing: (names) =>
      `${new Intl.ListFormat('fr', { type: 'conjunction' }).format(names)} ${names.length > 1 ? 'écrivent' : 'écrit'}…`,
    someoneTyping: (n) => `${n} personnes écrivent…`,
    reconnecting: 'Connexion perdue, reconnexion en cours…',
    liveStopped: 'Le direct est interrompu : rechargez la page pour voir les nouveaux messages.',
    liveBack: 'De nouveau en direct.',
    ended: {
      forbidden: 'Vous n’avez plus accès à cette discussion.',
      gone: 'Cette discussion a été supprimée.',
    },
    locked: 'Cette discussion est fermée : on ne peut plus y répondre.',
    signInPrompt: 'Connectez-vous pour répondre.',
    signIn: 'Se connecter',
    joinOnCommunity: 'Répondre sur la communauté',
    reactFailed: (message) => `Réaction non enregistrée : ${message}`,
  },
  en: {
    thread: (title) => `Discussion: ${title}`,
    loading: 'Loading the discussion…',
    loadFailed: 'The discussion could not be loaded.',
    retry: 'Try again',
    notFound: 'This discussion does not exist or is not open to you.',
    notAllowed: 'This site is not allowed to embed this community.',
    unreachable: 'The community cannot be reached at the moment.',
    loadNewer: 'Show newer posts',
    loadOlder: 'Show older posts',
    loadingMore: 'Loading…',
    empty: 'No posts yet.',
    readers: { one: '1 person reading', other: (n) => `${n} people reading` },
    typing: (names) =>
      `${new Intl.ListFormat('en', { type: 'conjunction' }).format(names)} ${names.length > 1 ? 'are' : 'is'} typing…`,
    someoneTyping: (n) => `${n} people are typing…`,
    reconnecting: 'Connection lost, reconnecting…',
    liveStopped: 'Live updates stopped: reload the page to see new posts.',
    liveBack: 'Live again.',
    ended: {
      forbidden: 'You no longer have access to this discussion.',
      gone: 'This discussion was deleted.',
    },
    locked: 'This discussion is closed to new replies.',
    signInPrompt: 'Sign in to reply.',
    signIn: 'Sign in',
    joinOnCommunity: 'Reply on the community',
    reactFailed: (message) => `Reaction not saved: ${message}`,
  },
} satisfies Catalogue<Messages>
