import { css } from 'lit'

export const styles = css`
  :host {
    display: block;
    color: var(--tribune-color-text, #1a1a1a);
    font-family: var(--tribune-font-body, system-ui, sans-serif);
  }
  form {
    display: grid;
    gap: var(--tribune-space-s, 0.5rem);
  }
  label {
    font-weight: 600;
  }
  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: 6rem;
    padding: var(--tribune-space-s, 0.5rem);
    border: 1px solid var(--tribune-color-border, #d9d9de);
    border-radius: var(--tribune-radius-m, 6px);
    background: var(--tribune-color-surface, #fff);
    color: inherit;
    font: inherit;
    resize: vertical;
  }
  textarea:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--tribune-color-focus, #1f5fbf);
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--tribune-space-s, 0.5rem);
  }
  .hint {
    color: var(--tribune-color-text-quiet, #5c5c66);
    font-size: 0.875em;
  }
  button {
    min-height: 2.25rem;
    padding: 0 var(--tribune-space-m, 1rem);
    border: 1px solid transparent;
    border-radius: var(--tribune-radius-m, 6px);
    background: var(--tribune-color-brand-fill, var(--tribune-color-brand, #1f5fbf));
    color: var(--tribune-color-on-brand, #fff);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  [role='alert'] {
    margin: 0;
    color: var(--tribune-color-danger, #b3261e);
  }
  .charter {
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    border: 1px solid var(--tribune-color-border, #d9d9de);
    border-radius: var(--tribune-radius-m, 6px);
    background: var(--tribune-color-surface-sunken, #f2f2f5);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`
