import { html, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import { ModPage } from './mod-page.js'
import type { Duty, ModerationSettings, Shift } from './types.js'

const numberSettings = [
  'autoHideWeight',
  'offHoursAutoHideWeight',
  'holdNewMembersPosts',
  'offHoursHoldTrustBelow',
  'newMemberMaxLinks',
  'trustedFlagWeight',
] as const

/**
 * Who is on duty and whether the community is covered now (off hours, the stricter policy
 * applies by itself), the weekly schedule, and the moderation settings. Moderators read them;
 * admins edit them.
 */
export class DutyPage extends ModPage {
  @state() private duty: Duty | null = null
  @state() private shifts: Shift[] = []
  @state() private settings: ModerationSettings | null = null

  protected override view = 'duty' as const

  override get pageTitle(): string {
    return this.m.dutyTitle
  }

  protected override async start(): Promise<void> {
    this.failed = null
    try {
      const [duty, settings] = await Promise.all([
        this.api.get<Duty>('/api/moderation/duty'),
        this.api.get<ModerationSettings>('/api/moderation/settings'),
      ])
      this.showDuty(duty)
      this.settings = settings
    } catch (err) {
      this.failed = err
    }
  }

  private showDuty(duty: Duty): void {
    this.duty = duty
    this.shifts = duty.shifts.map(({ moderator, timeZone, weekday, startsAt, endsAt }) => ({
      moderatorId: moderator.id,
      timeZone,
      weekday,
      startsAt,
      endsAt,
    }))
  }

  private edit(i: number, field: keyof Shift, value: string): void {
    this.shifts = this.shifts.map((s, j) =>
      j === i ? { ...s, [field]: field === 'moderatorId' || field === 'weekday' ? Number(value) : value } : s,
    )
  }

  private async saveSchedule(): Promise<void> {
    await this.act(async () => {
      this.showDuty(await this.api.put<Duty>('/api/moderation/duty', { shifts: this.shifts }))
    }, this.m.saved)
  }

  private async saveSettings(e: Event): Promise<void> {
    e.preventDefault()
    const form = new FormData(e.target as HTMLFormElement)
    const text = (k: string) => String(form.get(k) ?? '').trim()
    const body: Record<string, unknown> = {
      newMemberImages: form.get('newMemberImages') === 'on',
      alertWebhookUrl: text('alertWebhookUrl') || null,
      alertEmail: text('alertEmail') || null,
      urgentRuleIds: text('urgentRuleIds')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }
    for (const k of numberSettings) body[k] = Number(text(k))
    await this.act(async () => {
      this.settings = await this.api.put<ModerationSettings>('/api/moderation/settings', body)
    }, this.m.saved)
  }

  protected override renderView() {
    const m = this.m
    if (this.failed) return html`<p role="alert" class="error">${this.errorText(this.failed)}</p>`
    const d = this.duty
    if (!d) return this.loadingView()
    return html`<p class="card"><strong>${d.coveredNow ? m.coveredNow : m.offHours}</strong><br />
        ${m.onDutyNow} ${d.onDuty.length ? d.onDuty.map((p) => p.displayName).join(', ') : m.nobody}
        ${d.nextChange ? html`<br /><span class="meta">${m.nextChange(this.when(d.nextChange))}</span>` : nothing}</p>
      ${this.statusLine()}
      <h2>${m.schedule}</h2>
      ${this.isAdmin ? this.renderEditor() : this.renderSchedule(d)}
      ${this.settings ? this.renderSettings(this.settings) : nothing}`
  }

  private renderSchedule(d: Duty) {
    const m = this.m
    if (d.shifts.length === 0) return html`<p>${m.noShifts}</p>`
    return html`<ul class="list">
      ${d.shifts.map(
        (s) =>
          html`<li>${s.moderator.displayName} — ${m.weekdays[s.weekday]} ${s.startsAt}–${s.endsAt} (${s.timeZone})</li>`,
      )}
    </ul>`
  }

  private renderEditor() {
    const m = this.m
    const input = (i: number, f: keyof Shift, label: string, value: string | number, type = 'text') =>
      html`<div><label for="s${i}-${f}">${label}</label>
        <input id="s${i}-${f}" type=${type} .value=${String(value)} @change=${(e: Event) => this.edit(i, f, (e.target as HTMLInputElement).value)} /></div>`
    return html`${this.shifts.length === 0 ? html`<p>${m.noShifts}</p>` : nothing}
      ${this.shifts.map(
        (s, i) => html`<fieldset class="grid">
          <legend>${m.weekdays[s.weekday]} ${s.startsAt}–${s.endsAt}</legend>
          ${input(i, 'moderatorId', m.moderatorId, s.moderatorId, 'number')}
          ${input(i, 'timeZone', m.timeZone, s.timeZone)}
          <div><label for="s${i}-weekday">${m.weekday}</label>
            <select id="s${i}-weekday" @change=${(e: Event) => this.edit(i, 'weekday', (e.target as HTMLSelectElement).value)}>
              ${m.weekdays.map((w, n) => html`<option value=${n} ?selected=${n === s.weekday}>${w}</option>`)}
            </select></div>
          ${input(i, 'startsAt', m.startsAt, s.startsAt, 'time')}
          ${input(i, 'endsAt', m.endsAt2, s.endsAt)}
          <div><button type="button" @click=${() => (this.shifts = this.shifts.filter((_, j) => j !== i))}>${m.removeShift}</button></div>
        </fieldset>`,
      )}
      <p class="row">
        <button type="button" @click=${() =>
          (this.shifts = [
            ...this.shifts,
            {
              moderatorId: this.viewer?.id ?? 1,
              timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
              weekday: 1,
              startsAt: '09:00',
              endsAt: '18:00',
            },
          ])}>${m.addShift}</button>
        <button type="button" class="primary" @click=${() => void this.saveSchedule()}>${m.saveSchedule}</button>
      </p>`
  }

  private renderSettings(s: ModerationSettings) {
    const m = this.m
    const l = m.settingLabels
    const ro = !this.isAdmin
    return html`<h2 id="settings-h">${m.settingsTitle}</h2>
      <form class="stack" aria-labelledby="settings-h" @submit=${(e: Event) => void this.saveSettings(e)}>
        ${numberSettings.map(
          (k) => html`<label for="set-${k}">${l[k]}</label>
            <input id="set-${k}" name=${k} type="number" min="0" max="1000" .value=${String(s[k])} ?readonly=${ro} />`,
        )}
        <label><input type="checkbox" name="newMemberImages" ?checked=${s.newMemberImages} ?disabled=${ro} /> ${l.newMemberImages}</label>
        <label for="set-hook">${l.alertWebhookUrl}</label>
        <input id="set-hook" name="alertWebhookUrl" type="url" .value=${s.alertWebhookUrl ?? ''} ?readonly=${ro} />
        <label for="set-mail">${l.alertEmail}</label>
        <input id="set-mail" name="alertEmail" type="email" .value=${s.alertEmail ?? ''} ?readonly=${ro} />
        <label for="set-urgent">${l.urgentRuleIds}</label>
        <input id="set-urgent" name="urgentRuleIds" .value=${s.urgentRuleIds.join(', ')} ?readonly=${ro} />
        ${ro ? nothing : html`<p><button type="submit" class="primary">${m.saveSettings}</button></p>`}
      </form>`
  }
}
