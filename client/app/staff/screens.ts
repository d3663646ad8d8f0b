// The community managers' forms (moderators), loaded with the events, contests and challenges
// chunks (client/app/lazy.ts): the new/edit pages and the pieces the member pages show to staff.
import { ChallengeFormPage, ChallengeReview } from './challenge-form.js'
import { ContestDates, ContestFormPage } from './contest-form.js'
import { EventActions } from './event-actions.js'
import { EventFormPage } from './event-form.js'
import { ContestJury } from './jury-scoring.js'

const elements: [string, CustomElementConstructor][] = [
  ['tribune-event-form-page', EventFormPage],
  ['tribune-event-actions', EventActions],
  ['tribune-contest-form-page', ContestFormPage],
  ['tribune-contest-dates', ContestDates],
  ['tribune-contest-jury', ContestJury],
  ['tribune-challenge-form-page', ChallengeFormPage],
  ['tribune-challenge-review', ChallengeReview],
]
for (const [tag, cls] of elements) customElements.get(tag) ?? customElements.define(tag, cls)
