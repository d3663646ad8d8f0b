// The contests pages, loaded on their first visit (client/app/lazy.ts).
import '../staff/screens.js'
import { ContestPage } from './contest-page.js'
import { ContestsPage } from './contests-page.js'

const elements: [string, CustomElementConstructor][] = [
  ['tribune-contests-page', ContestsPage],
  ['tribune-contest-page', ContestPage],
]
for (const [tag, cls] of elements) customElements.get(tag) ?? customElements.define(tag, cls)
