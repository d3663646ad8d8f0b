import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'

export const maxQueryLength = 200

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      // Whitespace around the words is trimmed before the 200-character limit applies.
      maxLength: 1000,
      description:
        'Words to find, 1 to 200 characters. Web-search syntax: "exact phrase", -excluded, or. French and English stemming, accents ignored.',
    }),
    categoryId: Type.Optional(
      Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Only this category.' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
)

export const SearchHit = Type.Object(
  {
    type: Type.Literal('post'),
    post: Type.Object({
      id: Type.Integer(),
      postNumber: Type.Integer(),
      author: Type.Object({ id: Type.Integer(), handle: Type.String(), displayName: Type.String() }),
      createdAt: Type.String({ format: 'date-time' }),
    }),
    topic: Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      slug: Type.String(),
      url: Type.String({ description: 'Its page on the community site, a path: /t/<slug>/<id>.' }),
      categoryId: Type.Integer(),
    }),
    snippet: Type.String({
      description:
        'An extract of the post as HTML: matched words wrapped in <mark>, everything else escaped text.',
    }),
    rank: Type.Number({
      description: 'Relevance; a match in the topic title outranks one in the text only.',
    }),
  },
  { $id: 'SearchHit' },
)

export const SearchResponse = Type.Object({
  items: Type.Array(Type.Ref('SearchHit')),
  nextCursor: Nullable(Type.String()),
})
