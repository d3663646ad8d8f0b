import { Type } from 'typebox'
import { Nullable } from '../../http/schemas.js'
import { TopicText } from '../schema.js'

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })

export const TopicCreate = Type.Object(
  { categoryId: Id, title: TopicText.title, body: TopicText.body },
  { additionalProperties: false },
)

export const TopicPatch = Type.Object(
  {
    title: Type.Optional(TopicText.title),
    pinned: Type.Optional(Type.Boolean({ description: 'Moderators: keep it at the top of its category.' })),
    locked: Type.Optional(Type.Boolean({ description: 'Moderators: no more replies from members.' })),
    categoryId: Type.Optional({ ...Id, description: 'Moderators: move it to this category.' }),
    slowModeSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 86_400,
        description: 'Moderators: seconds between two posts by one member; 0 turns slow mode off.',
      }),
    ),
    ruleId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 60,
        description: 'Moderators: the charter rule a lock or move applies, kept in the audit log.',
      }),
    ),
    reason: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Moderators: why, kept in the audit log.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const TopicPageQuery = Type.Object(
  {
    after: Type.Optional({
      ...Id,
      description: 'Posts after this post id (the nextCursor of the page before).',
    }),
    before: Type.Optional({
      ...Id,
      description: 'Posts before this post id, to load older ones (prevCursor).',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
)

export const TopicPageResponse = Type.Object({
  topic: Type.Ref('Topic'),
  posts: Type.Array(Type.Ref('Post')),
  nextCursor: Nullable(Type.Integer({ description: 'The post id to pass as after; null at the end.' })),
  prevCursor: Nullable(Type.Integer({ description: 'The post id to pass as before; null at the start.' })),
  lastEventId: Type.Integer({
    description:
      'The id of the last live event of this topic when the page was read: subscribe to topic:<id> with this as since, and nothing between the page and the live stream is missed.',
  }),
})

export const TopicCreated = Type.Object({ topic: Type.Ref('Topic'), post: Type.Ref('Post') })
export const TopicResponse = Type.Object({ topic: Type.Ref('Topic') })
export const TopicList = Type.Object({
  items: Type.Array(Type.Ref('Topic')),
  nextCursor: Nullable(Type.String()),
})
