// What the profile page adds from this folder, loaded with it (client/app/lazy.ts): the member's badges.
import { MemberBadges } from './member-badges.js'

customElements.get('tribune-member-badges') ?? customElements.define('tribune-member-badges', MemberBadges)
