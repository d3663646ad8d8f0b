import t from 'tap'
import {
  addOwnPost,
  appendPage,
  applyEvent,
  applyReactionResult,
  endSubscription,
  expireTyping,
  fromPage,
  liveNotice,
  type Post,
  prependPage,
  type ThreadState,
  type TopicPage,
  typingTtlMs,
} from '../../client/components/tribune-thread/thread-state.js'
import type { LiveEvent } from '../../client/live/protocol.js'
import type { Viewer } from '../../client/shared/context.js'

// The thread's rules without a browser: what a page, a reply or a live event does to the list.

const zero = { like: 0, love: 0, insightful: 0, funny: 0, disagree: 0 }
const ana = { id: 1, handle: 'ana', displayName: 'Ana' }
const bob = { id: 2, handle: 'bob', displayName: 'Bob' }
const reader: Viewer = { id: 3, handle: 'cy', displayName: 'Cy', role: 'member' }

function post(id: number, over: Partial<Post> = {}): Post {
  return {
    id,
    topicId: 7,
    postNumber: id,
    author: ana,
    body: `body ${id}`,
    html: `<p>body ${id}</p>`,
    replyToId: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    editedAt: null,
    revision: 1,
    reactions: { ...zero },
    myReactions: [],
    deleted: false,
    hidden: false,
    can: { edit: false, delete: false, react: true },
    ...over,
  }
}

function page(posts: Post[], over: Partial<TopicPage> = {}): TopicPage {
  return {
    topic: {
      id: 7,
      title: 'Vélos',
      url: '/t/velos/7',
      locked: false,
      postCount: posts.length,
      can: { reply: true, edit: false, moderate: false },
    },
    posts,
    nextCursor: null,
    prevCursor: null,
    lastEventId: 100,
    ...over,
  }
}

const ev = (type: string, data: unknown, id?: number): LiveEvent => ({
  channel: 'topic:7',
  type,
  data,
  ...(id === undefined ? {} : { id }),
})
const ids = (s: ThreadState) => s.posts.map((p) => p.id)

t.test('a page: posts in thread order, each once', async (t) => {
  const s = fromPage(page([post(3), post(1), post(2), post(1)]))
  t.same(ids(s), [1, 2, 3])
  t.equal(s.lastEventId, 100)
  t.equal(s.readers, null)
})

t.test('newer and older pages merge without duplicates and move the cursors', async (t) => {
  let s = fromPage(page([post(3), post(4)], { nextCursor: 4, prevCursor: 3, lastEventId: 100 }))
  s = appendPage(s, page([post(4), post(5)], { nextCursor: null, lastEventId: 105 }))
  t.same(ids(s), [3, 4, 5])
  t.equal(s.nextCursor, null)
  t.equal(s.lastEventId, 105, 'the newest event id seen is kept')
  s = prependPage(s, page([post(1), post(2), post(3)], { prevCursor: null, lastEventId: 90 }))
  t.same(ids(s), [1, 2, 3, 4, 5])
  t.equal(s.prevCursor, null)
  t.equal(s.lastEventId, 105, 'an older page does not move the event id back')
})

t.test('post.created appends, dedupes, and works out the reader’s permissions', async (t) => {
  let s = fromPage(page([post(1)]))
  const live = post(2, { author: bob, can: { edit: false, delete: false, react: false } })
  s = applyEvent(s, ev('post.created', { post: live }, 101), reader)
  s = applyEvent(s, ev('post.created', { post: live }, 102), reader)
  t.same(ids(s), [1, 2], 'a post delivered twice shows once')
  t.equal(s.lastEventId, 102)
  t.same(s.posts[1]!.can, { edit: false, delete: false, react: true }, 'a member may react to another’s post')

  const mine = applyEvent(s, ev('post.created', { post: post(3, { author: { ...reader } }) }, 103), reader)
  t.same(
    mine.posts[2]!.can,
    { edit: true, delete: true, react: false },
    'one’s own post: edit, delete, no reaction',
  )

  const visitor = applyEvent(fromPage(page([])), ev('post.created', { post: post(4) }, 104), null)
  t.same(visitor.posts[0]!.can, { edit: false, delete: false, react: false }, 'a visitor may do nothing')
})

t.test(
  'the reader’s own reply (from the POST answer) and its live echo show once, with its permissions',
  async (t) => {
    let s = fromPage(page([post(1)]))
    const own = post(2, { author: { ...reader }, can: { edit: true, delete: true, react: false } })
    s = addOwnPost(s, own)
    s = applyEvent(
      s,
      ev('post.created', { post: { ...own, can: { edit: false, delete: false, react: false } } }, 101),
      reader,
    )
    t.same(ids(s), [1, 2])
    t.same(
      s.posts[1]!.can,
      { edit: true, delete: true, react: false },
      'the echo does not take the permissions away',
    )
  },
)

t.test('a live post arriving out of order takes its place', async (t) => {
  let s = fromPage(page([post(1), post(3)]))
  s = applyEvent(s, ev('post.created', { post: post(2) }, 101), reader)
  t.same(ids(s), [1, 2, 3])
})

t.test(
  'post.edited replaces a loaded post and keeps the reader’s reactions; an unloaded one is left to its page',
  async (t) => {
    let s = fromPage(page([post(1, { myReactions: ['like'], reactions: { ...zero, like: 1 } })]))
    s = applyEvent(
      s,
      ev(
        'post.edited',
        { post: post(1, { html: '<p>new</p>', revision: 2, editedAt: '2026-11-23T11:00:00.000Z' }) },
        101,
      ),
      reader,
    )
    t.equal(s.posts[0]!.html, '<p>new</p>')
    t.equal(s.posts[0]!.revision, 2)
    t.same(s.posts[0]!.myReactions, ['like'])
    const before = s
    s = applyEvent(s, ev('post.edited', { post: post(9) }, 102), reader)
    t.same(ids(s), [1], 'an edit of a post not loaded does not insert it')
    t.equal(s.lastEventId, 102, 'its id still counts as seen')
    t.not(s, before)
  },
)

