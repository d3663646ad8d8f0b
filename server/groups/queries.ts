import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import { publicUserColumns } from '../accounts/present.js'
import type { Database, Db } from '../db/database.js'

export interface GroupRow {
  id: number
  slug: string
  name: string
  description: string
  memberCount: number
  createdAt: Date
}

function selectGroups(db: Db | Transaction<Database>) {
  return db
    .selectFrom('groups as g')
    .select(['g.id', 'g.slug', 'g.name', 'g.description', 'g.createdAt'])
    .select(
      sql<number>`(select count(*) from group_members gm where gm.group_id = g.id)::int`.as('memberCount'),
    )
}

/** Every group, by name: a community has a handful, so the list is not paged. */
export function listGroups(db: Db): Promise<GroupRow[]> {
  return selectGroups(db).orderBy('g.name').orderBy('g.id').execute()
}

export function findGroup(db: Db | Transaction<Database>, id: number): Promise<GroupRow | undefined> {
  return selectGroups(db).where('g.id', '=', id).executeTakeFirst()
}

export async function insertGroup(
  trx: Transaction<Database>,
  values: { slug: string; name: string; description: string },
): Promise<number> {
  const row = await trx.insertInto('groups').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function updateGroup(
  trx: Transaction<Database>,
  id: number,
  values: { name?: string; description?: string },
): Promise<void> {
  await trx.updateTable('groups').set(values).where('id', '=', id).execute()
}

/** Adds the member unless already there; true when a row was written. */
export async function addMember(trx: Transaction<Database>, groupId: number, userId: number) {
  const row = await trx
    .insertInto('groupMembers')
    .values({ groupId, userId })
    .onConflict((oc) => oc.columns(['groupId', 'userId']).doNothing())
    .returning('userId')
    .executeTakeFirst()
  return row !== undefined
}

/** Removes the member; false when they were not one. */
export async function removeMember(trx: Transaction<Database>, groupId: number, userId: number) {
  const row = await trx
    .deleteFrom('groupMembers')
    .where('groupId', '=', groupId)
    .where('userId', '=', userId)
    .returning('userId')
    .executeTakeFirst()
  return row !== undefined
}

/** One page of a group's members by user id (keyset on group_members_pkey), one extra to tell if more follow. */
export function memberPage(db: Db, groupId: number, afterUserId: number | null, limit: number) {
  return db
    .selectFrom('groupMembers as gm')
    .innerJoin('users as u', 'u.id', 'gm.userId')
    .select(publicUserColumns.map((c) => `u.${c}` as const))
    .where('gm.groupId', '=', groupId)
    .$if(afterUserId !== null, (q) => q.where('gm.userId', '>', afterUserId!))
    .orderBy('gm.userId')
    .limit(limit + 1)
    .execute()
}

export function userExists(db: Db, id: number) {
  return db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()
}
