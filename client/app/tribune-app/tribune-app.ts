import { provide } from '@lit/context'
import { html, LitElement } from 'lit'
import { TribuneApi } from '../../shared/api.js'
import { apiContext, langContext, type Viewer, viewerContext } from '../../shared/context.js'
import { type Lang, pickLang } from '../../shared/i18n.js'

/**
 * The community site. Until it upgrades, its light DOM (the page the server rendered) is what
 * readers and crawlers see; once it runs, its shadow root shows the live app instead.
 */
export class TribuneApp extends LitElement {
  @provide({ context: apiContext })
  api = new TribuneApi({ base: '', auth: 'cookie' })

  @provide({ context: langContext })
  uiLang: Lang = pickLang(document.documentElement.lang)

  @provide({ context: viewerContext })
  viewer: Viewer | null = null

  override render() {
    return html`<slot></slot>`
  }
}
