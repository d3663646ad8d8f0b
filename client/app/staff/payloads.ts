// The staff forms' drafts (what the inputs hold, as strings) turned into the API's bodies.
// Pure functions, so tests run in Node; a problem names the input it is about.
import type { StaffMessages } from './messages.js'
import { isoToZoned, zonedToIso } from './zoned.js'

export type Built<T> = { body: T } | { problem: (m: StaffMessages) => string; field: string }

const trimmed = (s: string) => s.trim()
const intOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()))

/** An instant from a datetime-local input, or the problem with it (labelled by `label`). */
function instant(
  local: string,
  zone: string,
  field: string,
  label: (m: StaffMessages) => string,
): { iso: string } | { problem: (m: StaffMessages) => string; field: string } {
  const iso = zonedToIso(local, zone)
  return iso ? { iso } : { problem: (m) => m.badTime(label(m)), field }
}

export interface EventDraft {
  title: string
  description: string
  timeZone: string
  startsAt: string
  endsAt: string
  location: string
  onlineUrl: string
  capacity: string
  rsvpDeadline: string
  visibility: 'public' | 'members' | 'group'
  groupId: string
  categoryId: string
  qaOpen: boolean
}

export interface EventShape {
  title: string
  description: string
  startsAt: string
  endsAt: string
  timeZone: string
  location: string | null
  onlineUrl: string | null
  capacity: number | null
  rsvpDeadline: string | null
  visibility: 'public' | 'members' | 'group'
  groupId: number | null
  qaOpen: boolean
}

export function emptyEventDraft(zone: string): EventDraft {
  return {
    title: '',
    description: '',
    timeZone: zone,
    startsAt: '',
    endsAt: '',
    location: '',
    onlineUrl: '',
    capacity: '',
    rsvpDeadline: '',
    visibility: 'public',
    groupId: '',
    categoryId: '',
    qaOpen: false,
  }
}

/** An event as the API returns it, as the edit form shows it (times in the event's own zone). */
export function eventDraftOf(ev: EventShape): EventDraft {
  const zone = ev.timeZone
  return {
    title: ev.title,
    description: ev.description,
    timeZone: zone,
    startsAt: isoToZoned(ev.startsAt, zone),
    endsAt: isoToZoned(ev.endsAt, zone),
    location: ev.location ?? '',
    onlineUrl: ev.onlineUrl ?? '',
    capacity: ev.capacity === null ? '' : String(ev.capacity),
    rsvpDeadline: isoToZoned(ev.rsvpDeadline, zone),
    visibility: ev.visibility,
    groupId: ev.groupId === null ? '' : String(ev.groupId),
    categoryId: '',
    qaOpen: ev.qaOpen,
  }
}

/**
 * The body of POST /api/events (`edit` false) or PATCH /api/events/:id (`edit` true: cleared
 * fields are sent as null, and the category, fixed at creation, is left out).
 */
export function eventBody(d: EventDraft, edit: boolean): Built<Record<string, unknown>> {
  const zone = d.timeZone
  const start = instant(d.startsAt, zone, 'startsAt', (m) => m.startsAt)
  if ('problem' in start) return start
  const end = instant(d.endsAt, zone, 'endsAt', (m) => m.endsAt)
  if ('problem' in end) return end
  if (Date.parse(end.iso) <= Date.parse(start.iso))
    return { problem: (m) => m.endBeforeStart, field: 'endsAt' }
  let deadline: string | null = null
  if (d.rsvpDeadline.trim()) {
    const r = instant(d.rsvpDeadline, zone, 'rsvpDeadline', (m) => m.rsvpDeadline)
    if ('problem' in r) return r
    deadline = r.iso
  }
  if (d.visibility === 'group' && !d.groupId) return { problem: (m) => m.needGroup, field: 'groupId' }
  const body: Record<string, unknown> = {
    title: trimmed(d.title),
    description: d.description,
    startsAt: start.iso,
    endsAt: end.iso,
    timeZone: zone,
    location: trimmed(d.location) || null,
    onlineUrl: trimmed(d.onlineUrl) || null,
    capacity: intOrNull(d.capacity),
    rsvpDeadline: deadline,
    visibility: d.visibility,
    groupId: d.visibility === 'group' ? Number(d.groupId) : null,
    qaOpen: d.qaOpen,
  }
  if (!edit) {
    // A new event leaves out what it does not set: the API's defaults apply.
    for (const k of ['location', 'onlineUrl', 'capacity', 'rsvpDeadline', 'groupId'])
      if (body[k] === null) delete body[k]
    if (d.categoryId) body.categoryId = Number(d.categoryId)
  }
  return { body }
}

