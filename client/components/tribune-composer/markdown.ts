// The toolbar's text transforms, as pure functions of the text and the selection, so they are
// tested without a browser and the textarea only applies the result.

export interface Edit {
  text: string
  /** The selection after the edit. */
  start: number
  end: number
}

export type Format = 'bold' | 'italic' | 'link' | 'quote' | 'code' | 'list'

function wrap(
  text: string,
  start: number,
  end: number,
  before: string,
  after: string,
  placeholder: string,
): Edit {
  const selected = text.slice(start, end)
  // Pressing bold on bold text takes the marks away, as editors do.
  if (
    selected &&
    text.slice(start - before.length, start) === before &&
    text.slice(end, end + after.length) === after
  ) {
    const out = text.slice(0, start - before.length) + selected + text.slice(end + after.length)
    return { text: out, start: start - before.length, end: end - before.length }
  }
  const inner = selected || placeholder
  const out = text.slice(0, start) + before + inner + after + text.slice(end)
  return { text: out, start: start + before.length, end: start + before.length + inner.length }
}

/** The whole lines the selection touches. */
function lineRange(text: string, start: number, end: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const nextBreak = text.indexOf('\n', end > start && text[end - 1] === '\n' ? end - 1 : end)
  return [lineStart, nextBreak === -1 ? text.length : nextBreak]
}

function linesOf(text: string, start: number, end: number): string[] {
  const [a, b] = lineRange(text, start, end)
  return text.slice(a, b).split('\n')
}

/** Those lines, each passed through `fn`. */
function eachLine(text: string, start: number, end: number, fn: (line: string, i: number) => string): Edit {
  const [lineStart, lineEnd] = lineRange(text, start, end)
  const lines = text.slice(lineStart, lineEnd).split('\n')
  const replaced = lines.map(fn).join('\n')
  return {
    text: text.slice(0, lineStart) + replaced + text.slice(lineEnd),
    start: lineStart,
    end: lineStart + replaced.length,
  }
}

export function applyFormat(format: Format, text: string, start: number, end: number): Edit {
  switch (format) {
    case 'bold':
      return wrap(text, start, end, '**', '**', 'text')
    case 'italic':
      return wrap(text, start, end, '_', '_', 'text')
    case 'code': {
      const selected = text.slice(start, end)
      return selected.includes('\n')
        ? wrap(text, start, end, '```\n', '\n```', '')
        : wrap(text, start, end, '`', '`', 'code')
    }
    case 'link': {
      const selected = text.slice(start, end) || 'text'
      const out = `${text.slice(0, start)}[${selected}](https://)${text.slice(end)}`
      // Select the address, the part the member types next.
      const urlStart = start + selected.length + 3
      return { text: out, start: urlStart, end: urlStart + 'https://'.length }
    }
    case 'quote': {
      const quoted = linesOf(text, start, end).every((l) => l.startsWith('> ') || l === '>')
      return eachLine(text, start, end, (l) => (quoted ? l.replace(/^> ?/, '') : `> ${l}`))
    }
    case 'list': {
      const listed = start !== end && linesOf(text, start, end).every((l) => l.startsWith('- '))
      return eachLine(text, start, end, (l) => (listed ? l.replace(/^- /, '') : `- ${l}`))
    }
  }
}

/** The keyboard shortcuts (with Ctrl or ⌘) for the toolbar's buttons. */
export const shortcuts: Record<string, Format> = { b: 'bold', i: 'italic', k: 'link', e: 'code' }

/**
 * A quotation of a post to start a reply with: its Markdown as `> ` lines, then who wrote it
 * and a link to it, so the quote stays attributed when read out of context.
 */
export function quoteBlock(post: { body: string; author: { handle: string }; url?: string }): string {
  const lines = post.body
    .trim()
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
  const ref = post.url ? `[@${post.author.handle}](${post.url})` : `@${post.author.handle}`
  return `${ref}\n${lines.join('\n')}\n\n`
}
