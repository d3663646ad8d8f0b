import { html, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import { ModPage } from './mod-page.js'
import { type WatchedAction, type WatchedWord, type WordCheck, watchedActions } from './types.js'

/** The watched words: the list (paged), adding and removing, and trying a text against it. */
export class WordsPage extends ModPage {
  @state() private items: WatchedWord[] | null = null
  @state() private nextCursor: string | null = null
  @state() private checked: WordCheck | null = null

  protected override view = 'words' as const

  override get pageTitle(): string {
    return this.m.wordsTitle
  }

  protected override async start(): Promise<void> {
    await this.load()
  }

  private async load(cursor?: string): Promise<void> {
    this.failed = null
    const q = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100'
    try {
      const page = await this.api.get<{ items: WatchedWord[]; nextCursor: string | null }>(
        `/api/moderation/watched-words${q}`,
      )
      this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items
      this.nextCursor = page.nextCursor
    } catch (err) {
      this.failed = err
    }
  }

  private async add(e: Event): Promise<void> {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const phrase = String(data.get('phrase') ?? '').trim()
    const action = String(data.get('action') ?? 'flag') as WatchedAction
    if (!phrase) return
    const ok = await this.act(
      () => this.api.post('/api/moderation/watched-words', { phrase, action }),
      this.m.saved,
    )
    if (ok) {
      form.reset()
      await this.load()
    }
  }

  private async unwatch(w: WatchedWord): Promise<void> {
    if (await this.act(() => this.api.delete(`/api/moderation/watched-words/${w.id}`))) {
      this.items = (this.items ?? []).filter((i) => i.id !== w.id)
    }
  }

  private async check(e: Event): Promise<void> {
    e.preventDefault()
    const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '')
    this.checked = null
    await this.act(async () => {
      this.checked = await this.api.post<WordCheck>('/api/moderation/watched-words/check', { text })
    }, '')
  }

  protected override renderView() {
    const m = this.m
    return html`<form class="stack" @submit=${(e: Event) => void this.add(e)}>
        <label for="phrase">${m.phrase}</label>
        <input id="phrase" name="phrase" required maxlength="1000" aria-describedby="phrase-hint" />
        <p id="phrase-hint" class="hint">${m.phraseHint}</p>
        <label for="action">${m.wordAction}</label>
        <select id="action" name="action">
          ${watchedActions.map((a) => html`<option value=${a}>${m.wordActions[a]}</option>`)}
        </select>
        <p><button type="submit" class="primary">${m.add}</button></p>
      </form>
      ${this.statusLine()}
      ${
        this.failed
          ? html`<p role="alert" class="error">${this.errorText(this.failed)}</p>`
          : !this.items
            ? this.loadingView()
            : this.items.length === 0
              ? html`<p>${m.noWords}</p>`
              : html`<ul class="list">
                ${this.items.map(
                  (w) => html`<li class="row">
                    <strong>${w.phrase}</strong> <span class="tag">${m.wordActions[w.action]}</span>
                    <button type="button" aria-label=${m.remove(w.phrase)} @click=${() => void this.unwatch(w)}>×</button>
                  </li>`,
                )}
              </ul>`
      }
      ${
        this.nextCursor
          ? html`<button type="button" @click=${() => void this.load(this.nextCursor ?? undefined)}>${m.loadMore}</button>`
          : nothing
      }
      <h2 id="try-h">${m.tryText}</h2>
      <form class="stack" aria-labelledby="try-h" @submit=${(e: Event) => void this.check(e)}>
        <label for="try">${m.tryText}</label>
        <textarea id="try" name="text" maxlength="32000"></textarea>
        <p><button type="submit">${m.check}</button></p>
      </form>
      ${
        this.checked
          ? html`<section aria-live="polite">
              <p>${m.hits(this.checked.matches.length)}</p>
              <ul>${this.checked.matches.map((h) => html`<li><mark>${h.phrase}</mark> — ${m.wordActions[h.action]} (${h.start}–${h.end})</li>`)}</ul>
              <h3>${m.censored}</h3>
              <p class="plain body">${this.checked.censored}</p>
            </section>`
          : nothing
      }`
  }
}
