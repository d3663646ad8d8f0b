import type { Catalogue } from '../../shared/i18n.js'
import type { WatchedAction } from './types.js'

/** The strings of the audit, watched-words, duty, crisis and charter screens (messages.ts has the rest). */
export interface AdminMessages {
  // Audit
  auditTitle: string
  filters: string
  actionFamily: string
  anyAction: string
  actorId: string
  targetType: string
  from: string
  to: string
  apply: string
  downloadCsv: string
  noEntries: string
  when: string
  who: string
  what: string
  on: string
  why: string
  system: string
  // Words
  wordsTitle: string
  phrase: string
  phraseHint: string
  wordAction: string
  wordActions: Record<WatchedAction, string>
  add: string
  remove: (phrase: string) => string
  noWords: string
  tryText: string
  check: string
  hits: (n: number) => string
  censored: string
  // Duty
  dutyTitle: string
  coveredNow: string
  offHours: string
  onDutyNow: string
  nobody: string
  nextChange: (when: string) => string
  schedule: string
  noShifts: string
  weekdays: string[]
  moderatorId: string
  timeZone: string
  weekday: string
  startsAt: string
  endsAt2: string
  addShift: string
  removeShift: string
  saveSchedule: string
  settingsTitle: string
  settingLabels: Record<string, string>
  saveSettings: string
  // Crisis
  crisisTitle: string
  crisisOn: string
  crisisOff: string
  crisisSince: (when: string) => string
  switchOn: string
  everywhere: string
  crisisWhere: string
  someCategories: string
  slowMode: string
  statement: string
  preview: string
  save: string
  // Charter
  charterTitle: string
  charterVersion: (v: number, date: string) => string
  olderVersions: string
  accept: string
  accepted: string
  mustAccept: string
  editorTitle: string
  summary: string
  ruleId: string
  ruleTitle: string
  ruleBody: string
  addRule: string
  removeRule: string
  moveUp: string
  moveDown: string
  publish: string
  published: (v: number) => string
  ruleN: (n: number) => string
}

