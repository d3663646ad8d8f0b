import type { DemoThread } from './types.js'

// Entraide: questions members ask, and the answers they get from each other and the team.
export const help: DemoThread[] = [
  {
    category: 'entraide',
    author: 'julien',
    title: 'Autonomie de la batterie en baisse après l’hiver ?',
    daysAgo: 30,
    body: `Bonjour à tous,

Depuis la fin de l’hiver, mon **Azur Trek** fait à peine 55 km en mode Tour, contre 75 km l’été dernier. La batterie (500 Wh) a deux ans et environ 6 000 km.

Est-ce normal ou est-ce que je dois m’inquiéter ?`,
    react: { like: ['antoine', 'claire'] },
    replies: [
      {
        author: 'antoine',
        body: 'Même constat chez moi en janvier. Le froid fait perdre pas mal d’autonomie, c’est revenu quand les températures ont remonté.',
        after: 3,
      },
      {
        author: 'lea',
        body: `Bonjour @{julien}, merci pour les chiffres précis !

Une batterie lithium perd environ 20 % d’autonomie sous 5 °C, et c’est réversible. Après deux ans, une légère usure (5 à 10 %) est aussi normale.

Quelques conseils :
- rangez la batterie à l’intérieur, entre 15 et 20 °C ;
- pour un stockage long, laissez-la entre 30 et 60 % ;
- faites une recharge complète une fois par mois pour recalibrer la jauge.

Si l’autonomie ne remonte pas d’ici trois semaines, passez en boutique : le diagnostic est gratuit.`,
        after: 5,
        react: { like: ['julien', 'antoine', 'claire'], insightful: ['mehdi', 'sophie'] },
      },
      {
        author: 'julien',
        replyTo: 2,
        body: `> rangez la batterie à l’intérieur, entre 15 et 20 °C

C’est sûrement ça : elle passait ses nuits dans le garage. Je teste et je vous redis.`,
        after: 2,
      },
      {
        author: 'mehdi',
        body: 'Petite astuce : l’appli Azur Connect affiche le nombre de cycles dans *Réglages › Batterie*. Au-delà de 800 cycles, l’usure devient plus visible.',
        after: 20,
        react: { insightful: ['julien', 'lea'] },
      },
      {
        author: 'julien',
        body: 'Retour après trois semaines : batterie rentrée au chaud, je suis remonté à 70 km. Merci @{lea} et @{mehdi} !',
        after: 21 * 24,
        react: { love: ['lea'], like: ['antoine'] },
      },
    ],
  },
  {
    category: 'entraide',
    author: 'ines',
    title: 'Bruit de cliquetis au pédalier sur mon Azur City',
    daysAgo: 21,
    body: 'Bonjour, mon Azur City a trois mois et un « clic » apparaît à chaque tour de pédale, surtout en montée. Quelqu’un a déjà eu ce souci ?',
    replies: [
      {
        author: 'julien',
        body: 'Souvent ce sont simplement les pédales qui se desserrent. Essaie de les resserrer avec une clé de 15 (attention : la pédale gauche se visse à l’envers).',
        after: 1,
        react: { like: ['ines'] },
      },
      {
        author: 'ines',
        body: 'Je viens de vérifier, la gauche avait un peu de jeu. Mais le bruit est toujours là…',
        after: 6,
      },
      {
        author: 'julien',
        body: 'Alors regarde les vis du plateau, ou le capteur de vitesse qui touche l’aimant du rayon. Une goutte de graisse sur les filetages peut aussi suffire.',
        after: 2,
      },
      {
        author: 'lea',
        body: `@{ines} votre vélo est sous garantie : la révision des 3 mois est offerte dans nos boutiques, prenez rendez-vous depuis l’appli et mentionnez le bruit.`,
        after: 4,
        react: { like: ['ines', 'julien'] },
      },
      {
        author: 'ines',
        body: 'Révision faite : c’était le boîtier de pédalier à resserrer. Plus un bruit, merci à vous deux !',
        after: 72,
        react: { love: ['julien', 'lea'] },
      },
    ],
  },
  {
    category: 'entraide',
    author: 'nathalie',
    title: 'Quelle pression pour les pneus du Azur Cargo chargé ?',
    daysAgo: 16,
    body: 'Avec les deux enfants dans le bac (35 kg à eux deux) plus les courses, je trouve le vélo un peu mou dans les virages. Vous gonflez à combien ?',
    replies: [
      {
        author: 'yann',
        body: 'Regarde le flanc du pneu : la plage est indiquée (souvent 2,5 à 4 bars). Chargé, je me mettrais vers le haut de la plage.',
        after: 2,
      },
      {
        author: 'lea',
        body: 'Pour le Cargo, nous conseillons 3,5 bars à l’avant et 4 bars à l’arrière quand il est chargé. Vérifiez une fois par semaine : un pneu perd facilement 0,3 bar.',
        after: 3,
        react: { insightful: ['nathalie', 'yann', 'claire'] },
      },
      {
        author: 'nathalie',
        body: 'Effectivement j’étais à 2,5 partout… Beaucoup mieux à 3,5 / 4, merci !',
        after: 10,
      },
      {
        author: 'claire',
        body: 'Un manomètre à 15 € sur la pompe change la vie, on a vite fait de rouler sous-gonflé sans s’en rendre compte.',
        after: 26,
        react: { like: ['nathalie'] },
      },
    ],
  },
  {
    category: 'entraide',
    author: 'antoine',
    title: 'Impossible d’appairer le vélo avec l’appli sur Android',
    daysAgo: 9,
    body: 'Depuis que j’ai changé de téléphone (Android 14), l’appli Azur Connect ne trouve plus mon vélo. Bluetooth activé, localisation aussi. Une idée ?',
    replies: [
      {
        author: 'mehdi',
        body: 'Sur Android 14 il faut autoriser « Appareils à proximité » pour l’appli, en plus de la localisation. C’est dans Paramètres › Applications › Azur Connect › Autorisations.',
        after: 1,
        react: { insightful: ['antoine', 'lea'] },
      },
      {
        author: 'antoine',
        body: 'C’était bien désactivé ! Le vélo apparaît, mais l’appairage échoue au dernier moment.',
        after: 3,
      },
      {
        author: 'lea',
        body: 'Le vélo est probablement encore associé à votre ancien téléphone. Maintenez le bouton de l’écran 10 secondes pour effacer les appairages, puis relancez la recherche.',
        after: 2,
      },
      {
        author: 'antoine',
        body: 'Parfait, tout fonctionne. Ce serait bien d’avoir cette info dans l’appli directement.',
        after: 1,
        react: { like: ['mehdi', 'lea'] },
      },
      {
        author: 'lea',
        replyTo: 4,
        body: 'Bonne remarque, je transmets à l’équipe de l’appli. @{mehdi}, merci pour la première piste !',
        after: 2,
      },
    ],
  },
  {
    category: 'entraide',
    author: 'margaux',
    title: 'Transporter son vélo électrique en train : vos retours ?',
    daysAgo: 5,
    body: 'Je rentre souvent de Montpellier à Nice en TER. Est-ce qu’on peut monter avec un Azur City sans réservation ? Et pour la batterie, il faut l’enlever ?',
    replies: [
      {
        author: 'camille',
        body: 'En TER c’est gratuit et sans réservation en région Sud, dans la limite des places. Aux heures de pointe c’est parfois compliqué. Pas besoin d’enlever la batterie.',
        after: 2,
        react: { like: ['margaux'] },
      },
      {
        author: 'yann',
        body: 'En Intercités et TGV, il faut réserver une place vélo (ou démonter et housser le vélo). Pense à retirer la batterie pour le soulever : elle pèse presque 3 kg.',
        after: 4,
        react: { insightful: ['margaux', 'camille'] },
      },
      {
        author: 'margaux',
        body: 'Super, merci ! Je tente le TER samedi, en évitant 17 h.',
        after: 5,
      },
      {
        author: 'margaux',
        body: 'Trajet fait sans souci, il y avait trois vélos dans la voiture. 👍',
        after: 60,
        react: { love: ['camille', 'yann'] },
      },
    ],
  },
]
