// The challenges and leaderboard pages, loaded on their first visit (client/app/lazy.ts).
import '../staff/screens.js'
import { ChallengePage, ChallengesPage } from './challenges-page.js'
import { LeaderboardPage } from './leaderboard-page.js'

const elements: [string, CustomElementConstructor][] = [
  ['tribune-challenges-page', ChallengesPage],
  ['tribune-challenge-page', ChallengePage],
  ['tribune-leaderboard-page', LeaderboardPage],
]
for (const [tag, cls] of elements) customElements.get(tag) ?? customElements.define(tag, cls)