export const adminMessages = {
  fr: {
    auditTitle: 'Journal de modération',
    filters: 'Filtres',
    actionFamily: 'Type d’action',
    anyAction: 'Toutes',
    actorId: 'Auteur (n° de membre)',
    targetType: 'Type de cible',
    from: 'Du',
    to: 'Au',
    apply: 'Filtrer',
    downloadCsv: 'Télécharger en CSV',
    noEntries: 'Aucune entrée.',
    when: 'Quand',
    who: 'Qui',
    what: 'Action',
    on: 'Cible',
    why: 'Règle et motif',
    system: 'système',
    wordsTitle: 'Mots surveillés',
    phrase: 'Mot ou expression',
    phraseHint:
      'Mot entier, sans tenir compte des majuscules ni des accents ; « arnaque* » couvre toutes les terminaisons.',
    wordAction: 'Action',
    wordActions: { block: 'Bloquer', hold: 'Retenir pour validation', censor: 'Censurer', flag: 'Signaler' },
    add: 'Ajouter',
    remove: (p) => `Retirer « ${p} »`,
    noWords: 'Aucun mot surveillé.',
    tryText: 'Essayer sur un texte',
    check: 'Vérifier',
    hits: (n) => (n === 0 ? 'Aucune correspondance.' : `${n} correspondance${n > 1 ? 's' : ''}`),
    censored: 'Texte censuré',
    dutyTitle: 'Permanences',
    coveredNow: 'Couvert en ce moment',
    offHours: 'Hors permanence : la politique stricte s’applique',
    onDutyNow: 'De permanence :',
    nobody: 'personne',
    nextChange: (w) => `Prochain changement : ${w}`,
    schedule: 'Planning hebdomadaire',
    noShifts: 'Aucun créneau : la communauté est toujours considérée comme couverte.',
    weekdays: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    moderatorId: 'Modérateur (n°)',
    timeZone: 'Fuseau horaire',
    weekday: 'Jour',
    startsAt: 'Début',
    endsAt2: 'Fin',
    addShift: 'Ajouter un créneau',
    removeShift: 'Retirer ce créneau',
    saveSchedule: 'Enregistrer le planning',
    settingsTitle: 'Réglages de modération',
    settingLabels: {
      autoHideWeight: 'Poids de masquage automatique',
      offHoursAutoHideWeight: 'Poids de masquage hors permanence',
      holdNewMembersPosts: 'Premiers messages retenus des nouveaux membres',
      offHoursHoldTrustBelow: 'Hors permanence, retenir sous le niveau de confiance',
      newMemberMaxLinks: 'Liens permis aux nouveaux membres',
      newMemberImages: 'Images permises aux nouveaux membres',
      trustedFlagWeight: 'Poids d’un signalement de membre de confiance',
      alertWebhookUrl: 'Webhook d’alerte',
      alertEmail: 'E-mail d’alerte',
      urgentRuleIds: 'Règles urgentes (séparées par des virgules)',
    },
    saveSettings: 'Enregistrer les réglages',
    crisisTitle: 'Mode crise',
    crisisOn: 'Le mode crise est activé.',
    crisisOff: 'Le mode crise est désactivé.',
    crisisSince: (w) => `Depuis le ${w}`,
    switchOn: 'Mode crise activé',
    everywhere: 'Partout',
    crisisWhere: 'Où retenir les nouveaux messages',
    someCategories: 'Dans ces catégories seulement',
    slowMode: 'Mode lent (secondes entre deux messages)',
    statement: 'Déclaration épinglée (Markdown)',
    preview: 'Aperçu',
    save: 'Enregistrer',
    charterTitle: 'Charte de la communauté',
    charterVersion: (v, d) => `Version ${v}, publiée le ${d}`,
    olderVersions: 'Versions précédentes',
    accept: 'J’accepte la charte',
    accepted: 'Merci, la charte est acceptée.',
    mustAccept: 'La charte a changé : acceptez-la pour pouvoir publier.',
    editorTitle: 'Modifier la charte',
    summary: 'Résumé des changements',
    ruleId: 'Identifiant',
    ruleTitle: 'Titre',
    ruleBody: 'Texte (Markdown)',
    addRule: 'Ajouter une règle',
    removeRule: 'Retirer la règle',
    moveUp: 'Monter',
    moveDown: 'Descendre',
    publish: 'Publier une nouvelle version',
    published: (v) => `Version ${v} publiée.`,
    ruleN: (n) => `Règle ${n}`,
  },
  en: {
    auditTitle: 'Audit log',
    filters: 'Filters',
    actionFamily: 'Action family',
    anyAction: 'Any',
    actorId: 'Actor (member id)',
    targetType: 'Target type',
    from: 'From',
    to: 'To',
    apply: 'Filter',
    downloadCsv: 'Download CSV',
    noEntries: 'No entries.',
    when: 'When',
    who: 'Who',
    what: 'Action',
    on: 'Target',
    why: 'Rule and reason',
    system: 'system',
    wordsTitle: 'Watched words',
    phrase: 'Word or phrase',
    phraseHint: 'Whole words, ignoring case and accents; “scam*” matches every ending.',
    wordAction: 'Action',
    wordActions: { block: 'Block', hold: 'Hold for approval', censor: 'Censor', flag: 'Flag' },
    add: 'Add',
    remove: (p) => `Remove “${p}”`,
    noWords: 'No watched words.',
    tryText: 'Try a text',
    check: 'Check',
    hits: (n) => (n === 0 ? 'No hits.' : `${n} hit${n === 1 ? '' : 's'}`),
    censored: 'Censored text',
    dutyTitle: 'Duty schedule',
    coveredNow: 'Covered now',
    offHours: 'Off hours: the stricter policy applies',
    onDutyNow: 'On duty:',
    nobody: 'nobody',
    nextChange: (w) => `Next change: ${w}`,
    schedule: 'Weekly schedule',
    noShifts: 'No shifts: the community always counts as covered.',
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    moderatorId: 'Moderator (id)',
    timeZone: 'Time zone',
    weekday: 'Day',
    startsAt: 'Start',
    endsAt2: 'End',
    addShift: 'Add a shift',
    removeShift: 'Remove this shift',
    saveSchedule: 'Save the schedule',
    settingsTitle: 'Moderation settings',
    settingLabels: {
      autoHideWeight: 'Auto-hide weight',
      offHoursAutoHideWeight: 'Auto-hide weight off hours',
      holdNewMembersPosts: 'New members’ first posts held',
      offHoursHoldTrustBelow: 'Off hours, hold posts below trust level',
      newMemberMaxLinks: 'Links allowed to new members',
      newMemberImages: 'Images allowed to new members',
      trustedFlagWeight: 'Weight of a trusted member’s flag',
      alertWebhookUrl: 'Alert webhook',
      alertEmail: 'Alert email',
      urgentRuleIds: 'Urgent rules (comma-separated)',
    },
    saveSettings: 'Save the settings',
    crisisTitle: 'Crisis mode',
    crisisOn: 'Crisis mode is on.',
    crisisOff: 'Crisis mode is off.',
    crisisSince: (w) => `Since ${w}`,
    switchOn: 'Crisis mode on',
    everywhere: 'Everywhere',
    crisisWhere: 'Where new posts are held',
    someCategories: 'Only in these categories',
    slowMode: 'Slow mode (seconds between two posts)',
    statement: 'Pinned statement (Markdown)',
    preview: 'Preview',
    save: 'Save',
    charterTitle: 'Community charter',
    charterVersion: (v, d) => `Version ${v}, published ${d}`,
    olderVersions: 'Earlier versions',
    accept: 'I accept the charter',
    accepted: 'Thank you, the charter is accepted.',
    mustAccept: 'The charter has changed: accept it to post again.',
    editorTitle: 'Edit the charter',
    summary: 'Summary of the changes',
    ruleId: 'Id',
    ruleTitle: 'Title',
    ruleBody: 'Text (Markdown)',
    addRule: 'Add a rule',
    removeRule: 'Remove the rule',
    moveUp: 'Move up',
    moveDown: 'Move down',
    publish: 'Publish a new version',
    published: (v) => `Version ${v} published.`,
    ruleN: (n) => `Rule ${n}`,
  },
} satisfies Catalogue<AdminMessages>
