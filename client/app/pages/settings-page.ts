import { css, html, nothing, svg } from 'lit'
import { state } from 'lit/decorators.js'
import { live } from 'lit/directives/live.js'
import { ApiError } from '../../shared/api.js'
import type { Viewer } from '../../shared/context.js'
import { type Lang, languages } from '../../shared/i18n.js'
import { applyTheme } from '../theme.js'
import { field, formData } from './account-pages.js'
import { PageElement, pageStyles } from './page.js'

const timeZones = (): string[] => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone')
  } catch {
    return []
  }
}

/** A theme as GET /api/themes lists it (server/themes/schema.ts). */
interface ThemeItem {
  name: string
  label: Record<Lang, string>
  dark: boolean
  swatch: { surface: string | null; text: string | null; brandFill: string | null; accent: string | null }
  stylesheet: string
}
/** GET/PUT /api/notifications/preferences (server/notifications/schema.ts). */
interface NotificationPrefs {
  replies: boolean
  mentions: boolean
  email: boolean
}
interface Themes {
  items: ThemeItem[]
  community: string
  member: string | null
  effective: string
}

/**
 * A preview of a theme's surface, text and brand colours. Drawn with SVG fills: the pages' CSP
 * (style-src 'self') refuses inline style attributes.
 */
function swatch(item: ThemeItem) {
  const { surface, text, brandFill, accent } = item.swatch
  return html`<svg class="swatch" viewBox="0 0 40 24" aria-hidden="true" focusable="false">${svg`
    <rect width="40" height="24" rx="3" fill=${surface ?? '#ffffff'} />
    <rect x="4" y="5" width="16" height="3" fill=${text ?? '#151b24'} />
    <rect x="4" y="11" width="12" height="3" fill=${text ?? '#151b24'} opacity="0.6" />
    <rect x="24" y="4" width="12" height="16" rx="2" fill=${brandFill ?? accent ?? '#1d5fc2'} />`}</svg>`
}

/**
 * The member's settings: name, language and time zone (PATCH /api/me, saved with the button), their
 * own theme (PUT /api/me/theme) and which notifications they get (PUT /api/notifications/preferences),
 * both saved as soon as they are picked.
 */
export class SettingsPage extends PageElement {
  static override styles = [
    pageStyles,
    css`
      fieldset {
        border: 1px solid var(--tribune-color-border, #dde1e7);
        border-radius: var(--tribune-radius-m, 0.5rem);
        padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
        margin: var(--tribune-space-m, 1rem) 0;
        max-width: 30rem;
      }
      legend {
        font-weight: 600;
        padding: 0 var(--tribune-space-xs, 0.25rem);
      }
      label.choice {
        display: flex;
        align-items: center;
        gap: var(--tribune-space-s, 0.5rem);
        font-weight: normal;
        min-height: 2.5rem;
      }
      input[type='radio'],
      input[type='checkbox'] {
        width: auto;
        margin: 0;
      }
      .swatch {
        inline-size: 2.5rem;
        block-size: 1.5rem;
        border-radius: var(--tribune-radius-s, 0.25rem);
        outline: 1px solid var(--tribune-color-border, #dde1e7);
        flex: none;
      }
    `,
  ]

  @state() private status = ''
  @state() private error = ''
  @state() private busy = false
  @state() private themes: Themes | null = null
  @state() private themeStatus = ''
  @state() private themeError = ''
  /** Only the latest pick counts: arrow keys in the group may send several in a row. */
  private themeSeq = 0
  @state() private prefs: NotificationPrefs | null = null
  @state() private prefsStatus = ''
  @state() private prefsError = ''
  private prefsSeq = 0
  private prefsLoading = false

  override connectedCallback(): void {
    super.connectedCallback()
    this.announce(this.t.settingsTitle)
    void this.loadThemes()
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate?.(changed)
    // The member may be known only after the page connected (the app asks /api/me first).
    if (this.viewer && !this.prefsLoading) void this.loadPrefs()
  }

  private async loadPrefs(): Promise<void> {
    this.prefsLoading = true
    try {
      this.prefs = await this.api.get<NotificationPrefs>('/api/notifications/preferences')
    } catch (err) {
      this.prefsError = this.t.notificationPrefsFailed + (err as Error).message
    }
  }

  /** Saves one changed box with the others as they are; the boxes follow what the server kept. */
  private async setPref(key: keyof NotificationPrefs, on: boolean): Promise<void> {
    const prefs = this.prefs
    if (!prefs) return
    const seq = ++this.prefsSeq
    this.prefsStatus = ''
    this.prefsError = ''
    const wanted = { ...prefs, [key]: on }
    this.prefs = wanted
    try {
      const saved = await this.api.put<NotificationPrefs>('/api/notifications/preferences', wanted)
      if (seq !== this.prefsSeq) return
      this.prefs = saved
      this.prefsStatus = this.t.notificationPrefsSaved
    } catch (err) {
      if (seq !== this.prefsSeq) return
      this.prefs = { ...prefs }
      this.prefsError = this.t.notificationPrefsFailed + (err instanceof ApiError ? err.message : String(err))
    }
  }

