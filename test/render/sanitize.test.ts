import { JSDOM } from 'jsdom'
import t from 'tap'
import { renderPost } from '../../server/render/markdown.js'
import { sanitizeHtml } from '../../server/render/purify.js'
import {
  allowedAttributes,
  allowedTags,
  isAllowedUrl,
  linkRel,
  sanitizeConfig,
} from '../../server/render/sanitize-config.js'

// No database is reached: none of these texts has an @handle or a topic link worth looking up.
const deps = { db: null as never, publicUrl: 'https://community.example' }
const render = async (md: string) => (await renderPost(deps, md)).html

// Parses the output as a browser would and lists whatever falls outside the allowlist: the
// text of a post may well say "onerror=", what matters is which elements and attributes exist.
const { window } = new JSDOM('')
function violations(html: string): string[] {
  const doc = window.document.createElement('template')
  doc.innerHTML = html
  const bad: string[] = []
  for (const el of doc.content.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase()
    if (
      !(allowedTags as readonly string[]).includes(tag) ||
      el.namespaceURI !== 'http://www.w3.org/1999/xhtml'
    )
      bad.push(`<${tag}>`)
    for (const attr of el.attributes) {
      if (!(allowedAttributes as readonly string[]).includes(attr.name)) bad.push(`${tag}[${attr.name}]`)
      if (attr.name === 'href' && !isAllowedUrl(attr.value, 'link')) bad.push(`href=${attr.value}`)
      if (attr.name === 'src' && !isAllowedUrl(attr.value, 'image')) bad.push(`src=${attr.value}`)
    }
  }
  return bad
}

const payloads: Record<string, string> = {
  'script tag': '<script>alert(1)</script>',
  'img onerror': '<img src=x onerror=alert(1)>',
  'javascript link': '[x](javascript:alert(1))',
  'mixed-case scheme': '[x](JaVaScRiPt:alert(1))',
  'entity-encoded colon': '<a href="javascript&#58;alert(1)">x</a>',
  'entity-encoded letters': '<a href="&#106;&#97;vascript:alert(1)">x</a>',
  'hex entities': '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>',
  'tab inside scheme': '<a href="java\tscript:alert(1)">x</a>',
  'newline inside scheme': '<a href="java&#10;script:alert(1)">x</a>',
  'leading spaces': '<a href="  javascript:alert(1)">x</a>',
  'markdown autolink javascript': '<javascript:alert(1)>',
  'vbscript link': '<a href="vbscript:msgbox(1)">x</a>',
  'data html link': '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  'data image': '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
  'raw data image': '<img src="data:image/png;base64,iVBORw0KGgo=">',
  svg: '<svg onload=alert(1)><circle r=1></circle></svg>',
  'svg use': '<svg><use href="data:image/svg+xml,<svg id=x><script>alert(1)</script></svg>#x"></use></svg>',
  math: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  style: '<style>body{background:url(javascript:alert(1))}</style>',
  'style attribute': '<p style="background:url(javascript:alert(1))">x</p>',
  form: '<form action="https://evil.example"><input name=a><button>go</button></form>',
  textarea: '<textarea><img src=x onerror=alert(1)></textarea>',
  template: '<template><img src=x onerror=alert(1)></template>',
  iframe: '<iframe src="https://evil.example"></iframe>',
  'iframe srcdoc': '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  object: '<object data="javascript:alert(1)"></object>',
  'noscript mXSS': '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  'namespace confusion': '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  'svg foreignObject': '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
  'comment breakout': '<!--><img src=x onerror=alert(1)>-->',
  'title breakout': '<title><img src=x onerror=alert(1)></title>',
  'xmp breakout': '<xmp><img src=x onerror=alert(1)></xmp>',
  'base tag': '<base href="https://evil.example/">',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'data attribute and aria': '<p data-x="1" aria-label="x" id="main" name="x">x</p>',
  'markdown image title breakout': '![a](https://x.example/a.png "a\\" onerror=\\"alert(1))',
}

