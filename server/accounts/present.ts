import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'
import { roles } from './roles.js'

export const User = Type.Object(
  {
    id: Type.Integer(),
    handle: Type.String(),
    displayName: Type.String(),
    role: Type.Union(roles.map((r) => Type.Literal(r))),
    avatarUrl: Nullable(Type.String()),
    trustLevel: Type.Integer(),
    postCount: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User', description: 'A member as anyone may see them.' },
)

export const Me = Type.Object(
  {
    id: Type.Integer(),
    handle: Type.String(),
    displayName: Type.String(),
    role: Type.Union(roles.map((r) => Type.Literal(r))),
    avatarUrl: Nullable(Type.String()),
    trustLevel: Type.Integer(),
    postCount: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    email: Type.String(),
    locale: Nullable(Type.String()),
    timeZone: Nullable(Type.String()),
    charterVersion: Nullable(Type.Integer()),
    mustAcceptCharter: Type.Boolean({
      description: 'True when a newer charter must be accepted before posting.',
    }),
    groups: Type.Array(Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() })),
    restriction: Nullable(
      Type.Object({ kind: Type.String(), endsAt: Nullable(Type.String({ format: 'date-time' })) }),
    ),
  },
  { $id: 'Me', description: 'The signed-in member, with what only they see.' },
)

export interface UserRow {
  id: number
  handle: string
  displayName: string
  role: string
  avatarUrl: string | null
  trustLevel: number
  postCount: number
  createdAt: Date
}

export function presentUser(u: UserRow) {
  return {
    id: u.id,
    handle: u.handle,
    displayName: u.displayName,
    role: u.role as (typeof roles)[number],
    avatarUrl: u.avatarUrl,
    trustLevel: u.trustLevel,
    postCount: u.postCount,
    createdAt: u.createdAt.toISOString(),
  }
}

export const publicUserColumns = [
  'id',
  'handle',
  'displayName',
  'role',
  'avatarUrl',
  'trustLevel',
  'postCount',
  'createdAt',
] as const