  private renderPrefs() {
    const t = this.t
    const prefs = this.prefs
    const box = (key: keyof NotificationPrefs, label: string, hint?: string) =>
      html`<label class="choice">
          <input type="checkbox" name=${key} .checked=${live(prefs?.[key] ?? false)} ?disabled=${!prefs}
            aria-describedby=${hint ? `${key}-hint` : nothing}
            @change=${(e: Event) => void this.setPref(key, (e.target as HTMLInputElement).checked)} />
          <span>${label}</span>
        </label>
        ${hint ? html`<p id="${key}-hint" class="hint">${hint}</p>` : nothing}`
    return html`<fieldset aria-describedby="prefs-hint">
      <legend>${t.notificationPrefs}</legend>
      <p id="prefs-hint" class="hint">${t.notificationPrefsHint}</p>
      ${box('replies', t.notifyReplies)} ${box('mentions', t.notifyMentions)}
      ${box('email', t.notifyEmail, t.notifyEmailHint)}
      <p role="status">${this.prefsStatus}</p>
      ${this.prefsError ? html`<p class="error" role="alert">${this.prefsError}</p>` : nothing}
    </fieldset>`
  }

  private async loadThemes(): Promise<void> {
    try {
      this.themes = await this.api.get<Themes>('/api/themes')
    } catch (err) {
      this.themeError = this.t.themeFailed + (err as Error).message
    }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault()
    const data = formData(e)
    const locale = field(data, 'locale') as Lang
    const timeZone = field(data, 'timeZone').trim() || null
    this.busy = true
    this.status = ''
    this.error = ''
    try {
      const res = await this.api.patch<{ user: Viewer }>('/api/me', {
        locale,
        timeZone,
        displayName: field(data, 'displayName').trim() || undefined,
      })
      this.emit('viewer', res.user)
      // The language may just have changed: say it in the new one.
      await this.updateComplete
      this.status = this.t.saved
    } catch (err) {
      this.error = this.t.saveFailed + (err as Error).message
    } finally {
      this.busy = false
    }
  }

  /** Saves the member's theme (null: the community's) and shows the page in it at once. */
  private async pickTheme(theme: string | null): Promise<void> {
    const themes = this.themes
    if (!themes) return
    const seq = ++this.themeSeq
    this.themeStatus = ''
    this.themeError = ''
    try {
      const res = await this.api.put<{ theme: string | null; effective: string }>('/api/me/theme', { theme })
      const item = themes.items.find((i) => i.name === res.effective)
      if (item) await applyTheme(item.name, item.stylesheet)
      if (seq !== this.themeSeq) return
      this.themes = { ...themes, member: res.theme, effective: res.effective }
      this.themeStatus = this.t.themeApplied(item?.label[this.uiLang] ?? res.effective)
    } catch (err) {
      if (seq !== this.themeSeq) return
      // Back to what is saved: the radios follow this.themes.
      this.themes = { ...themes }
      this.themeError = this.t.themeFailed + (err instanceof ApiError ? err.message : String(err))
    }
  }

  private renderThemes() {
    const t = this.t
    const themes = this.themes
    const label = (name: string) => themes?.items.find((i) => i.name === name)?.label[this.uiLang] ?? name
    const choice = (value: string | null, text: string, item?: ThemeItem) =>
      html`<label class="choice">
        <input type="radio" name="theme" value=${value ?? ''} .checked=${live(themes?.member === value)}
          @change=${() => void this.pickTheme(value)} />
        ${item ? swatch(item) : nothing}
        <span>${text}</span>
      </label>`
    return html`<fieldset aria-describedby="theme-hint">
      <legend>${t.theme}</legend>
      <p id="theme-hint" class="hint">${t.themeHint}</p>
      ${
        themes
          ? html`${choice(null, t.themeCommunity(label(themes.community)))}
            ${themes.items.map((i) => choice(i.name, i.label[this.uiLang], i))}`
          : this.themeError
            ? nothing
            : html`<p>${t.loading}</p>`
      }
      <p role="status">${this.themeStatus}</p>
      ${this.themeError ? html`<p class="error" role="alert">${this.themeError}</p>` : nothing}
    </fieldset>`
  }

  override render() {
    const t = this.t
    const v = this.viewer
    if (!v)
      return html`<h1 tabindex="-1">${t.settingsTitle}</h1>
        <p><a href="/login?next=/settings">${t.loginRequired}</a></p>`
    return html`<h1 tabindex="-1">${t.settingsTitle}</h1>
      <form class="stack" @submit=${this.submit}>
        <label for="displayName">${t.displayName}</label>
        <input id="displayName" name="displayName" maxlength="60" .value=${v.displayName} />
        <label for="locale">${t.language}</label>
        <select id="locale" name="locale">
          ${languages.map(
            (l) =>
              html`<option value=${l} lang=${l} ?selected=${(v.locale ?? this.uiLang) === l}>${l === 'fr' ? 'Français' : 'English'}</option>`,
          )}
        </select>
        <label for="timeZone">${t.timeZone}</label>
        <input id="timeZone" name="timeZone" list="zones" .value=${v.timeZone ?? ''} maxlength="64"
          placeholder=${Intl.DateTimeFormat().resolvedOptions().timeZone} aria-describedby="tz-hint" />
        <datalist id="zones">${timeZones().map((z) => html`<option value=${z}></option>`)}</datalist>
        <p id="tz-hint" class="hint">${t.timeZoneHint}</p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <p><button class="primary" type="submit" ?disabled=${this.busy}>${t.save}</button></p>
        <p role="status">${this.status}</p>
      </form>
      ${this.renderPrefs()} ${this.renderThemes()}`
  }
}