export interface ContestDraft {
  title: string
  rules: string
  timeZone: string
  submissionsOpenAt: string
  votingOpensAt: string
  votingClosesAt: string
  resultsAt: string
  votesPerMember: string
  entriesPerMember: string
  votingMode: 'members' | 'jury' | 'both'
  jurorIds: string
  criteria: string
  juryWeight: string
  tieBreak: '' | 'earliest_entry' | 'jury' | 'shared'
  minAccountAgeDays: string
  minTrustLevel: string
  groupIds: string[]
  categoryId: string
}

export function emptyContestDraft(zone: string): ContestDraft {
  return {
    title: '',
    rules: '',
    timeZone: zone,
    submissionsOpenAt: '',
    votingOpensAt: '',
    votingClosesAt: '',
    resultsAt: '',
    votesPerMember: '3',
    entriesPerMember: '1',
    votingMode: 'members',
    jurorIds: '',
    criteria: '',
    juryWeight: '',
    tieBreak: '',
    minAccountAgeDays: '',
    minTrustLevel: '',
    groupIds: [],
    categoryId: '',
  }
}

/** "originality: Originality" lines as criteria; null when a line is not of that form. */
export function parseCriteria(text: string): { id: string; name: string }[] | null {
  const out: { id: string; name: string }[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    const m = /^\s*([a-z0-9][a-z0-9_-]{0,39})\s*:\s*(.{1,80}?)\s*$/.exec(line)
    if (!m) return null
    out.push({ id: m[1]!, name: m[2]! })
  }
  return out
}

/** "12, 40" as ids; null when something else is in it. */
export function parseIds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean)
  if (!parts.every((p) => /^[1-9]\d{0,15}$/.test(p))) return null
  return [...new Set(parts.map(Number))]
}

type DatesBuilt = Built<{
  submissionsOpenAt: string
  votingOpensAt: string
  votingClosesAt: string
  resultsAt: string | null
}>

/** A contest's three dates (and the optional results date) as instants, in order. */
export function contestDates(
  d: Pick<ContestDraft, 'timeZone' | 'submissionsOpenAt' | 'votingOpensAt' | 'votingClosesAt' | 'resultsAt'>,
): DatesBuilt {
  const a = instant(d.submissionsOpenAt, d.timeZone, 'submissionsOpenAt', (m) => m.submissionsOpenAt)
  if ('problem' in a) return a
  const b = instant(d.votingOpensAt, d.timeZone, 'votingOpensAt', (m) => m.votingOpensAt)
  if ('problem' in b) return b
  const c = instant(d.votingClosesAt, d.timeZone, 'votingClosesAt', (m) => m.votingClosesAt)
  if ('problem' in c) return c
  if (!(Date.parse(a.iso) < Date.parse(b.iso) && Date.parse(b.iso) < Date.parse(c.iso)))
    return { problem: (m) => m.datesOrder, field: 'votingOpensAt' }
  let resultsAt: string | null = null
  if (d.resultsAt.trim()) {
    const r = instant(d.resultsAt, d.timeZone, 'resultsAt', (m) => m.resultsAt)
    if ('problem' in r) return r
    resultsAt = r.iso
  }
  return { body: { submissionsOpenAt: a.iso, votingOpensAt: b.iso, votingClosesAt: c.iso, resultsAt } }
}

