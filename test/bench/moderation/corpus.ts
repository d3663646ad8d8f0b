import type { WatchedAction, WatchedEntry } from '../../../server/moderation/watched-words/matcher.js'
import { normalizePhrase } from '../../../server/moderation/watched-words/normalize.js'
import { prng, rareWords, sentencePool } from '../text.js'

// What the watched-word bench checks: a list of 2,000 entries as a brand community's moderators
// build one over the years (insults and scams in French and English, spam phrases, competitors'
// product names, some entries with a trailing *), and a 10,000-character French post with a few
// hits, Markdown, a link and a code span.

const insultsFr = `idiot idiote crétin crétine abruti abrutie imbécile débile connard connasse enfoiré
salaud salopard ordure raclure minable nul nulle bouffon bouffonne guignol tocard tocarde naze
cinglé taré tarée dégénéré pourri pourrie vendu escroc voleur menteur menteuse charlatan branleur
pignouf cloporte boulet blaireau beauf gogol mongol trouduc pouffiasse grognasse pétasse`
const insultsEn = `idiot moron stupid dumb dumbass jerk loser creep scumbag sleazebag asshole bastard
dickhead douchebag jackass twat wanker tosser prick pillock muppet clown fraud liar cheat thief
crook trash garbage imbecile cretin halfwit dimwit nitwit numbskull bonehead knucklehead`
const stemsFr = `arnaque* escroqu* arnaqueur* magouill* entourloupe* pigeon* racket* chantage*
menace* harcel* insult* injur* diffam* porno* sexe* viagra* casino* pari* bitcoin* crypto* forex*
gratuit* remboursez* boycott*`
const stemsEn = `scam* fraud* swindl* ripoff* rip-off* blackmail* threat* harass* insult* slander*
porn* sex* viagra* casino* gambl* bitcoin* crypto* forex* giveaway* freebie* refund-scam*`
const phrases = [
  'gagnez de l’argent',
  'gagner de l’argent facilement',
  'argent facile',
  'travail à domicile',
  'cliquez ici',
  'cliquez sur ce lien',
  'offre limitée',
  'contactez-moi sur whatsapp',
  'écrivez-moi sur telegram',
  'numéro de carte',
  'code de vérification',
  'mot de passe',
  'je vais te retrouver',
  'je sais où tu habites',
  'tu vas le regretter',
  'va te faire voir',
  'ferme ta gueule',
  'ta gueule',
  'fils de pute',
  'nique ta mère',
  'casse-toi',
  'rentre chez toi',
  'make money fast',
  'earn money from home',
  'work from home',
  'click here',
  'click this link',
  'limited offer',
  'dm me on whatsapp',
  'message me on telegram',
  'card number',
  'verification code',
  'your password',
  'i know where you live',
  'you will regret it',
  'shut up',
  'go to hell',
  'kill yourself',
  'son of a bitch',
  'free gift card',
  'meilleur prix garanti chez',
  'moins cher chez',
  'allez plutôt chez',
  'cheaper at',
  'better deal at',
]
const qualifiersFr = [
  'sale',
  'gros',
  'grosse',
  'espèce de',
  'bande de',
  'pauvre',
  'vieux',
  'petit',
  'quel',
  'quelle',
]
const qualifiersEn = [
  'you',
  'you stupid',
  'such a',
  'what a',
  'fucking',
  'damn',
  'bloody',
  'total',
  'complete',
]

const words = (s: string) => s.split(/\s+/).filter(Boolean)
const actions: WatchedAction[] = [
  'censor',
  'censor',
  'censor',
  'censor',
  'flag',
  'flag',
  'flag',
  'hold',
  'hold',
  'block',
]

/** 2,000 distinct entries (by normalised form), the same on every run. */
export function watchedEntries(count = 2_000): WatchedEntry[] {
  const rnd = prng(2024)
  const candidates: string[] = [
    ...words(insultsFr),
    ...words(insultsEn),
    ...words(stemsFr),
    ...words(stemsEn),
    ...phrases,
    ...qualifiersFr.flatMap((q) => words(insultsFr).map((w) => `${q} ${w}`)),
    ...qualifiersEn.flatMap((q) => words(insultsEn).map((w) => `${q} ${w}`)),
    // Competitors' product names, some as prefixes (all their models): a fifth of them appear in
    // the community's own posts (text.ts), the way rivals get named.
    ...rareWords.slice(0, 100).map((w, i) => (i % 4 === 0 ? `${w}*` : w)),
  ]
  // Then spam domains and sellers' nicknames, invented, until the list is full.
  const syl = [
    'pro',
    'mo',
    'deal',
    'top',
    'shop',
    'lux',
    'ven',
    'ta',
    'ri',
    'kos',
    'flash',
    'max',
    'nova',
    'zen',
  ]
  while (candidates.length < count * 2) {
    let w = ''
    for (let i = 0, n = 2 + Math.floor(rnd() * 3); i < n; i++) w += syl[Math.floor(rnd() * syl.length)]
    candidates.push(rnd() < 0.5 ? `${w}.example` : rnd() < 0.3 ? `${w}*` : w)
  }
  const seen = new Set<string>()
  const out: WatchedEntry[] = []
  for (const phrase of candidates) {
    const n = normalizePhrase(phrase)
    if (typeof n === 'string' || seen.has(n.key)) continue
    seen.add(n.key)
    out.push({ id: out.length + 1, phrase, action: actions[out.length % actions.length]! })
    if (out.length === count) break
  }
  if (out.length < count) throw new Error(`only ${out.length} distinct watched entries`)
  return out
}

/** Sentences with a hit, spread through the post. */
const hitSentences = [
  'Franchement, cette histoire de livraison ressemble à une ARNAQUE et le vendeur est un escroc.',
  'Le service client m’a répondu comme un sale idiot, j’étais vraiment énervé.',
  'Quelqu’un m’a écrit : « contactez-moi sur WhatsApp » pour un remboursement, évidemment je n’ai pas cliqué.',
  'On m’a dit que c’était moins cher chez un concurrent, mais la qualité n’est pas la même.',
]

/**
 * A French post of exactly `length` characters: paragraphs drawn from the bench corpus, a heading,
 * a list, a link and a code span, and the hit sentences above. No @mention and no topic link, so
 * that rendering it needs no database (the baseline measures Markdown and sanitising only).
 */
export function benchPost(length = 10_000): string {
  const { sentences, frCount } = sentencePool(400, 99)
  const fr = sentences.slice(0, frCount)
  const parts: string[] = ['### Mon avis après trois mois', '']
  let i = 0
  let hit = 0
  while (parts.join('\n').length < length) {
    const para = fr.slice(i, i + 5).join(' ')
    i += 5
    parts.push(para, '')
    if (i % 15 === 0) parts.push(hitSentences[hit++ % hitSentences.length]!, '')
    if (i === 20) parts.push('- taille : 42', '- couleur : bleu nuit', '- prix : 89 €', '')
    if (i === 35)
      parts.push('Le guide est [ici](https://www.example.com/guide-des-tailles), et le code `PROMO-ÉTÉ`.', '')
  }
  const post = parts.join('\n').slice(0, length)
  if (post.includes('@') || post.includes('/t/')) throw new Error('the bench post must not need the database')
  return post
}
