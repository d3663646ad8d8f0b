import { CrisisBanner } from './tribune-crisis-banner.js'

// Only the crisis banner is on every page; the moderation screens and the charter page load with
// their first visit (client/app/lazy.ts).
customElements.get('tribune-crisis-banner') ?? customElements.define('tribune-crisis-banner', CrisisBanner)
