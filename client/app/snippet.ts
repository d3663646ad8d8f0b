// Search snippets arrive as server-escaped text with <mark> around the matches
// (server/search/present.ts). Rather than trust that HTML, the app takes it apart into text
// runs and renders them itself: nothing from a post can become markup, whatever the server did.

export interface SnippetPart {
  text: string
  mark: boolean
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" }

function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => entities[name]!)
}

/** The snippet's runs of plain and matched text. Any other tag is shown as the text it is. */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  let mark = false
  for (const piece of snippet.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') mark = true
    else if (piece === '</mark>') mark = false
    else if (piece) parts.push({ text: unescapeHtml(piece), mark })
  }
  return parts
}
