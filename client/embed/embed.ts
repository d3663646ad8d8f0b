// The embed brand pages load: <script type="module" src="PUBLIC_URL/embed.js"></script>.
// It defines <tribune-thread topic="…"> and <tribune-comments url="…">, each its own root
// (API, language, reader, live client) so that several embeds on one page stay independent.
import { EmbedThread } from './embed-thread.js'
import { TribuneComments } from './tribune-comments.js'

customElements.get('tribune-thread') ?? customElements.define('tribune-thread', EmbedThread)
customElements.get('tribune-comments') ?? customElements.define('tribune-comments', TribuneComments)

declare global {
  interface HTMLElementTagNameMap {
    'tribune-comments': TribuneComments
  }
}
