import type { DemoThread } from './types.js'

// Annonces and Événements from the team, and the Club's exclusive news.
export const news: DemoThread[] = [
  {
    category: 'annonces',
    author: 'lea',
    title: 'Bienvenue sur la communauté Vélo Azur !',
    daysAgo: 34,
    pinned: true,
    body: `Bonjour à toutes et à tous 👋

Je suis Léa, community manager chez Vélo Azur. Cet espace est le vôtre : posez vos questions dans **Entraide**, partagez vos idées dans **Idées & suggestions**, racontez vos sorties dans **Discussions**.

L’équipe (atelier, produit, service client) passe ici tous les jours. Merci de lire la charte avant de publier : elle est courte, promis.

Bonne route !`,
    react: { love: ['camille', 'julien', 'sophie', 'thomas'], like: ['mehdi', 'claire', 'yann'] },
    replies: [],
  },
  {
    category: 'annonces',
    author: 'velo-azur',
    title: 'Mise à jour 2.4 de l’application Azur Connect',
    daysAgo: 12,
    body: `La version 2.4 d’Azur Connect est disponible sur iOS et Android.

Au programme :
1. un nouvel écran **Batterie** (cycles, santé, conseils de stockage) ;
2. l’export de vos trajets au format GPX ;
3. la correction du bug d’appairage sur certains téléphones Android.

Merci à celles et ceux qui nous ont signalé les problèmes ici même !`,
    react: { like: ['antoine', 'mehdi', 'julien'], love: ['thomas'] },
    replies: [
      {
        author: 'lea',
        body: 'Pour les curieux : l’écran Batterie vient directement de la discussion sur l’autonomie en hiver. Merci @{julien} !',
        after: 3,
        react: { love: ['julien'] },
      },
    ],
  },
  {
    category: 'evenements',
    author: 'lea',
    title: 'Sortie collective sur la corniche de l’Estérel',
    daysAgo: 13,
    body: `Rendez-vous **samedi prochain à 9 h** au port de Saint-Raphaël pour 45 km le long de la corniche d’Or, avec pique-nique à Anthéor.

- Niveau : facile, assistance conseillée en mode Tour
- Places : 25
- Prévoir : eau, casque, pique-nique

Répondez ici si vous venez !`,
    react: { like: ['camille', 'thomas', 'sophie'] },
    replies: [
      {
        author: 'camille',
        body: 'Présente ! Je viens avec une collègue qui débute.',
        after: 2,
      },
      {
        author: 'thomas',
        body: 'Je serai là avec l’appareil photo, je partagerai les photos dans la foulée.',
        after: 5,
        react: { love: ['lea'] },
      },
      {
        author: 'antoine',
        body: 'Je viens de Marseille en train, il y a une place pour garer le vélo près du port ?',
        after: 9,
      },
      {
        author: 'lea',
        replyTo: 3,
        body: '@{antoine} oui, des arceaux sont prévus devant la capitainerie. À samedi !',
        after: 2,
      },
    ],
  },
  {
    category: 'evenements',
    author: 'lea',
    title: 'Atelier « entretien de base » à la boutique de Lyon',
    daysAgo: 7,
    body: 'Jeudi à 18 h 30, notre mécanicien vous apprend à régler vos freins, entretenir la chaîne et réparer une crevaison. Gratuit, 12 places.',
    replies: [
      {
        author: 'claire',
        body: 'Inscrite ! Enfin je vais savoir changer une chambre à air toute seule.',
        after: 3,
        react: { like: ['lea'] },
      },
      {
        author: 'ines',
        body: 'Dommage, je suis à Nice. Un atelier similaire est prévu là-bas ?',
        after: 8,
      },
      {
        author: 'lea',
        body: '@{ines} oui, le mois prochain à Nice, et l’atelier en ligne suggéré par @{sophie} arrive aussi.',
        after: 4,
        react: { love: ['ines'] },
      },
    ],
  },
  {
    category: 'le-club',
    author: 'velo-azur',
    title: 'En avant-première : l’Azur Gravel arrive cet automne',
    daysAgo: 10,
    body: `Chers membres du Club, vous êtes les premiers informés 🤫

L’**Azur Gravel** sortira cet automne : cadre aluminium, moteur central 85 Nm, batterie 720 Wh intégrée, pneus de 45 mm. Poids annoncé : 19,8 kg.

Les membres du Club pourront le précommander une semaine avant tout le monde. Merci de garder l’info pour vous jusqu’à l’annonce officielle !`,
    react: { love: ['camille', 'sophie', 'thomas', 'yann'] },
    replies: [
      {
        author: 'yann',
        body: '720 Wh ! De quoi faire mes longues sorties sans stress. Le prix est déjà connu ?',
        after: 1,
      },
      {
        author: 'lea',
        replyTo: 1,
        body: 'Pas encore définitif, mais il sera dans la gamme de l’Azur Trek. On vous le donne ici avant tout le monde.',
        after: 2,
      },
      {
        author: 'sophie',
        body: 'Est-ce qu’on pourra y monter des sacoches de bikepacking ? Des œillets sur la fourche ?',
        after: 4,
      },
      {
        author: 'lea',
        body: '@{sophie} oui : œillets sur la fourche et sous le tube diagonal, porte-bagages en option.',
        after: 3,
        react: { love: ['sophie', 'yann'] },
      },
      {
        author: 'thomas',
        body: 'Je veux bien faire les photos de lancement si vous cherchez quelqu’un 😉',
        after: 10,
        react: { funny: ['camille', 'lea'] },
      },
    ],
  },
  {
    category: 'le-club',
    author: 'lea',
    title: 'Tests terrain : on cherche 10 testeurs pour le nouveau moteur',
    daysAgo: 4,
    body: 'Nous cherchons 10 membres du Club pour tester le nouveau moteur pendant un mois, dans vos conditions habituelles. En échange : un retour détaillé ici et un questionnaire. Qui est partant ?',
    replies: [
      {
        author: 'camille',
        body: 'Partante ! 25 km par jour, du plat et une bonne côte pour monter à Sophia.',
        after: 1,
      },
      {
        author: 'yann',
        body: 'Moi aussi, pour les longues distances (100 km et plus le week-end).',
        after: 2,
      },
      {
        author: 'sophie',
        body: 'Je peux tester en montagne : 1 500 m de dénivelé par sortie en moyenne.',
        after: 3,
        react: { like: ['lea'] },
      },
      {
        author: 'lea',
        body: 'Merci @{camille}, @{yann} et @{sophie} ! Vos profils sont parfaits, je vous contacte cette semaine pour organiser la remise des vélos.',
        after: 6,
        react: { love: ['camille', 'yann', 'sophie'] },
      },
    ],
  },
]
