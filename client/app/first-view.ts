import type { Viewer } from '../shared/context.js'

/**
 * What the server already read for the page it rendered, as this reader (server/web/layout.ts
 * writes it as JSON, never executed): the app's first view uses it instead of asking the API
 * again. Each piece is handed over once, and only for the address it was rendered for.
 */
interface FirstView {
  path: string
  me: Viewer | null
  topic?: unknown
  categories?: unknown
}

let view: FirstView | null | undefined

function read(): FirstView | null {
  if (view === undefined) {
    const text = document.getElementById('tribune-first-view')?.textContent
    try {
      view = text ? (JSON.parse(text) as FirstView) : null
    } catch {
      view = null
    }
  }
  return view
}

/** The piece `key` of the server's data for this page, once; undefined when there is none. */
export function takeFirstView<K extends keyof FirstView>(key: K): FirstView[K] | undefined {
  const v = read()
  if (!v || v.path !== location.pathname || !(key in v)) return undefined
  const value = v[key]
  delete v[key]
  return value
}
