import { css } from 'lit'

export const styles = css`
  :host {
    display: block;
    color: var(--tribune-color-text, #1a1a1a);
    font-family: var(--tribune-font-body, system-ui, sans-serif);
    font-size: var(--tribune-font-size, 1rem);
    line-height: var(--tribune-line-height, 1.5);
  }
  article {
    padding: var(--tribune-space-m, 1rem) 0;
    border-bottom: 1px solid var(--tribune-color-border, #d9d9de);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--tribune-space-xs, 0.25rem) var(--tribune-space-s, 0.5rem);
    margin-bottom: var(--tribune-space-s, 0.5rem);
  }
  [part='author'] {
    font-weight: 600;
  }
  .handle,
  time,
  .edited {
    color: var(--tribune-color-text-quiet, #5c5c66);
    font-size: 0.875em;
  }
  [part='body'] {
    overflow-wrap: anywhere;
  }
  [part='body'] :first-child {
    margin-top: 0;
  }
  [part='body'] :last-child {
    margin-bottom: 0;
  }
  [part='body'] a {
    color: var(--tribune-color-link, #1f5fbf);
  }
  [part='body'] img {
    max-width: 100%;
    height: auto;
  }
  [part='body'] pre {
    overflow-x: auto;
    padding: var(--tribune-space-s, 0.5rem);
    background: var(--tribune-color-surface-sunken, #f2f2f5);
    border-radius: var(--tribune-radius-s, 4px);
  }
  [part='body'] code {
    font-family: var(--tribune-font-mono, ui-monospace, monospace);
  }
  [part='body'] blockquote {
    margin: 0 0 var(--tribune-space-s, 0.5rem);
    padding-left: var(--tribune-space-m, 1rem);
    border-left: 3px solid var(--tribune-color-border, #d9d9de);
    color: var(--tribune-color-text-quiet, #5c5c66);
  }
  .removed {
    font-style: italic;
    color: var(--tribune-color-text-quiet, #5c5c66);
  }
  .held {
    font-size: 0.875em;
    color: var(--tribune-color-text-quiet, #5c5c66);
    border-inline-start: 3px solid var(--tribune-color-border, #d9d9de);
    padding-inline-start: var(--tribune-space-s, 0.5rem);
    margin: 0 0 var(--tribune-space-s, 0.5rem);
  }
  footer {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-xs, 0.25rem);
    margin-top: var(--tribune-space-s, 0.5rem);
  }
  [part~='reactions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tribune-space-xs, 0.25rem);
    margin: 0;
    padding: 0;
    border: 0;
  }
  button,
  .count {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    min-height: 2rem;
    padding: 0 var(--tribune-space-s, 0.5rem);
    border: 1px solid var(--tribune-color-border, #d9d9de);
    border-radius: var(--tribune-radius-m, 6px);
    background: var(--tribune-color-surface, #fff);
    color: inherit;
    font: inherit;
    font-size: 0.875em;
  }
  button {
    cursor: pointer;
  }
  .icon {
    flex: none;
    inline-size: 1em;
    block-size: 1em;
  }
  .n {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  button[aria-pressed='true'] {
    background: var(--tribune-color-brand-fill-quiet, #e6eefb);
    border-color: var(--tribune-color-brand, #1f5fbf);
  }
  button:focus-visible {
    outline: 2px solid var(--tribune-color-focus, #1f5fbf);
    outline-offset: 2px;
  }
`
