import { TribuneThread } from './tribune-thread.js'

customElements.get('tribune-thread') ?? customElements.define('tribune-thread', TribuneThread)

declare global {
  interface HTMLElementTagNameMap {
    'tribune-thread': TribuneThread
  }
}
