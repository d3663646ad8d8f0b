import { html, svg } from 'lit'
import { badgeIcon } from './types.js'

// The badges' icons, drawn inline (no emoji font needed, themed through the brand colour). Each is
// decorative: the badge's name beside it says what it is.

const paths = {
  star: svg`<path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z"/>`,
  trophy: svg`<path d="M7 3h10v2h3v3a4 4 0 0 1-4 4h-.3A5 5 0 0 1 13 14.9V18h3v3H8v-3h3v-3.1A5 5 0 0 1 8.3 12H8a4 4 0 0 1-4-4V5h3zm0 4H6v1a2 2 0 0 0 1 1.7zm10 0v2.7A2 2 0 0 0 18 8V7z"/>`,
  medal: svg`<path d="M7 2h4l1 4 1-4h4l-3 7.2A6 6 0 1 1 10 9.2zm5 9a4 4 0 1 0 0 8 4 4 0 0 0 0-8z"/>`,
  flag: svg`<path d="M5 2h2v20H5zm3 1h11l-2.5 4.5L19 12H8z"/>`,
  flame: svg`<path d="M12 2c1 4 5 6 5 11a5 5 0 0 1-10 0c0-2 1-3.5 2-4.5 0 2 1 3 2 3.5-1-3 0-7 1-10z"/>`,
} as const

/** The badge's icon (an unknown name draws a star). */
export function badgeSvg(name: string) {
  const key = badgeIcon(name)
  return html`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
    fill="currentColor">${paths[key]}</svg>`
}
