import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ApiError } from '../../shared/api.js'
import { PageElement } from './page.js'

export const formData = (e: Event) => new FormData(e.target as HTMLFormElement)
export const field = (data: FormData, name: string) => String(data.get(name) ?? '')

/** Sign in with email or handle; then back to where the member was going. */
export class LoginPage extends PageElement {
  @property() next: string | null = null
  @state() private error = ''
  @state() private busy = false

  override connectedCallback(): void {
    super.connectedCallback()
    this.announce(this.t.loginTitle)
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault()
    const data = formData(e)
    this.busy = true
    this.error = ''
    try {
      await this.api.post('/api/auth/login', {
        login: field(data, 'login'),
        password: field(data, 'password'),
      })
      this.emit('session', { next: this.next ?? '/' })
    } catch (err) {
      this.error =
        err instanceof ApiError && err.status === 401 ? this.t.loginFailed : String((err as Error).message)
    } finally {
      this.busy = false
    }
  }

  override render() {
    const t = this.t
    return html`<h1 tabindex="-1">${t.loginTitle}</h1>
      <form class="stack" @submit=${this.submit}>
        <label for="login">${t.loginField}</label>
        <input id="login" name="login" autocomplete="username" required maxlength="254" />
        <label for="password">${t.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <p><button class="primary" type="submit" ?disabled=${this.busy}>${t.login}</button></p>
      </form>
      <p>${t.noAccount} <a href="/register">${t.register}</a></p>`
  }
}

interface Charter {
  version: number
  rules: { id: string | number; title: string; body: string }[]
}

/** Sign up: the charter in force is shown and must be accepted; its version is sent. */
export class RegisterPage extends PageElement {
  @state() private charter: Charter | null = null
  @state() private error = ''
  @state() private busy = false

  override connectedCallback(): void {
    super.connectedCallback()
    this.announce(this.t.registerTitle)
    void this.api
      .get<Charter>('/api/charter')
      .then((c) => (this.charter = c))
      .catch((err) => (this.failed = err))
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault()
    const data = formData(e)
    if (!this.charter) return
    if (data.get('accept') !== 'on') {
      this.error = this.t.mustAccept
      ;(e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name=accept]')?.focus()
      return
    }
    this.busy = true
    this.error = ''
    const displayName = field(data, 'displayName').trim()
    try {
      await this.api.post('/api/auth/register', {
        email: field(data, 'email'),
        handle: field(data, 'handle'),
        password: field(data, 'password'),
        charterVersion: this.charter.version,
        locale: this.uiLang,
        ...(displayName ? { displayName } : {}),
      })
      this.emit('session', { next: '/' })
    } catch (err) {
      this.error = this.t.registerFailed + (err as Error).message
    } finally {
      this.busy = false
    }
  }

  override render() {
    const t = this.t
    if (this.failed) return this.failedView(() => this.connectedCallback())
    return html`<h1 tabindex="-1">${t.registerTitle}</h1>
      <form class="stack" @submit=${this.submit}>
        <label for="email">${t.email}</label>
        <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" />
        <label for="handle">${t.handle}</label>
        <input id="handle" name="handle" autocomplete="username" required pattern="[A-Za-z0-9_][A-Za-z0-9_.\\-]{1,29}"
          aria-describedby="handle-hint" />
        <p id="handle-hint" class="hint">${t.handleHint}</p>
        <label for="displayName">${t.displayName}</label>
        <input id="displayName" name="displayName" autocomplete="name" maxlength="60" />
        <label for="password">${t.password}</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10"
          aria-describedby="password-hint" />
        <p id="password-hint" class="hint">${t.passwordHint}</p>
        <section aria-labelledby="charter-heading">
          <h2 id="charter-heading">${t.charter}</h2>
          ${
            this.charter
              ? html`<p class="hint">${t.charterVersion(this.charter.version)}</p>
                <ol>${this.charter.rules.map((r) => html`<li><strong>${r.title}</strong><p>${r.body}</p></li>`)}</ol>`
              : html`<p role="status">${t.loading}</p>`
          }
        </section>
        <!-- Checked by submit() rather than "required": the browser’s bubble is not announced the same
             everywhere, the alert below is. -->
        <label><input type="checkbox" name="accept" aria-invalid=${this.error === t.mustAccept ? 'true' : 'false'}
          aria-describedby="register-error" /> ${t.acceptCharter}</label>
        <p id="register-error" class="error" role="alert">${this.error}</p>
        <p><button class="primary" type="submit" ?disabled=${this.busy || !this.charter}>${t.register}</button></p>
      </form>
      <p>${t.haveAccount} <a href="/login">${t.login}</a></p>`
  }
}
