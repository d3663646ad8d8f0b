import type { BrowserContext, Page } from 'playwright-core'
import t from 'tap'
import { makeCategory, makeTopic } from '../forum/helpers.js'
import { artifactPath, launchBrowser, newContext, serve } from '../helpers/browser.js'
import { type Member, makeMember } from '../helpers/factories.js'

// The site in the reader's language: a French browser gets French pages without asking, a member
// who picks French keeps it; and notifications, which outlive a reload until the member reads them.

async function ready(page: Page) {
  await page.locator('tribune-app main h1:visible').first().waitFor()
}

/** The member's session in the browser, as signing in would leave it. */
async function signIn(ctx: BrowserContext, baseUrl: string, who: Member) {
  await ctx.addCookies([{ name: 'tribune_session', value: who.token, url: baseUrl, httpOnly: true }])
}

t.test('French and English, and notifications across reloads', { timeout: 240_000 }, async (t) => {
  const a = await serve(t)
  const cat = await makeCategory(a, { slug: 'general' })
  const bernadette = await makeMember(a, { handle: 'bernadette' })
  const ana = await makeMember(a, { handle: 'ana' })
  for (const [who, name] of [
    [bernadette, 'Bernadette'],
    [ana, 'Ana'],
  ] as const)
    await a.db.updateTable('users').set({ displayName: name }).where('id', '=', who.id).execute()
  const seeded = await makeTopic(a, bernadette, cat.id, 'Bienvenue à toutes et à tous')
  await a.inject({ method: 'PUT', url: `/api/posts/${seeded.post.id}/reactions/like`, headers: ana.auth })
  const topicPath = `/t/${seeded.topic.slug}/${seeded.topic.id}`
  const browser = await launchBrowser(t)
  const errors: string[] = []
  const open = async (ctx: BrowserContext) => {
    ctx.setDefaultTimeout(10_000)
    const page = await ctx.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/.test(m.text())) errors.push(m.text())
    })
    return page
  }
  const lang = (page: Page) => page.evaluate(() => document.documentElement.lang)

  await t.test('a French browser gets French pages, without asking', async (t) => {
    const page = await open(await newContext(t, browser, { locale: 'fr-FR' }))
    await page.goto(`${a.baseUrl}/`)
    await ready(page)
    t.equal(await lang(page), 'fr', 'home: <html lang="fr">')
    await page.getByRole('heading', { level: 2, name: 'Catégories' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Activité récente' }).waitFor()
    t.ok(await page.getByRole('link', { name: 'Accueil', exact: true }).first().isVisible(), 'home: nav')
    t.ok(await page.getByRole('link', { name: 'S’inscrire' }).isVisible(), 'home: sign-up link')
    t.ok(await page.getByRole('button', { name: 'Rechercher', exact: true }).isVisible(), 'home: search')

    await page.goto(`${a.baseUrl}${topicPath}`)
    await ready(page)
    t.equal(await lang(page), 'fr', 'topic: <html lang="fr">')
    await page.getByRole('heading', { level: 1, name: 'Bienvenue à toutes et à tous' }).waitFor()
    await page.getByText('Connectez-vous pour répondre.').waitFor()
    t.ok(await page.getByRole('button', { name: 'Se connecter', exact: true }).isVisible(), 'topic: sign in')
    // Reactions read as words, not emoji (which show as boxes without an emoji font).
    const like = page.locator('tribune-post').first().getByRole('img', { name: 'J’aime : 1' })
    await like.waitFor()
    t.match(await like.textContent(), /J’aime\s*1/, 'topic: the reaction’s name is visible text')
    t.equal(await like.locator('svg').count(), 1, 'with a drawn icon')
    await page.screenshot({ path: artifactPath('i18n-topic-fr.png'), fullPage: true })

    await page.goto(`${a.baseUrl}/search?q=bienvenue`)
    await ready(page)
    t.equal(await lang(page), 'fr', 'search: <html lang="fr">')
    await page.getByRole('heading', { level: 1, name: 'Résultats pour « bienvenue »' }).waitFor()
    t.ok(await page.getByLabel('Rechercher dans la communauté').first().isVisible(), 'search: field label')

    await page.goto(`${a.baseUrl}/register`)
    await ready(page)
    t.equal(await lang(page), 'fr', 'register: <html lang="fr">')
    await page.getByRole('heading', { level: 1, name: 'Inscription' }).waitFor()
    for (const label of ['Pseudo', 'Mot de passe', 'J’ai lu la charte et je l’accepte'])
      t.ok(await page.getByLabel(label, { exact: true }).isVisible(), `register: “${label}”`)
    t.ok(await page.getByRole('button', { name: 'S’inscrire' }).isVisible(), 'register: button')
  })

  await t.test('settings in French; notification preferences saved', async (t) => {
    const ctx = await newContext(t, browser, { locale: 'fr-FR' })
    await signIn(ctx, a.baseUrl, bernadette)
    const page = await open(ctx)
    await page.goto(`${a.baseUrl}/settings`)
    await ready(page)
    t.equal(await lang(page), 'fr', 'settings: <html lang="fr">')
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor()
    await page.getByRole('group', { name: 'Préférences de notification' }).waitFor()
    const replies = page.getByRole('checkbox', { name: 'Quand on répond à mes messages' })
    await page.waitForFunction(() => {
      const app = document.querySelector('tribune-app')?.shadowRoot
      const settings = app?.querySelector('tribune-settings-page')?.shadowRoot
      return settings?.querySelector<HTMLInputElement>('input[name=replies]')?.disabled === false
    })
    t.ok(await replies.isChecked(), 'replies on by default')
    t.notOk(
      await page.getByRole('checkbox', { name: 'Aussi par e-mail' }).isChecked(),
      'email off by default',
    )
    await page.getByText('la communauté n’envoie pas encore d’e-mails').waitFor()
    await replies.uncheck()
    await page.getByText('Préférences de notification enregistrées.').waitFor()
    const row = await a.db
      .selectFrom('users')
      .select('notificationPrefs')
      .where('id', '=', bernadette.id)
      .executeTakeFirstOrThrow()
    t.same(row.notificationPrefs, { replies: false, mentions: true, email: false }, 'stored')
    await page.reload()
    await ready(page)
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor()
    await page.waitForFunction(() => {
      const app = document.querySelector('tribune-app')?.shadowRoot
      const settings = app?.querySelector('tribune-settings-page')?.shadowRoot
      return settings?.querySelector<HTMLInputElement>('input[name=replies]')?.disabled === false
    })
    t.notOk(await replies.isChecked(), 'still off after a reload')
    await replies.check()
    await page.getByText('Préférences de notification enregistrées.').waitFor()
  })

  await t.test('an English member who picks French sees French after a reload', async (t) => {
    const ctx = await newContext(t, browser)
    await signIn(ctx, a.baseUrl, ana)
    const page = await open(ctx)
    await page.goto(`${a.baseUrl}/settings`)
    await ready(page)
    t.equal(await lang(page), 'en')
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Réglages enregistrés.').waitFor()
    await page.reload()
    await ready(page)
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor()
    t.equal(await lang(page), 'fr', 'the server renders French for her now')
    await page.goto(`${a.baseUrl}/`)
    await ready(page)
    await page.getByRole('heading', { level: 2, name: 'Catégories' }).waitFor()
    t.pass('and every page follows')
    // Back to English for the next step.
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 2, name: 'Categories' }).waitFor()
  })

  await t.test(
    'a notification arrives live, stays unread across reloads, then is read for good',
    async (t) => {
      const ctx = await newContext(t, browser)
      await signIn(ctx, a.baseUrl, bernadette)
      const page = await open(ctx)
      await page.goto(`${a.baseUrl}/`)
      await ready(page)
      const bell = (name: string) => page.getByRole('button', { name, exact: true })
      await bell('Notifications').waitFor()

      const res = await a.inject({
        method: 'POST',
        url: `/api/topics/${seeded.topic.id}/posts`,
        headers: ana.auth,
        payload: { body: 'Merci @bernadette, bonne idée !' },
      })
      t.equal(res.statusCode, 201, res.body)
      await bell('Notifications, 1 unread').waitFor()
      t.pass('live: the badge counts it')
      await page.reload()
      await ready(page)
      await bell('Notifications, 1 unread').waitFor()
      t.pass('after a reload: still unread')

      await bell('Notifications, 1 unread').click()
      const item = page
        .getByRole('menuitem', { name: 'Ana replied to you in “Bienvenue à toutes et à tous”' })
        .and(page.locator(`[href$="#post-${res.json().post.id}"]`))
      await item.waitFor()
      await bell('Notifications').waitFor()
      t.pass('opening the menu clears the badge')
      await page.keyboard.press('Escape')
      // The read marker is saved on the server before the reload.
      await page.waitForFunction(async () => {
        const r = await fetch('/api/notifications?limit=1')
        return (await r.json()).unread === 0
      })
      await page.reload()
      await ready(page)
      await bell('Notifications').waitFor()
      t.equal(await bell('Notifications, 1 unread').count(), 0, 'and it stays cleared after a reload')
      await bell('Notifications').click()
      await item.waitFor()
      t.pass('the history is still there')
      await page.keyboard.press('Escape')

      // A moderation notice names its rule; older notifications come in at the bottom.
      await a.db
        .insertInto('liveEvents')
        .values({
          channel: `user:${bernadette.id}`,
          type: 'moderation.notice',
          data: JSON.stringify({
            action: 'sanction.warning',
            ruleId: 'respect',
            ruleTitle: 'Respect / Be respectful',
          }),
        })
        .execute()
      for (let i = 0; i < 20; i++)
        await a.inject({
          method: 'POST',
          url: `/api/topics/${seeded.topic.id}/posts`,
          headers: ana.auth,
          payload: { body: `Reply number ${i}` },
        })
      await page.reload()
      await ready(page)
      await bell('Notifications, 21 unread').click()
      await page.getByRole('menuitem').first().waitFor()
      t.equal(await page.locator('tribune-menu [role=menuitem][data-notice]').count(), 20, 'one page')
      await page.getByRole('menuitem', { name: 'Older notifications' }).click()
      await page
        .getByRole('menuitem', { name: 'Moderation (warning): rule “Respect / Be respectful”' })
        .waitFor()
      await item.waitFor()
      t.equal(await page.getByRole('menuitem', { name: 'Older notifications' }).count(), 0, 'nothing more')
      await page.screenshot({ path: artifactPath('i18n-notifications.png') })
    },
  )

  t.same(errors, [], 'no script errors')
})
