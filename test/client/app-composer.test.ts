import t from 'tap'
import { type DraftStore, Drafts } from '../../client/components/tribune-composer/drafts.js'
import { applyFormat, quoteBlock, shortcuts } from '../../client/components/tribune-composer/markdown.js'

class MemoryStore implements DraftStore {
  data = new Map<string, string>()
  getItem(k: string) {
    return this.data.get(k) ?? null
  }
  setItem(k: string, v: string) {
    this.data.set(k, v)
  }
  removeItem(k: string) {
    this.data.delete(k)
  }
}

t.test('drafts: kept per place, restored, cleared, expired', async (t) => {
  const store = new MemoryStore()
  let now = 1_000_000
  const drafts = new Drafts(store, () => now)
  t.equal(drafts.load('topic:1'), null)
  drafts.save('topic:1', 'Half a thought')
  drafts.save('category:2', 'Body', 'A title')
  t.match(drafts.load('topic:1'), { body: 'Half a thought' })
  t.match(drafts.load('category:2'), { body: 'Body', title: 'A title' })
  t.equal(drafts.load('topic:2'), null, 'another topic has its own')
  drafts.save('topic:1', '   ')
  t.equal(drafts.load('topic:1'), null, 'an emptied draft is forgotten')
  drafts.save('topic:1', 'Again')
  drafts.clear('topic:1')
  t.equal(drafts.load('topic:1'), null, 'cleared after posting')
  now += 31 * 86_400_000
  t.equal(drafts.load('category:2'), null, 'a month-old draft is gone')
  t.equal(store.data.size, 0)
  store.setItem('tribune:draft:topic:9', '{not json')
  t.equal(drafts.load('topic:9'), null, 'a corrupt entry is ignored')
  store.setItem('tribune:draft:topic:9', '{"body":42}')
  t.equal(drafts.load('topic:9'), null)
})

t.test('drafts: storage that throws (full, disabled) never breaks writing', async (t) => {
  const broken: DraftStore = {
    getItem() {
      throw new Error('SecurityError')
    },
    setItem() {
      throw new Error('QuotaExceededError')
    },
    removeItem() {
      throw new Error('SecurityError')
    },
  }
  const drafts = new Drafts(broken)
  t.doesNotThrow(() => drafts.save('topic:1', 'x'))
  t.equal(drafts.load('topic:1'), null)
  t.doesNotThrow(() => drafts.clear('topic:1'))
  t.equal(new Drafts(null).load('topic:1'), null)
})

t.test('toolbar: wraps the selection, or a placeholder, and selects what to type next', async (t) => {
  t.same(applyFormat('bold', 'say hello now', 4, 9), { text: 'say **hello** now', start: 6, end: 11 })
  t.same(
    applyFormat('bold', 'say **hello** now', 6, 11),
    { text: 'say hello now', start: 4, end: 9 },
    'toggles off',
  )
  t.same(applyFormat('italic', 'ab', 2, 2), { text: 'ab_text_', start: 3, end: 7 })
  t.same(applyFormat('code', 'run npm test', 4, 12), { text: 'run `npm test`', start: 5, end: 13 })
  t.equal(applyFormat('code', 'a\nb', 0, 3).text, '```\na\nb\n```', 'several lines become a block')
  const link = applyFormat('link', 'see docs', 4, 8)
  t.equal(link.text, 'see [docs](https://)')
  t.equal(link.text.slice(link.start, link.end), 'https://', 'the address is selected')
  t.same(applyFormat('quote', 'one\ntwo\nthree', 5, 9), { text: 'one\n> two\n> three', start: 4, end: 17 })
  t.equal(applyFormat('quote', 'one\n> two', 6, 7).text, 'one\ntwo', 'unquotes')
  t.equal(applyFormat('list', 'a\nb', 0, 3).text, '- a\n- b')
  t.equal(applyFormat('list', '- a\n- b', 0, 7).text, 'a\nb')
  t.equal(applyFormat('list', '', 0, 0).text, '- ')
  t.same(shortcuts, { b: 'bold', i: 'italic', k: 'link', e: 'code' })
})

t.test('quoteBlock: attributed > lines', async (t) => {
  t.equal(
    quoteBlock({ body: 'First line\n\nSecond', author: { handle: 'alice' }, url: '/t/a/1#post-5' }),
    '[@alice](/t/a/1#post-5)\n> First line\n>\n> Second\n\n',
  )
  t.equal(quoteBlock({ body: 'Hi', author: { handle: 'bob' } }), '@bob\n> Hi\n\n')
})
