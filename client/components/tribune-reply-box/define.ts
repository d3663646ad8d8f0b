import { TribuneReplyBox } from './tribune-reply-box.js'

customElements.get('tribune-reply-box') ?? customElements.define('tribune-reply-box', TribuneReplyBox)

declare global {
  interface HTMLElementTagNameMap {
    'tribune-reply-box': TribuneReplyBox
  }
}
