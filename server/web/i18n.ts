/** The languages the server-rendered pages speak; the first is the default. */
export const languages = ['fr', 'en'] as const
export type Lang = (typeof languages)[number]

const fr = {
  skipToContent: 'Aller au contenu',
  home: 'Accueil',
  categories: 'Catégories',
  latestTopics: 'Derniers sujets',
  noTopics: 'Aucun sujet pour le moment.',
  noCategories: 'Aucune catégorie pour le moment.',
  topics: (n: number) => (n <= 1 ? `${n} sujet` : `${n} sujets`),
  replies: (n: number) => (n <= 1 ? `${n} réponse` : `${n} réponses`),
  by: 'par',
  in: 'dans',
  lastActivity: 'Dernière activité',
  postedOn: 'Publié le',
  deletedPost: 'Ce message a été supprimé.',
  inReplyTo: 'En réponse à',
  next: 'Page suivante',
  later: 'Messages suivants',
  signedInAs: 'Connecté·e en tant que',
  memberSince: 'Membre depuis le',
  posts: (n: number) => (n <= 1 ? `${n} message` : `${n} messages`),
  roles: { member: 'Membre', moderator: 'Modération', admin: 'Administration' } as Record<string, string>,
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Cette page n’existe pas, ou vous n’avez pas accès à son contenu.',
  backHome: 'Retour à l’accueil',
  homeDescription: (name: string) => `${name} : la communauté, ses discussions et son entraide.`,
  categoryDescription: (name: string, community: string) =>
    `Les sujets de la catégorie ${name} sur ${community}.`,
  profileDescription: (name: string, community: string) => `Le profil de ${name} sur ${community}.`,
  language: 'Langue',
  apiDocs: 'API',
  poweredBy: 'Propulsé par Tribune',
}

export type Messages = typeof fr

const en: Messages = {
  skipToContent: 'Skip to content',
  home: 'Home',
  categories: 'Categories',
  latestTopics: 'Latest topics',
  noTopics: 'No topics yet.',
  noCategories: 'No categories yet.',
  topics: (n) => (n === 1 ? '1 topic' : `${n} topics`),
  replies: (n) => (n === 1 ? '1 reply' : `${n} replies`),
  by: 'by',
  in: 'in',
  lastActivity: 'Last activity',
  postedOn: 'Posted on',
  deletedPost: 'This post was deleted.',
  inReplyTo: 'In reply to',
  next: 'Next page',
  later: 'Later posts',
  signedInAs: 'Signed in as',
  memberSince: 'Member since',
  posts: (n) => (n === 1 ? '1 post' : `${n} posts`),
  roles: { member: 'Member', moderator: 'Moderator', admin: 'Admin' },
  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist, or you do not have access to it.',
  backHome: 'Back to the home page',
  homeDescription: (name) => `${name}: the community, its discussions and its mutual help.`,
  categoryDescription: (name, community) => `Topics in ${name} on ${community}.`,
  profileDescription: (name, community) => `${name}’s profile on ${community}.`,
  language: 'Language',
  apiDocs: 'API',
  poweredBy: 'Powered by Tribune',
}

const catalogue: Record<Lang, Messages> = { fr, en }

export function messages(lang: Lang): Messages {
  return catalogue[lang]
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

/**
 * The page's language: an explicit `?lang=`, then the member's saved preference, then the best
 * match in Accept-Language (by q-value), then French, the community's own language.
 */
export function pickLang(query: string | undefined, saved: string | null | undefined, accept?: string): Lang {
  if (isLang(query)) return query
  if (isLang(saved)) return saved
  const ranked = (accept ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { lang: tag.split('-')[0], q: q === undefined ? 1 : Number(q), i }
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const r of ranked) if (isLang(r.lang)) return r.lang
  return languages[0]
}

/** Dates in the reader's language; the zone is named, since visitors have no saved zone. */
export function formatDate(iso: string, lang: Lang, timeZone: string | null | undefined): string {
  const zone = timeZone || (lang === 'fr' ? 'Europe/Paris' : 'UTC')
  try {
    return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone: zone,
    }).format(new Date(iso))
  } catch {
    return new Date(iso).toISOString()
  }
}

export function formatDay(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(iso))
}
