// The demo community: Vélo Azur, a fictional electric-bicycle maker from Nice, and its members.
// Every address is under demo.velo-azur.invalid (a reserved TLD: no mail can ever leave).

export const emailDomain = 'demo.velo-azur.invalid'

export const site = {
  name: 'Vélo Azur — la communauté',
  description: 'Entraide, idées et sorties entre cyclistes Vélo Azur, avec l’équipe qui fabrique vos vélos.',
}

export const vipGroup = {
  slug: 'club-velo-azur',
  name: 'Club Vélo Azur',
  description: 'Ambassadeurs et membres fidèles : avant-premières, tests terrain et coulisses.',
}

export interface DemoMember {
  /** Also the key threads use to name authors, mentions (`@{key}`) and reactions. */
  handle: string
  displayName: string
  role: 'member' | 'moderator' | 'admin'
  vip?: boolean
  bio: string
  /** The brand's own account posts announcements but is never signed into: it has no password. */
  noPassword?: boolean
  trustLevel: number
  joinedDaysAgo: number
}

/** The member whose login the first start prints: in the Club, so the VIP category shows. */
export const demoLogin = 'camille'

export const members: DemoMember[] = [
  {
    handle: 'velo-azur',
    displayName: 'Équipe Vélo Azur',
    role: 'admin',
    noPassword: true,
    bio: 'Le compte officiel de l’équipe Vélo Azur, à Nice.',
    trustLevel: 4,
    joinedDaysAgo: 60,
  },
  {
    handle: 'lea',
    displayName: 'Léa Fontaine',
    role: 'moderator',
    bio: 'Community manager chez Vélo Azur. Je roule en Azur City, toute l’année.',
    trustLevel: 4,
    joinedDaysAgo: 59,
  },
  {
    handle: 'camille',
    displayName: 'Camille Martin',
    role: 'member',
    vip: true,
    bio: 'Vélotaf quotidien entre Antibes et Sophia. Ambassadrice du Club.',
    trustLevel: 3,
    joinedDaysAgo: 55,
  },
  {
    handle: 'julien',
    displayName: 'Julien Moreau',
    role: 'member',
    bio: 'Azur Trek depuis deux ans, passionné de mécanique.',
    trustLevel: 2,
    joinedDaysAgo: 52,
  },
  {
    handle: 'sophie',
    displayName: 'Sophie Lefèvre',
    role: 'member',
    vip: true,
    bio: 'Cyclotouriste, je collectionne les cols des Alpes-Maritimes.',
    trustLevel: 3,
    joinedDaysAgo: 50,
  },
  {
    handle: 'mehdi',
    displayName: 'Mehdi Benali',
    role: 'member',
    bio: 'Développeur le jour, vététiste le week-end.',
    trustLevel: 2,
    joinedDaysAgo: 47,
  },
  {
    handle: 'claire',
    displayName: 'Claire Dubois',
    role: 'member',
    bio: 'Lyonnaise, vélotaf par tous les temps.',
    trustLevel: 2,
    joinedDaysAgo: 45,
  },
  {
    handle: 'thomas',
    displayName: 'Thomas Garnier',
    role: 'member',
    vip: true,
    bio: 'Photographe, je repère les plus belles routes de la Côte d’Azur.',
    trustLevel: 3,
    joinedDaysAgo: 44,
  },
  {
    handle: 'ines',
    displayName: 'Inès Roux',
    role: 'member',
    bio: 'Nouvelle venue : mon premier vélo électrique, un Azur City.',
    trustLevel: 1,
    joinedDaysAgo: 30,
  },
  {
    handle: 'antoine',
    displayName: 'Antoine Lambert',
    role: 'member',
    bio: 'Marseille, Azur Trek et beaucoup de côtes.',
    trustLevel: 1,
    joinedDaysAgo: 28,
  },
  {
    handle: 'nathalie',
    displayName: 'Nathalie Girard',
    role: 'member',
    bio: 'Maman de deux enfants, on a remplacé la deuxième voiture par un Azur Cargo.',
    trustLevel: 2,
    joinedDaysAgo: 40,
  },
  {
    handle: 'yann',
    displayName: 'Yann Le Goff',
    role: 'member',
    vip: true,
    bio: 'Breton exilé à Nice, longues distances et bivouac.',
    trustLevel: 3,
    joinedDaysAgo: 48,
  },
  {
    handle: 'margaux',
    displayName: 'Margaux Petit',
    role: 'member',
    bio: 'Étudiante à Montpellier, vélo + train pour rentrer chez mes parents.',
    trustLevel: 1,
    joinedDaysAgo: 20,
  },
]

export interface DemoCategory {
  slug: string
  name: string
  description: string
  color: string
  posting?: 'members' | 'moderators'
  /** Restricted to the Club: only its members (and moderators) read and post there. */
  vipOnly?: boolean
}

export const categories: DemoCategory[] = [
  {
    slug: 'annonces',
    name: 'Annonces',
    description: 'Les nouvelles officielles de Vélo Azur : lancements, mises à jour et rappels.',
    color: '#1d5fc2',
    posting: 'moderators',
  },
  {
    slug: 'entraide',
    name: 'Entraide',
    description:
      'Une question sur votre vélo, la batterie ou l’application ? La communauté et l’équipe répondent.',
    color: '#2b8a3e',
  },
  {
    slug: 'idees',
    name: 'Idées & suggestions',
    description: 'Proposez vos idées pour nos vélos, nos services et cette communauté.',
    color: '#e8590c',
  },
  {
    slug: 'discussions',
    name: 'Discussions',
    description: 'Balades, équipement, vélotaf : on parle de tout ce qui roule.',
    color: '#5f3dc4',
  },
  {
    slug: 'evenements',
    name: 'Événements',
    description: 'Sorties collectives, ateliers et rencontres près de chez vous.',
    color: '#c2255c',
  },
  {
    slug: 'le-club',
    name: 'Le Club',
    description: 'L’espace réservé aux membres du Club Vélo Azur : avant-premières, tests et coulisses.',
    color: '#b08900',
    vipOnly: true,
  },
]
