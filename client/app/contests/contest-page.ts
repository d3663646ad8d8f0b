import { css, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import type { LiveEvent } from '../../live/live-client.js'
import { ApiError } from '../../shared/api.js'
import { sanitizePostHtml } from '../../shared/sanitize.js'
import { CommunityPage, communityStyles } from '../events/community-page.js'
import type { Page } from '../events/types.js'
import { notFoundView } from '../pages/forum-pages.js'
import { pageStyles } from '../pages/page.js'
import { type ContestMessages, contestMessages } from './messages.js'
import { type Contest, type Entry, nextChange, type Result, timeline, voteBlock } from './types.js'

const maxImageBytes = 8 * 1024 * 1024

const contestStyles = css`
  ol.timeline {
    list-style: none;
    padding: 0;
    margin: var(--tribune-space-s, 0.5rem) 0;
    font-size: 0.875rem;
  }
  ol.timeline li {
    color: var(--tribune-color-text-quiet, #5f6b7a);
  }
  ol.timeline li[aria-current='step'] {
    color: var(--tribune-color-text, #151b24);
    font-weight: 700;
  }
  .gallery {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: var(--tribune-space-m, 1rem);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr));
  }
  .gallery > li {
    display: flex;
    flex-direction: column;
    margin: 0;
  }
  .gallery img,
  .preview img {
    display: block;
    inline-size: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-surface-sunken, #f1f3f5);
  }
  .preview {
    max-inline-size: 20rem;
  }
  .gallery .vote-row {
    margin-top: auto;
  }
  ol.results {
    padding: 0;
    list-style: none;
  }
  .rank {
    font-weight: 700;
    font-size: 1.25rem;
    margin-inline-end: var(--tribune-space-s, 0.5rem);
  }
`

/**
 * `/contests/:id`: a contest's rules, where it stands and what happens next, its gallery; a form to
 * enter during submissions (title, text, an image with a preview), vote buttons during voting with
 * the votes left, the ranked results once out. Follows `contest:<id>` for new entries and phases.
 */
export class ContestPage extends CommunityPage {
  static override styles = [pageStyles, communityStyles, contestStyles]

  @property({ type: Number }) contestId = 0
  @state() private contest: Contest | null = null
  @state() private missing = false
  @state() private entries: Entry[] = []
  @state() private entriesCursor: string | null = null
  @state() private results: Result[] | null = null
  @state() private preview: string | null = null
  @state() private sending = false
  @state() private voting: number | null = null
  private image: File | null = null

  get m(): ContestMessages {
    return this.strings(contestMessages)
  }

  protected override liveChannel(): string | null {
    return this.contest ? `contest:${this.contest.id}` : null
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    const keys = changed as Map<PropertyKey, unknown>
    if (changed.has('contestId')) void this.load()
    else if (keys.has('viewer') && this.hasUpdated) void this.load()
    if (keys.has('uiLang') && this.contest) this.announce(this.contest.title)
  }

  private async load(): Promise<void> {
    this.failed = null
    this.missing = false
    try {
      await this.loadContest()
      this.announce(this.contest!.title)
      await this.loadEntries()
    } catch (err) {
      this.contest = null
      if (err instanceof ApiError && [400, 404].includes(err.status)) {
        this.missing = true
        this.announce(this.t.notFound)
      } else this.failed = err
    }
  }

  private async loadContest(): Promise<void> {
    const { contest } = await this.api.get<{ contest: Contest }>(`/api/contests/${this.contestId}`)
    this.contest = contest
    this.results =
      contest.phase === 'results'
        ? await this.api
            .get<{ items: Result[] }>(`/api/contests/${contest.id}/results`)
            .then((r) => r.items)
            .catch(() => null)
        : null
  }

  private async loadEntries(more = false): Promise<void> {
    const cursor = more && this.entriesCursor ? `&cursor=${encodeURIComponent(this.entriesCursor)}` : ''
    const page = await this.api.get<Page<Entry>>(`/api/contests/${this.contestId}/entries?limit=24${cursor}`)
    this.entries = more ? [...this.entries, ...page.items] : page.items
    this.entriesCursor = page.nextCursor
  }

  protected override onLive(e: LiveEvent): void {
    const data = e.data as { entryId?: number }
    switch (e.type) {
      case 'entry.created':
        // The first page again (entries come in order): a new one shows where it belongs.
        if (!this.entriesCursor) void this.loadEntries().catch(() => {})
        void this.loadContest().catch(() => {})
        break
      case 'entry.disqualified':
        if (!this.contest?.can.moderate) this.entries = this.entries.filter((x) => x.id !== data.entryId)
        else void this.loadEntries().catch(() => {})
        break
      case 'contest.phase':
      case 'contest.results':
      case 'contest.updated':
        void this.loadContest().catch(() => {})
        break
    }
  }

  protected override onLiveReset(): void {
    void this.load()
  }

  private pickImage(input: HTMLInputElement): void {
    const file = input.files?.[0] ?? null
    this.problem = ''
    if (file && file.size > maxImageBytes) {
      this.problem = this.m.imageTooLarge
      input.value = ''
      this.image = null
      this.preview = null
      return
    }
    this.image = file
    this.preview = null
    if (!file) return
    // A data: URL, which the pages' CSP allows for images (blob: it does not).
    const reader = new FileReader()
    reader.onload = () => {
      if (this.image === file) this.preview = String(reader.result)
    }
    reader.readAsDataURL(file)
  }

  private clearImage(): void {
    this.image = null
    this.preview = null
    const input = this.renderRoot.querySelector<HTMLInputElement>('#entry-image')
    if (input) input.value = ''
  }

  private async enter(form: HTMLFormElement): Promise<void> {
    const c = this.contest
    if (!c || this.sending) return
    const data = new FormData(form)
    const title = String(data.get('title') ?? '').trim()
    const body = String(data.get('body') ?? '')
    if (!title) {
      this.problem = this.m.needTitle
      return
    }
    this.sending = true
    const payload = this.image ? new FormData() : { title, body }
    if (payload instanceof FormData) {
      payload.set('title', title)
      payload.set('body', body)
      payload.set('image', this.image!, this.image!.name)
    }
    const ok = await this.act(() => this.api.post(`/api/contests/${c.id}/entries`, payload), this.m.sent)
    this.sending = false
    if (!ok) return
    form.reset()
    this.clearImage()
    await Promise.all([this.loadContest(), this.loadEntries()]).catch(() => {})
  }

  private async vote(entry: Entry): Promise<void> {
    const c = this.contest
    if (!c || this.voting !== null) return
    this.voting = entry.id
    let left: number | null = null
    await this.act(async () => {
      const { vote } = await this.api.post<{ vote: { votesLeft: number } }>(
        `/api/contests/${c.id}/entries/${entry.id}/votes`,
      )
      left = vote.votesLeft
      this.entries = this.entries.map((x) => (x.id === entry.id ? { ...x, voted: true } : x))
    })
    if (left !== null) this.notice = this.m.voteSaved(left)
    await this.loadContest().catch(() => {})
    this.voting = null
  }

  private renderSchedule(c: Contest) {
    const m = this.m
    const next = nextChange(c)
    const at = next?.at ? this.when(next.at) : null
    const text = !next
      ? m.resultsOut
      : next.what === 'results'
        ? m.next.results(at)
        : m.next[next.what](at ?? '')
    return html`<p><span class="pill">${m.phase[c.phase]}</span> ${text}</p>
      <ol class="timeline" aria-label=${m.timeline}>
        ${timeline(c).map(
          (s) => html`<li class=${s.state} aria-current=${s.state === 'current' ? 'step' : nothing}>
            ${
              s.from || s.to
                ? m.stageLine(m.stage[s.stage], s.from && this.when(s.from), s.to && this.when(s.to))
                : m.stageLine(m.stage[s.stage], null, null, m.whenJuryDone)
            }
          </li>`,
        )}
      </ol>`
  }

  private renderEnter(c: Contest) {
    const m = this.m
    if (c.phase !== 'submissions') return nothing
    const me = c.me
    return html`<section aria-labelledby="enter-title">
      <h2 id="enter-title">${m.enterTitle}</h2>
      ${me && me.entries > 0 ? html`<p class="hint">${m.entered(me.entries, c.entriesPerMember)}</p>` : nothing}
      ${
        !this.viewer
          ? this.signInLink(m.enterWhat)
          : !c.can.enter
            ? html`<p class="hint">${me?.juror ? m.juror : me && me.entries >= c.entriesPerMember ? m.entryLimitReached : this.c.errors.not_eligible}</p>`
            : html`<form class="stack" @submit=${(e: Event) => {
                e.preventDefault()
                void this.enter(e.target as HTMLFormElement)
              }}>
                <label for="entry-title">${m.entryTitle}</label>
                <input id="entry-title" name="title" required maxlength="200" autocomplete="off" />
                <label for="entry-body">${m.entryText}</label>
                <textarea id="entry-body" name="body" maxlength="20000"></textarea>
                <label for="entry-image">${m.entryImage}</label>
                <input id="entry-image" type="file" accept="image/jpeg,image/png,image/webp,image/gif"
                  aria-describedby="entry-image-hint" @change=${(e: Event) => this.pickImage(e.target as HTMLInputElement)} />
                <p class="hint" id="entry-image-hint">${m.entryImageHint}</p>
                ${
                  this.preview
                    ? html`<figure class="preview">
                        <img src=${this.preview} alt=${m.preview} />
                        <figcaption><button type="button" @click=${() => this.clearImage()}>${m.removeImage}</button></figcaption>
                      </figure>`
                    : nothing
                }
                <p><button type="submit" class="primary" ?disabled=${this.sending}>${m.send}</button></p>
              </form>`
      }
    </section>`
  }

  private renderVoteButton(c: Contest, entry: Entry) {
    const m = this.m
    if (c.phase !== 'voting' || c.votingMode === 'jury') return nothing
    const block = voteBlock(c, entry, this.viewer?.id ?? null)
    if (block === 'signedOut') return nothing
    if (block === 'voted')
      return html`<p class="vote-row"><button type="button" aria-pressed="true" disabled aria-label=${m.votedFor(entry.title)}>✓ ${m.voted}</button></p>`
    if (block === 'own') return html`<p class="vote-row meta">${m.ownEntry}</p>`
    return html`<p class="vote-row"><button type="button" class="primary" aria-label=${m.voteFor(entry.title)}
      ?disabled=${block !== null || this.voting !== null} @click=${() => void this.vote(entry)}>
      ${block === 'noVotesLeft' ? m.noVotesLeft : m.vote}</button></p>`
  }

  private renderEntry(c: Contest, entry: Entry) {
    const m = this.m
    return html`<li class="card" id="entry-${entry.id}">
      ${entry.imageUrl ? html`<img src=${entry.imageUrl} alt=${entry.title} loading="lazy" decoding="async" />` : nothing}
      <h3>${entry.title}</h3>
      <p class="meta">${m.by(entry.author.displayName)} · ${this.ago(entry.createdAt)}
        ${entry.disqualified ? html` · <span class="pill warn">${m.disqualified}</span>` : nothing}</p>
      <div class="html">${unsafeHTML(sanitizePostHtml(entry.html))}</div>
      ${this.renderVoteButton(c, entry)}
    </li>`
  }

  private renderResults() {
    const m = this.m
    if (!this.results) return nothing
    return html`<section aria-labelledby="results-title">
      <h2 id="results-title">${m.results}</h2>
      <ol class="results cards">
        ${this.results.map(
          (r) => html`<li class="card">
            <span class="rank">${m.rank(r.rank)}</span>
            <a href="#entry-${r.entry.id}"><strong>${r.entry.title}</strong></a>
            <span class="meta">${m.by(r.entry.author.displayName)} · ${m.votesCount(r.votes)}${
              r.juryScore !== null ? ` · ${m.juryScore(this.num(Math.round(r.juryScore * 10) / 10))}` : ''
            }</span>
          </li>`,
        )}
      </ol>
    </section>`
  }

  override render() {
    if (this.missing) return notFoundView(this)
    if (this.failed) return this.failedView(() => void this.load())
    const c = this.contest
    if (!c) return this.loadingView()
    const m = this.m
    const me = c.me
    return html`<nav class="crumbs" aria-label=${this.t.breadcrumb}>
        <ol><li><a href="/contests">${m.contestsTitle}</a></li><li aria-current="page">${c.title}</li></ol>
      </nav>
      <h1 tabindex="-1">${c.title}</h1>
      ${this.renderSchedule(c)}
      ${
        c.can.moderate
          ? html`<tribune-contest-dates .contest=${c} @tribune-contest-changed=${() => void this.loadContest().catch(() => {})}></tribune-contest-dates>`
          : nothing
      }
      ${c.topicUrl ? html`<p class="row"><a class="button" href=${c.topicUrl}>${this.c.discussion}</a></p>` : nothing}
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">${m.rules}</h2>
        <div class="html">${unsafeHTML(sanitizePostHtml(c.rulesHtml))}</div>
      </section>
      ${this.statusLine()}
      ${this.renderResults()}
      ${this.renderEnter(c)}
      <section aria-labelledby="gallery-title">
        <h2 id="gallery-title">${m.gallery} <span class="meta">(${this.num(c.entryCount)})</span></h2>
        ${
          c.phase === 'voting'
            ? c.votingMode === 'jury'
              ? html`<p class="hint">${m.juryOnly}</p>`
              : !this.viewer
                ? this.signInLink(m.voteWhat)
                : me?.juror
                  ? html`<p class="hint">${m.juror}</p>`
                  : me
                    ? html`<p class="ok" id="votes-left">${m.votesLeft(me.votesLeft, c.votesPerMember)}</p>`
                    : nothing
            : nothing
        }
        ${
          this.entries.length === 0
            ? html`<p>${m.noEntries}</p>`
            : html`<ul class="gallery">${this.entries.map((x) => this.renderEntry(c, x))}</ul>`
        }
        ${this.entriesCursor ? html`<p><button type="button" @click=${() => void this.loadEntries(true).catch(() => {})}>${this.c.loadMore}</button></p>` : nothing}
      </section>
      ${c.can.judge ? html`<tribune-contest-jury .contest=${c}></tribune-contest-jury>` : nothing}`
  }
}
