import type { Page } from 'playwright-core'
import t from 'tap'
import { makeCategory, makeTopic } from '../forum/helpers.js'
import { artifactPath, launchBrowser, newContext, serve } from '../helpers/browser.js'
import { defaultPassword, makeMember } from '../helpers/factories.js'

// The community site as members use it: sign up with the charter, post, see others live, move
// around by history and keyboard, at phone width and in French.

/** The app has taken over once its shadow root shows a main heading. */
async function ready(page: Page) {
  await page.locator('tribune-app main h1:visible').first().waitFor()
}

t.test('the community site, end to end', { timeout: 240_000 }, async (t) => {
  const a = await serve(t)
  const cat = await makeCategory(a, { slug: 'general' })
  const other = await makeMember(a, { handle: 'bernadette' })
  await a.db.updateTable('users').set({ displayName: 'Bernadette' }).where('id', '=', other.id).execute()
  const seeded = await makeTopic(a, other, cat.id, 'Welcome everyone')
  const browser = await launchBrowser(t)
  const errors: string[] = []

  const ctx1 = await newContext(t, browser)
  // A missing element fails its step in seconds, well inside the file's time limit.
  ctx1.setDefaultTimeout(10_000)
  const page = await ctx1.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  // The pages' CSP refuses inline styles and scripts: a component relying on one shows here.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) errors.push(m.text())
  })

  await t.test('server-rendered page is taken over, screenshots of home and category', async (t) => {
    await page.goto(`${a.baseUrl}/`)
    await ready(page)
    t.ok(await page.locator('tribune-app main h1:visible').first().isVisible())
    await page.getByRole('link', { name: 'Welcome everyone' }).first().waitFor()
    await page.screenshot({ path: artifactPath('site-home.png'), fullPage: true })
    await page
      .getByRole('link', { name: /Category/ })
      .first()
      .click()
    await page.waitForURL(`${a.baseUrl}/c/general`)
    await page.getByRole('heading', { level: 1, name: /Category/ }).waitFor()
    t.match(await page.title(), /Category/)
    await page.screenshot({ path: artifactPath('site-category.png'), fullPage: true })
  })

  await t.test('register accepting the charter, then post a topic and a reply', async (t) => {
    await page.goto(`${a.baseUrl}/register`)
    await ready(page)
    await page.screenshot({ path: artifactPath('site-register.png'), fullPage: true })
    await page.getByLabel('Email').fill('newcomer@example.com')
    await page.getByLabel('Handle').fill('newcomer')
    await page.getByLabel('Password').fill(defaultPassword)
    await page.getByRole('button', { name: 'Sign up' }).click()
    t.equal(await page.getByRole('alert').textContent(), 'You must accept the charter to sign up.')
    await page.getByLabel('I have read the charter and accept it').check()
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.getByRole('button', { name: 'newcomer’s account' }).waitFor()

    await page.goto(`${a.baseUrl}/c/general/new`)
    await ready(page)
    await page.getByLabel('Title').fill('My first topic')
    await page.getByLabel('Message (Markdown)').fill('Hello **everyone**')
    await page.getByRole('button', { name: 'Preview' }).click()
    t.equal(await page.locator('tribune-composer .preview strong').textContent(), 'everyone', 'live preview')
    await page.getByRole('button', { name: 'Post topic' }).click()
    await page.waitForURL(/\/t\/my-first-topic\/\d+$/)
    await page.getByRole('heading', { level: 1, name: 'My first topic' }).waitFor()
    // The charter changes under the member's feet: the composer asks, then posts.
    const newcomer = await a.db
      .updateTable('users')
      .set({ charterVersion: null })
      .where('handle', '=', 'newcomer')
      .returning('id')
      .executeTakeFirstOrThrow()
    await a.app.viewers.invalidateUser(newcomer.id)
    await page.getByLabel('Message (Markdown)').fill('A reply of mine')
    await page.getByRole('button', { name: 'Reply', exact: true }).click()
    await page.getByText('The community’s charter has changed: accept it to post.').waitFor()
    await page.getByRole('button', { name: 'I accept the charter and post' }).click()
    await page.locator('tribune-thread').getByText('A reply of mine').first().waitFor()
    t.equal(await page.getByLabel('Message (Markdown)').inputValue(), '', 'sent once accepted')
    t.pass('topic and reply posted')
  })

  await t.test('drafts survive a reload and go once posted', async (t) => {
    await page.goto(`${a.baseUrl}/t/${seeded.topic.slug}/${seeded.topic.id}`)
    await ready(page)
    await page.getByLabel('Message (Markdown)').fill('Unfinished thought')
    await page.waitForTimeout(500)
    await page.reload()
    await ready(page)
    t.equal(await page.getByLabel('Message (Markdown)').inputValue(), 'Unfinished thought')
    await page.getByRole('button', { name: 'Quote Bernadette’s post' }).click()
    const quoted = await page.getByLabel('Message (Markdown)').inputValue()
    t.match(
      quoted,
      /^Unfinished thought\n\n\[@bernadette\]\(\/t\/welcome-everyone\/\d+#post-\d+\)\n> The opening post\./,
    )
    await page.getByRole('button', { name: 'Reply', exact: true }).click()
    await page.getByText('Unfinished thought').first().waitFor()
    await page.locator('tribune-thread blockquote').getByText('The opening post.').first().waitFor()
    await page.reload()
    await ready(page)
    t.equal(await page.getByLabel('Message (Markdown)').inputValue(), '', 'cleared after posting')
  })

  await t.test('two readers see each other’s replies live', async (t) => {
    const url = `${a.baseUrl}/t/${seeded.topic.slug}/${seeded.topic.id}`
    const ctx2 = await newContext(t, browser)
    const login = await ctx2.request.post(`${a.baseUrl}/api/auth/login`, {
      data: { login: other.handle, password: defaultPassword },
      headers: { origin: a.baseUrl },
    })
    t.equal(login.status(), 200, 'the second reader signs in')
    const page2 = await ctx2.newPage()
    await page2.goto(url)
    await ready(page2)
    await page.goto(url)
    await ready(page)
    await page.waitForTimeout(500)
    await page2.getByLabel('Message (Markdown)').fill('Live from page two')
    await page2.getByRole('button', { name: 'Reply', exact: true }).click()
    await page.getByText('Live from page two').waitFor({ timeout: 10_000 })
    await page.getByLabel('Message (Markdown)').fill('And back from page one')
    await page.getByRole('button', { name: 'Reply', exact: true }).click()
    await page2.getByText('And back from page one').waitFor({ timeout: 10_000 })
    t.pass('both ways')
    await page.screenshot({ path: artifactPath('site-topic.png'), fullPage: true })
  })

  await t.test('history: back, forward, reload on a deep URL', async (t) => {
    await page.goto(`${a.baseUrl}/`)
    await ready(page)
    await page.getByRole('link', { name: 'Welcome everyone' }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Welcome everyone' }).waitFor()
    const focused = await page.evaluate(() => {
      let el: Element | null = document.activeElement
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
      return el?.tagName
    })
    t.equal(focused, 'H1', 'focus moved to the main heading')
    t.match(await page.title(), /^Welcome everyone · /)
    await page.goBack()
    await page.waitForURL(`${a.baseUrl}/`)
    await page.getByRole('heading', { level: 2, name: 'Categories' }).waitFor()
    await page.goForward()
    await page.getByRole('heading', { level: 1, name: 'Welcome everyone' }).waitFor()
    await page.reload()
    await ready(page)
    await page.getByRole('heading', { level: 1, name: 'Welcome everyone' }).waitFor()
    await page.locator('tribune-thread').getByText('The opening post.').first().waitFor()
    await page.goto(`${a.baseUrl}/u/${other.handle}`)
    await ready(page)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.getByText('Welcome everyone').first().waitFor()
    await page.screenshot({ path: artifactPath('site-profile.png'), fullPage: true })
    await page.goto(`${a.baseUrl}/search?q=everyone`)
    await ready(page)
    await page.locator('tribune-search-page mark').first().waitFor()
    t.pass('deep URLs reload')
  })

  await t.test('keyboard only: reach and submit the composer', async (t) => {
    await page.goto(`${a.baseUrl}/t/${seeded.topic.slug}/${seeded.topic.id}`)
    await ready(page)
    let reached = false
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = await page.evaluate(() => {
        let el: Element | null = document.activeElement
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
        return el?.tagName === 'TEXTAREA'
      })
    }
    t.ok(reached, 'the message field is in the tab order')
    await page.keyboard.type('Typed with the keyboard only')
    await page.keyboard.press('Tab')
    let onSubmit = false
    for (let i = 0; i < 5 && !onSubmit; i++) {
      onSubmit = await page.evaluate(() => {
        let el: Element | null = document.activeElement
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
        return el?.textContent?.trim() === 'Reply'
      })
      if (!onSubmit) await page.keyboard.press('Tab')
    }
    t.ok(onSubmit, 'the reply button follows')
    await page.keyboard.press('Enter')
    await page.getByText('Typed with the keyboard only').first().waitFor()
  })

  await t.test('settings: a theme of one’s own applies at once and stays', async (t) => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.goto(`${a.baseUrl}/settings`)
    await ready(page)
    const light = await background()
    t.equal(await page.getAttribute('html', 'data-theme'), 'default')
    t.ok(await page.getByRole('radio', { name: 'The community’s (Default)' }).isChecked())
    await page.getByRole('radio', { name: 'Dark' }).check()
    await page.getByText('Theme “Dark” applied.').waitFor()
    t.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'no reload needed')
    t.not(await background(), light, 'the dark stylesheet is in force')
    t.equal(
      await page.locator('link[rel=stylesheet][href^="/assets/tribune.css"]').count(),
      1,
      'one theme sheet',
    )
    await page.reload()
    await ready(page)
    t.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'the server renders the member’s theme')
    t.ok(await page.getByRole('radio', { name: 'Dark' }).isChecked())
    await page.getByRole('radio', { name: 'The community’s (Default)' }).check()
    await page.getByText('Theme “Default” applied.').waitFor()
    t.equal(await page.getAttribute('html', 'data-theme'), 'default')
    t.equal(await background(), light)
  })

  await t.test('375 px wide: no horizontal scroll on a topic', async (t) => {
    const phone = await (await newContext(t, browser, { viewport: { width: 375, height: 740 } })).newPage()
    await phone.goto(`${a.baseUrl}/t/${seeded.topic.slug}/${seeded.topic.id}`)
    await ready(phone)
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    t.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`)
  })

  await t.test('the language switch shows French', async (t) => {
    const visitor = await (await newContext(t, browser)).newPage()
    // A visitor's "sign in" under a thread leads to the login page, and back to the topic after.
    const topicPath = `/t/${seeded.topic.slug}/${seeded.topic.id}`
    await visitor.goto(`${a.baseUrl}${topicPath}`)
    await ready(visitor)
    await visitor.getByRole('button', { name: 'Sign in', exact: true }).click()
    await visitor.waitForURL(`${a.baseUrl}/login?next=${encodeURIComponent(topicPath)}`)
    await visitor.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    await visitor.reload()
    await ready(visitor)
    await visitor.screenshot({ path: artifactPath('site-login.png'), fullPage: true })
    await visitor.getByRole('button', { name: 'Français' }).click()
    await visitor.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor()
    t.equal(await visitor.evaluate(() => document.documentElement.lang), 'fr')
    t.ok(await visitor.getByLabel('E-mail ou pseudo').isVisible())
  })

  t.same(errors, [], 'no script errors')
})