t.test('hostile HTML and URLs come out inert', async (t) => {
  for (const [name, md] of Object.entries(payloads)) {
    const html = await render(md)
    t.same(violations(html), [], name)
    t.equal(sanitizeHtml(html), html, `${name}: sanitising again changes nothing`)
  }
})

t.test('only allowlisted classes survive', async (t) => {
  const html = await render(
    '<span class="mention admin-badge">x</span> <a class="mention btn" href="/u/x">y</a>',
  )
  t.notMatch(html, /admin-badge|btn/)
  t.match(html, /<a class="mention" href="\/u\/x"/)
  t.match(await render('```js\nlet a = 1\n```'), /<code class="language-js">/)
})

t.test('every link gets rel=nofollow ugc noopener, whatever it said', async (t) => {
  const html = await render(
    '[a](https://a.example) <https://b.example> <a href="/x" rel="opener" target="_blank">c</a> mail@example.com',
  )
  const rels = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0])
  t.equal(rels.length, 4)
  for (const a of rels) t.match(a, `rel="${linkRel}"`)
  t.notMatch(html, /target=|rel="opener"/)
})

t.test('allowed URLs: http(s), mailto and relative links; images http(s) or relative', async (t) => {
  t.ok(isAllowedUrl('https://x.example/a', 'link'))
  t.ok(isAllowedUrl('mailto:a@b.example', 'link'))
  t.ok(isAllowedUrl('/t/x/1', 'link'))
  t.ok(isAllowedUrl('page#x', 'link'))
  t.notOk(isAllowedUrl('mailto:a@b.example', 'image'))
  t.notOk(isAllowedUrl('ftp://x.example', 'link'))
  t.notOk(isAllowedUrl('java\u0000script:alert(1)', 'link'))
  const html = await render(
    '![a](https://x.example/a.png) ![b](/uploads/b.png) <img src="mailto:a@b.example">',
  )
  t.match(html, '<img src="https://x.example/a.png" alt="a">')
  t.match(html, '<img src="/uploads/b.png" alt="b">')
  t.notMatch(html, /mailto/)
  t.notMatch(await render('[x](ftp://files.example/a)'), /href=/)
})

t.test('Markdown renders within the allowlist', async (t) => {
  const html = await render(
    '# Titre\n\n## Sous-titre\n\n**gras** _it_ ~~barré~~ `code`\n\n> cité\n\n3. trois\n4. quatre\n\n- [x] fait\n- [ ] à faire\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n---',
  )
  t.match(html, '<h3>Titre</h3>', 'h1 demoted below the page title')
  t.match(html, '<h4>Sous-titre</h4>')
  t.match(html, '<strong>gras</strong> <em>it</em> <del>barré</del> <code>code</code>')
  t.match(html, '<blockquote>')
  t.match(html, '<ol start="3">')
  t.match(html, '☑ fait')
  t.match(html, '<th align="center">a</th>')
  t.match(html, '<hr>')
  t.notMatch(html, /<input/)
  t.equal(sanitizeHtml(html), html)
})

t.test('right-to-left text, emoji and combining marks are kept as written', async (t) => {
  const text = 'مرحبا بالعالم — שלום 👋🏽 👨‍👩‍👧 é (e\u0301) 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'
  t.equal(await render(text), `<p>${text}</p>\n`)
})

t.test('the allowlist module stays free of jsdom for the browser embed', async (t) => {
  const fs = await import('node:fs')
  const { projectRoot } = await import('../../server/paths.js')
  const src = fs.readFileSync(`${projectRoot}/server/render/sanitize-config.ts`, 'utf8')
  t.notMatch(src, /from 'jsdom'/)
  t.notOk(
    (sanitizeConfig.ALLOWED_TAGS as string[]).some((tag) => ['svg', 'math', 'form', 'style'].includes(tag)),
  )
})
