import type { DemoThread } from './types.js'

// Discussions: rides, kit and everyday cycling.
export const talk: DemoThread[] = [
  {
    category: 'discussions',
    author: 'lea',
    title: 'Présentez-vous ! 👋',
    daysAgo: 33,
    body: 'Dites-nous qui vous êtes, où vous roulez et avec quel vélo. Je commence : Léa, Nice, Azur City, 12 km de vélotaf par jour.',
    replies: [
      {
        author: 'camille',
        body: 'Camille, Antibes ! Azur City aussi, pour aller au travail à Sophia. Le soir je rentre par le bord de mer, le meilleur moment de la journée.',
        after: 1,
        react: { like: ['lea'] },
      },
      {
        author: 'julien',
        body: 'Julien, Grasse. Azur Trek, surtout pour les routes de l’arrière-pays. Je bricole beaucoup, n’hésitez pas pour les questions de mécanique.',
        after: 3,
      },
      {
        author: 'sophie',
        body: 'Sophie, Menton. Cyclotouriste, je vise les 30 cols des Alpes-Maritimes cette année (j’en suis à 11).',
        after: 5,
        react: { love: ['thomas', 'yann'] },
      },
      {
        author: 'thomas',
        replyTo: 3,
        body: '@{sophie} 11 cols, bravo ! Je suis photographe à Nice, je te suivrais bien pour le col de Turini 📸',
        after: 2,
        react: { like: ['sophie'] },
      },
      {
        author: 'nathalie',
        body: 'Nathalie, Cagnes-sur-Mer. Azur Cargo pour l’école et les courses : on a vendu la deuxième voiture !',
        after: 30,
        react: { love: ['lea', 'claire'], like: ['camille'] },
      },
      {
        author: 'margaux',
        body: 'Margaux, étudiante à Montpellier. Mon Azur City m’accompagne partout, même dans le train.',
        after: 14 * 24,
      },
    ],
  },
  {
    category: 'discussions',
    author: 'thomas',
    title: 'Vos plus belles balades sur la Côte d’Azur',
    daysAgo: 29,
    body: 'Je commence avec un classique : Nice → Villefranche → Saint-Jean-Cap-Ferrat par la basse corniche, tôt le matin. La lumière sur la rade est incroyable.',
    react: { love: ['sophie', 'camille'] },
    replies: [
      {
        author: 'sophie',
        body: 'La route des crêtes entre Èze et la Turbie, au coucher du soleil. L’assistance aide bien dans la montée !',
        after: 4,
        react: { like: ['thomas'] },
      },
      {
        author: 'yann',
        body: 'Pour les amateurs de calme : la vallée de la Vésubie jusqu’à Saint-Martin. Comptez 80 km aller-retour, une batterie de 625 Wh suffit en mode Éco.',
        after: 9,
        react: { insightful: ['sophie', 'julien'] },
      },
      {
        author: 'camille',
        body: 'Le bord de mer d’Antibes à Juan-les-Pins, puis le tour du Cap. Facile et magnifique.',
        after: 6,
      },
      {
        author: 'julien',
        body: 'Le plateau de Caussols au-dessus de Grasse : on se croirait ailleurs.',
        after: 20,
      },
      {
        author: 'thomas',
        body: 'Merci à tous, je compile vos idées pour une carte que je partagerai ici. @{yann}, tu me donnes ton tracé de la Vésubie ?',
        after: 5,
        react: { like: ['yann', 'sophie', 'camille'] },
      },
    ],
  },
  {
    category: 'discussions',
    author: 'claire',
    title: 'Vélotaf : comment vous équipez-vous contre la pluie ?',
    daysAgo: 18,
    body: 'À Lyon, l’automne approche. Cape, veste, surpantalon, guêtres ? Je cherche le bon compromis pour arriver au bureau à peu près sèche.',
    replies: [
      {
        author: 'camille',
        body: 'Veste imperméable respirante + surpantalon qui se range dans la sacoche. Et des garde-boue, surtout !',
        after: 2,
        react: { like: ['claire'] },
      },
      {
        author: 'julien',
        body: 'La cape est sous-estimée : elle couvre aussi les mains et le sac. Par contre avec le vent, c’est sportif.',
        after: 4,
        react: { funny: ['claire', 'camille'] },
      },
      {
        author: 'nathalie',
        body: 'Couvre-chaussures en néoprène. Des pieds mouillés, c’est la journée gâchée.',
        after: 7,
      },
      {
        author: 'mehdi',
        body: 'Je laisse une tenue de rechange au bureau, ça enlève beaucoup de stress.',
        after: 11,
        react: { like: ['claire', 'nathalie'] },
      },
      {
        author: 'claire',
        body: 'Merci ! Ce sera veste + surpantalon + couvre-chaussures, et la tenue de rechange de @{mehdi}.',
        after: 30,
      },
    ],
  },
  {
    category: 'discussions',
    author: 'julien',
    title: 'Antivol : U, chaîne ou pliant ?',
    daysAgo: 8,
    body: 'Un vélo électrique, ça attire. Vous utilisez quoi comme antivol en ville ? J’hésite à doubler mon U avec une chaîne.',
    replies: [
      {
        author: 'antoine',
        body: 'U + câble pour la roue avant, et je retire toujours la batterie. À Marseille, je ne prends aucun risque.',
        after: 2,
      },
      {
        author: 'claire',
        body: 'Le pliant est pratique à transporter, mais moins solide qu’un bon U à mon avis.',
        after: 5,
      },
      {
        author: 'lea',
        body: 'Pensez aussi au marquage (obligatoire) et à activer la localisation dans l’appli : en cas de vol, elle aide beaucoup à retrouver le vélo.',
        after: 3,
        react: { insightful: ['julien', 'antoine'] },
      },
      {
        author: 'julien',
        body: 'Merci, je garde mon U et j’ajoute une chaîne pour les longues haltes.',
        after: 16,
      },
    ],
  },
  {
    category: 'discussions',
    author: 'nathalie',
    title: 'Premier mois avec mon Azur Cargo et deux enfants',
    daysAgo: 3,
    body: 'Bilan du premier mois : 340 km, zéro voiture pour l’école, des enfants ravis. Le seul point faible : trouver où garer un vélo de 2,50 m en ville.',
    react: { love: ['lea', 'claire', 'camille'] },
    replies: [
      {
        author: 'claire',
        body: 'Bravo ! À Lyon, certaines places de livraison sont tolérées pour les cargos, renseigne-toi auprès de ta mairie.',
        after: 3,
      },
      {
        author: 'lea',
        body: 'Quel beau retour, merci @{nathalie} ! On aimerait le partager sur notre blog, je t’envoie un message.',
        after: 4,
        react: { like: ['nathalie'] },
      },
      {
        author: 'camille',
        body: 'Ça donne envie ! Combien de temps pour recharger après une journée type ?',
        after: 6,
      },
    ],
  },
]
