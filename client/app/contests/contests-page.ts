import { html, nothing, type PropertyValues } from 'lit'
import { state } from 'lit/decorators.js'
import { CommunityPage } from '../events/community-page.js'
import type { Page } from '../events/types.js'
import { newLink } from '../staff/links.js'
import { type ContestMessages, contestMessages } from './messages.js'
import { type Contest, nextChange } from './types.js'

/** `/contests`: every contest, newest first, with its phase and what happens next. */
export class ContestsPage extends CommunityPage {
  @state() private contests: Contest[] | null = null
  @state() private nextCursor: string | null = null

  get m(): ContestMessages {
    return this.strings(contestMessages)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (keys.has('uiLang') || !this.hasUpdated) this.announce(this.m.contestsTitle)
    if (!this.hasUpdated || (keys.has('viewer') && this.hasUpdated)) void this.load()
  }

  private async load(more = false): Promise<void> {
    this.failed = null
    try {
      const cursor = more && this.nextCursor ? `&cursor=${encodeURIComponent(this.nextCursor)}` : ''
      const page = await this.api.get<Page<Contest>>(`/api/contests?limit=20${cursor}`)
      this.contests = more ? [...(this.contests ?? []), ...page.items] : page.items
      this.nextCursor = page.nextCursor
    } catch (err) {
      this.failed = err
    }
  }

  /** "Voting is open until …" for a contest's card. */
  nextText(c: Contest): string {
    const next = nextChange(c)
    if (!next) return this.m.resultsOut
    const at = next.at ? this.when(next.at) : null
    return next.what === 'results' ? this.m.next.results(at) : this.m.next[next.what](at ?? '')
  }

  override render() {
    const m = this.m
    const list = this.contests
    return html`<h1 tabindex="-1">${m.contestsTitle}</h1>
      ${newLink(this.viewer, this.uiLang, 'contest')}
      ${
        this.failed
          ? html`<p role="alert" class="error">${this.errorText(this.failed)}
              <button type="button" @click=${() => void this.load()}>${this.t.retry}</button></p>`
          : !list
            ? this.loadingView()
            : list.length === 0
              ? html`<p>${m.noContests}</p>`
              : html`<ul class="cards">${list.map(
                  (c) => html`<li class="card">
                    <h2><a href=${c.url}>${c.title}</a></h2>
                    <p><span class="pill">${m.phase[c.phase]}</span> · <span class="meta">${m.entries(c.entryCount)}</span></p>
                    <p class="meta">${this.nextText(c)}</p>
                  </li>`,
                )}</ul>`
      }
      ${this.nextCursor ? html`<button type="button" @click=${() => void this.load(true)}>${this.c.loadMore}</button>` : nothing}`
  }
}
