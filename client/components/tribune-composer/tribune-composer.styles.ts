import { css } from 'lit'

export const styles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--tribune-color-text, #151b24);
  }
  form {
    display: grid;
    gap: var(--tribune-space-s, 0.5rem);
  }
  label {
    font-weight: 600;
  }
  input,
  textarea {
    font: inherit;
    width: 100%;
    box-sizing: border-box;
    padding: var(--tribune-space-s, 0.5rem);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-surface, #fff);
    color: inherit;
  }
  textarea {
    min-height: 8rem;
    resize: vertical;
    font-family: var(--tribune-font-mono, ui-monospace, monospace);
  }
  [role='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-xs, 0.25rem);
  }
  button {
    font: inherit;
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0 var(--tribune-space-s, 0.5rem);
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    background: var(--tribune-color-surface-raised, #fff);
    color: inherit;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: var(--tribune-color-brand-fill-quiet, #eef6ff);
  }
  button.submit {
    background: var(--tribune-color-brand-fill, #1d5fc2);
    color: var(--tribune-color-on-brand, #fff);
    border-color: transparent;
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  :focus-visible {
    outline: 3px solid var(--tribune-color-focus, #e8590c);
    outline-offset: 2px;
  }
  .preview {
    border: 1px dashed var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-s, 0.25rem);
    padding: var(--tribune-space-s, 0.5rem);
    min-height: 4rem;
    overflow-wrap: anywhere;
  }
  .preview :is(pre, code) {
    font-family: var(--tribune-font-mono, ui-monospace, monospace);
    white-space: pre-wrap;
  }
  .preview img {
    max-width: 100%;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--tribune-space-s, 0.5rem);
  }
  .hint,
  .status {
    color: var(--tribune-color-text-quiet, #5f6b7a);
    font-size: 0.875rem;
  }
  .error {
    color: var(--tribune-color-danger, #c92a2a);
  }
  .charter {
    border: 1px solid var(--tribune-color-border, #dde1e7);
    border-radius: var(--tribune-radius-m, 0.5rem);
    padding: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    background: var(--tribune-color-surface-raised, #fff);
  }
`
