import t from 'tap'
import { build, json } from '../helpers/app.js'
import { makeMember } from '../helpers/factories.js'
import { type Hit, makeCategory, makePost, makeThread } from './fixtures.js'

const search = (q: string, extra = '') => `/api/search?q=${encodeURIComponent(q)}${extra}`

t.test('French and English stemming, accents ignored', async (t) => {
  const a = await build(t)
  const author = await makeMember(a)
  const cat = await makeCategory(a)
  const eleve = await makeThread(a, {
    categoryId: cat,
    authorId: author.id,
    title: 'Rentrée',
    body: 'Chaque élève reçoit un cahier.',
  })
  const manger = await makeThread(a, {
    categoryId: cat,
    authorId: author.id,
    title: 'Souvenirs',
    body: 'Nous mangeaient des crêpes le dimanche.',
  })
  const run = await makeThread(a, {
    categoryId: cat,
    authorId: author.id,
    title: 'Sport',
    body: 'She was running every morning.',
  })
  const find = async (q: string) => {
    const res = await a.inject({ method: 'GET', url: search(q) })
    t.equal(res.statusCode, 200, res.body)
    return json(res).items.map((i: Hit) => i.post.id)
  }
  for (const q of ['élève', 'eleves', 'ÉLÈVES', 'Eleve']) t.same(await find(q), [eleve.postId], q)
  for (const q of ['manger', 'mangeaient', 'mange']) t.same(await find(q), [manger.postId], q)
  for (const q of ['run', 'running', 'runs']) t.same(await find(q), [run.postId], q)
  t.same(await find('crepes'), [manger.postId], 'crêpes without the accent')
  t.same(await find('"crêpes le dimanche"'), [manger.postId], 'a quoted phrase')
  t.same(await find('crêpes -dimanche'), [], 'an excluded word')
})

t.test('a title match ranks above a body-only match; the item has its topic and author', async (t) => {
  const a = await build(t)
  const author = await makeMember(a, { handle: 'claire' })
  const cat = await makeCategory(a)
  const inBody = await makeThread(a, {
    categoryId: cat,
    authorId: author.id,
    title: 'Divers',
    body: 'On parle de trottinette électrique ici, trottinette encore.',
  })
  const inTitle = await makeThread(a, {
    categoryId: cat,
    authorId: author.id,
    title: 'Ma trottinette',
    body: 'Elle est rouge.',
    slug: 'ma-trottinette',
  })
  const reply = await makePost(a, {
    topicId: inTitle.topicId,
    authorId: author.id,
    body: 'Une trottinette aussi',
  })
  const res = await a.inject({ method: 'GET', url: search('trottinettes') })
  t.equal(res.statusCode, 200)
  const items = json(res).items
  t.same(items.map((i: Hit) => i.post.id).slice(0, 1), [inTitle.postId], 'the topic titled so comes first')
  t.same(items.map((i: Hit) => i.post.id).sort(), [inBody.postId, inTitle.postId, reply].sort())
  t.ok(items[0].rank > items[1].rank)
  t.match(items[0], {
    type: 'post',
    post: { id: inTitle.postId, postNumber: 1, author: { id: author.id, handle: 'claire' } },
    topic: {
      id: inTitle.topicId,
      title: 'Ma trottinette',
      slug: 'ma-trottinette',
      url: `/t/ma-trottinette/${inTitle.topicId}`,
      categoryId: cat,
    },
  })
  t.match(items[0].post.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  const second = items.find((i: Hit) => i.post.id === inBody.postId)
  t.match(second.snippet, '<mark>trottinette</mark> électrique')
})

t.test('snippets are escaped text with <mark> around matched words only', async (t) => {
  const a = await build(t)
  const author = await makeMember(a)
  const cat = await makeCategory(a)
  await makeThread(a, {
    categoryId: cat,
    authorId: author.id,
    title: 'Sécurité',
    body: '> Essayez, où 1 <2 & "3" > 2, <script>alert("xss")</script> puis <b>gras</b> **markdown** [lien](https://x.example) avec \uE000faux\uE001 marqueurs',
  })
  const res = await a.inject({ method: 'GET', url: search('essayez gras') })
  t.equal(res.statusCode, 200)
  const [item] = json(res).items
  t.ok(item, 'found')
  t.notMatch(item.snippet, /<(?!\/?mark>)/, 'no tag but <mark>')
  // The headline drops what the text-search parser takes for tags; the rest is escaped text.
  t.match(item.snippet, '<mark>Essayez</mark>, où 1 &lt;2 &amp; &quot;3&quot; &gt; 2,')
  t.match(item.snippet, 'alert(&quot;xss&quot;) puis <mark>gras</mark> markdown lien avec faux marqueurs')
  t.notMatch(item.snippet, /[\uE000\uE001]/)
})

t.test('pages follow one another without gaps or repeats', async (t) => {
  const a = await build(t)
  const author = await makeMember(a)
  const cat = await makeCategory(a)
  const { topicId } = await makeThread(a, {
    categoryId: cat,
    authorId: author.id,
    title: 'Fil',
    body: 'un cactus',
  })
  for (let i = 0; i < 11; i++)
    await makePost(a, { topicId, authorId: author.id, body: i % 3 ? 'un cactus' : 'cactus cactus cactus' })
  const seen: number[] = []
  let cursor: string | null = null
  let pages = 0
  let lastRank = Number.POSITIVE_INFINITY
  do {
    const res = await a.inject({
      method: 'GET',
      url: search('cactus', `&limit=5${cursor ? `&cursor=${cursor}` : ''}`),
    })
    t.equal(res.statusCode, 200, res.body)
    const body = json(res)
    for (const item of body.items) {
      t.ok(item.rank <= lastRank, 'ranks never increase')
      lastRank = item.rank
      seen.push(item.post.id)
    }
    cursor = body.nextCursor
    pages++
  } while (cursor && pages < 10)
  t.equal(pages, 3)
  t.equal(seen.length, 12)
  t.equal(new Set(seen).size, 12, 'no repeats')
})
