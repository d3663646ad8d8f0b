export const roles = ['member', 'moderator', 'admin'] as const
export type Role = (typeof roles)[number]

const rank: Record<Role, number> = { member: 0, moderator: 1, admin: 2 }

export function atLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum]
}
