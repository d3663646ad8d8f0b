import { html, type SVGTemplateResult, svg } from 'lit'
import type { ReactionKind } from '../tribune-thread/thread-state.js'

// Drawn, not emoji: a machine without an emoji font shows emoji as empty boxes. Strokes follow
// the text colour (currentColor), so every theme and forced-colours mode colours them too.
const paths: Record<ReactionKind, SVGTemplateResult> = {
  like: svg`<path d="M7 10v11H3V10zM7 10l4-7a2 2 0 0 1 3 2l-1 5h6a2 2 0 0 1 2 2.3l-1.4 7A2 2 0 0 1 17.6 21H7" />`,
  love: svg`<path d="M12 20s-7.5-4.6-9.3-9.2C1.5 7.6 3.6 4.5 6.8 4.5c2 0 3.4 1.1 5.2 3 1.8-1.9 3.2-3 5.2-3 3.2 0 5.3 3.1 4.1 6.3C19.5 15.4 12 20 12 20z" />`,
  insightful: svg`<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.6.5 1 1.2 1 2V16h5.2v-.2c0-.8.4-1.5 1-2A6 6 0 0 0 12 3z" />`,
  funny: svg`<circle cx="12" cy="12" r="9" /><path d="M8 14.5c1 1.5 2.4 2.2 4 2.2s3-.7 4-2.2M9 9.5h.01M15 9.5h.01" />`,
  disagree: svg`<path d="M7 14V3H3v11zM7 14l4 7a2 2 0 0 0 3-2l-1-5h6a2 2 0 0 0 2-2.3l-1.4-7A2 2 0 0 0 17.6 3H7" />`,
}

/** The reaction's icon, decorative: the button or count beside it carries the name. */
export function reactionIcon(kind: ReactionKind) {
  return html`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"
    >${paths[kind]}</svg>`
}
