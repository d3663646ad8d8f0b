import { Type } from 'typebox'
import { Nullable } from '../../http/schemas.js'
import { endPattern, startPattern } from './schedule.js'

export const maxShifts = 500

export const StaffMember = Type.Object({
  id: Type.Integer(),
  handle: Type.String(),
  displayName: Type.String(),
  role: Type.String({ description: '"moderator" or "admin".' }),
})

const ShiftFields = {
  timeZone: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'The IANA time zone the times are written in, e.g. "Europe/Paris".',
  }),
  weekday: Type.Integer({
    minimum: 0,
    maximum: 6,
    description: 'The day the shift starts: 0 = Sunday … 6 = Saturday.',
  }),
  startsAt: Type.String({ pattern: startPattern, description: 'Local start, "HH:MM" (00:00–23:59).' }),
  endsAt: Type.String({
    pattern: endPattern,
    description: 'Local end, "HH:MM" or "24:00"; at or before startsAt, the shift ends the next day.',
  }),
}

export const ShiftInput = Type.Object(
  {
    moderatorId: Type.Integer({
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'A moderator or admin.',
    }),
    ...ShiftFields,
  },
  { additionalProperties: false },
)

export const DutyBody = Type.Object(
  {
    shifts: Type.Array(ShiftInput, {
      maxItems: maxShifts,
      description:
        'The whole weekly schedule; it replaces the previous one. Empty: no schedule (always covered).',
    }),
  },
  { additionalProperties: false },
)

export const DutyResponse = Type.Object({
  shifts: Type.Array(Type.Object({ id: Type.Integer(), moderator: StaffMember, ...ShiftFields })),
  coveredNow: Type.Boolean({
    description:
      'True when a moderator is on duty now, or when there is no schedule at all (a community without one is never in off-hours mode).',
  }),
  onDuty: Type.Array(StaffMember, { description: 'The moderators on duty now.' }),
  nextChange: Nullable(
    Type.String({
      format: 'date-time',
      description: 'When the set of moderators on duty next changes (within 8 days), or null.',
    }),
  ),
})
