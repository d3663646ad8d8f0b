import { Type } from 'typebox'
import { Nullable } from '../../http/schemas.js'
import { TopicText } from '../schema.js'

export const ReplyBody = Type.Object(
  {
    body: TopicText.body,
    replyToId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'A post of the same topic.',
      }),
    ),
  },
  { additionalProperties: false },
)

export const EditBody = Type.Object(
  {
    body: TopicText.body,
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'Shown in the post’s history.' })),
  },
  { additionalProperties: false },
)

export const PostResponse = Type.Object({ post: Type.Ref('Post') })

export const RevisionList = Type.Object({
  items: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      body: Type.String(),
      html: Type.String(),
      editor: Nullable(
        Type.Object({ id: Type.Integer(), handle: Type.String(), displayName: Type.String() }),
      ),
      reason: Nullable(Type.String()),
      writtenAt: Type.String({ format: 'date-time' }),
    }),
    { description: 'Every version, oldest first; the last is the current one.' },
  ),
})
