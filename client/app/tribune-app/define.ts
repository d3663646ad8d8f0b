import { TribuneApp } from './tribune-app.js'

customElements.get('tribune-app') ?? customElements.define('tribune-app', TribuneApp)
