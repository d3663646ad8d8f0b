import type { DemoThread } from './types.js'

// Idées & suggestions: ideas members propose, discuss and see taken up.
export const ideas: DemoThread[] = [
  {
    category: 'idees',
    author: 'mehdi',
    title: 'Un support smartphone intégré au cintre',
    daysAgo: 27,
    body: 'Beaucoup d’entre nous utilisent le GPS du téléphone. Un support intégré à la potence, avec une prise USB-C alimentée par la batterie, serait top.',
    react: { like: ['thomas', 'claire', 'antoine', 'yann'] },
    replies: [
      {
        author: 'thomas',
        body: '+1, et avec un système de fixation rapide pour ne pas laisser le support quand on gare le vélo.',
        after: 4,
      },
      {
        author: 'claire',
        body: 'Oui ! Mon téléphone s’est déjà vidé en plein trajet, une prise USB-C serait idéale.',
        after: 8,
      },
      {
        author: 'julien',
        body: 'Attention au poids sur la direction et à l’étanchéité de la prise. Mais l’idée est bonne.',
        after: 12,
        react: { insightful: ['mehdi'] },
      },
      {
        author: 'lea',
        body: `Merci pour cette idée @{mehdi}, elle a beaucoup de soutiens ! Je la présente à l’équipe produit la semaine prochaine et je vous tiens au courant ici.`,
        after: 30,
        react: { love: ['mehdi', 'thomas'] },
      },
    ],
  },
  {
    category: 'idees',
    author: 'yann',
    title: 'Proposer une location de batterie pour les longues randonnées',
    daysAgo: 19,
    body: 'Pour les voyages de plusieurs jours, une deuxième batterie coûte cher pour deux semaines par an. Une location à la semaine en boutique serait parfaite.',
    react: { like: ['sophie', 'thomas'] },
    replies: [
      {
        author: 'sophie',
        body: 'Excellente idée. Je serais prête à payer 20 à 30 € la semaine.',
        after: 3,
      },
      {
        author: 'antoine',
        body: 'Et pourquoi pas un réseau de recharge chez des partenaires (cafés, campings) le long des grands itinéraires ?',
        after: 6,
        react: { like: ['yann', 'sophie'] },
      },
      {
        author: 'yann',
        replyTo: 2,
        body: '> un réseau de recharge chez des partenaires\n\nSur la ViaRhôna ça existe déjà en partie, ce serait génial de les référencer dans l’appli.',
        after: 2,
      },
      {
        author: 'lea',
        body: 'On étudie justement une location de batteries pour l’été prochain dans les boutiques de Nice et Lyon. Vos retours sur le prix sont précieux !',
        after: 40,
        react: { love: ['yann', 'sophie', 'antoine'] },
      },
    ],
  },
  {
    category: 'idees',
    author: 'claire',
    title: 'Un mode « hiver » dans l’application',
    daysAgo: 11,
    body: 'Un mode qui limite l’assistance au démarrage sur route mouillée et affiche l’autonomie corrigée selon la température. Ça rassurerait beaucoup de vélotafeurs.',
    replies: [
      {
        author: 'julien',
        body: 'L’autonomie corrigée selon la température, oui ! Ça m’aurait évité de m’inquiéter cet hiver.',
        after: 5,
        react: { like: ['claire'] },
      },
      {
        author: 'mehdi',
        body: 'Le téléphone connaît déjà la météo, l’appli pourrait ajuster l’estimation toute seule.',
        after: 7,
      },
      {
        author: 'camille',
        body: 'Je vote pour. Et une alerte « pensez à rentrer la batterie » quand il gèle 😄',
        after: 9,
        react: { funny: ['claire', 'julien'], like: ['mehdi'] },
      },
    ],
  },
  {
    category: 'idees',
    author: 'sophie',
    title: 'Des ateliers d’entretien en ligne',
    daysAgo: 6,
    body: 'Tout le monde n’habite pas près d’une boutique. Des ateliers vidéo en direct (régler ses freins, changer une chambre à air) seraient très utiles.',
    react: { like: ['margaux', 'ines'] },
    replies: [
      {
        author: 'margaux',
        body: 'Oui, surtout avec la possibilité de poser des questions en direct.',
        after: 3,
      },
      {
        author: 'ines',
        body: 'Je débute totalement, je serais la première inscrite !',
        after: 5,
      },
      {
        author: 'lea',
        body: 'Bonne nouvelle : un premier atelier en ligne est prévu le mois prochain. Je publierai l’événement dans la catégorie Événements.',
        after: 20,
        react: { love: ['sophie', 'margaux', 'ines'] },
      },
    ],
  },
]
