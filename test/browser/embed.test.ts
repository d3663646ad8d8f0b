import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { createRequire } from 'node:module'
import { SignJWT } from 'jose'
import type { Page } from 'playwright-core'
import t from 'tap'
import { json } from '../helpers/app.js'
import { artifactPath, launchBrowser, newContext, serve } from '../helpers/browser.js'
import { makeMember } from '../helpers/factories.js'
import { freePort } from '../helpers/ports.js'
import { makeCategory, makeTopic } from '../web/helpers.js'

// The embed on a brand's own site: a page served from another origin than the community's
// loads /embed.js and shows threads, signs its reader in through SSO, and is refused when the
// community does not allow that origin.

const ssoSecret = 'brand-and-community-share-this-secret-0123456789'
const hostileHtml =
  '<p>Sanitised text survives</p><img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script>' +
  '<a href="javascript:window.pwned=3">link</a>'

type Pages = Map<string, string>
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe-core on the embed alone (the brand's page is the brand's): serious and critical violations. */
async function axeOnEmbed(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath })
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page, untyped there.
    const result = await (window as any).axe.run(
      { include: [['tribune-thread']] },
      { resultTypes: ['violations'] },
    )
    return (result.violations as { id: string; impact: string | null; nodes: { html: string }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`)
  })
}
type Test = { teardown(fn: () => unknown): void }

/** A brand site: a tiny server on a port (hence an origin) of its own, serving the pages given. */
async function brandSite(t: Test, pages: Pages): Promise<string> {
  const port = await freePort()
  const server = http.createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname)
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page ?? 'not found')
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${port}`
}

function brandPage(community: string, body: string, title = 'Brand article'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>
  p { color: rgb(255, 0, 0); }
  tribune-thread, tribune-comments { --tribune-color-text: rgb(0, 0, 255); }
  tribune-thread::part(author) { letter-spacing: 3px; }
</style>
<script type="module" src="${community}/embed.js"></script></head>
<body><h1>Brand</h1>${body}</body></html>`
}

function ssoToken(sub: string, name: string): Promise<string> {
  return new SignJWT({ email: `${sub}@brand.example`, name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(ssoSecret))
}

/** The text of the posts the embed shows, through its shadow roots. */
const postTexts = (page: Page) => page.locator('tribune-post [part="body"]').allInnerTexts()

t.test('the embed on a brand site', { timeout: 180_000 }, async (t) => {
  const pages: Pages = new Map()
  const refusedPages: Pages = new Map()
  const brand = await brandSite(t, pages)
  const stranger = await brandSite(t, refusedPages)
  const a = await serve(t, { EMBED_ORIGINS: brand, SSO_SECRET: ssoSecret })
  const community = a.baseUrl

  const admin = await makeMember(a, { role: 'admin', handle: 'boss' })
  const ana = await makeMember(a, { handle: 'ana' })
  const category = await makeCategory(a, admin, 'produits', { name: 'Produits' })
  const topic = await makeTopic(a, ana, category.id, 'Le nouveau vélo', 'Premier message sur **le vélo**.')
  const hostile = await makeTopic(a, ana, category.id, 'Un message piégé', 'Texte ordinaire.')
  // A sanitiser miss, simulated: hostile HTML stored as if the server had let it through.
  await a.db
    .updateTable('posts')
    .set({ html: hostileHtml })
    .where('topicId', '=', hostile.id)
    .where('postNumber', '=', 1)
    .execute()

  const browser = await launchBrowser(t)

  t.test('a visitor reads the thread; host styles stay out, --tribune-* tokens come in', async (t) => {
    pages.set(
      '/thread',
      brandPage(community, `<p>Brand paragraph</p><tribune-thread topic="${topic.id}"></tribune-thread>`),
    )
    const page = await (await newContext(t, browser)).newPage()
    await page.goto(`${brand}/thread`)
    await page.locator('tribune-post [part="body"]').first().waitFor()
    t.same(await postTexts(page), ['Premier message sur le vélo.'])
    t.equal(await page.locator('tribune-thread h2').textContent(), 'Le nouveau vélo')
    t.equal(await page.locator('tribune-post strong').textContent(), 'le vélo', 'the post’s HTML is rendered')
    const postColor = await page
      .locator('tribune-post [part="body"] p')
      .first()
      .evaluate((p) => getComputedStyle(p).color)
    t.equal(postColor, 'rgb(0, 0, 255)', 'the host’s token colours the post, its `p { color: red }` does not')
    t.equal(
      await page.locator('body > p').evaluate((p) => getComputedStyle(p).color),
      'rgb(255, 0, 0)',
      'the host’s own paragraphs keep its style',
    )
    t.equal(
      await page.locator('tribune-post [part="author"]').evaluate((el) => getComputedStyle(el).letterSpacing),
      '3px',
      'the host styles the parts the thread exposes',
    )
    const join = page.getByRole('link', { name: 'Reply on the community' })
    t.equal(await join.getAttribute('href'), `${community}${topic.url}`, 'a visitor is sent to the community')
    t.equal(await page.locator('tribune-reply-box').count(), 0, 'no reply box for a visitor')
  })

  t.test('a post whose stored HTML carries script never runs it', async (t) => {
    pages.set('/hostile', brandPage(community, `<tribune-thread topic="${hostile.id}"></tribune-thread>`))
    const page = await (await newContext(t, browser)).newPage()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.goto(`${brand}/hostile`)
    await page.getByText('Sanitised text survives').waitFor()
    await page
      .locator('tribune-post [part="body"] a')
      .click()
      .catch(() => {})
    await page.waitForTimeout(300)
    t.equal(await page.evaluate(() => (window as { pwned?: unknown }).pwned), undefined, 'no payload ran')
    t.equal(await page.locator('tribune-post script').count(), 0, 'no script element reached the page')
    t.equal(await page.locator('tribune-post [onerror]').count(), 0, 'no event handler attribute either')
    t.same(dialogs, [])
  })

  t.test('a reader signed in through SSO replies; another reader sees it arrive live', async (t) => {
    pages.set('/live', brandPage(community, `<tribune-thread topic="${topic.id}"></tribune-thread>`))
    const watcher = await (await newContext(t, browser)).newPage()
    await watcher.goto(`${brand}/live`)
    await watcher.locator('tribune-post').first().waitFor()

    const token = await ssoToken('brand-42', 'Zoé Martin')
    pages.set(
      '/member',
      brandPage(community, `<tribune-thread topic="${topic.id}" sso-token="${token}"></tribune-thread>`),
    )
    const context = await newContext(t, browser)
    const page = await context.newPage()
    await page.goto(`${brand}/member`)
    const box = page.getByLabel('Your reply')
    await box.waitFor()
    await watcher.getByText('2 people reading').waitFor({ timeout: 10_000 })
    t.pass('readers are counted live')
    await box.pressSequentially('Bonjour')
    await watcher.getByText('Zoé Martin is typing…').waitFor({ timeout: 10_000 })
    t.pass('the other reader sees who is typing')
    await box.fill('Bonjour depuis le site de la marque')
    await box.press('Control+Enter')
    // A member who came through SSO has not accepted the charter yet: the box asks, then posts.
    const accept = page.getByRole('button', { name: 'I accept the charter, post my reply' })
    const posted = page.getByText('Bonjour depuis le site de la marque', { exact: true })
    await Promise.race([accept.waitFor(), posted.waitFor()])
    if (await accept.isVisible()) await accept.click()
    await posted.waitFor()
    t.equal(await box.inputValue(), '', 'the box is cleared once posted')
    const authors = await page.locator('tribune-post [part="author"]').allInnerTexts()
    t.equal(authors.at(-1), 'Zoé Martin', 'the reply is signed with the brand’s name for the reader')

    await watcher
      .getByText('Bonjour depuis le site de la marque', { exact: true })
      .waitFor({ timeout: 10_000 })
    t.pass('the other reader saw the reply live')

    const rows = await a.db
      .selectFrom('posts')
      .select('id')
      .where('topicId', '=', topic.id)
      .where('body', '=', 'Bonjour depuis le site de la marque')
      .execute()
    t.equal(rows.length, 1, 'posted once')

    // A reload with the same (single-use) token reuses the session kept in sessionStorage.
    await page.reload()
    await page.getByLabel('Your reply').waitFor()
    t.pass('still signed in after a reload')

    t.same(await axeOnEmbed(page), [], 'axe-core finds no serious or critical violation in the embed')
    await page.screenshot({ path: artifactPath('embed-thread.png'), fullPage: true })
  })

  t.test('a long thread pages in as the reader scrolls; signing in later; reactions', async (t) => {
    const long = await makeTopic(a, ana, category.id, 'Un long fil', 'Message 1')
    for (let i = 2; i <= 31; i++) {
      const res = await a.inject({
        method: 'POST',
        url: `/api/topics/${long.id}/posts`,
        headers: ana.auth,
        payload: { body: `Message ${i}` },
      })
      if (res.statusCode !== 201) throw new Error(res.body)
    }
    pages.set('/long', brandPage(community, `<tribune-thread topic="${long.id}"></tribune-thread>`))
    const page = await (await newContext(t, browser)).newPage()
    await page.goto(`${brand}/long`)
    const more = page.getByRole('button', { name: 'Show newer posts' })
    await more.waitFor()
    t.equal(await page.locator('tribune-post').count(), 25, 'the first page')
    await more.scrollIntoViewIfNeeded()
    await page.getByText('Message 31', { exact: true }).waitFor()
    t.equal(await page.locator('tribune-post').count(), 31, 'the rest came as the reader reached the end')
    t.equal(await more.count(), 0, 'nothing left to load')

    // The reader is reading message 20 when message 5, above, is deleted (it shrinks to a
    // placeholder) and a new reply arrives below: message 20 does not move.
    const twenty = page.getByText('Message 20', { exact: true })
    await twenty.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    const before = (await twenty.boundingBox())!.y
    const five = await a.db
      .selectFrom('posts')
      .select('id')
      .where('topicId', '=', long.id)
      .where('postNumber', '=', 5)
      .executeTakeFirstOrThrow()
    const deleted = await a.inject({ method: 'DELETE', url: `/api/posts/${five.id}`, headers: ana.auth })
    t.equal(deleted.statusCode, 204, deleted.body)
    await page.getByText('This post was deleted.').waitFor({ state: 'attached' })
    t.equal(await page.getByText('Message 5', { exact: true }).count(), 0, 'the deleted text is gone')
    await a.inject({
      method: 'POST',
      url: `/api/topics/${long.id}/posts`,
      headers: ana.auth,
      payload: { body: 'Message 32' },
    })
    await page.getByText('Message 32', { exact: true }).waitFor({ state: 'attached' })
    t.ok(Math.abs((await twenty.boundingBox())!.y - before) < 2, 'what the reader looks at stays in place')

    // The brand's reader signs in on the page: the thread takes their session without a reload.
    const token = await ssoToken('brand-42', 'Zoé Martin')
    await page.locator('tribune-thread').evaluate((el, token) => el.setAttribute('sso-token', token), token)
    await page.getByLabel('Your reply').waitFor()
    const like = page.locator('tribune-post').first().getByRole('button', { name: 'Like: 0' })
    await like.click()
    const liked = page.locator('tribune-post').first().getByRole('button', { name: 'Like: 1' })
    await liked.waitFor()
    t.equal(await liked.getAttribute('aria-pressed'), 'true', 'the reader’s own reaction shows')
    await liked.click()
    await page.locator('tribune-post').first().getByRole('button', { name: 'Like: 0' }).waitFor()
    t.pass('and is withdrawn')
    await page
      .locator('tribune-post')
      .first()
      .getByRole('button', { name: /^Quote / })
      .click()
    t.match(
      await page.getByLabel('Your reply').inputValue(),
      /^@ana wrote:\n> Message 1\n/,
      'quoting prefills the box',
    )
    t.ok(
      await page.getByLabel('Your reply').evaluate((el) => el.matches(':focus')),
      'and puts the focus there',
    )

    // The answer to a reply is lost on the way: the reader sees why, keeps the text, and sending
    // again (same Idempotency-Key) does not post twice.
    let attempts = 0
    await page.route('**/api/topics/*/posts', async (route) => {
      if (route.request().method() !== 'POST' || attempts++ > 0) return route.continue()
      await route.fetch()
      await route.abort('connectionreset')
    })
    const box = page.getByLabel('Your reply')
    await box.fill('Une seule fois')
    const send = page.getByRole('button', { name: 'Reply', exact: true })
    await send.click()
    await page.getByRole('alert').filter({ hasText: 'Could not reach the community' }).waitFor()
    t.equal(await box.inputValue(), 'Une seule fois', 'the reader keeps their text')
    await send.click()
    await page.getByText('Reply posted.').waitFor({ state: 'attached' })
    t.equal(await box.inputValue(), '', 'cleared once posted')
    t.equal(attempts, 2, 'sent twice')
    const rows = await a.db.selectFrom('posts').select('id').where('body', '=', 'Une seule fois').execute()
    t.equal(rows.length, 1, 'posted once')
    t.equal(await page.getByText('Une seule fois', { exact: true }).count(), 1, 'shown once')

    // A moderator locks the topic: the reply box gives way at once, without a reload.
    await a.inject({
      method: 'PATCH',
      url: `/api/topics/${long.id}`,
      headers: admin.auth,
      payload: { locked: true },
    })
    await page.getByText('This discussion is closed to new replies.').waitFor()
    t.equal(await page.getByLabel('Your reply').count(), 0, 'no reply box on a locked topic')
  })

  t.test('a page on an origin the community does not allow is refused', async (t) => {
    refusedPages.set('/thread', brandPage(community, `<tribune-thread topic="${topic.id}"></tribune-thread>`))
    const page = await (await newContext(t, browser)).newPage()
    const sockets: string[] = []
    page.on('websocket', (ws) => sockets.push(ws.url()))
    await page.goto(`${stranger}/thread`)
    await page.getByText('This site is not allowed to embed this community').waitFor()
    t.equal(await page.locator('tribune-post').count(), 0, 'no post shown')
    t.same(sockets, [], 'no live socket is even tried')

    const fr = await (await newContext(t, browser, { locale: 'fr-FR' })).newPage()
    refusedPages.set(
      '/fil',
      brandPage(community, `<tribune-thread topic="${topic.id}" lang="fr"></tribune-thread>`),
    )
    await fr.goto(`${stranger}/fil`)
    await fr.getByText('Ce site n’est pas autorisé à intégrer cette communauté.').waitFor()
    t.pass('the refusal in French')
  })

  t.test('<tribune-comments> opens the article’s topic once, then reuses it', async (t) => {
    const settings = await a.inject({
      method: 'PUT',
      url: '/api/admin/embed',
      headers: admin.auth,
      payload: { origins: [brand], commentsCategoryId: category.id },
    })
    t.equal(settings.statusCode, 200, settings.body)
    const article = `${brand}/blog/velo-electrique`
    pages.set(
      '/blog/velo-electrique',
      brandPage(
        community,
        `<article><p>Notre vélo.</p></article><tribune-comments url="${article}"></tribune-comments>`,
        'Le vélo électrique',
      ),
    )
    const topicOf = async () => {
      const page = await (await newContext(t, browser)).newPage()
      await page.goto(article)
      await page.locator('tribune-comments tribune-post').first().waitFor()
      return page.evaluate(() => document.querySelector('tribune-comments')!.topic)
    }
    const first = await topicOf()
    t.ok(first > 0, 'a topic was opened')
    t.equal(await topicOf(), first, 'the second visit finds the same topic')
    const res = await a.inject({ method: 'GET', url: `/api/topics/${first}` })
    t.equal(json(res).topic.title, 'Le vélo électrique', 'titled after the page')
  })
})
