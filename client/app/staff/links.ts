import { html, nothing } from 'lit'
import type { Viewer } from '../../shared/context.js'
import type { Lang } from '../../shared/i18n.js'
import { staffMessages } from './messages.js'

/** Whether the reader may use the staff forms (the API checks the role again). */
export const isStaff = (viewer: Viewer | null | undefined): boolean =>
  viewer?.role === 'moderator' || viewer?.role === 'admin'

const targets = {
  event: ['/events/new', 'newEvent'],
  contest: ['/contests/new', 'newContest'],
  challenge: ['/challenges/new', 'newChallenge'],
} as const

/** The "New event / contest / challenge" button a list page shows moderators. */
export function newLink(viewer: Viewer | null, lang: Lang, kind: keyof typeof targets) {
  if (!isStaff(viewer)) return nothing
  const [href, key] = targets[kind]
  return html`<p class="row"><a class="button primary" href=${href}>${staffMessages[lang][key]}</a></p>`
}
