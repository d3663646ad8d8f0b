import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Viewer } from '../accounts/viewer.js'

/**
 * Trust levels members earn by themselves, from time and good activity, never from a moderator's
 * whim: 0 new (first posts may be held, links and images limited, flags weigh 1); 1 basic (a day
 * old, 3 published posts, nothing in force against them); 2 trusted (two weeks, 20 posts, no
 * sanction in 90 days; their flags weigh more). Moderators and admins are trusted by role.
 */
export const trustRules = {
  basic: { ageDays: 1, posts: 3 },
  trusted: { ageDays: 14, posts: 20, cleanDays: 90 },
} as const

/**
 * Raises a member's trust after a published post when they now qualify (one statement, only for
 * members below the top level, writing the row only when the level rises: the reply path of a new
 * member costs a read, not a row version); every instance learns the new level through the viewer
 * cache.
 */
export async function promoteAfterPost(app: FastifyInstance, viewer: Viewer): Promise<void> {
  if (viewer.trustLevel >= 2 || viewer.role !== 'member') return
  const { basic, trusted } = trustRules
  const earned = sql<number>`case
        when u.created_at < now() - make_interval(days => ${trusted.ageDays}) and u.post_count >= ${trusted.posts}
          and not exists (select from sanctions s where s.user_id = u.id and s.kind <> 'warning'
            and s.created_at > now() - make_interval(days => ${trusted.cleanDays})) then 2
        when u.created_at < now() - make_interval(days => ${basic.ageDays}) and u.post_count >= ${basic.posts}
          and not exists (select from sanctions s where s.user_id = u.id and s.kind <> 'warning' and s.lifted_at is null
            and (s.ends_at is null or s.ends_at > now())) then greatest(u.trust_level, 1)
        else u.trust_level end`
  const row = await app.db
    .updateTable('users as u')
    .set({ trustLevel: earned })
    .where('u.id', '=', viewer.id)
    .where('u.trustLevel', '<', 2)
    .where(sql<boolean>`${earned} > u.trust_level`)
    .returning('trustLevel')
    .executeTakeFirst()
  if (row && row.trustLevel !== viewer.trustLevel) await app.viewers.invalidateUser(viewer.id)
}
