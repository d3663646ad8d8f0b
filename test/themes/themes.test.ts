import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'

t.test('choosing themes: refused first, then the admin’s and a member’s choice', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const moderator = await makeMember(a, { role: 'moderator' })
  const member = await makeMember(a)
  const put = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    a.inject({ method: 'PUT', url, headers, payload: payload as object })

  // Refused: anonymous, then not an admin, then hostile or unknown names.
  t.equal((await a.inject({ url: '/api/admin/theme' })).statusCode, 401)
  t.equal((await put('/api/admin/theme', { theme: 'dark' })).statusCode, 401)
  t.equal((await put('/api/me/theme', { theme: 'dark' })).statusCode, 401)
  t.equal((await a.inject({ url: '/api/admin/theme', headers: moderator.auth })).statusCode, 403)
  const forbidden = await put('/api/admin/theme', { theme: 'dark' }, member.auth)
  t.equal(forbidden.statusCode, 403)
  t.equal(json(forbidden).error.code, 'forbidden')
  for (const theme of ['../default', 'Dark', '', 'default.css', 'a'.repeat(41), 7, null]) {
    const res = await put('/api/admin/theme', { theme }, admin.auth)
    t.equal(res.statusCode, 400, `admin theme ${JSON.stringify(theme)}: 400`)
  }
  t.equal((await put('/api/admin/theme', { theme: 'dark', extra: 1 }, admin.auth)).statusCode, 400)
  const unknown = await put('/api/admin/theme', { theme: 'nosuchtheme' }, admin.auth)
  t.equal(unknown.statusCode, 422)
  t.equal(json(unknown).error.code, 'unknown_theme')
  t.equal((await put('/api/me/theme', { theme: 'nosuchtheme' }, member.auth)).statusCode, 422)
  t.equal((await put('/api/me/theme', { theme: '../../etc/passwd' }, member.auth)).statusCode, 400)
  t.equal((await put('/api/me/theme', {}, member.auth)).statusCode, 400, 'null must be said, not implied')

  // The list, before any choice.
  const listed = json(await a.inject({ url: '/api/themes' }))
  const names = listed.items.map((i: { name: string }) => i.name)
  t.equal(names[0], 'default', 'the default theme first')
  t.ok(names.includes('dark') && names.includes('acme'), names.join(', '))
  t.match(listed, { community: 'default', member: null, effective: 'default' })
  const dark = listed.items.find((i: { name: string }) => i.name === 'dark')
  t.match(dark, {
    label: { fr: 'Sombre', en: 'Dark' },
    dark: true,
    swatch: { surface: /^#[0-9a-f]{6}$/, text: /^#[0-9a-f]{6}$/, brandFill: /^#[0-9a-f]{6}$/ },
    stylesheet: /^\/assets\/tribune\.css\?theme=dark&v=[0-9a-f]{12}$/,
  })
  t.equal(listed.items.find((i: { name: string }) => i.name === 'default').dark, false)

  // The admin picks dark; it is audited; a visitor and a member see it.
  t.same(json(await put('/api/admin/theme', { theme: 'dark' }, admin.auth)), { theme: 'dark' })
  t.same(json(await a.inject({ url: '/api/admin/theme', headers: admin.auth })), { theme: 'dark' })
  const audit = await a.db
    .selectFrom('auditLog')
    .select(['action', 'actorId', 'data'])
    .where('action', '=', 'theme.changed')
    .execute()
  t.match(audit, [{ actorId: admin.id, data: { from: 'default', to: 'dark' } }])
  t.match(json(await a.inject({ url: '/api/themes' })), { community: 'dark', effective: 'dark' })

  // A member's own choice overrides it, for them alone, until they clear it.
  t.same(json(await put('/api/me/theme', { theme: 'acme' }, member.auth)), {
    theme: 'acme',
    effective: 'acme',
  })
  t.match(json(await a.inject({ url: '/api/themes', headers: member.auth })), {
    community: 'dark',
    member: 'acme',
    effective: 'acme',
  })
  t.match(json(await a.inject({ url: '/api/themes', headers: admin.auth })), { effective: 'dark' })
  const row = await a.db.selectFrom('users').select('theme').where('id', '=', member.id).executeTakeFirst()
  t.equal(row?.theme, 'acme')
  t.same(json(await put('/api/me/theme', { theme: null }, member.auth)), { theme: null, effective: 'dark' })
})

