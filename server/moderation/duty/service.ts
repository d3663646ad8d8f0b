import type { FastifyInstance } from 'fastify'
import type { Static } from 'typebox'
import type { Viewer } from '../../accounts/viewer.js'
import { recordAudit } from '../../audit/record.js'
import type { Db } from '../../db/database.js'
import { unprocessable } from '../../http/errors.js'
import { lockSetting } from '../../settings/store.js'
import { isTimeZone, moderatorsOnDuty, nextChange, type Shift } from './schedule.js'
import type { DutyBody, DutyResponse } from './schema.js'

const staffRoles = ['moderator', 'admin']

export interface StaffMember {
  id: number
  handle: string
  displayName: string
  role: string
}

export interface ShiftRow extends Shift {
  id: number
  moderator: StaffMember
}

/**
 * The schedule, in the order a week reads. Shifts of someone no longer a moderator are left out:
 * they cover nothing (the rows stay, so giving the role back restores them).
 */
export async function loadShifts(db: Db): Promise<ShiftRow[]> {
  const rows = await db
    .selectFrom('dutyShifts as d')
    .innerJoin('users as u', 'u.id', 'd.moderatorId')
    .select([
      'd.id',
      'd.moderatorId',
      'd.timeZone',
      'd.weekday',
      'd.startsAt',
      'd.endsAt',
      'u.handle',
      'u.displayName',
      'u.role',
    ])
    .where('u.role', 'in', staffRoles)
    .orderBy('d.weekday')
    .orderBy('d.startsAt')
    .orderBy('d.id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    moderatorId: Number(r.moderatorId),
    timeZone: r.timeZone,
    weekday: r.weekday,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    moderator: { id: Number(r.moderatorId), handle: r.handle, displayName: r.displayName, role: r.role },
  }))
}

/** The schedule as the duty screen shows it, judged at `now`. */
export function presentDuty(shifts: ShiftRow[], now: Date): Static<typeof DutyResponse> {
  const onDutyIds = moderatorsOnDuty(shifts, now)
  const byId = new Map(shifts.map((s) => [s.moderatorId, s.moderator]))
  const next = nextChange(shifts, now)
  return {
    shifts: shifts.map((s) => ({
      id: s.id,
      moderator: s.moderator,
      timeZone: s.timeZone,
      weekday: s.weekday,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
    coveredNow: shifts.length === 0 || onDutyIds.length > 0,
    onDuty: onDutyIds.map((id) => byId.get(id)!),
    nextChange: next ? next.toISOString() : null,
  }
}

/**
 * Replaces the whole schedule (the caller checked the actor is an admin) in one transaction with
 * one audit entry, then has every instance forget its copy.
 *
 * @example await replaceSchedule(app, admin, { shifts: [{ moderatorId: 7, timeZone: 'Europe/Paris', weekday: 1, startsAt: '18:00', endsAt: '23:00' }] })
 */
export async function replaceSchedule(
  app: FastifyInstance,
  actor: Viewer,
  input: Static<typeof DutyBody>,
): Promise<ShiftRow[]> {
  const badZones = [...new Set(input.shifts.map((s) => s.timeZone).filter((z) => !isTimeZone(z)))]
  if (badZones.length)
    throw unprocessable(
      'unknown_time_zone',
      `Unknown time zone: ${badZones.slice(0, 5).join(', ')} (use an IANA name such as Europe/Paris).`,
    )
  const ids = [...new Set(input.shifts.map((s) => s.moderatorId))]
  const staff = ids.length
    ? await app.db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', ids)
        .where('role', 'in', staffRoles)
        .execute()
    : []
  const known = new Set(staff.map((r) => Number(r.id)))
  const notStaff = ids.filter((id) => !known.has(id))
  if (notStaff.length)
    throw unprocessable(
      'not_a_moderator',
      `Only moderators and admins can be on duty; not: ${notStaff.slice(0, 5).join(', ')}.`,
    )

  await app.db.transaction().execute(async (trx) => {
    // Two admins saving at once: one schedule wins whole, never a mix of both.
    await lockSetting(trx, 'duty')
    const before = await trx
      .selectFrom('dutyShifts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    await trx.deleteFrom('dutyShifts').execute()
    if (input.shifts.length) await trx.insertInto('dutyShifts').values(input.shifts).execute()
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'duty.update',
      targetType: 'community',
      targetId: 'duty',
      data: { before: Number(before.n), after: input.shifts.length, shifts: input.shifts },
    })
  })
  await app.moderationPolicy.scheduleChanged()
  return loadShifts(app.db)
}
