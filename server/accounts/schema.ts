import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'
import { roles } from './roles.js'

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
const Handle = Type.String({
  pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{1,29}$',
  description: '2 to 30 letters, digits, "_", "." or "-"; unique regardless of case.',
})
const Password = Type.String({ minLength: 10, maxLength: 256, description: 'At least 10 characters.' })
const Locale = Type.Union([Type.Literal('fr'), Type.Literal('en')])

export const RegisterBody = Type.Object(
  {
    email: Email,
    handle: Handle,
    password: Password,
    charterVersion: Type.Integer({
      minimum: 1,
      description: 'The charter version the member read and accepts.',
    }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
)

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'Email or handle.' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
)

export const SessionResponse = Type.Object({
  user: Type.Ref('User'),
  token: Type.String({
    description: 'Bearer token for API clients; the web app uses the cookie set alongside.',
  }),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on cookie-authenticated writes.' }),
  expiresAt: Type.String({ format: 'date-time' }),
})

export const MeResponse = Type.Object({ user: Type.Ref('Me') })
export const UserResponse = Type.Object({ user: Type.Ref('User') })

export const MePatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    locale: Type.Optional(Nullable(Locale)),
    timeZone: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    bio: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const RolePatch = Type.Object(
  { role: Type.Union(roles.map((r) => Type.Literal(r))) },
  { additionalProperties: false },
)

export const HandleParams = Type.Object({ handle: Handle }, { additionalProperties: false })
export const CsrfResponse = Type.Object({ token: Type.String() })

export const SsoBody = Type.Object(
  {
    token: Type.String({
      minLength: 10,
      maxLength: 8192,
      description: 'JWT signed by the brand site with the SSO secret.',
    }),
  },
  { additionalProperties: false },
)
