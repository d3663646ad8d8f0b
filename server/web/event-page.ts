import { html, raw, textOf } from './html.js'
import { formatDate, type Lang } from './i18n.js'
import { crumbs, type PageContext, page } from './layout.js'

/** The event as the API gives it to the reader (server/events/schema.ts), the fields this page reads. */
export interface EventShape {
  id: number
  title: string
  html: string
  startsAt: string
  endsAt: string
  timeZone: string
  location: string | null
  onlineUrl: string | null
  capacity: number | null
  placesLeft: number | null
  goingCount: number
  visibility: 'public' | 'members' | 'group'
  status: 'scheduled' | 'cancelled'
  cancelReason: string
  topicId: number | null
  url: string
  icsUrl: string
  createdAt: string
  updatedAt: string
}

const strings = {
  fr: {
    events: 'Événements',
    when: 'Date',
    where: 'Lieu',
    online: 'En ligne',
    going: (n: number, capacity: number | null) =>
      capacity === null ? `${n} participant${n > 1 ? 's' : ''}` : `${n} / ${capacity} participants`,
    cancelled: 'Événement annulé',
    sep: ' : ',
    attendees: 'Participants',
    addToCalendar: 'Ajouter à mon agenda (.ics)',
    discussion: 'Voir la discussion',
    description: (title: string, when: string) => `${title}, le ${when}.`,
  },
  en: {
    events: 'Events',
    when: 'When',
    where: 'Where',
    online: 'Online',
    going: (n: number, capacity: number | null) =>
      capacity === null ? `${n} going` : `${n} / ${capacity} going`,
    cancelled: 'Event cancelled',
    sep: ': ',
    attendees: 'Attendees',
    addToCalendar: 'Add to my calendar (.ics)',
    discussion: 'Join the discussion',
    description: (title: string, when: string) => `${title}, on ${when}.`,
  },
} satisfies Record<Lang, unknown>

/**
 * An event's page for readers without the app and for search engines: its facts and
 * description, and schema.org `Event` data. Only public events are indexed (the others are
 * shown to their readers, noindex).
 */
export function eventPage(ctx: PageContext, event: EventShape): string {
  const s = strings[ctx.lang]
  // The member's zone if they have one, else the event's own: both named on the page.
  const zone = ctx.me?.timeZone || event.timeZone
  const when = `${formatDate(event.startsAt, ctx.lang, zone)} – ${formatDate(event.endsAt, ctx.lang, zone)}`
  const body = html`${crumbs(ctx, [{ href: '/events', label: s.events }])}
<h1>${event.title}</h1>
${event.status === 'cancelled' ? html`<p class="notice"><strong>${s.cancelled}</strong>${event.cancelReason ? html`${s.sep}${event.cancelReason}` : ''}</p>` : ''}
<dl class="facts">
  <dt>${s.when}</dt><dd><time datetime="${event.startsAt}">${when}</time></dd>
  ${event.location || event.onlineUrl ? html`<dt>${s.where}</dt><dd>${event.location ?? ''}${event.location && event.onlineUrl ? ' · ' : ''}${event.onlineUrl ? s.online : ''}</dd>` : ''}
  <dt>${s.attendees}</dt><dd>${s.going(event.goingCount, event.capacity)}</dd>
</dl>
<div class="post-body">${raw(event.html)}</div>
<p><a href="${event.icsUrl}">${s.addToCalendar}</a>${event.topicId ? html` · <a href="/t/topic/${event.topicId}">${s.discussion}</a>` : ''}</p>`
  const url = `${ctx.publicUrl}${event.url}`
  const online = Boolean(event.onlineUrl)
  const place = Boolean(event.location)
  const locations = [
    ...(place ? [{ '@type': 'Place', name: event.location, address: event.location }] : []),
    ...(online ? [{ '@type': 'VirtualLocation', url: event.onlineUrl }] : []),
  ]
  return page(ctx, {
    title: event.title,
    description: textOf(event.html, 160) || s.description(event.title, when),
    canonical: event.visibility === 'public' ? event.url : null,
    body,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: event.title,
      url,
      description: textOf(event.html, 5000),
      startDate: event.startsAt,
      endDate: event.endsAt,
      eventStatus: `https://schema.org/${event.status === 'cancelled' ? 'EventCancelled' : 'EventScheduled'}`,
      eventAttendanceMode: `https://schema.org/${
        online && place
          ? 'MixedEventAttendanceMode'
          : online
            ? 'OnlineEventAttendanceMode'
            : 'OfflineEventAttendanceMode'
      }`,
      ...(locations.length === 1
        ? { location: locations[0] }
        : locations.length
          ? { location: locations }
          : {}),
      organizer: { '@type': 'Organization', name: ctx.site.name, url: ctx.publicUrl },
      ...(event.capacity !== null
        ? { maximumAttendeeCapacity: event.capacity, remainingAttendeeCapacity: event.placesLeft ?? 0 }
        : {}),
    },
  })
}
