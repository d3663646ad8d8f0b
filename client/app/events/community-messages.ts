import type { Catalogue } from '../../shared/i18n.js'

/**
 * Strings every community page shares (events, contests, challenges, the leaderboard): errors the
 * API names by code, and the few words of every screen. One object per language, same keys.
 */
export interface CommunityMessages {
  loadMore: string
  signInTo: (what: string) => string
  signIn: string
  done: string
  discussion: string
  errors: Record<string, string>
  network: string
}

export const communityMessages = {
  fr: {
    loadMore: 'Voir plus',
    signInTo: (what) => `Connectez-vous pour ${what}.`,
    signIn: 'Se connecter',
    done: 'C’est fait.',
    discussion: 'Voir la discussion',
    network: 'Le serveur ne répond pas. Réessayez.',
    errors: {
      unauthorized: 'Votre session a expiré : reconnectez-vous.',
      forbidden: 'Action non autorisée.',
      silenced: 'Vous êtes en sourdine : vous pouvez lire mais pas participer.',
      charter_acceptance_required: 'La charte a changé : acceptez-la avant de participer.',
      not_found: 'Introuvable : il a peut-être été supprimé.',
      rate_limited: 'Trop de demandes d’un coup : patientez un instant.',
      // Events
      event_cancelled: 'Cet événement a été annulé.',
      event_ended: 'Cet événement est terminé.',
      rsvp_closed: 'Les inscriptions à cet événement sont closes.',
      qa_closed: 'Les questions ne sont pas ouvertes pour cet événement.',
      own_question: 'Vous ne pouvez pas voter pour votre propre question.',
      question_hidden: 'Cette question a été masquée.',
      // Contests
      not_accepting_entries: 'Ce concours n’accepte pas de participation en ce moment.',
      entry_limit: 'Vous avez déjà envoyé le nombre maximal de participations.',
      not_voting: 'Le vote n’est pas ouvert.',
      no_votes_left: 'Vous avez utilisé tous vos votes.',
      already_voted: 'Vous avez déjà voté pour cette participation.',
      own_entry: 'Vous ne pouvez pas voter pour votre propre participation.',
      account_too_new: 'Les comptes créés après l’ouverture des participations ne votent pas à ce concours.',
      not_eligible: 'Ce concours est réservé à certains membres.',
      juror_cannot_vote: 'Les membres du jury notent : ils ne votent pas.',
      juror_cannot_enter: 'Les membres du jury ne participent pas.',
      jury_only: 'Un jury départage ce concours : les membres ne votent pas.',
      entry_disqualified: 'Cette participation a été disqualifiée.',
      vote_conflict: 'Vos votes ont changé entre-temps : réessayez.',
      results_not_out: 'Les résultats ne sont pas encore publiés.',
      image_too_large: 'L’image est trop lourde (8 Mo au plus).',
      unsupported_image: 'Envoyez une image JPEG, PNG, WebP ou GIF.',
      invalid_image: 'L’image est illisible ou abîmée.',
      form_too_large: 'Le formulaire est trop gros : un titre, un texte et une image.',
      // Challenges
      challenge_not_open: 'Ce défi n’est pas ouvert en ce moment.',
      not_by_submission: 'Ce défi se réussit par l’activité, pas par un envoi.',
      already_submitted:
        'Vous avez déjà envoyé une participation pour cette période : attendez la validation.',
      already_completed: 'Vous avez déjà réussi ce défi pour cette période.',
      invalid_link: 'Le lien doit être une adresse http(s) complète.',
    },
  },
  en: {
    loadMore: 'Show more',
    signInTo: (what) => `Sign in to ${what}.`,
    signIn: 'Sign in',
    done: 'Done.',
    discussion: 'Join the discussion',
    network: 'The server does not answer. Try again.',
    errors: {
      unauthorized: 'Your session has expired: sign in again.',
      forbidden: 'You are not allowed to do that.',
      silenced: 'You are silenced: you can read but not take part.',
      charter_acceptance_required: 'The charter has changed: accept it before taking part.',
      not_found: 'Not found: it may have been removed.',
      rate_limited: 'Too many requests at once: wait a moment.',
      event_cancelled: 'This event was cancelled.',
      event_ended: 'This event has ended.',
      rsvp_closed: 'RSVPs for this event are closed.',
      qa_closed: 'Questions are not open for this event.',
      own_question: 'You cannot upvote your own question.',
      question_hidden: 'This question was hidden.',
      not_accepting_entries: 'This contest is not taking entries now.',
      entry_limit: 'You have already sent as many entries as allowed.',
      not_voting: 'Voting is not open.',
      no_votes_left: 'You have used all your votes.',
      already_voted: 'You have already voted for this entry.',
      own_entry: 'You cannot vote for your own entry.',
      account_too_new: 'Accounts created after submissions opened cannot vote in this contest.',
      not_eligible: 'This contest is open to some members only.',
      juror_cannot_vote: 'Jurors score the entries: they do not vote.',
      juror_cannot_enter: 'Jurors do not enter the contest they judge.',
      jury_only: 'A jury decides this contest: members do not vote.',
      entry_disqualified: 'This entry was disqualified.',
      vote_conflict: 'Your votes changed meanwhile: try again.',
      results_not_out: 'The results are not out yet.',
      image_too_large: 'The image is too large (8 MB at most).',
      unsupported_image: 'Send a JPEG, PNG, WebP or GIF image.',
      invalid_image: 'The image cannot be read: it may be damaged.',
      form_too_large: 'The form is too large: one title, one text and one image.',
      challenge_not_open: 'This challenge is not open now.',
      not_by_submission: 'This challenge is completed by activity, not by sending something.',
      already_submitted: 'You have already sent something for this period: wait for the review.',
      already_completed: 'You have already completed this challenge for this period.',
      invalid_link: 'The link must be a full http(s) address.',
    },
  },
} satisfies Catalogue<CommunityMessages>
