import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../server/paths.js'
import {
  contrast,
  contrastPairs,
  overlay,
  parseColor,
  readTokens,
  resolve,
  type Tokens,
} from '../../server/themes/tokens.js'

// Every theme in themes/, as a reader's page resolves it (the default theme's tokens, then the
// theme's own), and the default theme's dark variant too: each pair readers meet as text on a
// background must reach WCAG AA's 4.5:1.
const dir = join(projectRoot, 'themes')
const css = (name: string) => readFileSync(join(dir, `${name}.css`), 'utf8')
const base = readTokens(css('default'))
const variants: [string, Tokens][] = [['default', base.base]]
if (base.dark.size) variants.push(['default (system dark)', overlay(base.base, base.dark)])
for (const file of readdirSync(dir).filter((f) => f.endsWith('.css') && f !== 'default.css')) {
  const own = readTokens(css(file.slice(0, -4)))
  t.equal(own.dark.size, 0, `${file} sets its colours once, not per system preference`)
  variants.push([file.slice(0, -4), overlay(base.base, own.base)])
}

t.ok(variants.length >= 4, 'default, its dark variant, dark and a brand theme')

for (const [name, tokens] of variants) {
  t.test(name, async (t) => {
    for (const [fg, bg] of contrastPairs) {
      const [a, b] = [resolve(tokens, fg), resolve(tokens, bg)]
      const [ca, cb] = [a && parseColor(a), b && parseColor(b)]
      if (!ca || !cb) {
        t.fail(`${fg} (${a}) on ${bg} (${b}): not a colour this check can read (use #hex or rgb())`)
        continue
      }
      const ratio = contrast(ca, cb)
      t.ok(ratio >= 4.5, `${fg} ${a} on ${bg} ${b}: ${ratio.toFixed(2)}:1 (≥ 4.5)`)
    }
  })
}

t.test('the contrast formula matches WCAG’s reference values', async (t) => {
  t.equal(contrast([0, 0, 0], [255, 255, 255]).toFixed(0), '21')
  t.equal(contrast([119, 119, 119], [255, 255, 255]).toFixed(2), '4.48', '#777 on white just fails AA')
  t.same(parseColor('#abc'), [170, 187, 204])
  t.same(parseColor('rgb(1 2 3)'), [1, 2, 3])
  t.equal(parseColor('oklch(70% 0.1 200)'), null, 'what it cannot read, it says so')
})

t.test('tokens resolve through var() and their fallbacks', async (t) => {
  const tokens = readTokens(`@layer tribune.theme { :where(:root) {
    --tribune-palette-a: #111111; /* a comment; with a semicolon */
    --tribune-color-x: var(--tribune-palette-a);
    --tribune-color-y: var(--tribune-missing, var(--tribune-color-x));
  } @media (prefers-color-scheme: dark) { :where(:root) { --tribune-color-x: #eeeeee; } } }`)
  t.equal(resolve(tokens.base, '--tribune-color-y'), '#111111')
  t.equal(tokens.dark.get('--tribune-color-x'), '#eeeeee')
  t.equal(resolve(tokens.base, '--tribune-nothing'), null)
})
