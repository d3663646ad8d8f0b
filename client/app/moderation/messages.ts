import type { Catalogue } from '../../shared/i18n.js'
import { type AdminMessages, adminMessages } from './messages-admin.js'
import type { ItemKind, SanctionKind } from './types.js'

/** The moderation screens' strings: one object per language, the same keys, checked by the compiler. */
export interface ModMessages extends AdminMessages {
  moderation: string
  modNav: string
  views: {
    queue: string
    appeals: string
    audit: string
    words: string
    duty: string
    crisis: string
    charter: string
  }
  notAllowed: string
  notAllowedText: string
  signInFirst: string
  loadMore: string
  saved: string
  retry: string
  // Queue
  queueTitle: string
  queueFilter: string
  all: string
  kinds: Record<ItemKind, string>
  urgent: string
  emptyQueue: string
  queueUpdated: string
  inTopic: string
  member: string
  standing: (trust: number, posts: number, sanctions: number) => string
  restricted: string
  flagsSummary: (count: number, weight: number) => string
  latestFlags: string
  flagBy: (rule: string, who: string) => string
  noteSep: string
  claimedBy: (name: string) => string
  unclaimed: string
  open: string
  target: Record<'post' | 'topic' | 'user', string>
  // Item
  itemTitle: (id: number) => string
  claim: string
  release: string
  claimedByYou: string
  thread: string
  history: string
  noHistory: string
  lift: string
  cancel: string
  liftReason: string
  lifted: string
  actions: string
  rule: string
  pickRule: string
  reason: string
  reasonHint: string
  approve: string
  reject: string
  hide: string
  unhide: string
  dismiss: string
  sanction: string
  sanctionKind: string
  sanctionKinds: Record<SanctionKind, string>
  endsAt: string
  lock: string
  unlock: string
  move: string
  moveTo: string
  resolved: (what: string) => string
  done: string
  hiddenNow: string
  heldNow: string
  errors: Record<string, string>
  needRuleAndReason: string
  needReason: string
  needEnd: string
  // Appeals
  appealsTitle: string
  noAppeals: string
  appealOf: (kind: string, rule: string) => string
  upheld: string
  overturned: string
  decide: string
}

