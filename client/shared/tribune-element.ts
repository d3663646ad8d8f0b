import { consume } from '@lit/context'
import { LitElement } from 'lit'
import { state } from 'lit/decorators.js'
import type { TribuneApi } from './api.js'
import { apiContext, langContext, type Viewer, viewerContext } from './context.js'
import type { Catalogue, Lang } from './i18n.js'

/**
 * The base of every Tribune component: the API, the reader and the language from the page's
 * root (see context.ts), the component's strings in that language, and typed events.
 */
export class TribuneElement extends LitElement {
  @consume({ context: apiContext })
  @state()
  protected api!: TribuneApi

  @consume({ context: langContext, subscribe: true })
  @state()
  protected uiLang: Lang = 'en'

  @consume({ context: viewerContext, subscribe: true })
  @state()
  protected viewer: Viewer | null = null

  /** This component's strings in the reader's language. */
  protected strings<M>(catalogue: Catalogue<M>): M {
    return catalogue[this.uiLang]
  }

  /** Dispatches `tribune-<name>`, bubbling out of shadow roots, as every Tribune event does. */
  protected emit<T>(name: string, detail?: T, opts: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(
      new CustomEvent<T>(`tribune-${name}`, {
        detail: detail as T,
        bubbles: true,
        composed: true,
        cancelable: opts.cancelable ?? false,
      }),
    )
  }
}
