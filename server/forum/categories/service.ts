import type { FastifyInstance } from 'fastify'
import type { Transaction } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import type { Database } from '../../db/database.js'
import { conflict, notFound, unprocessable } from '../../http/errors.js'
import { presentCategory } from '../present.js'
import type { CategoryInfo } from './directory.js'

interface CategoryInput {
  name?: string | undefined
  slug?: string | undefined
  description?: string | undefined
  position?: number | undefined
  color?: string | null | undefined
  posting?: 'members' | 'moderators' | undefined
  groups?: { groupId: number; canPost: boolean }[] | undefined
}

/** The categories the reader may see, with topic counts read fresh (the directory caches the rest). */
export async function listCategories(app: FastifyInstance, viewer: Viewer | null) {
  const [readable, counts] = await Promise.all([
    app.categories.readable(viewer),
    app.db.selectFrom('categories').select(['id', 'topicCount']).execute(),
  ])
  const byId = new Map(counts.map((c) => [c.id, c.topicCount]))
  return readable.map((c) => presentCategory({ ...c, topicCount: byId.get(c.id) ?? c.topicCount }, viewer))
}

/**
 * Creates a category (admins), audited.
 * @example await createCategory(app, admin, { name: 'VIP', slug: 'vip', groups: [{ groupId: 3, canPost: true }] })
 */
export async function createCategory(
  app: FastifyInstance,
  viewer: Viewer,
  input: CategoryInput & { name: string; slug: string },
) {
  const values = await checkInput(app, input)
  const id = await write(app, input.slug, async (trx) => {
    const row = await trx
      .insertInto('categories')
      .values({ ...values, name: values.name!, slug: input.slug })
      .returning('id')
      .executeTakeFirstOrThrow()
    await replaceGroups(trx, row.id, input.groups)
    await recordAudit(trx, {
      actorId: viewer.id,
      action: 'category.created',
      targetType: 'category',
      targetId: row.id,
      data: { ...input },
    })
    return row.id
  })
  return present(app, viewer, id)
}

/**
 * The category open to everyone a kind of discussion goes to (an event's, a contest's) when the
 * community has none yet: made on first need, audited as the acting moderator's, so a fresh
 * community runs its first event without an admin setting up categories first. Two first events
 * at once end with one category (the slug is unique).
 * @example const c = await ensureOpenCategory(app, moderator, { slug: 'events', name: 'Events' })
 */
export async function ensureOpenCategory(
  app: FastifyInstance,
  actor: Viewer,
  d: { slug: string; name: string; description: string },
): Promise<CategoryInfo> {
  const open = async () => {
    const c = await app.categories.bySlug(d.slug)
    return c && c.readGroups === null ? c : undefined
  }
  const existing = await open()
  if (existing) return existing
  try {
    await createCategory(app, actor, { name: d.name, slug: d.slug, description: d.description })
  } catch (err) {
    if ((err as { code?: string }).code !== 'slug_taken') throw err
    // Made by a concurrent request (two first events at once), maybe not yet in the directory.
    app.categories.forget()
  }
  const made = await open()
  if (!made)
    throw unprocessable(
      'no_category',
      `The category "${d.slug}" is restricted to a group: pass categoryId to say where the discussion goes.`,
    )
  return made
}

/** Renames, reorders or restricts a category (admins), audited. `groups: []` opens it to everyone. */
export async function updateCategory(app: FastifyInstance, viewer: Viewer, id: number, input: CategoryInput) {
  if (!(await app.categories.byId(id))) throw notFound(`Category ${id}`)
  const values = await checkInput(app, input)
  await write(app, input.slug, async (trx) => {
    if (Object.keys(values).length > 0)
      await trx.updateTable('categories').set(values).where('id', '=', id).execute()
    await replaceGroups(trx, id, input.groups)
    await recordAudit(trx, {
      actorId: viewer.id,
      action: 'category.updated',
      targetType: 'category',
      targetId: id,
      data: { ...input },
    })
    return id
  })
  return present(app, viewer, id)
}

async function checkInput(app: FastifyInstance, input: CategoryInput) {
  const name = input.name?.trim()
  if (name === '') throw unprocessable('invalid_name', 'A category needs a name.')
  if (input.groups?.length) {
    const ids = [...new Set(input.groups.map((g) => g.groupId))]
    if (ids.length !== input.groups.length)
      throw unprocessable('duplicate_group', 'Each group may appear once in groups.')
    const found = await app.db.selectFrom('groups').select('id').where('id', 'in', ids).execute()
    if (found.length !== ids.length)
      throw unprocessable('unknown_group', 'groups names a group that does not exist.')
  }
  return Object.fromEntries(
    Object.entries({
      name,
      slug: input.slug,
      description: input.description,
      position: input.position,
      color: input.color,
      posting: input.posting,
    }).filter(([, v]) => v !== undefined),
  ) as {
    name?: string
    slug?: string
    description?: string
    position?: number
    color?: string | null
    posting?: string
  }
}

/** One transaction; a taken slug is a 409 whether seen before or raced; every instance reloads after commit. */
async function write(
  app: FastifyInstance,
  slug: string | undefined,
  fn: (trx: Transaction<Database>) => Promise<number>,
): Promise<number> {
  let id: number
  try {
    id = await app.db.transaction().execute(fn)
  } catch (err) {
    if ((err as { code?: string }).code === '23505' && slug !== undefined)
      throw conflict('slug_taken', `The slug "${slug}" is already used by another category.`)
    throw err
  }
  await app.categories.changed()
  return id
}

async function replaceGroups(
  trx: Transaction<Database>,
  categoryId: number,
  groups: { groupId: number; canPost: boolean }[] | undefined,
) {
  if (groups === undefined) return
  await trx.deleteFrom('categoryGroups').where('categoryId', '=', categoryId).execute()
  if (groups.length > 0)
    await trx
      .insertInto('categoryGroups')
      .values(groups.map((g) => ({ categoryId, groupId: g.groupId, canPost: g.canPost })))
      .execute()
}

async function present(app: FastifyInstance, viewer: Viewer, id: number) {
  const category = await app.categories.byId(id)
  if (!category) throw notFound(`Category ${id}`)
  return presentCategory(category, viewer)
}
