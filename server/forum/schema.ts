import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'

/** The reaction kinds a member may leave on a post, one of each. */
export const reactionKinds = ['like', 'love', 'insightful', 'funny', 'disagree'] as const
export type ReactionKind = (typeof reactionKinds)[number]
export const ReactionKindSchema = Type.Union([
  Type.Literal('like'),
  Type.Literal('love'),
  Type.Literal('insightful'),
  Type.Literal('funny'),
  Type.Literal('disagree'),
])

const Counts = Type.Object(
  Object.fromEntries(reactionKinds.map((k) => [k, Type.Integer({ minimum: 0 })])) as Record<
    ReactionKind,
    ReturnType<typeof Type.Integer>
  >,
  { description: 'How many members left each kind of reaction.' },
)

export const Author = Type.Object(
  {
    id: Type.Integer(),
    handle: Type.String(),
    displayName: Type.String(),
    avatarUrl: Nullable(Type.String()),
    role: Type.String({ description: 'member, moderator or admin: moderators post with an official badge.' }),
  },
  { $id: 'ForumAuthor' },
)

export const Post = Type.Object(
  {
    id: Type.Integer(),
    topicId: Type.Integer(),
    postNumber: Type.Integer({ description: '1 for the opening post, then 2, 3… in the order written.' }),
    author: Type.Ref('ForumAuthor'),
    body: Type.String({ description: 'The Markdown as written; "" once deleted or hidden.' }),
    html: Type.String({ description: 'Sanitised HTML rendered at write time; "" once deleted or hidden.' }),
    replyToId: Nullable(Type.Integer()),
    createdAt: Type.String({ format: 'date-time' }),
    editedAt: Nullable(Type.String({ format: 'date-time' })),
    revision: Type.Integer({ description: 'Starts at 1; each edit adds one.' }),
    reactions: Counts,
    myReactions: Type.Array(ReactionKindSchema, { description: 'The reader’s own reactions.' }),
    deleted: Type.Boolean(),
    hidden: Type.Boolean({
      description: 'Hidden by a moderator under a charter rule, or waiting for approval.',
    }),
    held: Type.Boolean({
      description: 'Waiting for a moderator’s approval; only its author and moderators read it.',
    }),
    can: Type.Object({ edit: Type.Boolean(), delete: Type.Boolean(), react: Type.Boolean() }),
  },
  { $id: 'Post', description: 'A post as the reader may see it.' },
)

export const Topic = Type.Object(
  {
    id: Type.Integer(),
    categoryId: Type.Integer(),
    title: Type.String(),
    slug: Type.String(),
    url: Type.String({ description: 'Its page on the community site: /t/<slug>/<id>.' }),
    authorId: Type.Integer(),
    author: Type.Object({ id: Type.Integer(), handle: Type.String(), displayName: Type.String() }),
    postCount: Type.Integer({
      description: 'Every post of the thread, deleted ones included (they keep their place).',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    lastPostAt: Type.String({ format: 'date-time' }),
    lastPostId: Nullable(Type.Integer()),
    lastPosterId: Nullable(Type.Integer()),
    pinned: Type.Boolean(),
    locked: Type.Boolean(),
    slowModeSeconds: Type.Integer({
      description: 'Seconds between two posts by one member; 0 when slow mode is off.',
    }),
    can: Type.Object({ reply: Type.Boolean(), edit: Type.Boolean(), moderate: Type.Boolean() }),
  },
  { $id: 'Topic' },
)

export const Category = Type.Object(
  {
    id: Type.Integer(),
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    position: Type.Integer(),
    color: Nullable(Type.String()),
    posting: Type.Union([Type.Literal('members'), Type.Literal('moderators')]),
    topicCount: Type.Integer(),
    restricted: Type.Boolean({ description: 'Only some groups (and moderators) may read it.' }),
    can: Type.Object({ post: Type.Boolean() }),
    groups: Type.Optional(
      Type.Array(Type.Object({ groupId: Type.Integer(), canPost: Type.Boolean() }), {
        description: 'The groups it is restricted to; shown to admins only.',
      }),
    ),
  },
  { $id: 'Category' },
)

export const TopicText = {
  title: Type.String({ minLength: 1, maxLength: 400, description: '3 to 200 characters once trimmed.' }),
  body: Type.String({ minLength: 1, maxLength: 32_000, description: 'Markdown, 1 to 32,000 characters.' }),
}

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description:
        'Retrying with the same key returns the first answer and writes nothing twice (1–200 visible ASCII characters).',
    }),
  ),
})
