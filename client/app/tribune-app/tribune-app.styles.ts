import { css } from 'lit'

export const styles = css`
  :host {
    display: block;
    min-height: 100vh;
    color: var(--tribune-color-text, #151b24);
    font-family: var(--tribune-font-body, system-ui, sans-serif);
    line-height: var(--tribune-line-height, 1.6);
    overflow-wrap: anywhere;
  }
  a {
    color: var(--tribune-color-link, #174c9c);
  }
  :focus-visible {
    outline: 3px solid var(--tribune-color-focus, #e8590c);
    outline-offset: 2px;
  }
  .skip {
    position: absolute;
    left: -999px;
    top: 0;
    z-index: 100;
    background: var(--tribune-color-surface, #fff);
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
  }
  .skip:focus {
    left: var(--tribune-space-s, 0.5rem);
  }
  .wrap {
    max-width: var(--tribune-content-width, 48rem);
    margin: 0 auto;
    padding: 0 var(--tribune-space-m, 1rem);
  }
  header {
    background: var(--tribune-color-surface, #fff);
    border-bottom: 1px solid var(--tribune-color-border, #dde1e7);
  }
  header .wrap {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    padding-block: var(--tribune-space-s, 0.5rem);
  }
  .site-name {
    font-weight: 700;
    font-size: 1.125rem;
    color: var(--tribune-color-text, #151b24);
    text-decoration: none;
    margin-inline-end: auto;
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    gap: var(--tribune-space-s, 0.5rem);
    align-items: center;
  }
  form[role='search'] {
    display: flex;
    gap: var(--tribune-space-xs, 0.25rem);
    flex: 1 1 12rem;
    max-width: 20rem;
  }
  form[role='search'] input {
    font: inherit;
    flex: 1;
    min-width: 0;
    padding: 0.35rem var(--tribune-space-s, 0.5rem);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-surface, #fff);
    color: inherit;
  }
  button,
  .button {
    font: inherit;
    min-height: 2.5rem;
    padding: 0 var(--tribune-space-s, 0.5rem);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-surface-raised, #fff);
    color: inherit;
    cursor: pointer;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .menu-item {
    display: block;
    width: 100%;
    text-align: start;
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    border: 0;
    border-radius: 0;
    background: none;
    color: var(--tribune-color-text, #151b24);
    text-decoration: none;
    box-sizing: border-box;
    min-height: auto;
  }
  .menu-item:hover,
  .menu-item:focus {
    background: var(--tribune-color-brand-fill-quiet, #eef6ff);
  }
  .menu-item.unread {
    font-weight: 600;
  }
  .menu-empty {
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    margin: 0;
  }
  main {
    padding-bottom: var(--tribune-space-xl, 2.5rem);
  }
  main:focus {
    outline: none;
  }
  footer {
    border-top: 1px solid var(--tribune-color-border, #dde1e7);
    color: var(--tribune-color-text-quiet, #5f6b7a);
    font-size: 0.875rem;
    padding-block: var(--tribune-space-m, 1rem);
  }
  footer .langs {
    display: flex;
    gap: var(--tribune-space-s, 0.5rem);
    flex-wrap: wrap;
  }
  footer button[aria-pressed='true'] {
    font-weight: 700;
  }
  @media (max-width: 30rem) {
    form[role='search'] {
      order: 3;
      max-width: none;
      flex-basis: 100%;
    }
  }
`
