import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../server/paths.js'
import { readTokens } from '../../server/themes/tokens.js'

// themes/README.md is the brand's reference: it must name every token a theme can set and every
// part a component exposes, or a brand cannot find them. Checked here against the themes and the
// components' own @csspart tags, so the reference cannot drift from the code.
const root = `${projectRoot}/`
const readme = readFileSync(join(root, 'themes/README.md'), 'utf8')
const read = (path: string) => readFileSync(join(root, path), 'utf8')

function files(dir: string, ext: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name).slice(root.length))
}

t.test('every token the pages and components read is set by the default theme', async (t) => {
  const declared = readTokens(read('themes/default.css')).base
  const sources = [...files('client', '.ts'), ...files('server/web', '.css'), ...files('server/web', '.ts')]
  for (const file of sources) {
    for (const [, token] of read(file).matchAll(/var\(\s*(--tribune-[a-z0-9-]+)/g)) {
      t.ok(declared.has(token!), `${token} (read in ${file}) has a value in themes/default.css`)
    }
  }
})

t.test('every semantic token of every theme is in themes/README.md', async (t) => {
  for (const theme of readdirSync(join(root, 'themes')).filter((f) => f.endsWith('.css'))) {
    for (const token of readTokens(read(`themes/${theme}`)).base.keys()) {
      if (token.startsWith('--tribune-palette-')) continue
      t.ok(readme.includes(`\`${token}\``), `${token} (set in ${theme}) is documented`)
    }
  }
})

t.test('every part a component exposes is in themes/README.md', async (t) => {
  for (const file of files('client', '.ts')) {
    const parts = [...read(file).matchAll(/@csspart\s+([a-z0-9-]+)/g)].map((m) => m[1]!)
    if (!parts.length) continue
    const tag = /(tribune-[a-z0-9-]+)\.ts$/.exec(file)?.[1]
    t.ok(tag, `${file} is named after its element`)
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${tag}\``))
    t.ok(row, `${tag} has a row in the parts table`)
    for (const part of parts)
      t.ok(row?.includes(`\`${part}\``), `${tag}::part(${part}) is in the parts table of themes/README.md`)
  }
})
