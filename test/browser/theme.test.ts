import { createServer } from 'node:http'
import type { Page } from 'playwright-core'
import t from 'tap'
import { launchBrowser, newContext, serve } from '../helpers/browser.js'
import { makeMember } from '../helpers/factories.js'
import { freePort } from '../helpers/ports.js'

// A theme change shows: the admin's choice reaches a visitor's next page, a member's own choice
// overrides it for them, and a brand's own unlayered --tribune-* tokens win over any theme
// (the override themes/README.md documents), on the site and through an embed's shadow root.

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

t.test('the admin’s theme, a member’s own, and a brand’s overrides', async (t) => {
  const a = await serve(t)
  const admin = await makeMember(a, { role: 'admin' })
  const member = await makeMember(a)
  const browser = await launchBrowser(t)

  const visitor = await (await newContext(t, browser)).newPage()
  await visitor.goto(`${a.baseUrl}/`)
  t.equal(await visitor.getAttribute('html', 'data-theme'), 'default')
  const light = await background(visitor)
  t.equal(light, 'rgb(246, 247, 249)', 'the default theme’s sunken surface')

  const set = await a.inject({
    method: 'PUT',
    url: '/api/admin/theme',
    headers: admin.auth,
    payload: { theme: 'dark' },
  })
  t.equal(set.statusCode, 200, set.body)
  await visitor.reload()
  t.equal(await visitor.getAttribute('html', 'data-theme'), 'dark')
  t.equal(await background(visitor), 'rgb(13, 16, 20)', 'the dark theme, on the visitor’s next page')
  t.equal(
    await visitor.evaluate(() => getComputedStyle(document.documentElement).colorScheme),
    'dark',
    'form controls and scrollbars follow',
  )

  // The member picks the brand theme for themselves; visitors keep the community's.
  const memberContext = await newContext(t, browser)
  await memberContext.addCookies([{ name: 'tribune_session', value: member.token, url: a.baseUrl }])
  const own = await memberContext.newPage()
  await own.goto(`${a.baseUrl}/`)
  t.equal(await background(own), 'rgb(13, 16, 20)', 'the member first sees the community’s theme')
  const mine = await a.inject({
    method: 'PUT',
    url: '/api/me/theme',
    headers: member.auth,
    payload: { theme: 'acme' },
  })
  t.equal(mine.statusCode, 200, mine.body)
  await own.reload()
  t.equal(await own.getAttribute('html', 'data-theme'), 'acme')
  t.equal(await background(own), 'rgb(245, 240, 230)', 'the member’s own choice wins for them')
  // The logo, as a reader without JavaScript sees the server-rendered header (the Lit app then
  // draws its own, from the same token).
  const noScript = await newContext(t, browser, { javaScriptEnabled: false })
  await noScript.addCookies([{ name: 'tribune_session', value: member.token, url: a.baseUrl }])
  const plain = await noScript.newPage()
  await plain.goto(`${a.baseUrl}/`)
  const logo = await plain.evaluate(() => {
    const before = getComputedStyle(document.querySelector('.site-name')!, '::before')
    return { image: before.backgroundImage, width: before.width }
  })
  t.match(logo.image, /\/assets\/themes\/acme\/logo\.svg\?v=/, 'the brand’s logo beside the community’s name')
  t.equal(logo.width, '32px')
  const logoLoaded = await plain.evaluate(
    async (src) => {
      const img = new Image()
      img.src = src
      await img.decode()
      return img.naturalWidth > 0
    },
    /url\("(.+)"\)/.exec(logo.image)![1]!,
  )
  t.ok(logoLoaded, 'the logo loads')
  await visitor.reload()
  t.equal(await background(visitor), 'rgb(13, 16, 20)', 'visitors keep the community’s theme')

  // A brand's own stylesheet, unlayered, beats the theme's layer without any specificity games.
  // (A constructed sheet: the pages' CSP refuses inline <style>, as it should.)
  await visitor.evaluate(() => {
    const brand = new CSSStyleSheet()
    brand.replaceSync(':root { --tribune-color-surface-sunken: rgb(1, 2, 3); }')
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, brand]
  })
  t.equal(await background(visitor), 'rgb(1, 2, 3)', 'a host-level --tribune-* token wins over the theme')
})

t.test('a host page’s --tribune-* tokens reach into the embed’s shadow root', async (t) => {
  const a = await serve(t)
  const port = await freePort()
  const host = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8')
    res.end(`<!doctype html><html lang="en"><head><title>Brand</title>
<style>tribune-thread { --tribune-color-text: rgb(10, 20, 30); }</style>
<script type="module" src="${a.baseUrl}/embed.js"></script></head>
<body><tribune-thread topic="1"></tribune-thread></body></html>`)
  })
  await new Promise<void>((resolve) => host.listen(port, '127.0.0.1', resolve))
  t.teardown(() => {
    host.closeAllConnections()
    host.close()
  })

  const browser = await launchBrowser(t)
  const page = await (await newContext(t, browser)).newPage()
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.waitForFunction(() => customElements.get('tribune-thread') !== undefined, null, {
    timeout: 10_000,
  })
  const inside = await page.waitForFunction(
    () => {
      const root = document.querySelector('tribune-thread')?.shadowRoot
      const first = root?.firstElementChild
      return first ? getComputedStyle(first).getPropertyValue('--tribune-color-text').trim() : null
    },
    null,
    { timeout: 10_000 },
  )
  t.equal(await inside.jsonValue(), 'rgb(10, 20, 30)', 'the brand’s token inside the shadow root')
  // Closed here, before the servers: the embed's live socket would otherwise hold them open.
  await browser.close()
})
