import type { Db } from '../db/database.js'

export interface SiteInfo {
  name: string
  description: string
}

const fallback: SiteInfo = { name: 'Tribune', description: '' }

/**
 * The community's name and tagline, from the `site` setting (the demo writes one; the admin
 * settings screen will too). Read per page: a primary-key lookup, and a rename shows at once.
 */
export async function siteInfo(db: Db): Promise<SiteInfo> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'site').executeTakeFirst()
  const value = row?.value as Partial<SiteInfo> | undefined
  return {
    name: typeof value?.name === 'string' && value.name ? value.name : fallback.name,
    description: typeof value?.description === 'string' ? value.description : fallback.description,
  }
}