export const modMessages = {
  fr: {
    ...adminMessages.fr,
    moderation: 'Modération',
    modNav: 'Écrans de modération',
    views: {
      queue: 'File d’attente',
      appeals: 'Recours',
      audit: 'Journal',
      words: 'Mots surveillés',
      duty: 'Permanences',
      crisis: 'Mode crise',
      charter: 'Charte',
    },
    notAllowed: 'Accès non autorisé',
    notAllowedText: 'Cet écran est réservé à l’équipe de modération.',
    signInFirst: 'Connectez-vous avec un compte de modération.',
    loadMore: 'Charger plus',
    saved: 'Enregistré.',
    retry: 'Réessayer',
    queueTitle: 'File de modération',
    queueFilter: 'Filtrer la file',
    all: 'Tout',
    kinds: { flagged: 'Signalé', held: 'En attente', watched: 'Mot surveillé' },
    urgent: 'Urgent',
    emptyQueue: 'Rien à traiter pour l’instant.',
    queueUpdated: 'La file a été mise à jour.',
    inTopic: 'dans',
    member: 'Membre :',
    standing: (trust, posts, sanctions) =>
      `confiance ${trust} · ${posts} messages · ${sanctions} sanction${sanctions > 1 ? 's' : ''}`,
    restricted: 'sanction en cours',
    flagsSummary: (count, weight) => `${count} signalement${count > 1 ? 's' : ''}, poids ${weight}`,
    latestFlags: 'Derniers signalements',
    flagBy: (rule, who) => `${rule} — par ${who}`,
    noteSep: ' : ',
    claimedBy: (name) => `Pris en charge par ${name}`,
    unclaimed: 'Non pris en charge',
    open: 'Ouvrir',
    target: { post: 'Message', topic: 'Sujet', user: 'Membre' },
    itemTitle: (id) => `Élément n° ${id}`,
    claim: 'Prendre en charge',
    release: 'Libérer',
    claimedByYou: 'Vous avez pris cet élément en charge.',
    thread: 'Le fil autour',
    history: 'Historique du membre',
    noHistory: 'Aucune sanction passée.',
    lift: 'Lever',
    cancel: 'Annuler',
    liftReason: 'Pourquoi la lever (le membre le lira)',
    lifted: 'Sanction levée.',
    actions: 'Décision',
    rule: 'Règle de la charte',
    pickRule: 'Choisir une règle…',
    reason: 'Motif (lu par le membre)',
    reasonHint: 'Une phrase claire : le membre la recevra avec le texte de la règle.',
    approve: 'Approuver',
    reject: 'Refuser',
    hide: 'Masquer',
    unhide: 'Réafficher',
    dismiss: 'Classer les signalements',
    sanction: 'Sanctionner le membre',
    sanctionKind: 'Sanction',
    sanctionKinds: {
      warning: 'Avertissement',
      silence: 'Mise en sourdine',
      suspension: 'Suspension',
      ban: 'Bannissement',
    },
    endsAt: 'Jusqu’au',
    lock: 'Verrouiller le sujet',
    unlock: 'Déverrouiller le sujet',
    move: 'Déplacer le sujet',
    moveTo: 'Vers la catégorie',
    resolved: (what) => `Traité : ${what}`,
    done: 'C’est fait.',
    hiddenNow: 'Masqué',
    heldNow: 'En attente de validation',
    errors: {
      claimed: 'Un autre modérateur a déjà pris cet élément en charge.',
      target_is_admin: 'On ne peut pas agir contre un administrateur.',
      target_is_self: 'On ne peut pas agir contre soi-même.',
      unknown_rule: 'Cette règle n’existe pas dans la charte en vigueur.',
      not_found: 'Introuvable : il a peut-être déjà été traité.',
      forbidden: 'Action non autorisée.',
      network: 'Le serveur ne répond pas. Réessayez.',
      already_resolved: 'Cet élément a déjà été traité.',
      self_moderation: 'On ne peut pas prendre de décision qui vous concerne.',
      same_moderator: 'Un autre modérateur doit juger le recours contre votre propre décision.',
      already_decided: 'Ce recours a déjà été jugé.',
      invalid_ends_at: 'La date de fin doit être dans le futur (et absente pour un avertissement).',
      not_held: 'Ce message n’attend plus de validation.',
      not_hidden: 'Ce message n’est pas masqué.',
      held_post: 'Un message en attente s’approuve ou se refuse.',
      already_watched: 'Ces mots sont déjà surveillés.',
    },
    needRuleAndReason: 'Choisissez une règle et écrivez un motif.',
    needReason: 'Écrivez un motif.',
    needEnd: 'Indiquez une date de fin.',
    appealsTitle: 'Recours en attente',
    noAppeals: 'Aucun recours en attente.',
    appealOf: (kind, rule) => `Recours contre : ${kind} (règle « ${rule} »)`,
    upheld: 'Maintenir la sanction',
    overturned: 'Annuler la sanction',
    decide: 'Décider',
  },
  en: {
    ...adminMessages.en,
    moderation: 'Moderation',
    modNav: 'Moderation screens',
    views: {
      queue: 'Queue',
      appeals: 'Appeals',
      audit: 'Audit log',
      words: 'Watched words',
      duty: 'Duty',
      crisis: 'Crisis mode',
      charter: 'Charter',
    },
    notAllowed: 'Not allowed',
    notAllowedText: 'This screen is for the moderation team.',
    signInFirst: 'Sign in with a moderator account.',
    loadMore: 'Load more',
    saved: 'Saved.',
    retry: 'Retry',
    queueTitle: 'Review queue',
    queueFilter: 'Filter the queue',
    all: 'All',
    kinds: { flagged: 'Flagged', held: 'Held', watched: 'Watched word' },
    urgent: 'Urgent',
    emptyQueue: 'Nothing to review right now.',
    queueUpdated: 'The queue was updated.',
    inTopic: 'in',
    member: 'Member:',
    standing: (trust, posts, sanctions) =>
      `trust ${trust} · ${posts} posts · ${sanctions} sanction${sanctions === 1 ? '' : 's'}`,
    restricted: 'currently sanctioned',
    flagsSummary: (count, weight) => `${count} flag${count === 1 ? '' : 's'}, weight ${weight}`,
    latestFlags: 'Latest flags',
    flagBy: (rule, who) => `${rule} — by ${who}`,
    noteSep: ': ',
    claimedBy: (name) => `Claimed by ${name}`,
    unclaimed: 'Unclaimed',
    open: 'Open',
    target: { post: 'Post', topic: 'Topic', user: 'Member' },
    itemTitle: (id) => `Item #${id}`,
    claim: 'Claim',
    release: 'Release',
    claimedByYou: 'You have claimed this item.',
    thread: 'The thread around it',
    history: 'The member’s history',
    noHistory: 'No past sanctions.',
    lift: 'Lift',
    cancel: 'Cancel',
    liftReason: 'Why lift it (the member will read this)',
    lifted: 'Sanction lifted.',
    actions: 'Decision',
    rule: 'Charter rule',
    pickRule: 'Pick a rule…',
    reason: 'Reason (the member reads it)',
    reasonHint: 'One clear sentence: the member receives it with the rule’s text.',
    approve: 'Approve',
    reject: 'Reject',
    hide: 'Hide',
    unhide: 'Unhide',
    dismiss: 'Dismiss the flags',
    sanction: 'Sanction the member',
    sanctionKind: 'Sanction',
    sanctionKinds: { warning: 'Warning', silence: 'Silence', suspension: 'Suspension', ban: 'Ban' },
    endsAt: 'Until',
    lock: 'Lock the topic',
    unlock: 'Unlock the topic',
    move: 'Move the topic',
    moveTo: 'To category',
    resolved: (what) => `Resolved: ${what}`,
    done: 'Done.',
    hiddenNow: 'Hidden',
    heldNow: 'Awaiting approval',
    errors: {
      claimed: 'Another moderator has already claimed this item.',
      target_is_admin: 'Moderators cannot act against an admin.',
      target_is_self: 'You cannot act against yourself.',
      unknown_rule: 'That rule is not in the charter in force.',
      not_found: 'Not found: it may have been handled already.',
      forbidden: 'You are not allowed to do that.',
      network: 'The server does not answer. Try again.',
      already_resolved: 'This item has already been handled.',
      self_moderation: 'You cannot take a decision about yourself.',
      same_moderator: 'Another moderator must hear the appeal of your own decision.',
      already_decided: 'This appeal has already been decided.',
      invalid_ends_at: 'The end date must be in the future (and none for a warning).',
      not_held: 'This post is no longer waiting for approval.',
      not_hidden: 'This post is not hidden.',
      held_post: 'A held post is approved or rejected.',
      already_watched: 'These words are already watched.',
    },
    needRuleAndReason: 'Pick a rule and write a reason.',
    needReason: 'Write a reason.',
    needEnd: 'Give an end date.',
    appealsTitle: 'Pending appeals',
    noAppeals: 'No appeal is waiting.',
    appealOf: (kind, rule) => `Appeal against: ${kind} (rule “${rule}”)`,
    upheld: 'Uphold the sanction',
    overturned: 'Overturn the sanction',
    decide: 'Decide',
  },
} satisfies Catalogue<ModMessages>
