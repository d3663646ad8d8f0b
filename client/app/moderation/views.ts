import { html } from 'lit'
import type { ModView } from '../router.js'

/** The element of each moderation screen, for the app's router. */
export function modPage(view: ModView) {
  switch (view) {
    case 'queue':
      return html`<tribune-mod-queue-page></tribune-mod-queue-page>`
    case 'appeals':
      return html`<tribune-mod-appeals-page></tribune-mod-appeals-page>`
    case 'audit':
      return html`<tribune-mod-audit-page></tribune-mod-audit-page>`
    case 'words':
      return html`<tribune-mod-words-page></tribune-mod-words-page>`
    case 'duty':
      return html`<tribune-mod-duty-page></tribune-mod-duty-page>`
    case 'crisis':
      return html`<tribune-mod-crisis-page></tribune-mod-crisis-page>`
    case 'charter':
      return html`<tribune-mod-charter-page></tribune-mod-charter-page>`
  }
}
