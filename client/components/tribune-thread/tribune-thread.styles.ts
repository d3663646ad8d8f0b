import { css } from 'lit'

export const styles = css`
  :host {
    display: block;
    /* The thread keeps the reader's place itself (see keepPlace), the same in every browser. */
    overflow-anchor: none;
    color: var(--tribune-color-text, #1a1a1a);
    background: var(--tribune-color-surface, transparent);
    font-family: var(--tribune-font-body, system-ui, sans-serif);
    font-size: var(--tribune-font-size, 1rem);
    line-height: var(--tribune-line-height, 1.5);
  }
  h2 {
    margin: 0 0 var(--tribune-space-s, 0.5rem);
    font-family: var(--tribune-font-heading, inherit);
    font-size: 1.25em;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-s, 0.5rem) var(--tribune-space-m, 1rem);
    min-height: 1.5em;
    color: var(--tribune-color-text-quiet, #5c5c66);
    font-size: 0.875em;
  }
  .status:not(:empty) {
    color: var(--tribune-color-danger, #b3261e);
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .more {
    display: flex;
    justify-content: center;
    padding: var(--tribune-space-m, 1rem) 0;
  }
  button,
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 2.25rem;
    padding: 0 var(--tribune-space-m, 1rem);
    border: 1px solid var(--tribune-color-border, #d9d9de);
    border-radius: var(--tribune-radius-m, 6px);
    background: var(--tribune-color-surface-raised, var(--tribune-color-surface, #fff));
    color: var(--tribune-color-link, #1f5fbf);
    font: inherit;
    text-decoration: none;
    cursor: pointer;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--tribune-color-focus, #1f5fbf);
    outline-offset: 2px;
  }
  .typing {
    min-height: 1.5em;
    color: var(--tribune-color-text-quiet, #5c5c66);
    font-size: 0.875em;
    font-style: italic;
  }
  .notice,
  .refusal {
    padding: var(--tribune-space-m, 1rem);
    border: 1px solid var(--tribune-color-border, #d9d9de);
    border-radius: var(--tribune-radius-m, 6px);
    background: var(--tribune-color-surface-sunken, #f2f2f5);
  }
  .refusal {
    border-color: var(--tribune-color-danger, #b3261e);
  }
  .reply {
    margin-top: var(--tribune-space-m, 1rem);
  }
  .sign-in {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--tribune-space-s, 0.5rem);
  }
`
