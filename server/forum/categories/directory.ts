import type { Viewer } from '../../accounts/viewer.js'
import { isStaff } from '../../accounts/viewer.js'
import type { Db } from '../../db/database.js'
import type { Bus } from '../../live/bus.js'

export interface CategoryInfo {
  id: number
  slug: string
  name: string
  description: string
  position: number
  color: string | null
  posting: 'members' | 'moderators'
  topicCount: number
  /** Groups that may read it; null when everyone, visitors included, may. */
  readGroups: number[] | null
  /** Of those groups, the ones whose members may also post. */
  postGroups: number[]
}

/**
 * Every category with who may read and post in it, kept in memory: every listing, topic page
 * and search applies this filter, and categories change rarely. Changes call `changed()`, which
 * reaches every instance through the bus.
 */
export class CategoryDirectory {
  private loading: Promise<CategoryInfo[]> | undefined
  private readonly stops: (() => void)[]

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
  ) {
    const forget = () => this.forget()
    // After the bus was away, a change may have been missed: read the categories again.
    this.stops = [bus.subscribe('categories', forget), bus.onReconnect(forget)]
  }

  all(): Promise<CategoryInfo[]> {
    this.loading ??= this.load().catch((err) => {
      this.loading = undefined
      throw err
    })
    return this.loading
  }

  async byId(id: number): Promise<CategoryInfo | undefined> {
    return (await this.all()).find((c) => c.id === id)
  }

  async bySlug(slug: string): Promise<CategoryInfo | undefined> {
    return (await this.all()).find((c) => c.slug === slug)
  }

  /** The categories this reader may see, in display order. */
  async readable(viewer: Viewer | null): Promise<CategoryInfo[]> {
    return (await this.all()).filter((c) => canRead(viewer, c))
  }

  async readableIds(viewer: Viewer | null): Promise<number[]> {
    return (await this.readable(viewer)).map((c) => c.id)
  }

  /**
   * Reads the categories again at the next call, telling no one: a category another request has
   * just committed may not have been announced yet (`changed()` runs after its commit).
   */
  forget(): void {
    this.loading = undefined
  }

  async changed(): Promise<void> {
    this.loading = undefined
    await this.bus.publish('categories', 'changed')
  }

  close(): void {
    for (const stop of this.stops) stop()
  }

  private async load(): Promise<CategoryInfo[]> {
    const [rows, grants] = await Promise.all([
      this.db
        .selectFrom('categories')
        .select(['id', 'slug', 'name', 'description', 'position', 'color', 'posting', 'topicCount'])
        .orderBy('position')
        .orderBy('id')
        .execute(),
      this.db.selectFrom('categoryGroups').select(['categoryId', 'groupId', 'canPost']).execute(),
    ])
    return rows.map((r) => {
      const mine = grants.filter((g) => g.categoryId === r.id)
      return {
        ...r,
        posting: r.posting as CategoryInfo['posting'],
        readGroups: mine.length ? mine.map((g) => g.groupId) : null,
        postGroups: mine.filter((g) => g.canPost).map((g) => g.groupId),
      }
    })
  }
}

export function canRead(viewer: Viewer | null, c: CategoryInfo): boolean {
  if (c.readGroups === null || isStaff(viewer)) return true
  return viewer !== null && viewer.groupIds.some((g) => c.readGroups!.includes(g))
}

/** Whether the reader may start topics and reply here (sanctions and the charter are checked separately). */
export function canPost(viewer: Viewer | null, c: CategoryInfo): boolean {
  if (!viewer) return false
  if (isStaff(viewer)) return true
  if (c.posting === 'moderators') return false
  if (c.readGroups === null) return true
  return viewer.groupIds.some((g) => c.postGroups.includes(g))
}
