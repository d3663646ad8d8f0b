import { html, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import { ModPage } from './mod-page.js'
import type { AuditEntry } from './types.js'

/** The families the log's actions fall in (`sanction` matches `sanction.ban`…), as the API filters them. */
const families = [
  'post',
  'topic',
  'queue',
  'sanction',
  'appeal',
  'crisis',
  'charter',
  'watched_word',
  'duty',
  'moderation_settings',
  'user',
  'category',
  'theme',
]
const targetTypes = ['post', 'topic', 'user', 'sanction', 'appeal', 'queue_item', 'community', 'category']

/** `2026-03-01` from a date input, as the API's date-time; `to` includes its whole day. */
function dayBound(day: string, end: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
  const d = new Date(`${day}T00:00:00`)
  if (end) d.setDate(d.getDate() + 1)
  return d.toISOString()
}

/** The audit log, newest first, filtered, paged, and exportable as CSV under the same filter. */
export class AuditPage extends ModPage {
  @state() private items: AuditEntry[] | null = null
  @state() private nextCursor: string | null = null
  @state() private filter = new URLSearchParams()

  protected override view = 'audit' as const

  override get pageTitle(): string {
    return this.m.auditTitle
  }

  protected override async start(): Promise<void> {
    await this.load()
  }

  private async load(cursor?: string): Promise<void> {
    this.failed = null
    const params = new URLSearchParams(this.filter)
    if (cursor) params.set('cursor', cursor)
    try {
      const page = await this.api.get<{ items: AuditEntry[]; nextCursor: string | null }>(
        `/api/moderation/audit${params.size ? `?${params}` : ''}`,
      )
      this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items
      this.nextCursor = page.nextCursor
    } catch (err) {
      this.failed = err
    }
  }

  private apply(e: Event): void {
    e.preventDefault()
    const form = new FormData(e.target as HTMLFormElement)
    const params = new URLSearchParams()
    const value = (k: string) => String(form.get(k) ?? '').trim()
    if (value('action')) params.set('action', value('action'))
    if (/^[1-9]\d*$/.test(value('actorId'))) params.set('actorId', value('actorId'))
    if (value('targetType')) params.set('targetType', value('targetType'))
    if (value('ruleId')) params.set('ruleId', value('ruleId'))
    const from = dayBound(value('from'), false)
    const to = dayBound(value('to'), true)
    if (from) params.set('from', from)
    if (to) params.set('to', to)
    this.filter = params
    this.items = null
    void this.load()
  }

  private get csvUrl(): string {
    const params = new URLSearchParams(this.filter)
    params.set('format', 'csv')
    return `/api/moderation/audit?${params}`
  }

  protected override renderView() {
    const m = this.m
    return html`<form class="grid" aria-label=${m.filters} @submit=${(e: Event) => this.apply(e)}>
        <div><label for="f-action">${m.actionFamily}</label>
          <select id="f-action" name="action">
            <option value="">${m.anyAction}</option>
            ${families.map((f) => html`<option value=${f}>${f}</option>`)}
          </select></div>
        <div><label for="f-actor">${m.actorId}</label>
          <input id="f-actor" name="actorId" inputmode="numeric" pattern="[0-9]*" /></div>
        <div><label for="f-target">${m.targetType}</label>
          <select id="f-target" name="targetType">
            <option value="">${m.anyAction}</option>
            ${targetTypes.map((f) => html`<option value=${f}>${f}</option>`)}
          </select></div>
        <div><label for="f-rule">${m.rule}</label><input id="f-rule" name="ruleId" maxlength="60" /></div>
        <div><label for="f-from">${m.from}</label><input id="f-from" name="from" type="date" /></div>
        <div><label for="f-to">${m.to}</label><input id="f-to" name="to" type="date" /></div>
        <div><button type="submit" class="primary">${m.apply}</button></div>
      </form>
      <p><a class="button" href=${this.csvUrl} download>${m.downloadCsv}</a></p>
      ${
        this.failed
          ? html`<p role="alert" class="error">${this.errorText(this.failed)}</p>`
          : !this.items
            ? this.loadingView()
            : this.items.length === 0
              ? html`<p role="status">${m.noEntries}</p>`
              : html`<div class="table-wrap" role="region" aria-label=${m.auditTitle} tabindex="0"><table>
                <thead><tr><th scope="col">${m.when}</th><th scope="col">${m.who}</th><th scope="col">${m.what}</th>
                  <th scope="col">${m.on}</th><th scope="col">${m.why}</th></tr></thead>
                <tbody>
                  ${this.items.map(
                    (e) => html`<tr>
                      <td><time datetime=${e.createdAt}>${this.when(e.createdAt)}</time></td>
                      <td>${e.actor ? html`<a href="/u/${encodeURIComponent(e.actor.handle)}">${e.actor.displayName}</a>` : m.system}</td>
                      <td><code>${e.action}</code></td>
                      <td>${e.target.type} ${e.target.id}</td>
                      <td>${e.ruleId ? html`<span class="tag">${e.ruleId}</span>` : nothing}${e.reason}</td>
                    </tr>`,
                  )}
                </tbody>
              </table></div>`
      }
      ${
        this.nextCursor
          ? html`<button type="button" @click=${() => void this.load(this.nextCursor ?? undefined)}>${m.loadMore}</button>`
          : nothing
      }`
  }
}
