import { type Static, Type } from 'typebox'
import { Nullable } from '../../http/schemas.js'
import type { WatchedAction } from './matcher.js'
import { maxPhraseLength, maxPhraseWords } from './normalize.js'

// Spelt out rather than mapped from `watchedActions`: TypeBox types a union built from an array as
// never, and handlers would lose their types.
const ActionSchema = Type.Union(
  [Type.Literal('block'), Type.Literal('hold'), Type.Literal('censor'), Type.Literal('flag')],
  {
    description:
      'What a hit does: block refuses the post, hold keeps it for approval, censor masks the words, flag puts it in the review queue.',
  },
)
// The union above lists exactly the actions the matcher knows, or this does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const actionsAgree: Same<Static<typeof ActionSchema>, WatchedAction> = true

export const WatchedWord = Type.Object(
  {
    id: Type.Integer(),
    phrase: Type.String({ description: 'As the moderator wrote it.' }),
    action: ActionSchema,
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Nullable(
      Type.Object({ id: Type.Integer(), handle: Type.String(), displayName: Type.String() }),
    ),
  },
  { $id: 'WatchedWord', description: 'A word or phrase whose presence in a post triggers an action.' },
)

export const WordListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    action: Type.Optional(ActionSchema),
  },
  { additionalProperties: false },
)

export const WordList = Type.Object({
  items: Type.Array(Type.Ref('WatchedWord'), { description: 'Newest first.' }),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null at the end.' })),
})

export const WordCreate = Type.Object(
  {
    phrase: Type.String({
      minLength: 1,
      // The rule is enforced by the service with a 422 that says which one; this only bounds input.
      maxLength: 1000,
      description: `A word or phrase, French or English, at most ${maxPhraseLength} characters and ${maxPhraseWords} words. Matched whole-word, ignoring case and accents; a * ending the last word matches any ending ("arnaque*"). No other syntax.`,
    }),
    action: ActionSchema,
  },
  { additionalProperties: false },
)

export const WordResponse = Type.Object({ word: Type.Ref('WatchedWord') })

export const CheckBody = Type.Object(
  { text: Type.String({ maxLength: 32_000, description: 'A text to try the list on, as a post body.' }) },
  { additionalProperties: false },
)

const MatchSchema = Type.Object({
  entryId: Type.Integer(),
  phrase: Type.String(),
  action: ActionSchema,
  start: Type.Integer({ description: 'Offset in the text (UTF-16 code units, as JavaScript counts).' }),
  end: Type.Integer({ description: 'Offset just after the match.' }),
})

export const CheckResponse = Type.Object({
  matches: Type.Array(MatchSchema, { description: 'Every hit, by position; overlapping ones included.' }),
  censored: Type.String({ description: 'The text with every censor hit masked, one ■ per character.' }),
})
