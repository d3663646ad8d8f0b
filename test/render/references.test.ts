import t from 'tap'
import { renderPost } from '../../server/render/markdown.js'
import { sanitizeHtml } from '../../server/render/purify.js'
import { build } from '../helpers/app.js'
import { makeGroup, makeMember } from '../helpers/factories.js'
import { makeCategory, makeThread, makeTopic } from '../search/fixtures.js'

const publicUrl = 'https://community.example'

t.test('@mentions link members who exist, and only outside code, links and addresses', async (t) => {
  const a = await build(t)
  const ana = await makeMember(a, { handle: 'Ana_B' })
  const bob = await makeMember(a, { handle: 'bob.k' })
  const deps = { db: a.db, publicUrl }

  const refused = await renderPost(
    deps,
    'Write to ana_b@example.com, `@ana_b` in code, [@ana_b](https://x.example), https://x.example/@ana_b, x@ana_b and @ghost.\n\n```\n@bob.k\n```',
  )
  t.same(refused.mentionedUserIds, [], 'nothing outside running text counts')
  t.notMatch(refused.html, /class="mention"/)
  t.match(refused.html, '<code>@ana_b</code>')
  t.match(refused.html, '@ghost.')

  const r = await renderPost(deps, 'Merci @ana_b et @BOB.K. Encore @Ana_B ! (@bob.k)')
  t.same(r.mentionedUserIds, [ana.id, bob.id], 'existing members, deduplicated, in order')
  t.match(r.html, `<a class="mention" href="/u/Ana_B" rel="nofollow ugc noopener">@Ana_B</a> et`)
  t.match(
    r.html,
    '<a class="mention" href="/u/bob.k" rel="nofollow ugc noopener">@bob.k</a>.',
    'sentence dot kept out',
  )
  t.equal(sanitizeHtml(r.html), r.html, 'mention markup survives sanitising again')

  const many = Array.from({ length: 30 }, (_, i) => `@someone${i}`).join(' ')
  const capped = await renderPost(deps, `${many} @ana_b`)
  t.same(capped.mentionedUserIds, [], 'past 20 distinct names, further ones are not looked up')
})

t.test('a quote block as the client writes it renders cleanly', async (t) => {
  const a = await build(t)
  const ana = await makeMember(a, { handle: 'ana' })
  const r = await renderPost(
    { db: a.db, publicUrl },
    '> **@ana** [a écrit / wrote](/p/42):\n> Le texte cité\n\nMa réponse',
  )
  t.same(r.mentionedUserIds, [ana.id])
  t.match(
    r.html,
    '<blockquote>\n<p><strong><a class="mention" href="/u/ana" rel="nofollow ugc noopener">@ana</a></strong> <a href="/p/42" rel="nofollow ugc noopener">a écrit / wrote</a>:\nLe texte cité</p>\n</blockquote>\n<p>Ma réponse</p>',
  )
})

t.test('links to topics: public ones resolve, restricted or deleted ones stay as written', async (t) => {
  const a = await build(t)
  const author = await makeMember(a)
  const vip = await makeGroup(a)
  const open = await makeCategory(a)
  const secret = await makeCategory(a, { groups: [vip] })
  const pub = await makeThread(a, {
    categoryId: open,
    authorId: author.id,
    title: 'Soirée <lancement> & "questions"',
    body: 'x',
    slug: 'soiree-lancement',
  })
  const hidden = await makeThread(a, {
    categoryId: secret,
    authorId: author.id,
    title: 'Secret VIP roadmap',
    body: 'x',
    slug: 'secret',
  })
  const gone = await makeTopic(a, { categoryId: open, authorId: author.id, title: 'Gone', deleted: true })
  const deps = { db: a.db, publicUrl }

  const restricted = await renderPost(
    deps,
    `${publicUrl}/t/secret/${hidden.topicId} and [see](/t/${hidden.topicId}) and ${publicUrl}/t/gone/${gone}`,
  )
  t.notMatch(restricted.html, /Secret VIP|Gone</, 'no title of a restricted or deleted topic')
  t.match(restricted.html, `href="${publicUrl}/t/secret/${hidden.topicId}"`, 'left as written')
  t.match(restricted.html, `href="/t/${hidden.topicId}"`)

  const r = await renderPost(
    deps,
    `Voir ${publicUrl}/t/old-slug/${pub.topicId} puis [ici](/t/${pub.topicId}#p3) et [/t/x/${pub.topicId}](/t/x/${pub.topicId}/). Ailleurs : https://other.example/t/a/${pub.topicId}`,
  )
  const canonical = `/t/soiree-lancement/${pub.topicId}`
  t.match(
    r.html,
    `<a href="${canonical}" rel="nofollow ugc noopener">Soirée &lt;lancement&gt; &amp; "questions"</a> puis`,
    'bare link: canonical address, escaped title',
  )
  t.match(
    r.html,
    `<a href="${canonical}#p3" rel="nofollow ugc noopener">ici</a>`,
    'link text kept, fragment kept',
  )
  t.match(r.html, `<a href="${canonical}" rel="nofollow ugc noopener">Soirée`)
  t.match(r.html, `href="https://other.example/t/a/${pub.topicId}"`, 'another site is not us')
  t.equal(sanitizeHtml(r.html), r.html)
})

t.test('text without @ or topic links never reaches the database', async (t) => {
  const r = await renderPost(
    { db: null as never, publicUrl },
    'Du texte, des *liens* [x](https://x.example/a) et rien d’autre',
  )
  t.same(r.mentionedUserIds, [])
  t.match(r.html, '<em>liens</em>')
})
