import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { BrowserContext, Page } from 'playwright-core'
import t from 'tap'
import { makeCategory, makeTopic, replyTo } from '../forum/helpers.js'
import { json } from '../helpers/app.js'
import { artifactPath, launchBrowser, newContext, serve } from '../helpers/browser.js'
import { defaultPassword, makeMember } from '../helpers/factories.js'

// Moderation as the team lives it: a member reports a post, a moderator sees it arrive live,
// claims it (a second moderator is refused), hides it under a rule; the audit log shows it and
// exports it; an admin switches crisis mode on and every page pins the statement; a French
// moderator reads the queue in French. axe checks the queue and an item.

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath })
  const found = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page, untyped there.
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] })
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
  return found
}

async function ready(page: Page) {
  await page.locator('tribune-app main h1:visible').first().waitFor()
}

t.test('moderation screens, end to end', { timeout: 240_000 }, async (t) => {
  const a = await serve(t)
  const admin = await makeMember(a, { role: 'admin', handle: 'adele' })
  const mod1 = await makeMember(a, { role: 'moderator', handle: 'maurice' })
  const mod2 = await makeMember(a, { role: 'moderator', handle: 'mona' })
  const modFr = await makeMember(a, { role: 'moderator', handle: 'marcel' })
  const reporter = await makeMember(a, { handle: 'rachel' })
  const author = await makeMember(a, { handle: 'trollo' })
  for (const [m, name] of [
    [mod1, 'Maurice'],
    [mod2, 'Mona'],
    [author, 'Trollo'],
    [reporter, 'Rachel'],
  ] as const)
    await a.db.updateTable('users').set({ displayName: name }).where('id', '=', m.id).execute()
  const cat = await makeCategory(a, { slug: 'general' })
  const { topic } = await makeTopic(a, reporter, cat.id, 'Weekend ride')
  await replyTo(a, author, topic.id, 'You are all idiots.')

  const browser = await launchBrowser(t)
  const errors: string[] = []
  /** A signed-in context; bypassCSP only where axe is injected (the CSP rightly refuses it). */
  async function signedIn(who: { handle: string }, opts: Parameters<typeof newContext>[2] = {}) {
    const ctx = await newContext(t, browser, opts)
    ctx.setDefaultTimeout(10_000)
    const res = await ctx.request.post(`${a.baseUrl}/api/auth/login`, {
      data: { login: who.handle, password: defaultPassword },
      headers: { origin: a.baseUrl },
    })
    if (res.status() !== 200) throw new Error(`login ${who.handle}: ${res.status()}`)
    return ctx
  }
  async function open(ctx: BrowserContext, path: string) {
    const page = await ctx.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/.test(m.text())) errors.push(m.text())
    })
    await page.goto(`${a.baseUrl}${path}`)
    await ready(page)
    return page
  }

  const modCtx = await signedIn(mod1, { bypassCSP: true })
  const queue = await open(modCtx, '/mod')
  await queue.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor()
  t.ok(
    await queue.getByRole('link', { name: 'Moderation' }).isVisible(),
    'the header links moderators to /mod',
  )
  await queue.getByText('Nothing to review right now.').waitFor()

  const memberCtx = await signedIn(reporter)
  const member = await open(memberCtx, `/t/${topic.slug}/${topic.id}`)

  await t.test('a member reports a post; the moderator sees it arrive live', async (t) => {
    t.equal(
      await member.getByRole('link', { name: 'Moderation' }).count(),
      0,
      'no moderation link for members',
    )
    await member.getByRole('button', { name: 'Report Trollo’s post' }).click()
    const dialog = member.getByRole('dialog', { name: 'Report this post' })
    await dialog.waitFor()
    await dialog.getByLabel('Which charter rule does it break?').selectOption('respect')
    await dialog.getByLabel('A note for the moderators (optional)').fill('Insults everyone')
    await dialog.getByRole('button', { name: 'Send the report' }).click()
    await dialog.getByText('Thank you, the moderators will review this post.').waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()
    // Reporting again is met kindly.
    await member.getByRole('button', { name: 'Report Trollo’s post' }).click()
    await dialog.getByLabel('Which charter rule does it break?').selectOption('respect')
    await dialog.getByRole('button', { name: 'Send the report' }).click()
    await dialog.getByText('You have already reported this post').waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()

    await queue.getByText('You are all idiots.').waitFor()
    t.ok(await queue.getByText('respect — by Rachel').isVisible(), 'the latest flag, its rule and who')
    t.ok(await queue.getByText('Insults everyone').isVisible(), 'the note')
    await queue.screenshot({ path: artifactPath('mod-queue.png'), fullPage: true })
    t.same(await seriousViolations(queue), [], 'axe: /mod')
    // At phone width nothing spills sideways.
    await queue.setViewportSize({ width: 375, height: 800 })
    t.ok(
      await queue.evaluate(() => document.documentElement.scrollWidth <= 375),
      'usable at 375 px: no horizontal scroll',
    )
    await queue.screenshot({ path: artifactPath('mod-queue-375.png'), fullPage: true })
    await queue.setViewportSize({ width: 1280, height: 720 })
  })

  const item = await a.db.selectFrom('queueItems').select('id').executeTakeFirstOrThrow()

  await t.test('claim, a second moderator refused, hide under a rule', async (t) => {
    await queue.getByRole('link', { name: `Item #${item.id}` }).click()
    await queue.waitForURL(`${a.baseUrl}/mod/items/${item.id}`)
    await queue.getByRole('button', { name: 'Claim' }).click()
    await queue.getByText('You have claimed this item.').waitFor()
    t.same(await seriousViolations(queue), [], 'axe: /mod/items/:id')

    const other = await open(await signedIn(mod2), `/mod/items/${item.id}`)
    await other.getByText('Claimed by Maurice').waitFor()
    await other.getByRole('button', { name: 'Claim' }).click()
    await other.getByText('Another moderator has already claimed this item.').waitFor()
    t.pass('the second claim is refused with a message')

    await queue.getByLabel('Charter rule').selectOption('respect')
    await queue.getByLabel('Reason (the member reads it)').fill('Insulting the community.')
    await queue.screenshot({ path: artifactPath('mod-item.png'), fullPage: true })
    await queue.getByRole('button', { name: 'Hide', exact: true }).click()
    await queue.getByText('Resolved: hidden').waitFor()
    const hidden = await a.db
      .selectFrom('posts')
      .select(['hiddenAt', 'hiddenRuleId'])
      .where('body', '=', 'You are all idiots.')
      .executeTakeFirstOrThrow()
    t.ok(hidden.hiddenAt, 'the post is hidden')
    t.equal(hidden.hiddenRuleId, 'respect')
    await member.getByText('This post was hidden by the moderators.').waitFor()
    t.pass('readers lose it live')

    // The member's history offers to lift a sanction still in force, with a reason.
    const silence = await a.db
      .insertInto('sanctions')
      .values({
        userId: author.id,
        kind: 'silence',
        ruleId: 'respect',
        reason: 'Cooling off',
        endsAt: new Date(Date.now() + 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await queue.reload()
    await queue.getByRole('button', { name: 'Lift' }).click()
    await queue.getByLabel('Why lift it (the member will read this)').fill('Apologised to everyone')
    await queue.getByRole('button', { name: 'Lift' }).click()
    await queue.getByText('Sanction lifted.').waitFor()
    const lifted = await a.db
      .selectFrom('sanctions')
      .select('liftedAt')
      .where('id', '=', silence.id)
      .executeTakeFirstOrThrow()
    t.ok(lifted.liftedAt, 'the silence is lifted')
  })

  await t.test('the audit page shows the entry and exports it', async (t) => {
    await queue.getByRole('link', { name: 'Audit log' }).click()
    await queue.waitForURL(`${a.baseUrl}/mod/audit`)
    await queue.getByRole('cell', { name: 'post.hidden' }).waitFor()
    t.ok(await queue.getByRole('cell', { name: /Insulting the community\./ }).isVisible())
    await queue.screenshot({ path: artifactPath('mod-audit.png'), fullPage: true })
    await queue.getByLabel('Action family').selectOption('post')
    await queue.getByRole('button', { name: 'Filter' }).click()
    await queue.getByRole('cell', { name: 'post.hidden' }).waitFor()
    const [download] = await Promise.all([
      queue.waitForEvent('download'),
      queue.getByRole('link', { name: 'Download CSV' }).click(),
    ])
    t.match(download.suggestedFilename(), /^tribune-audit-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = await readFile((await download.path())!, 'utf8')
    t.match(csv, /post\.hidden/, 'the CSV holds the entry')
    t.match(csv, /Insulting the community\./)
  })

  await t.test('a French moderator reads the queue in French', async (t) => {
    const second = await replyTo(a, author, topic.id, 'Encore un message douteux.')
    const res = await a.inject({
      method: 'POST',
      url: `/api/posts/${second.id}/flags`,
      headers: reporter.auth,
      payload: { ruleId: 'no-spam' },
    })
    t.equal(res.statusCode, 201, res.body)
    const fr = await open(await signedIn(modFr, { locale: 'fr-FR' }), '/mod')
    await fr.getByRole('heading', { level: 1, name: 'File de modération' }).waitFor()
    await fr.getByRole('button', { name: 'Signalé' }).waitFor()
    await fr.getByText('1 signalement, poids 1').waitFor()
    await fr.getByText('Non pris en charge').first().waitFor()
    await fr.screenshot({ path: artifactPath('mod-queue-fr.png'), fullPage: true })
    t.pass('French')
  })

  await t.test('the crisis switch pins the statement on every page', async (t) => {
    const home = await open(memberCtx, '/')
    const adminPage = await open(await signedIn(admin), '/mod/crisis')
    await adminPage.getByText('Crisis mode is off.').waitFor()
    await adminPage.getByLabel('Crisis mode on').check()
    await adminPage
      .getByLabel('Pinned statement (Markdown)')
      .fill('We are **on it**: posts wait for approval.')
    await adminPage.getByRole('region', { name: 'Preview' }).getByText('on it').waitFor()
    await adminPage.getByRole('button', { name: 'Save' }).click()
    await adminPage.getByText('Crisis mode is on.').waitFor()
    const banner = home.getByRole('region', { name: 'Announcement from the team' })
    await banner.getByText('posts wait for approval').waitFor()
    t.equal(await banner.locator('strong').textContent(), 'on it', 'live, rendered')
    await home.reload()
    await ready(home)
    await home.getByRole('region', { name: 'Announcement from the team' }).getByText('on it').waitFor()
    t.pass('and on load')
    const state = json(await a.inject({ url: '/api/crisis' }))
    t.equal(state.on, true)

    // Crisis mode holds new posts: their author reads them, told they wait for approval.
    const hugo = await makeMember(a, { handle: 'hugo' })
    const held = await a.inject({
      method: 'POST',
      url: `/api/topics/${topic.id}/posts`,
      headers: hugo.auth,
      payload: { body: 'Held while the crisis lasts.' },
    })
    t.equal(held.statusCode, 201, held.body)
    t.equal(json(held).post.held, true, 'held')
    const own = await open(await signedIn(hugo), `/t/${topic.slug}/${topic.id}`)
    await own.getByText('Awaiting approval: only you and the moderators can see it.').waitFor()
    t.ok(
      await own.locator('tribune-thread').getByText('Held while the crisis lasts.').isVisible(),
      'the author reads it',
    )
  })

  await t.test('the other screens answer, axe-clean; the charter is published and accepted', async (t) => {
    const adminCtx = await signedIn(admin, { bypassCSP: true })
    const page = await open(adminCtx, '/mod/words')
    await page.getByLabel('Word or phrase').fill('arnaque*')
    await page.getByLabel('Action', { exact: true }).selectOption('censor')
    await page.getByRole('button', { name: 'Add' }).click()
    await page.getByRole('button', { name: 'Remove “arnaque*”' }).waitFor()
    await page.getByRole('textbox', { name: 'Try a text' }).fill('Une ARNAQUÉS totale')
    await page.getByRole('button', { name: 'Check' }).click()
    await page.getByText('1 hit').waitFor()
    await page.getByText('Une ■■■■■■■■ totale').waitFor()
    for (const [path, heading] of [
      ['/mod/words', 'Watched words'],
      ['/mod/appeals', 'Pending appeals'],
      ['/mod/duty', 'Duty schedule'],
      ['/mod/crisis', 'Crisis mode'],
      ['/mod/charter', 'Edit the charter'],
      ['/charter', 'Community charter'],
    ] as const) {
      await page.goto(`${a.baseUrl}${path}`)
      await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      await page.waitForLoadState('networkidle')
      await page.screenshot({ path: artifactPath(`mod${path.replaceAll('/', '-')}.png`), fullPage: true })
      t.same(await seriousViolations(page), [], `axe: ${path}`)
    }
    await page.goto(`${a.baseUrl}/mod/charter`)
    await page.getByRole('button', { name: 'Add a rule' }).click()
    await page.getByLabel('Id', { exact: true }).last().fill('kindness')
    await page.getByLabel('Title', { exact: true }).last().fill('Be kind')
    await page.getByLabel('Text (Markdown)').last().fill('Assume **good faith**.')
    await page.getByLabel('Summary of the changes').fill('A rule about kindness.')
    await page.getByRole('button', { name: 'Publish a new version' }).click()
    await page.getByText('Version 2 published.').waitFor()

    const reader = await open(memberCtx, '/charter')
    await reader.getByText('The charter has changed: accept it to post again.').waitFor()
    t.equal(await reader.locator('tribune-charter-page strong').last().textContent(), 'good faith')
    await reader.getByRole('button', { name: 'I accept the charter' }).click()
    await reader.getByText('Thank you, the charter is accepted.').waitFor()
    const me = json(await a.inject({ url: '/api/me', headers: reporter.auth }))
    t.equal(me.user.mustAcceptCharter, false, 'accepted on the server')
    await reader.getByRole('link', { name: 'v1' }).click()
    await reader.waitForURL(`${a.baseUrl}/charter/v/1`)
    await reader.getByText(/Version 1, published/).waitFor()
  })

  await t.test('members are told the screens are not for them', async (t) => {
    const page = await open(memberCtx, '/mod/audit')
    await page.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor()
    t.pass()
  })

  t.same(errors, [], 'no page errors')
})
