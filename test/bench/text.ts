import { slugify } from '../../server/forum/slug.js'

// The corpus the bench seeds its posts from. Words are drawn with a Zipf-like skew so that, as
// in a real community, a few words are in a large share of posts and most are in few: search
// then meets both the posting lists that hurt (common words) and the ones that are cheap.

/** A small deterministic PRNG (mulberry32): the same seed gives the same community. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Ordered from the most to the least frequent: the draw favours the start of each list.
const fr = `je le la les de des un une et est pour pas que qui avec sur dans mais très plus vous nous on
ce cette mon ma mes votre il elle a ai bien aussi tout merci bonjour livraison commande produit taille
couleur qualité prix service client chaussure chaussures veste sac montre batterie chargeur application
magasin retour remboursement garantie conseil avis question réponse problème solution semaine jour matin
soir randonnée course vélo montagne plage été hiver pluie neige confortable léger solide rapide cher
pratique joli parfait déçu content acheté essayé recommande porte utilise changé attendu reçu envoyé
trouvé pense aime préfère semelle lacet doublure fermeture poche capuche imperméable respirant chaud
froid pointure modèle édition collection nouveauté boutique site colis transporteur délai suivi facture
paiement carte code promotion soldes fidélité compte profil notification communauté forum sujet membre
équipe ambassadeur événement concours défi badge vote idée suggestion amélioration fonctionnalité écran
bracelet cadran autonomie étanchéité capteur mesure parcours sortie entraînement marathon trail sentier
sommet refuge bivouac gourde bâton frontale duvet tente réchaud boussole carte topo dénivelé`
  .split(/\s+/)
  .filter(Boolean)

const en = `the a to and of is for it in that you with on my this but not have be are was so just
can get they we one all would if do like thanks hello delivery order product size colour quality price
service customer shoe shoes jacket bag watch battery charger app store return refund warranty advice
review question answer problem solution week day morning evening hike running bike mountain beach
summer winter rain snow comfortable light sturdy fast slow expensive handy pretty perfect disappointed
happy bought tried recommend wear use changed waited received shipped found think love prefer sole lace
lining zip pocket hood waterproof breathable warm cold fit model edition collection release shop website
parcel carrier tracking invoice payment card discount sale loyalty account profile notification community
topic member team ambassador event contest challenge badge vote idea suggestion improvement feature
screen strap dial lifetime sensor measure route outing training marathon trail path summit hut bivouac
bottle pole headlamp sleeping tent stove compass map elevation`
  .split(/\s+/)
  .filter(Boolean)

/** Invented words (product names, nicknames): each lands in about a hundred posts. */
export const rareWords: string[] = (() => {
  const rnd = prng(7)
  const syl = [
    'kra',
    'vo',
    'lune',
    'zor',
    'ba',
    'lite',
    'mi',
    'quo',
    'tex',
    'ran',
    'dul',
    'phy',
    'gre',
    'sna',
  ]
  const out = new Set<string>()
  while (out.size < 500) {
    const n = 3 + Math.floor(rnd() * 2)
    let w = ''
    for (let i = 0; i < n; i++) w += syl[Math.floor(rnd() * syl.length)]
    out.add(w)
  }
  return [...out]
})()

export type Lang = 'fr' | 'en'

function pick<T>(list: T[], rnd: () => number, skew: number): T {
  return list[Math.floor(list.length * rnd() ** skew)]!
}

function sentence(rnd: () => number, lang: Lang, extra?: string): string {
  const words = lang === 'fr' ? fr : en
  const n = 6 + Math.floor(rnd() * rnd() * 24)
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(pick(words, rnd, 2.2))
  if (extra) out.splice(Math.floor(rnd() * out.length), 0, extra)
  const text = out.join(' ')
  return `${text[0]!.toUpperCase()}${text.slice(1)}${rnd() < 0.15 ? ' ?' : '.'}`
}

export interface SentencePool {
  /** Ordinary sentences: French ones first, then English ones. */
  sentences: string[]
  frCount: number
  /** Sentences each carrying one rare word, appended to a small share of posts. */
  rare: string[]
}

export function sentencePool(size: number, seed = 42): SentencePool {
  const rnd = prng(seed)
  const frCount = Math.round(size * 0.7)
  const sentences: string[] = []
  for (let i = 0; i < size; i++) sentences.push(sentence(rnd, i < frCount ? 'fr' : 'en'))
  const rare = rareWords.flatMap((w, i) =>
    [0, 1, 2, 3].map(() => sentence(rnd, i % 3 === 0 ? 'en' : 'fr', w)),
  )
  return { sentences, frCount, rare }
}

export function titlePool(size: number, seed = 43): { title: string; slug: string }[] {
  const rnd = prng(seed)
  const out: { title: string; slug: string }[] = []
  for (let i = 0; i < size; i++) {
    const lang: Lang = rnd() < 0.7 ? 'fr' : 'en'
    const words = lang === 'fr' ? fr : en
    const n = 3 + Math.floor(rnd() * 6)
    const parts: string[] = []
    // Titles skip the most frequent (function) words: they read like subjects, not sentences.
    for (let j = 0; j < n; j++) parts.push(words[20 + Math.floor((words.length - 20) * rnd() ** 1.5)]!)
    const text = parts.join(' ')
    const title = `${text[0]!.toUpperCase()}${text.slice(1)}${rnd() < 0.3 ? ' ?' : ''}`
    out.push({ title, slug: slugify(title) })
  }
  return out
}

/**
 * What the search scenario asks, in four kinds: a common word, a rare one, two words, and
 * an inflected French form that only matches through stemming.
 */
export const searchQueries: { kind: string; q: string }[] = [
  { kind: 'common', q: 'livraison' },
  { kind: 'common', q: 'delivery' },
  { kind: 'rare', q: rareWords[3]! },
  { kind: 'rare', q: rareWords[101]! },
  { kind: 'rare', q: rareWords[250]! },
  { kind: 'two words', q: 'batterie chargeur' },
  { kind: 'two words', q: 'waterproof jacket' },
  { kind: 'inflected', q: 'imperméables' },
  { kind: 'inflected', q: 'randonnées' },
]

const topical = [...fr, ...en].filter((w) => w.length >= 5)

/**
 * The n-th of many distinct searches, as the long tail of real searches looks: two topical
 * words, or an invented product name with a topical word. No two of the first 100,000 repeat.
 */
export function distinctSearch(n: number): string {
  const a = topical[n % topical.length]!
  const b = topical[Math.floor(n / topical.length) % topical.length]!
  return n % 2 === 0 ? `${a} ${b}` : `${rareWords[Math.floor(n / 2) % rareWords.length]} ${a}`
}
