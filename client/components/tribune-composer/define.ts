import { TribuneComposer } from './tribune-composer.js'

customElements.get('tribune-composer') ?? customElements.define('tribune-composer', TribuneComposer)

declare global {
  interface HTMLElementTagNameMap {
    'tribune-composer': TribuneComposer
  }
}