t.test('the pages link the reader’s theme and name it on <html>', async (t) => {
  const a = await build(t)
  const admin = await makeMember(a, { role: 'admin' })
  const member = await makeMember(a)
  const linked = async (headers: Record<string, string> = {}) => {
    const res = await a.inject({ url: '/', headers })
    t.equal(res.statusCode, 200)
    return {
      theme: /<html [^>]*data-theme="([^"]+)"/.exec(res.body)?.[1],
      href: /<link rel="stylesheet" href="([^"]+)">/.exec(res.body)?.[1]?.replaceAll('&amp;', '&'),
    }
  }
  const before = await linked()
  t.equal(before.theme, 'default')
  t.match(before.href, /^\/assets\/tribune\.css\?v=[0-9a-f]{12}$/)

  await a.inject({ method: 'PUT', url: '/api/admin/theme', headers: admin.auth, payload: { theme: 'acme' } })
  const after = await linked()
  t.equal(after.theme, 'acme')
  t.match(after.href, /^\/assets\/tribune\.css\?theme=acme&v=[0-9a-f]{12}$/)
  const css = await a.inject({ url: after.href! })
  t.equal(css.statusCode, 200)
  t.match(css.headers['cache-control'], /immutable/)
  t.match(css.body, /@layer tribune\.theme/)
  t.ok(
    css.body.indexOf('--tribune-palette-brand-600: #1d5fc2') <
      css.body.indexOf('--tribune-palette-brand-600: #0b5d45'),
    'the default theme’s tokens, then the brand’s',
  )
  t.match(css.body, /@layer tribune\.base/)

  // The logo, under its own content-hashed address, answered as an inert image.
  const logoUrl = /url\("(\/assets\/themes\/acme\/logo\.svg\?v=[0-9a-f]{12})"\)/.exec(css.body)?.[1]
  t.ok(logoUrl, 'the logo’s url() rewritten to a hashed address')
  const logo = await a.inject({ url: logoUrl! })
  t.equal(logo.statusCode, 200)
  t.equal(logo.headers['content-type'], 'image/svg+xml')
  t.match(logo.headers['cache-control'], /immutable/)
  t.match(logo.headers['content-security-policy'], /sandbox/)
  t.match(logo.body, /<svg/)
  t.match((await a.inject({ url: '/assets/themes/acme/logo.svg' })).headers['cache-control'], /max-age=300/)
  for (const url of [
    '/assets/themes/acme/nothere.svg',
    '/assets/themes/dark/logo.svg',
    '/assets/themes/nosuch/logo.svg',
    '/assets/themes/acme/..%2F..%2Fpackage.json',
    '/assets/themes/acme/.hidden',
    '/assets/tribune.css?theme=nosuch',
  ]) {
    const res = await a.inject({ url })
    t.ok([400, 404].includes(res.statusCode), `${url}: ${res.statusCode}`)
    t.match(json(res), { error: { code: /./ } })
  }

  await a.inject({ method: 'PUT', url: '/api/me/theme', headers: member.auth, payload: { theme: 'dark' } })
  t.equal((await linked(member.auth)).theme, 'dark', 'the member’s own choice')
  t.equal((await linked()).theme, 'acme', 'visitors keep the community’s')
})

t.test('a theme removed from themes/ falls back to the default, never fails a page', async (t) => {
  const a = await build(t)
  const member = await makeMember(a)
  await a.db
    .insertInto('settings')
    .values({ key: 'theme', value: JSON.stringify({ name: 'retired' }) })
    .execute()
  await a.db.updateTable('users').set({ theme: 'retired-too' }).where('id', '=', member.id).execute()
  t.match(json(await a.inject({ url: '/api/themes', headers: member.auth })), {
    community: 'default',
    member: null,
    effective: 'default',
  })
  const home = await a.inject({ url: '/', headers: member.auth })
  t.equal(home.statusCode, 200)
  t.match(home.body, /<html [^>]*data-theme="default"/)
})
