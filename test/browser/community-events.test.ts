import { createRequire } from 'node:module'
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import t from 'tap'
import { creditPoints } from '../../server/challenges/points.js'
import { makeCategory } from '../forum/helpers.js'
import { json } from '../helpers/app.js'
import { artifactPath, launchBrowser, newContext, serve } from '../helpers/browser.js'
import { defaultPassword, type Member, makeMember } from '../helpers/factories.js'

// The community pages as members use them: one RSVPs to an event and is going, a second past its
// capacity is waitlisted (and the first sees the count change live); a member enters a contest
// with an image (previewed before sending); another votes in a contest's voting phase; the
// leaderboard shows each member's rank; a French reader gets the events calendar in French.

const day = 86_400_000
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath })
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page, untyped there.
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] })
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
}

async function ready(page: Page) {
  await page.locator('tribune-app main h1:visible').first().waitFor()
}

t.test('events, contests and the leaderboard, end to end', { timeout: 240_000 }, async (t) => {
  const a = await serve(t)
  await makeCategory(a, { slug: 'general' })
  const mod = await makeMember(a, { role: 'moderator', handle: 'organiser' })
  const alice = await makeMember(a, { handle: 'alice' })
  const bruno = await makeMember(a, { handle: 'bruno' })
  const chloe = await makeMember(a, { handle: 'chloe' })
  for (const [m, name] of [
    [alice, 'Alice'],
    [bruno, 'Bruno'],
    [chloe, 'Chloé'],
  ] as const)
    await a.db
      .updateTable('users')
      // Old enough to vote in a contest whose submissions opened ten days ago.
      .set({ displayName: name, createdAt: new Date(Date.now() - 30 * day) })
      .where('id', '=', m.id)
      .execute()
  const post = async (who: Member, url: string, payload: object, method = 'POST') => {
    const res = await a.inject({ method: method as 'POST', url, headers: who.auth, payload })
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    return json(res)
  }
  const start = new Date(Date.now() + 3 * day)
  start.setUTCHours(17, 0, 0, 0)
  const { event } = await post(mod, '/api/events', {
    title: 'Sunday ride',
    description: 'We ride **together** to Villefranche.',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    timeZone: 'Europe/Paris',
    location: 'Place Masséna, Nice',
    capacity: 1,
  })
  // A contest in its voting phase: entered while submissions were open, then voting opened.
  const { contest } = await post(mod, '/api/contests', {
    title: 'Summer photo',
    rules: 'One photo **per member**.',
    submissionsOpenAt: new Date(Date.now() - 10 * day).toISOString(),
    votingOpensAt: new Date(Date.now() + day).toISOString(),
    votingClosesAt: new Date(Date.now() + 5 * day).toISOString(),
    votesPerMember: 2,
  })
  for (const [who, title] of [
    [alice, 'Sunset over the bay'],
    [bruno, 'Mountain pass'],
  ] as const)
    await post(who, `/api/contests/${contest.id}/entries`, { title, body: `My photo: *${title}*.` })
  await post(
    mod,
    `/api/contests/${contest.id}`,
    { votingOpensAt: new Date(Date.now() - 60_000).toISOString() },
    'PATCH',
  )
  const { contest: bikes } = await post(mod, '/api/contests', {
    title: 'Best bike',
    rules: 'Show us your bike.',
    submissionsOpenAt: new Date(Date.now() - day).toISOString(),
    votingOpensAt: new Date(Date.now() + 2 * day).toISOString(),
    votingClosesAt: new Date(Date.now() + 4 * day).toISOString(),
    votesPerMember: 1,
  })
  // Points, as completed challenges credit them.
  await a.db.transaction().execute(async (trx) => {
    for (const [who, amount] of [
      [alice, 120],
      [bruno, 80],
      [chloe, 200],
    ] as const)
      await creditPoints(trx, {
        userId: who.id,
        amount,
        reason: 'challenge',
        source: `test:${who.id}`,
        at: new Date(),
      })
  })

  const browser = await launchBrowser(t)
  const errors: string[] = []
  async function signedIn(who: Member, opts: Parameters<typeof newContext>[2] = {}) {
    const ctx = await newContext(t, browser, { timezoneId: 'Europe/London', ...opts })
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

  const aliceCtx = await signedIn(alice)
  const alicePage = await open(aliceCtx, '/')

  await t.test('the events list, then the event: going, and a second member waitlisted', async (t) => {
    // The main navigation's link (an "Events" category, where event discussions go, has one too).
    await alicePage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Events', exact: true })
      .click()
    await alicePage.getByRole('heading', { level: 1, name: 'Events' }).waitFor()
    await alicePage.getByRole('link', { name: 'Sunday ride' }).waitFor()
    t.ok(await alicePage.getByText('0 / 1 going').isVisible(), 'going count and capacity')
    t.ok(
      await alicePage.getByText(/Local time \(Europe\/Paris\): .*18:00/).isVisible(),
      'the event’s own zone too',
    )
    t.equal(
      await alicePage.getByRole('link', { name: 'Subscribe to the calendar' }).getAttribute('href'),
      '/api/calendar.ics',
    )
    await alicePage.screenshot({ path: artifactPath('community-events.png'), fullPage: true })
    await alicePage.getByRole('button', { name: 'Calendar' }).click()
    await alicePage.getByRole('table').waitFor()
    t.match(alicePage.url(), /\/events\?view=calendar/)
    await alicePage.getByRole('button', { name: /Next month/ }).click()
    await alicePage.getByRole('button', { name: /Previous month/ }).click()
    // Three days from now may fall in the next month.
    if (start.toISOString().slice(0, 7) !== new Date().toISOString().slice(0, 7))
      await alicePage.getByRole('button', { name: /Next month/ }).click()
    await alicePage.getByRole('table').getByRole('link', { name: 'Sunday ride' }).waitFor()
    await alicePage.screenshot({ path: artifactPath('community-calendar.png'), fullPage: true })

    await alicePage.getByRole('table').getByRole('link', { name: 'Sunday ride' }).click()
    await alicePage.getByRole('heading', { level: 1, name: 'Sunday ride' }).waitFor()
    t.match(alicePage.url(), new RegExp(`/events/${event.id}$`))
    await alicePage.getByRole('button', { name: 'Going', exact: true }).click()
    await alicePage.getByText('You are going: see you there!').waitFor()
    t.equal(
      await alicePage.getByRole('button', { name: 'Going', exact: true }).getAttribute('aria-pressed'),
      'true',
    )
    t.equal(await alicePage.getByRole('status').first().textContent(), 'You are going.')

    const brunoCtx = await signedIn(bruno)
    const brunoPage = await open(brunoCtx, `/events/${event.id}`)
    await brunoPage.getByText('Full — waitlist').waitFor()
    await brunoPage.getByRole('button', { name: 'Going', exact: true }).click()
    await brunoPage
      .getByText('You are on the waitlist. Position 1 on the waitlist.', { exact: true })
      .waitFor()
    t.equal(
      await brunoPage.getByRole('status').first().textContent(),
      'The event is full: you are on the waitlist. Position 1 on the waitlist.',
    )
    await brunoPage.screenshot({ path: artifactPath('community-event-waitlist.png'), fullPage: true })
    // Alice's page follows the event's channel: the waitlist shows up without a reload.
    await alicePage.getByText('1 on the waitlist').waitFor()
    await alicePage.screenshot({ path: artifactPath('community-event.png'), fullPage: true })
    await brunoPage.close()
  })

  await t.test('enter a contest with an image, previewed before sending', async (t) => {
    const page = await open(aliceCtx, `/contests/${bikes.id}`)
    await page.getByRole('heading', { level: 1, name: 'Best bike' }).waitFor()
    await page.getByLabel('Title').fill('My red bike')
    await page.getByLabel('Text (Markdown)').fill('Fresh from the shop.')
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#cc3333' } })
      .png()
      .toBuffer()
    await page
      .getByLabel('Image (optional)')
      .setInputFiles({ name: 'bike.png', mimeType: 'image/png', buffer: png })
    await page.getByRole('img', { name: 'Image preview' }).waitFor()
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByText('Entry sent: thank you!').waitFor()
    const img = page.getByRole('img', { name: 'My red bike' })
    await img.waitFor()
    t.equal(await img.getAttribute('loading'), 'lazy')
    t.match(await img.getAttribute('src'), /^\/api\/contest-images\/\d+$/)
    await page.close()
  })

  await t.test('vote in a contest’s voting phase, with the votes left', async (t) => {
    const chloeCtx = await signedIn(chloe)
    const page = await open(chloeCtx, '/contests')
    await page.getByRole('link', { name: 'Summer photo' }).click()
    await page.getByRole('heading', { level: 1, name: 'Summer photo' }).waitFor()
    await page.getByText('You have 2 of 2 votes left.').waitFor()
    t.ok(
      (await page.getByRole('img', { name: 'Sunset over the bay' }).count()) === 0,
      'entries without images show none',
    )
    await page.getByRole('button', { name: 'Vote for “Sunset over the bay”' }).click()
    await page.getByText('Vote saved. You have 1 vote left.').waitFor()
    await page.getByText('You have 1 of 2 votes left.').waitFor()
    t.ok(await page.getByRole('button', { name: 'You voted for “Sunset over the bay”' }).isDisabled())
    await page.screenshot({ path: artifactPath('community-contest.png'), fullPage: true })

    await page.getByRole('link', { name: 'Leaderboard' }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Leaderboard' }).waitFor()
    await page.getByText('Your rank: #1, with 200 points.').waitFor()
    const rows = page.getByRole('tabpanel').getByRole('row')
    t.equal(await rows.count(), 4, 'a header and three members')
    t.match(await rows.nth(2).textContent(), /2\s*Alice\s*120/)
    await page.getByRole('tab', { name: 'This week' }).press('ArrowRight')
    t.equal(await page.getByRole('tab', { name: 'This month' }).getAttribute('aria-selected'), 'true')
    t.match(page.url(), /\/leaderboard\?period=month$/)
    await page.getByText('Your rank: #1, with 200 points.').waitFor()
    await page.screenshot({ path: artifactPath('community-leaderboard.png'), fullPage: true })
  })

  await t.test('a moderator creates an event through the form and lands on its page', async (t) => {
    const ctx = await signedIn(mod, { bypassCSP: true })
    const page = await open(ctx, '/events')
    await page.getByRole('link', { name: 'New event' }).click()
    await page.getByRole('heading', { level: 1, name: 'New event' }).waitFor()
    t.same(await seriousViolations(page), [], 'axe: the new event form')
    const date = new Date(Date.now() + 10 * day).toISOString().slice(0, 10)
    await page.getByLabel('Title').fill('Picnic in the park')
    await page.getByLabel('Time zone').selectOption('Europe/Paris')
    await page.getByLabel('Starts').fill(`${date}T12:00`)
    await page.getByLabel('Ends').fill(`${date}T11:00`)
    await page.getByRole('button', { name: 'Create the event' }).click()
    await page.getByRole('alert').getByText('The end must come after the start.').waitFor()
    t.equal(await page.getByLabel('Ends').getAttribute('aria-invalid'), 'true', 'the field is marked')
    await page.getByLabel('Ends').fill(`${date}T14:00`)
    await page.getByLabel('Place (optional)', { exact: true }).fill('Parc Chambrun')
    await page.getByRole('button', { name: 'Create the event' }).click()
    await page.getByRole('heading', { level: 1, name: 'Picnic in the park' }).waitFor()
    t.match(page.url(), /\/events\/\d+$/)
    await page.getByText(/Local time \(Europe\/Paris\): .*12:00/).waitFor()
    t.ok(await page.getByRole('link', { name: 'Edit' }).isVisible(), 'moderators may edit it')
    t.ok(await page.getByRole('button', { name: 'Cancel the event' }).isVisible())
    await page.close()
  })

  await t.test('in French: the events calendar, without accessibility violations', async (t) => {
    // bypassCSP only here, where axe is injected (the CSP rightly refuses it).
    const ctx = await newContext(t, browser, { locale: 'fr-FR', timezoneId: 'Europe/Paris', bypassCSP: true })
    ctx.setDefaultTimeout(10_000)
    const page = await open(ctx, '/events?view=calendar')
    await page.getByRole('heading', { level: 1, name: 'Événements' }).waitFor()
    await page.getByRole('button', { name: /Mois suivant/ }).waitFor()
    t.ok(await page.getByRole('link', { name: 'S’abonner au calendrier' }).isVisible())
    t.ok(
      await page.getByRole('columnheader', { name: /lun/ }).isVisible(),
      'weeks start on Monday, in French',
    )
    await page.screenshot({ path: artifactPath('community-calendar-fr.png'), fullPage: true })
    t.same(await seriousViolations(page), [], 'axe: the calendar')
  })

  t.same(errors, [], 'no script errors and no CSP violations')
})
