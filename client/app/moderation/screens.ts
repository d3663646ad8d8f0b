// The moderation screens and the public charter page, loaded on their first visit (client/app/lazy.ts).
import { AppealsPage } from './appeals-page.js'
import { AuditPage } from './audit-page.js'
import { CharterEditor } from './charter-editor.js'
import { CharterPage } from './charter-page.js'
import { CrisisPage } from './crisis-page.js'
import { DutyPage } from './duty-page.js'
import { ModActions } from './item-actions.js'
import { ItemPage } from './item-page.js'
import { QueuePage } from './queue-page.js'
import { WordsPage } from './words-page.js'

const elements: [string, CustomElementConstructor][] = [
  ['tribune-mod-queue-page', QueuePage],
  ['tribune-mod-item-page', ItemPage],
  ['tribune-mod-actions', ModActions],
  ['tribune-mod-appeals-page', AppealsPage],
  ['tribune-mod-audit-page', AuditPage],
  ['tribune-mod-words-page', WordsPage],
  ['tribune-mod-duty-page', DutyPage],
  ['tribune-mod-crisis-page', CrisisPage],
  ['tribune-mod-charter-page', CharterEditor],
  ['tribune-charter-page', CharterPage],
]
for (const [tag, cls] of elements) customElements.get(tag) ?? customElements.define(tag, cls)
