import t from 'tap'
import { compile } from '../../server/moderation/watched-words/matcher.js'
import { normalizePhrase } from '../../server/moderation/watched-words/normalize.js'
import { benchPost, watchedEntries } from '../bench/moderation/corpus.js'
import { mergeModerationSection } from '../bench/moderation/report-moderation.js'

// The moderation bench's own pieces, checked without running it: what it measures is what the
// issue says, and `--only moderation` leaves every other section of RESULTS.md alone.

t.test('the corpus: 2,000 distinct entries, a 10,000-character post with hits', async (t) => {
  const entries = watchedEntries()
  t.equal(entries.length, 2_000)
  const keys = entries.map((e) => normalizePhrase(e.phrase))
  t.notOk(
    keys.some((k) => typeof k === 'string'),
    'every entry is one the routes accept',
  )
  t.equal(new Set(keys.map((k) => (typeof k === 'string' ? k : k.key))).size, 2_000, 'no two alike')
  t.ok(entries.filter((e) => e.phrase.endsWith('*')).length > 100, 'some prefixes')
  t.ok(entries.filter((e) => e.phrase.includes(' ')).length > 100, 'some phrases')
  const post = benchPost()
  t.equal(post.length, 10_000)
  t.same(benchPost(), post, 'the same post on every run')
  t.ok(compile(entries).scan(post).length >= 5, 'the post has hits')
})

t.test('merging the Moderation section replaces it alone, or adds it before How to reproduce', async (t) => {
  const results = [
    '# Results',
    '',
    '## Forum',
    '',
    'forum figures',
    '',
    '## How to reproduce',
    '',
    'npm run bench',
    '',
  ].join('\n')
  const once = mergeModerationSection(results, '## Moderation\n\nfirst')
  t.equal(
    once,
    [
      '# Results',
      '',
      '## Forum',
      '',
      'forum figures',
      '',
      '## Moderation',
      '',
      'first',
      '',
      '## How to reproduce',
      '',
      'npm run bench',
      '',
    ].join('\n'),
  )
  const twice = mergeModerationSection(once, '## Moderation\n\nsecond')
  t.equal(twice, once.replace('first', 'second'), 'replaced in place, the rest byte for byte')
  t.equal(mergeModerationSection('# Results\n', '## Moderation\n\nx'), '# Results\n\n## Moderation\n\nx\n')
})
