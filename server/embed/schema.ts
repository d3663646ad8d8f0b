import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'
import { maxOrigins } from './origins.js'

export const maxArticleUrl = 2000

export const EmbedSettingsBody = Type.Object(
  {
    origins: Type.Array(
      Type.String({
        minLength: 1,
        maxLength: 300,
        description: '`scheme://host[:port]`, http or https, e.g. "https://www.brand.example".',
      }),
      {
        maxItems: maxOrigins,
        description: `Origins whose pages may embed threads and call the API (at most ${maxOrigins}); normalised and deduplicated.`,
      },
    ),
    commentsCategoryId: Nullable(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'Where article comment sections open their topics; null turns comment sections off.',
      }),
    ),
  },
  { additionalProperties: false },
)

export const EmbedSettingsResponse = Type.Object({
  origins: Type.Array(Type.String()),
  commentsCategoryId: Nullable(Type.Integer()),
})

export const SsoSecretResponse = Type.Object({
  secret: Type.String({
    description:
      'The new SSO secret, shown this once: give it to the brand site’s backend. Tokens signed with the previous one stop working at once.',
  }),
})

const ArticleUrl = Type.String({
  minLength: 1,
  maxLength: maxArticleUrl,
  description:
    'The article’s address (http or https, without credentials); normalised, its #fragment dropped. When the request carries an Origin, it must be that origin’s page.',
})

export const CommentsBody = Type.Object(
  {
    url: ArticleUrl,
    title: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'The article’s title, used for the topic when it is created (the first caller’s wins).',
      }),
    ),
  },
  { additionalProperties: false },
)

export const CommentsQuery = Type.Object({ url: ArticleUrl }, { additionalProperties: false })

export const CommentsResponse = Type.Object({ topic: Type.Ref('Topic') })

export const SsoRedirectQuery = Type.Object(
  {
    token: Type.Optional(
      Type.String({ maxLength: 8000, description: 'The brand site’s signed token (JWT).' }),
    ),
    next: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'A path on this site to land on (e.g. "/t/slug/42"); anything else lands on "/".',
      }),
    ),
  },
  { additionalProperties: false },
)
