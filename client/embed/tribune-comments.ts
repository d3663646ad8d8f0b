import type { PropertyValues } from 'lit'
import { property } from 'lit/decorators.js'
import { ApiError } from '../shared/api.js'
import { EmbedThread } from './embed-thread.js'

/**
 * `<tribune-comments url="https://brand.example/blog/article">`: an article's comment section,
 * the thread of the topic the community keeps for that address (created on the first visit).
 *
 * @attr url - The article's address (defaults to the page's, without its query and fragment).
 * @attr lang - fr or en; else the page's `<html lang>`, else the browser's.
 * @attr sso-token - A JWT the brand's backend signed (HS256, the community's SSO secret).
 */
export class TribuneComments extends EmbedThread {
  @property() url = ''

  private resolved: string | null = null

  constructor() {
    super()
    // The article is the page's heading: the comments need none of their own.
    this.showTitle = false
  }

  protected override canLoad(): boolean {
    return super.canLoad() && this.topic > 0
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed)
    const url = this.articleUrl()
    if (super.canLoad() && url !== this.resolved) {
      this.resolved = url
      void this.resolve(url)
    }
  }

  private articleUrl(): string {
    if (this.url) return new URL(this.url, location.href).href
    const here = new URL(location.href)
    here.search = ''
    here.hash = ''
    return here.href
  }

  /** The article's topic: POST /api/embed/comments finds it, or creates it the first time. */
  private async resolve(url: string): Promise<void> {
    try {
      const { topic } = await this.api.post<{ topic: { id: number } }>('/api/embed/comments', {
        url,
        title: document.title,
      })
      if (url === this.resolved) this.topic = topic.id
    } catch (error) {
      if (url !== this.resolved) return
      // Shown by the thread as any failed load: the refused origin, an unknown community.
      this.fail(error instanceof ApiError ? error : new TypeError(String(error)))
    }
  }
}
