import { TribuneMenu } from './tribune-menu.js'

customElements.get('tribune-menu') ?? customElements.define('tribune-menu', TribuneMenu)
