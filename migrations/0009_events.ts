import { type Kysely, sql } from 'kysely'

// Events: a community meet-up or live session with its RSVPs (a capacity and a waitlist), its
// reminders (jobs), its discussion topic and a live Q&A. The counts live on the event row, which
// every RSVP locks (`for update`): places are handed out one at a time, so the check constraint
// below can never fire in practice; it is there so that a bug cannot oversell an event either.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    // By default, not always: the service draws the id first, so the discussion topic's opening
    // post can link to the event's page in the same transaction.
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull())
    // The Markdown as the moderator wrote it, and its sanitised HTML (rendered once, at write time).
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    // The IANA zone the event happens in: what its page and its .ics show local times in.
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('online_url', 'text')
    // Null: as many places as members who want one.
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity is null or capacity >= 1`))
    .addColumn('rsvp_deadline', 'timestamptz')
    .addColumn('visibility', 'text', (c) =>
      c.notNull().defaultTo('public').check(sql`visibility in ('public', 'members', 'group')`),
    )
    .addColumn('group_id', 'bigint', (c) => c.references('groups.id'))
    .addColumn('category_id', 'bigint', (c) => c.references('categories.id'))
    .addColumn('topic_id', 'bigint', (c) => c.references('topics.id').onDelete('set null'))
    .addColumn('qa_open', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('going_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waitlist_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('maybe_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_going_count', 'integer', (c) => c.notNull().defaultTo(0))
    // Bumped on every change calendar apps should pick up (the iCalendar SEQUENCE).
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancelled_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('cancel_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint('events_ends_after_start', sql`ends_at > starts_at`)
    .addCheckConstraint(
      'events_deadline_before_start',
      sql`rsvp_deadline is null or rsvp_deadline <= starts_at`,
    )
    .addCheckConstraint('events_group_visibility', sql`(visibility = 'group') = (group_id is not null)`)
    .addCheckConstraint(
      'events_counts',
      sql`going_count >= 0 and waitlist_count >= 0 and maybe_count >= 0 and not_going_count >= 0
        and (capacity is null or going_count <= capacity)`,
    )
    .execute()
  // Listings and the calendar feed walk events by start (keyset on starts_at, id).
  await sql`create index events_starts_idx on events (starts_at, id)`.execute(db)
  await sql`create index events_ends_idx on events (ends_at)`.execute(db)

  // Who answered what: one row per member and event (the primary key), whatever they change it
  // to. A waitlisted row holds its place in the queue: queue_seq, drawn under the event's lock,
  // so the waitlist's order is the order members asked.
  await sql`create sequence event_waitlist_seq`.execute(db)
  await db.schema
    .createTable('event_rsvps')
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('going', 'waitlisted', 'maybe', 'not_going')`),
    )
    .addColumn('queue_seq', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // When the current status began (a promoted member's place dates from their promotion).
    .addColumn('status_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addPrimaryKeyConstraint('event_rsvps_pkey', ['event_id', 'user_id'])
    .addCheckConstraint('event_rsvps_queue', sql`(status = 'waitlisted') = (queue_seq is not null)`)
    .execute()
  await sql`create unique index event_rsvps_waitlist_idx on event_rsvps (event_id, queue_seq)
    where status = 'waitlisted'`.execute(db)
  await sql`create index event_rsvps_user_idx on event_rsvps (user_id)`.execute(db)

  // An RSVP's critical section, in the database: every RSVP of an event waits for the event row's
  // lock, so the lock is held for one function call, never across round trips to the app (under
  // load those cost more than the work). Each statement of a PL/pgSQL function reads the latest
  // committed rows, so what it reads after the lock is current. The service (server/events/rsvp)
  // calls these and keeps the rules around them (who may see the event, the errors' words).

  // Fills free places from the waitlist, earliest first, each promoted member notified on their
  // user:<id> channel (the channel's lock first, as recordLiveEvent does); writes the counts.
  // The caller holds the event's lock. Returns [{id, userId}] of the notices, in queue order.
  await sql`
create function event_fill(p_event bigint) returns jsonb language plpgsql as $$
declare
  ev events%rowtype;
  n integer;
  r record;
  notice_id bigint;
  notices jsonb := '[]'::jsonb;
begin
  select * into ev from events where id = p_event;
  n := case when ev.capacity is null then ev.waitlist_count
            else least(greatest(ev.capacity - ev.going_count, 0), ev.waitlist_count) end;
  if n <= 0 then return notices; end if;
  for r in select user_id from event_rsvps where event_id = p_event and status = 'waitlisted'
      order by queue_seq limit n loop
    update event_rsvps set status = 'going', queue_seq = null, status_at = clock_timestamp()
      where event_id = p_event and user_id = r.user_id;
    perform pg_advisory_xact_lock(hashtext('user:' || r.user_id));
    insert into live_events (channel, type, data)
      values ('user:' || r.user_id, 'event.promoted', jsonb_build_object('eventId', ev.id, 'title', ev.title,
        'startsAt', to_char(ev.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'url', '/events/' || ev.id))
      returning id into notice_id;
    notices := notices || jsonb_build_object('id', notice_id, 'userId', r.user_id);
  end loop;
  n := jsonb_array_length(notices);
  update events set going_count = going_count + n, waitlist_count = waitlist_count - n where id = p_event;
  return notices;
end $$`.execute(db)

  // One member's answer to an event: p_choice 'going' (a place, or the end of the waitlist when
  // the event is full or others wait), 'maybe', 'not_going', or null to withdraw it. Locks the
  // event, refuses what its state no longer allows, writes the answer and the counts, fills freed
  // places and records rsvp.changed on event:<id>. Returns {status, position?, changedId?,
  // notices} or {error}: not_found, event_cancelled, event_ended, rsvp_closed.
  await sql`
create function event_rsvp(p_event bigint, p_user bigint, p_choice text, p_now timestamptz)
returns jsonb language plpgsql as $$
declare
  ev events%rowtype;
  cur text;
  target text;
  notices jsonb := '[]'::jsonb;
  changed_id bigint;
begin
  select * into ev from events where id = p_event for update;
  if not found then return jsonb_build_object('error', 'not_found'); end if;
  if ev.cancelled_at is not null then return jsonb_build_object('error', 'event_cancelled'); end if;
  if ev.ends_at <= p_now then return jsonb_build_object('error', 'event_ended'); end if;
  -- Past the deadline members may still withdraw (it frees a place), not join.
  if p_choice in ('going', 'maybe') and ev.rsvp_deadline is not null and p_now >= ev.rsvp_deadline then
    return jsonb_build_object('error', 'rsvp_closed');
  end if;
  select status into cur from event_rsvps where event_id = p_event and user_id = p_user;
  if p_choice is null then
    if cur is null then return jsonb_build_object('status', null, 'notices', notices); end if;
    delete from event_rsvps where event_id = p_event and user_id = p_user;
  else
    target := case
      when p_choice <> 'going' then p_choice
      when cur in ('going', 'waitlisted') then cur
      when ev.capacity is not null and (ev.going_count >= ev.capacity or ev.waitlist_count > 0) then 'waitlisted'
      else 'going' end;
    if cur is not distinct from target then
      return jsonb_build_object('status', target, 'notices', notices, 'position', case when target = 'waitlisted' then (
        select count(*) from event_rsvps w, event_rsvps me
        where me.event_id = p_event and me.user_id = p_user and w.event_id = p_event
          and w.status = 'waitlisted' and w.queue_seq <= me.queue_seq) end);
    end if;
    insert into event_rsvps (event_id, user_id, status, queue_seq)
      values (p_event, p_user, target,
        case when target = 'waitlisted' then nextval('event_waitlist_seq') end)
      on conflict (event_id, user_id) do update
        set status = excluded.status, queue_seq = excluded.queue_seq, status_at = clock_timestamp();
  end if;
  update events set
    going_count = going_count + (target is not distinct from 'going')::int - (cur is not distinct from 'going')::int,
    waitlist_count = waitlist_count + (target is not distinct from 'waitlisted')::int
      - (cur is not distinct from 'waitlisted')::int,
    maybe_count = maybe_count + (target is not distinct from 'maybe')::int - (cur is not distinct from 'maybe')::int,
    not_going_count = not_going_count + (target is not distinct from 'not_going')::int
      - (cur is not distinct from 'not_going')::int
  where id = p_event;
  notices := event_fill(p_event);
  select * into ev from events where id = p_event;
  if target = 'waitlisted' then
    select status into target from event_rsvps where event_id = p_event and user_id = p_user;
  end if;
  perform pg_advisory_xact_lock(hashtext('event:' || p_event));
  insert into live_events (channel, type, data)
    values ('event:' || p_event, 'rsvp.changed', jsonb_build_object('eventId', p_event,
      'goingCount', ev.going_count, 'waitlistCount', ev.waitlist_count, 'maybeCount', ev.maybe_count,
      'placesLeft', case when ev.capacity is null then null else greatest(ev.capacity - ev.going_count, 0) end))
    returning id into changed_id;
  return jsonb_build_object('status', target, 'changedId', changed_id, 'notices', notices,
    -- A newcomer to the waitlist is its last: the lock keeps anyone from queueing after them.
    'position', case when target = 'waitlisted' and cur is distinct from 'waitlisted' then ev.waitlist_count end);
end $$`.execute(db)

  // Reminders already sent, so a retried job never sends one twice; keyed by the start it was
  // for, so an event moved to another day is reminded of again.
  await db.schema
    .createTable('event_reminders')
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('reminder', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('event_reminders_pkey', ['event_id', 'reminder', 'starts_at'])
    .execute()

  // The live Q&A: questions members ask during the event, upvoted (once per member, by the
  // primary key of event_question_votes), answered or hidden by moderators.
  await db.schema
    .createTable('event_questions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('author_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('vote_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`vote_count >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await sql`create index event_questions_rank_idx on event_questions (event_id, vote_count desc, created_at, id)`.execute(
    db,
  )
  await db.schema
    .createTable('event_question_votes')
    .addColumn('question_id', 'bigint', (c) =>
      c.notNull().references('event_questions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_question_votes_pkey', ['question_id', 'user_id'])
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
