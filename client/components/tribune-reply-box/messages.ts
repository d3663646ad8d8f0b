import type { Catalogue } from '../../shared/i18n.js'

interface Messages {
  label: string
  placeholder: string
  submit: string
  sending: string
  hint: string
  posted: string
  charterTitle: string
  charterIntro: string
  acceptAndPost: string
  readCharter: string
  networkError: string
  quoteIntro: (name: string) => string
}

export const messages = {
  fr: {
    label: 'Votre réponse',
    placeholder: 'Écrivez votre réponse (Markdown accepté)',
    submit: 'Répondre',
    sending: 'Envoi…',
    hint: 'Ctrl+Entrée pour envoyer',
    posted: 'Réponse publiée.',
    charterTitle: 'Charte de la communauté',
    charterIntro: 'Pour publier, acceptez d’abord la charte de la communauté :',
    acceptAndPost: 'J’accepte la charte et je publie',
    readCharter: 'Lire la charte complète',
    networkError:
      'Impossible de joindre la communauté. Réessayez : votre réponse ne sera pas publiée deux fois.',
    quoteIntro: (name) => `${name} a écrit :`,
  },
  en: {
    label: 'Your reply',
    placeholder: 'Write your reply (Markdown welcome)',
    submit: 'Reply',
    sending: 'Sending…',
    hint: 'Ctrl+Enter to send',
    posted: 'Reply posted.',
    charterTitle: 'Community charter',
    charterIntro: 'Before posting, please accept the community charter:',
    acceptAndPost: 'I accept the charter, post my reply',
    readCharter: 'Read the full charter',
    networkError: 'Could not reach the community. Try again: your reply will not be posted twice.',
    quoteIntro: (name) => `${name} wrote:`,
  },
} satisfies Catalogue<Messages>