t.test('post.deleted and post.hidden retract: the text is gone and does not come back', async (t) => {
  let s = fromPage(page([post(1), post(2)]))
  s = applyEvent(s, ev('post.hidden', { postId: 1 }, 101), reader)
  s = applyEvent(s, ev('post.deleted', { postId: 2 }, 102), reader)
  t.match(s.posts[0], { hidden: true, deleted: false, html: '', body: '' })
  t.match(s.posts[1], { hidden: false, deleted: true, html: '', body: '' })
  t.same(s.posts[0]!.can, { edit: false, delete: false, react: false })
  t.same(ids(s), [1, 2], 'retracted posts keep their place')

  // A stale version (an edit event replayed late, a cached page) must not restore the text.
  s = applyEvent(s, ev('post.edited', { post: post(1) }, 103), reader)
  t.equal(s.posts[0]!.html, '')
  s = appendPage(s, page([post(2)]))
  t.equal(s.posts[1]!.html, '', 'a cached page does not restore a retracted post either')
  t.equal(
    applyEvent(s, ev('post.deleted', { postId: 42 }, 104), reader).posts.length,
    2,
    'an unknown id is ignored',
  )
})

t.test('a page never undoes a later revision the live channel brought', async (t) => {
  let s = fromPage(page([post(1)], { nextCursor: 1 }))
  s = applyEvent(s, ev('post.edited', { post: post(1, { html: '<p>v2</p>', revision: 2 }) }, 101), reader)
  s = appendPage(s, page([post(1), post(2)]))
  t.equal(s.posts[0]!.html, '<p>v2</p>')
  t.same(ids(s), [1, 2])
})

t.test('reactions: live counts keep the reader’s own; the reader’s own toggle sets both', async (t) => {
  let s = fromPage(page([post(1, { myReactions: ['love'], reactions: { ...zero, love: 1 } })]))
  s = applyEvent(s, ev('reactions.changed', { postId: 1, reactions: { love: 2, like: 1 } }, 101), reader)
  t.same(s.posts[0]!.reactions, { ...zero, love: 2, like: 1 })
  t.same(s.posts[0]!.myReactions, ['love'])
  s = applyReactionResult(s, 1, { reactions: { love: 1, like: 1 }, myReactions: [] })
  t.same(s.posts[0]!.reactions, { ...zero, love: 1, like: 1 })
  t.same(s.posts[0]!.myReactions, [])
  t.equal(
    applyEvent(s, ev('reactions.changed', { postId: 1 }, 102), reader).posts[0],
    s.posts[0],
    'no counts, no change',
  )
})

t.test('typing: shown for others, refreshed, expired; never for the reader', async (t) => {
  let s = fromPage(page([]))
  s = applyEvent(s, ev('typing', { user: bob }), reader, 1000)
  s = applyEvent(s, ev('typing', { user: reader }), reader, 1000)
  t.same(
    s.typing.map((u) => u.handle),
    ['bob'],
  )
  s = applyEvent(s, ev('typing', { user: bob }), reader, 3000)
  t.equal(s.typing.length, 1, 'one notice per member')
  t.equal(s.typing[0]!.until, 3000 + typingTtlMs)
  t.equal(expireTyping(s, 3000 + typingTtlMs - 1), s, 'nothing expired: the same state (no re-render)')
  t.same(expireTyping(s, 3000 + typingTtlMs).typing, [])
  t.equal(s.lastEventId, 100, 'ephemeral events carry no id')
})

t.test('presence sets the readers count; malformed data changes nothing', async (t) => {
  let s = fromPage(page([]))
  s = applyEvent(s, ev('presence', { readers: 12 }), reader)
  t.equal(s.readers, 12)
  t.equal(applyEvent(s, ev('presence', { readers: 'many' }), reader).readers, 12)
  t.equal(applyEvent(s, ev('post.created', { nope: true }, 101), reader).posts.length, 0)
  t.equal(
    applyEvent(s, ev('something.new', {}, 102), reader).lastEventId,
    102,
    'unknown types still move the resume point',
  )
})

t.test('topic.updated applies a lock and a new title', async (t) => {
  const s = applyEvent(
    fromPage(page([])),
    ev('topic.updated', { topic: { title: 'Vélos !', locked: true } }, 101),
    reader,
  )
  t.equal(s.topic.title, 'Vélos !')
  t.equal(s.topic.locked, true)
  t.equal(s.topic.can.reply, true, 'permissions stay as the page gave them')
})

t.test('an ended subscription says why and drops the ephemeral state', async (t) => {
  let s = applyEvent(fromPage(page([])), ev('typing', { user: bob }), reader)
  s = endSubscription(s, 'forbidden')
  t.equal(s.ended, 'forbidden')
  t.same(s.typing, [])
  t.equal(endSubscription(s, 'gone').ended, 'gone')
})

t.test('the live connection’s notice: quiet at first, then reconnecting, back, or stopped', async (t) => {
  t.equal(liveNotice('connecting', false), null, 'the first connection says nothing')
  t.equal(liveNotice('open', false), null)
  t.equal(liveNotice('connecting', true), 'reconnecting')
  t.equal(liveNotice('open', true), 'back')
  t.equal(liveNotice('closed', false), 'stopped')
  t.equal(liveNotice('closed', true), 'stopped')
  t.equal(liveNotice(null, true), null, 'no subscription, no notice')
})
