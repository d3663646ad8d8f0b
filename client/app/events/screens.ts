// The events pages, loaded on their first visit (client/app/lazy.ts).
import '../staff/screens.js'
import { EventPage } from './event-page.js'
import { EventsPage } from './events-page.js'

const elements: [string, CustomElementConstructor][] = [
  ['tribune-events-page', EventsPage],
  ['tribune-event-page', EventPage],
]
for (const [tag, cls] of elements) customElements.get(tag) ?? customElements.define(tag, cls)
