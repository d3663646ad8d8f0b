// The events API's shapes as the pages read them (server/events/schema.ts has them in full).

export type RsvpStatus = 'going' | 'waitlisted' | 'maybe' | 'not_going'

export interface Rsvp {
  status: RsvpStatus
  /** Place in the waitlist (1 is next), when waitlisted. */
  position?: number
}

export interface CommunityEvent {
  id: number
  title: string
  html: string
  startsAt: string
  endsAt: string
  timeZone: string
  location: string | null
  onlineUrl: string | null
  capacity: number | null
  rsvpDeadline: string | null
  topicId: number | null
  topicUrl: string | null
  url: string
  icsUrl: string
  goingCount: number
  waitlistCount: number
  maybeCount: number
  placesLeft: number | null
  status: 'scheduled' | 'cancelled'
  cancelReason: string
  rsvpOpen: boolean
  qaOpen: boolean
  myRsvp: Rsvp | null
  can: { edit: boolean; rsvp: boolean; ask: boolean; moderate: boolean }
}

export interface Question {
  id: number
  eventId: number
  author: { id: number; handle: string; displayName: string } | null
  html: string
  votes: number
  answered: boolean
  hidden: boolean
  createdAt: string
  voted: boolean
  can: { vote: boolean; moderate: boolean }
}

export interface Attendee {
  user: { id: number; handle: string; displayName: string }
  status: RsvpStatus
  position?: number
  since: string
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** Whether the event is full: every place taken (or people already waiting). */
export function isFull(e: Pick<CommunityEvent, 'capacity' | 'placesLeft' | 'waitlistCount'>): boolean {
  return e.capacity !== null && (e.placesLeft === 0 || e.waitlistCount > 0)
}

/** The Q&A order the server uses: most upvoted first, then oldest. */
export function sortQuestions(questions: Question[]): Question[] {
  return [...questions].sort(
    (a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
  )
}

/**
 * A question as it arrives live (presented for no one in particular: `voted` false, `can` for a
 * visitor) merged with what this reader already knew of it: their own vote and permissions stay.
 */
export function mergeQuestion(
  list: Question[],
  incoming: Question,
  reader: { signedIn: boolean; staff: boolean; id: number | null },
): Question[] {
  const known = list.find((q) => q.id === incoming.id)
  const merged: Question = known
    ? { ...incoming, voted: known.voted, can: known.can }
    : {
        ...incoming,
        voted: false,
        can: {
          vote: reader.signedIn && incoming.author?.id !== reader.id,
          moderate: reader.staff,
        },
      }
  return sortQuestions([...list.filter((q) => q.id !== incoming.id), merged])
}
