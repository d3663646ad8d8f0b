import type { Transaction } from 'kysely'
import { presentUser } from '../accounts/present.js'
import type { Viewer } from '../accounts/viewer.js'
import type { ViewerCache } from '../accounts/viewer-cache.js'
import { recordAudit } from '../audit/record.js'
import type { Database, Db } from '../db/database.js'
import { decodeCursor, keysetPage } from '../http/cursor.js'
import { badRequest, conflict, notFound } from '../http/errors.js'
import { presentGroup } from './present.js'
import * as q from './queries.js'

/** What the group actions use: the database, and the session cache a membership change must reach. */
export interface GroupDeps {
  db: Db
  viewers: ViewerCache
}

// Who may call these is checked by the routes (requireRole): moderators read, admins change.

export async function listGroups(deps: Pick<GroupDeps, 'db'>) {
  return (await q.listGroups(deps.db)).map(presentGroup)
}

/**
 * Creates a group (admins), audited; a taken slug is a 409.
 * @example await createGroup(deps, admin, { slug: 'vip', name: 'VIP' }) // { id, slug, name, …, memberCount: 0 }
 */
export async function createGroup(
  deps: Pick<GroupDeps, 'db'>,
  actor: Viewer,
  input: { slug: string; name: string; description?: string | undefined },
) {
  const values = { slug: input.slug, name: checkName(input.name), description: input.description ?? '' }
  let row: q.GroupRow
  try {
    row = await deps.db.transaction().execute(async (trx) => {
      const id = await q.insertGroup(trx, values)
      await audit(trx, actor, 'group.created', id, values)
      return (await q.findGroup(trx, id))!
    })
  } catch (err) {
    // The slug is the table's only unique column besides the id it generates.
    if ((err as { code?: string }).code === '23505')
      throw conflict('slug_taken', `The slug "${input.slug}" is already used by another group.`)
    throw err
  }
  return presentGroup(row)
}

/**
 * Renames a group or rewrites its description (admins), audited with what changed.
 * @example await renameGroup(deps, admin, 3, { name: 'Ambassadors' })
 */
export async function renameGroup(
  deps: Pick<GroupDeps, 'db'>,
  actor: Viewer,
  id: number,
  input: { name?: string | undefined; description?: string | undefined },
) {
  const name = input.name === undefined ? undefined : checkName(input.name)
  const group = await loadGroup(deps.db, id)
  const changes: Record<string, { from: string; to: string }> = {}
  if (name !== undefined && name !== group.name) changes.name = { from: group.name, to: name }
  if (input.description !== undefined && input.description !== group.description)
    changes.description = { from: group.description, to: input.description }
  if (Object.keys(changes).length === 0) return presentGroup(group)
  const row = await deps.db.transaction().execute(async (trx) => {
    await q.updateGroup(trx, id, Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])))
    await audit(trx, actor, 'group.updated', id, changes)
    return (await q.findGroup(trx, id))!
  })
  return presentGroup(row)
}

/** One page of a group's members (moderators), keyset by user id. */
export async function listMembers(
  deps: Pick<GroupDeps, 'db'>,
  id: number,
  page: { cursor?: string | undefined; limit?: number | undefined },
) {
  const after = decodeCursor(page.cursor, 'n') as [number] | null
  if (after && !(Number.isSafeInteger(after[0]) && after[0] >= 0))
    throw badRequest('invalid_cursor', 'The cursor is not one this list gave out.')
  const limit = page.limit ?? 20
  await loadGroup(deps.db, id)
  const rows = await q.memberPage(deps.db, id, after?.[0] ?? null, limit)
  return keysetPage(rows, limit, (last) => [last.id], presentUser)
}

/**
 * Puts a member in a group (admins). Idempotent: adding a member twice changes and audits nothing.
 * Their sessions are dropped from every instance's cache after commit, so their very next request
 * reads (or posts in) the group's categories.
 * @example await addMember(deps, admin, vipGroupId, memberId) // the group, memberCount included
 */
export async function addMember(deps: GroupDeps, actor: Viewer, id: number, userId: number) {
  await loadGroup(deps.db, id)
  if (!(await q.userExists(deps.db, userId))) throw notFound(`User ${userId}`)
  let outcome: { added: boolean; row: q.GroupRow }
  try {
    outcome = await deps.db.transaction().execute(async (trx) => {
      const added = await q.addMember(trx, id, userId)
      if (added) await audit(trx, actor, 'group.member_added', id, { userId })
      return { added, row: (await q.findGroup(trx, id))! }
    })
  } catch (err) {
    // The account was erased between the check and the insert.
    if ((err as { code?: string }).code === '23503') throw notFound(`User ${userId}`)
    throw err
  }
  const { added, row } = outcome
  if (added) await deps.viewers.invalidateUser(userId)
  return presentGroup(row)
}

/**
 * Takes a member out of a group (admins), audited; 404 when they were not in it. Like addMember,
 * their next request already goes without the group's categories.
 */
export async function removeMember(deps: GroupDeps, actor: Viewer, id: number, userId: number) {
  await loadGroup(deps.db, id)
  await deps.db.transaction().execute(async (trx) => {
    if (!(await q.removeMember(trx, id, userId))) throw notFound(`Member ${userId} of group ${id}`)
    await audit(trx, actor, 'group.member_removed', id, { userId })
  })
  await deps.viewers.invalidateUser(userId)
}

async function loadGroup(db: Db, id: number) {
  const group = await q.findGroup(db, id)
  if (!group) throw notFound(`Group ${id}`)
  return group
}

/** Names are stored trimmed; one that is only blank is refused. */
function checkName(name: string): string {
  const trimmed = name.trim()
  if (trimmed === '') throw badRequest('invalid_name', 'A group needs a name.')
  return trimmed
}

function audit(
  trx: Transaction<Database>,
  actor: Viewer,
  action: string,
  groupId: number,
  data: Record<string, unknown>,
) {
  return recordAudit(trx, { actorId: actor.id, action, targetType: 'group', targetId: groupId, data })
}
