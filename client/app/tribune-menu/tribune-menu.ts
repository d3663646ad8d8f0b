import { css, html, LitElement, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'

/**
 * A menu button (WAI-ARIA APG pattern): the button toggles a list of `role="menuitem"` children
 * put in its slot. Enter, Space or ArrowDown open it on the first item, ArrowUp on the last;
 * arrows, Home and End move; Escape closes and gives focus back to the button; Tab or a click
 * elsewhere closes it.
 *
 * @slot - The items, each with `role="menuitem"` (links or buttons).
 * @slot label - The button's visible content.
 * @csspart button - The toggle.
 * @csspart badge - The count shown on the button.
 * @csspart menu - The pop-up list.
 * @cssproperty --tribune-color-surface-raised - The menu's background.
 */
export class TribuneMenu extends LitElement {
  static override styles = css`
    :host {
      position: relative;
      display: inline-block;
    }
    button {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid var(--tribune-color-border, #dde1e7);
      border-radius: var(--tribune-radius-s, 0.25rem);
      min-height: 2.5rem;
      padding: 0 var(--tribune-space-s, 0.5rem);
      cursor: pointer;
      display: inline-flex;
      align-items: center;
      gap: var(--tribune-space-xs, 0.25rem);
    }
    button:focus-visible {
      outline: 3px solid var(--tribune-color-focus, #e8590c);
      outline-offset: 2px;
    }
    .badge {
      background: var(--tribune-color-accent, #e8590c);
      color: #fff;
      border-radius: 999px;
      font-size: 0.75rem;
      padding: 0 0.4em;
      min-width: 1.2em;
      text-align: center;
    }
    [role='menu'] {
      position: absolute;
      right: 0;
      top: calc(100% + 4px);
      z-index: 10;
      min-width: 14rem;
      max-width: min(22rem, 90vw);
      background: var(--tribune-color-surface-raised, #fff);
      color: var(--tribune-color-text, #151b24);
      border: 1px solid var(--tribune-color-border, #dde1e7);
      border-radius: var(--tribune-radius-m, 0.5rem);
      box-shadow: var(--tribune-shadow-raised, 0 2px 8px rgb(0 0 0 / 0.15));
      padding: var(--tribune-space-xs, 0.25rem) 0;
    }
    [role='menu'][hidden] {
      display: none;
    }
  `

  /** The button's accessible name (say what it opens, and any count). */
  @property() label = ''
  /** A count shown on the button, hidden at 0. */
  @property({ type: Number }) badge = 0
  @state() private open = false
  @query('button') private button!: HTMLButtonElement

  private readonly onDocClick = (e: MouseEvent) => {
    if (this.open && !e.composedPath().includes(this)) this.close(false)
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('click', this.onDocClick)
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('click', this.onDocClick)
  }

  private items(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[role="menuitem"]')]
  }

  private show(focus: 'first' | 'last' | null): void {
    this.open = true
    this.dispatchEvent(new CustomEvent('tribune-menu-open', { bubbles: true, composed: true }))
    void this.updateComplete.then(() => {
      const items = this.items()
      for (const item of items) item.tabIndex = -1
      const target = focus === 'last' ? items.at(-1) : items[0]
      if (focus) target?.focus()
    })
  }

  /** Closes the menu, giving focus back to the button unless focus is going elsewhere. */
  close(refocus = true): void {
    if (!this.open) return
    this.open = false
    if (refocus) this.button.focus()
  }

  private onButtonKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      this.show(e.key === 'ArrowDown' ? 'first' : 'last')
    }
  }

  private onMenuKey(e: KeyboardEvent): void {
    const items = this.items()
    const i = items.indexOf(e.target as HTMLElement)
    let next: HTMLElement | undefined
    if (e.key === 'ArrowDown') next = items[(i + 1) % items.length]
    else if (e.key === 'ArrowUp') next = items[(i - 1 + items.length) % items.length]
    else if (e.key === 'Home') next = items[0]
    else if (e.key === 'End') next = items.at(-1)
    else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      this.close()
      return
    } else if (e.key === 'Tab') {
      this.close(false)
      return
    } else if (e.key === ' ' && e.target instanceof HTMLAnchorElement) {
      // Space activates a menu item as Enter does, links included.
      e.preventDefault()
      e.target.click()
      return
    }
    if (next) {
      e.preventDefault()
      next.focus()
    }
  }

  private onMenuClick(e: Event): void {
    if ((e.target as HTMLElement).closest('[role="menuitem"]')) this.close(false)
  }

  override render() {
    return html`<button part="button" type="button" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu" aria-label=${this.label || nothing}
        @click=${() => (this.open ? this.close() : this.show('first'))} @keydown=${this.onButtonKey}>
        <slot name="label"></slot>${this.badge > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${this.badge}</span>` : nothing}
      </button>
      <div id="menu" role="menu" part="menu" aria-label=${this.label || nothing} ?hidden=${!this.open}
        @keydown=${this.onMenuKey} @click=${this.onMenuClick}><slot></slot></div>`
  }
}
