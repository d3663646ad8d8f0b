import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import t from 'tap'
import { json } from '../helpers/app.js'
import { artifactPath, launchBrowser, newContext, serve } from '../helpers/browser.js'
import { makeMember } from '../helpers/factories.js'

// axe-core on the main pages, in both languages and in the default and dark themes: any serious
// or critical violation fails, printed rule by rule with the elements it hit. Each page is also
// saved as a screenshot per theme and language (test/artifacts/screenshots/).

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface AxeNode {
  target: string[]
  html: string
  failureSummary?: string
}
interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: AxeNode[]
}

async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath })
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page, untyped there.
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] })
    return result.violations as unknown[]
  })
  return (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

function describe(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `    at ${n.target.join(' ')}: ${n.html.slice(0, 160)}\n      ${n.failureSummary?.replaceAll('\n', '\n      ') ?? ''}`,
          )
          .join('\n')}${v.nodes.length > 5 ? `\n    …and ${v.nodes.length - 5} more` : ''}`,
    )
    .join('\n')
}

t.test('axe-core finds no serious or critical violation on the main pages', async (t) => {
  const a = await serve(t)
  const admin = await makeMember(a, { role: 'admin', handle: 'admin_axe' })
  const member = await makeMember(a, { handle: 'camille' })
  const post = async (url: string, payload: object, auth = admin.auth) => {
    const res = await a.inject({ method: 'POST', url, headers: auth, payload })
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    return json(res)
  }
  const { category } = await post('/api/categories', {
    name: 'Sorties du dimanche',
    slug: 'sorties',
    description: 'Les balades du week-end.',
  })
  const { topic } = await post('/api/topics', {
    categoryId: category.id,
    title: 'Col de la Madone, dimanche 9 h',
    body: 'Départ du port, **60 km**, retour vers midi.\n\n> Prévoir de l’eau.\n\n```\ngpx: madone.gpx\n```',
  })
  await post(
    `/api/topics/${topic.id}/posts`,
    { body: 'Je viens ! [Le parcours](https://example.org/madone)' },
    member.auth,
  )

  const pages: Record<string, string> = {
    home: '/',
    category: `/c/${category.slug}`,
    topic: topic.url,
    profile: `/u/${member.handle}`,
  }
  // Pages the community site may have gained by the time this runs: checked when they answer.
  for (const [name, path] of Object.entries({
    login: '/login',
    register: '/register',
    search: '/search?q=madone',
  })) {
    if ((await a.inject({ url: path })).statusCode === 200) pages[name] = path
  }
  t.comment(`pages: ${Object.keys(pages).join(', ')}`)

  const browser = await launchBrowser(t)
  for (const theme of ['default', 'dark']) {
    const set = await a.inject({
      method: 'PUT',
      url: '/api/admin/theme',
      headers: admin.auth,
      payload: { theme },
    })
    t.equal(set.statusCode, 200, set.body)
    for (const lang of ['en', 'fr'] as const) {
      // bypassCSP: axe is injected as an inline script, which the pages' CSP rightly refuses.
      const context = await newContext(t, browser, {
        locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
        bypassCSP: true,
      })
      const page = await context.newPage()
      for (const [name, path] of Object.entries(pages)) {
        const url = `${a.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`
        const res = await page.goto(url, { waitUntil: 'networkidle' })
        t.equal(res?.status(), 200, `${name} answers`)
        t.equal(await page.getAttribute('html', 'data-theme'), theme, `${name} is in the ${theme} theme`)
        await page.screenshot({ path: artifactPath(`${name}-${theme}-${lang}.png`), fullPage: true })
        const violations = await axe(page)
        t.same(
          violations.map((v) => v.id),
          [],
          `${name}, ${theme} theme, ${lang}: no serious or critical violation${violations.length ? `\n${describe(violations)}` : ''}`,
        )
      }
    }
  }
})
