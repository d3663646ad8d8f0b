import { TribunePost } from './tribune-post.js'

customElements.get('tribune-post') ?? customElements.define('tribune-post', TribunePost)

declare global {
  interface HTMLElementTagNameMap {
    'tribune-post': TribunePost
  }
}