/** The body of POST /api/contests. */
export function contestBody(d: ContestDraft): Built<Record<string, unknown>> {
  const dates = contestDates(d)
  if ('problem' in dates) return dates
  const body: Record<string, unknown> = {
    title: trimmed(d.title),
    rules: d.rules,
    submissionsOpenAt: dates.body.submissionsOpenAt,
    votingOpensAt: dates.body.votingOpensAt,
    votingClosesAt: dates.body.votingClosesAt,
    votesPerMember: Number(d.votesPerMember),
    votingMode: d.votingMode,
  }
  if (dates.body.resultsAt) body.resultsAt = dates.body.resultsAt
  if (d.entriesPerMember.trim()) body.entriesPerMember = Number(d.entriesPerMember)
  if (d.categoryId) body.categoryId = Number(d.categoryId)
  if (d.votingMode !== 'members') {
    const jurors = parseIds(d.jurorIds)
    if (jurors === null) return { problem: (m) => `${m.jurors}: ${m.jurorsHint}`, field: 'jurorIds' }
    if (jurors.length) body.jurorIds = jurors
    const criteria = parseCriteria(d.criteria)
    if (criteria === null) return { problem: (m) => m.badCriteria, field: 'criteria' }
    if (criteria.length) body.criteria = criteria
    if (d.votingMode === 'both' && d.juryWeight.trim()) body.juryWeight = Number(d.juryWeight)
  }
  if (d.tieBreak) body.tieBreak = d.tieBreak
  if (d.minAccountAgeDays.trim()) body.minAccountAgeDays = Number(d.minAccountAgeDays)
  if (d.minTrustLevel.trim()) body.minTrustLevel = Number(d.minTrustLevel)
  if (d.groupIds.length) body.groupIds = d.groupIds.map(Number)
  return { body }
}

export interface ChallengeDraft {
  title: string
  description: string
  points: string
  timeZone: string
  startsAt: string
  endsAt: string
  recurrence: 'none' | 'weekly' | 'monthly'
  completion: 'rule' | 'review'
  ruleAction: 'reply' | 'topic' | 'reaction_received'
  ruleCount: string
  ruleCategoryId: string
  badgeSlug: string
  badgeNameEn: string
  badgeNameFr: string
}

export function emptyChallengeDraft(zone: string): ChallengeDraft {
  return {
    title: '',
    description: '',
    points: '10',
    timeZone: zone,
    startsAt: '',
    endsAt: '',
    recurrence: 'none',
    completion: 'review',
    ruleAction: 'reply',
    ruleCount: '1',
    ruleCategoryId: '',
    badgeSlug: '',
    badgeNameEn: '',
    badgeNameFr: '',
  }
}

/** The body of POST /api/challenges: a rule when activity completes it, none for reviewed submissions. */
export function challengeBody(d: ChallengeDraft): Built<Record<string, unknown>> {
  const start = instant(d.startsAt, d.timeZone, 'startsAt', (m) => m.startsAt)
  if ('problem' in start) return start
  const body: Record<string, unknown> = {
    title: trimmed(d.title),
    points: Number(d.points),
    startsAt: start.iso,
    timeZone: d.timeZone,
    recurrence: d.recurrence,
  }
  if (d.description.trim()) body.description = d.description
  if (d.endsAt.trim()) {
    const end = instant(d.endsAt, d.timeZone, 'endsAt', (m) => m.endsAtOptional)
    if ('problem' in end) return end
    if (Date.parse(end.iso) <= Date.parse(start.iso))
      return { problem: (m) => m.endBeforeStart, field: 'endsAt' }
    body.endsAt = end.iso
  }
  if (d.completion === 'rule') {
    const rule: Record<string, unknown> = { action: d.ruleAction, count: Number(d.ruleCount) }
    if (d.ruleCategoryId) rule.categoryId = Number(d.ruleCategoryId)
    body.rule = rule
  }
  if (d.badgeSlug.trim()) {
    const badge: Record<string, unknown> = { slug: d.badgeSlug.trim() }
    if (d.badgeNameEn.trim()) badge.nameEn = d.badgeNameEn.trim()
    if (d.badgeNameFr.trim()) badge.nameFr = d.badgeNameFr.trim()
    body.badge = badge
  }
  return { body }
}
