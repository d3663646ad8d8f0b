/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`.build/test/forum/sql-snapshots.test.js > TAP > category topic list: pinned first, then by activity, keyset > after a cursor 1`] = `
select "t"."id", "t"."category_id", "t"."author_id", "t"."title", "t"."slug", "t"."pinned", "t"."locked", "t"."post_count", "t"."created_at", "t"."last_post_at", "t"."last_post_id", "t"."last_poster_id", "t"."slow_mode_seconds", "tu"."handle" as "author_handle", "tu"."display_name" as "author_display_name", (extract(epoch from "t"."last_post_at") * 1000000)::bigint as "activity_micros" from "topics" as "t" inner join "users" as "tu" on "tu"."id" = "t"."author_id" where "t"."category_id" = $1 and "t"."deleted_at" is null and "t"."hidden_at" is null and (t.pinned, t.last_post_at, t.id) < ($2, timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4) order by "t"."pinned" desc, "t"."last_post_at" desc, "t"."id" desc limit $5
`

exports[`.build/test/forum/sql-snapshots.test.js > TAP > category topic list: pinned first, then by activity, keyset > first page 1`] = `
select "t"."id", "t"."category_id", "t"."author_id", "t"."title", "t"."slug", "t"."pinned", "t"."locked", "t"."post_count", "t"."created_at", "t"."last_post_at", "t"."last_post_id", "t"."last_poster_id", "t"."slow_mode_seconds", "tu"."handle" as "author_handle", "tu"."display_name" as "author_display_name", (extract(epoch from "t"."last_post_at") * 1000000)::bigint as "activity_micros" from "topics" as "t" inner join "users" as "tu" on "tu"."id" = "t"."author_id" where "t"."category_id" = $1 and "t"."deleted_at" is null and "t"."hidden_at" is null order by "t"."pinned" desc, "t"."last_post_at" desc, "t"."id" desc limit $2
`

exports[`.build/test/forum/sql-snapshots.test.js > TAP > post insert with mentions > insert the post, count it, record its mentions 1`] = `
insert into "posts" ("id", "topic_id", "author_id", "post_number", "reply_to_id", "body", "html") values ($1, $2, $3, $4, $5, $6, $7) returning "id", "topic_id", "post_number", "author_id", "reply_to_id", "body", "html", "revision", "reactions", "created_at", "edited_at", "deleted_at", "hidden_at";

update "users" set "post_count" = "post_count" + $1 where "id" = $2 returning "handle", "display_name", "avatar_url", "role";

insert into "post_mentions" ("post_id", "user_id") values ($1, $2), ($3, $4) on conflict do nothing
`

exports[`.build/test/forum/sql-snapshots.test.js > TAP > reply: every statement of the write, in order > load the topic, number the post, insert it, record events 1`] = `
select "t"."id", "t"."category_id", "t"."author_id", "t"."title", "t"."slug", "t"."pinned", "t"."locked", "t"."post_count", "t"."created_at", "t"."last_post_at", "t"."last_post_id", "t"."last_poster_id", "t"."slow_mode_seconds", "tu"."handle" as "author_handle", "tu"."display_name" as "author_display_name" from "topics" as "t" inner join "users" as "tu" on "tu"."id" = "t"."author_id" where "t"."id" = $1 and "t"."deleted_at" is null;


with t as (
  update topics
  set post_count = post_count + 1, last_post_at = now(), last_poster_id = $1::bigint,
    last_post_id = nextval(pg_get_serial_sequence('posts', 'id'))
  where id = $2::bigint and deleted_at is null and (not locked or $3::boolean)
  returning post_count, last_post_id, last_post_at, locked, category_id, author_id
),
p as (
  insert into posts (id, topic_id, author_id, post_number, reply_to_id, body, html)
  select t.last_post_id, $4::bigint, $5::bigint, t.post_count, $6::bigint,
    $7::text, $8::text
  from t
  returning id, topic_id, post_number, author_id, reply_to_id, body, html, revision, reactions, created_at,
    edited_at, deleted_at, hidden_at
),
u as (
  update users set post_count = post_count + 1
  where id = $9::bigint and exists (select from p)
  returning handle, display_name, avatar_url, role
),
m as (
  insert into post_mentions (post_id, user_id)
  select p.id, mu.user_id from p, unnest($10::bigint[]) as mu(user_id)
  on conflict do nothing
),
e as (
  insert into live_events (channel, type, data)
  select 'topic:' || p.topic_id, 'post.created', jsonb_build_object('post', $11::jsonb
    || jsonb_build_object(
      'id', p.id, 'topicId', p.topic_id, 'postNumber', p.post_number,
      'author', jsonb_build_object('id', p.author_id, 'handle', u.handle, 'displayName', u.display_name,
        'avatarUrl', u.avatar_url, 'role', u.role),
      'body', p.body, 'html', p.html, 'replyToId', p.reply_to_id,
      'createdAt', to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'editedAt', to_char(p.edited_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'revision', p.revision,
      'reactions', (select jsonb_object_agg(k, coalesce((p.reactions ->> k)::numeric, 0))
        from unnest($12::text[]) as k),
      'deleted', p.deleted_at is not null, 'hidden', p.hidden_at is not null))
  from p, u, (select pg_advisory_xact_lock(hashtext($13::text))) as locked
  union all
  select 'category:' || t.category_id, 'topic.updated', jsonb_build_object('topic', jsonb_build_object(
    'id', $14::bigint, 'postCount', t.post_count, 'lastPostAt', to_char(t.last_post_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'lastPosterId', $15::bigint))
  from t, lateral (select pg_advisory_xact_lock(hashtext('category:' || t.category_id::text))) as locked
  union all
  -- Notifications on user:<id>: the author replied to (else the topic's), and everyone mentioned.
  select 'user:' || n.user_id, n.kind, jsonb_build_object('postId', p.id, 'topicId', p.topic_id,
    'postNumber', p.post_number, 'by', jsonb_build_object('id', p.author_id, 'handle', u.handle,
    'displayName', u.display_name))
  from p, u, (
    select user_id, max(kind) as kind from (
      select coalesce((select author_id from posts where id = $16::bigint), t.author_id) as user_id,
        'reply' as kind from t
      union all
      select mu.user_id, 'mention' from unnest($17::bigint[]) as mu(user_id)
    ) x
    -- Kinds the member turned off (server/notifications): before grouping, so a mention still
    -- reaches someone who wants mentions but not replies.
    where not exists (select from users pu where pu.id = x.user_id
      and pu.notification_prefs -> (case x.kind when 'reply' then 'replies' else 'mentions' end) = 'false'::jsonb)
    group by user_id order by user_id
  ) n, lateral (select pg_advisory_xact_lock(hashtext('user:' || n.user_id::text))) as locked
  where n.user_id <> p.author_id
  returning id, channel, type
)
select p.*, u.handle as author_handle, u.display_name as author_display_name, u.avatar_url as author_avatar_url,
  u.role as author_role, t.post_count as topic_post_count, t.last_post_at, t.locked, t.category_id,
  (select id from e where type = 'post.created') as post_event_id,
  (select id from e where type = 'topic.updated') as topic_event_id,
  (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'channel', channel, 'type', type)), '[]')
    from e where channel like 'user:%') as user_events
from t, p, u
`

exports[`.build/test/forum/sql-snapshots.test.js > TAP > search: candidates, rank, one page, headlines > after a cursor 1`] = `

    with bounds as materialized (
      select (select max(id) from posts) - 10000 as post_id,
        (select max(id) from topics) - 2000 as topic_id
    ),
    body_recent as materialized (
      select p.id
      from posts p
      join topics t on t.id = p.topic_id
      where p.id > (select post_id from bounds) and p.search @@ (websearch_to_tsquery('tribune_fr', $1) || websearch_to_tsquery('tribune_en', $2))
        and p.deleted_at is null and p.hidden_at is null
        and t.deleted_at is null and t.hidden_at is null and t.category_id in ($3, $4, $5)
      order by p.id desc
      limit 100
    ),
    body_older as materialized (
      select p.id, p.topic_id
      from posts p
      where (select count(*) from body_recent) < 100
        and p.search @@ (websearch_to_tsquery('tribune_fr', $6) || websearch_to_tsquery('tribune_en', $7)) and p.deleted_at is null and p.hidden_at is null
    ),
    body_hits as (
      select id from body_recent
      union
      -- Newest first, then readable: the topic is looked up for as few posts as it takes
      -- (offset 0 keeps the planner from checking every match before sorting).
      (select o.id from (select * from body_older order by id desc offset 0) o
       where (select t.category_id from topics t where t.id = o.topic_id and t.deleted_at is null and t.hidden_at is null) in ($8, $9, $10) limit 100)
    ),
    title_recent as materialized (
      select t.id
      from topics t
      where t.id > (select topic_id from bounds) and t.search @@ (websearch_to_tsquery('tribune_fr', $11) || websearch_to_tsquery('tribune_en', $12))
        and t.deleted_at is null and t.hidden_at is null and t.category_id in ($13, $14, $15)
      order by t.id desc
      limit 30
    ),
    title_older as materialized (
      select t.id
      from topics t
      where (select count(*) from title_recent) < 30
        and t.search @@ (websearch_to_tsquery('tribune_fr', $16) || websearch_to_tsquery('tribune_en', $17)) and t.deleted_at is null and t.hidden_at is null and t.category_id in ($18, $19, $20)
    ),
    title_hits as (
      select p.id
      from (select id from title_recent union (select id from title_older order by id desc limit 30)) c
      join posts p on p.topic_id = c.id and p.post_number = 1
      where p.deleted_at is null and p.hidden_at is null
    ),
    ranked as (
      select p.id,
        ts_rank(p.search, (websearch_to_tsquery('tribune_fr', $21) || websearch_to_tsquery('tribune_en', $22)))::float8
          + case when p.post_number = 1 and t.search @@ (websearch_to_tsquery('tribune_fr', $23) || websearch_to_tsquery('tribune_en', $24)) then 1 + ts_rank(t.search, (websearch_to_tsquery('tribune_fr', $25) || websearch_to_tsquery('tribune_en', $26))) else 0 end
          as rank
      from (select id from body_hits union select id from title_hits) c
      join posts p on p.id = c.id
      join topics t on t.id = p.topic_id
    ),
    page as materialized (
      select r.id, r.rank from ranked r
      where (r.rank, r.id) < ($27::float8, $28::bigint)
      order by r.rank desc, r.id desc
      limit $29
    )
    select p.id, p.post_number, p.created_at, page.rank,
      u.id as author_id, u.handle as author_handle, u.display_name as author_display_name,
      t.id as topic_id, t.title as topic_title, t.slug as topic_slug, t.category_id,
      coalesce(case when strpos(h.fr, $30) > 0 then h.fr else ts_headline('tribune_en', regexp_replace(regexp_replace(regexp_replace(left(p.body, 20000), '!?\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g'), '^[ \\t]*(#{1,6}[ \\t]+|>[> \\t]*|[-*+][ \\t]+|\\d{1,9}[.)][ \\t]+)', '', 'gn'), '[\\uE000\\uE001*~\`\\\\]+|(^|\\s)_+|_+(\\s|$)', ' ', 'g'), (websearch_to_tsquery('tribune_fr', $31) || websearch_to_tsquery('tribune_en', $32)), 'StartSel=, StopSel=, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "') end, '')
        as headline
    from page
    join posts p on p.id = page.id
    join topics t on t.id = p.topic_id
    join users u on u.id = p.author_id
    cross join lateral (select ts_headline('tribune_fr', regexp_replace(regexp_replace(regexp_replace(left(p.body, 20000), '!?\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g'), '^[ \\t]*(#{1,6}[ \\t]+|>[> \\t]*|[-*+][ \\t]+|\\d{1,9}[.)][ \\t]+)', '', 'gn'), '[\\uE000\\uE001*~\`\\\\]+|(^|\\s)_+|_+(\\s|$)', ' ', 'g'), (websearch_to_tsquery('tribune_fr', $33) || websearch_to_tsquery('tribune_en', $34)), 'StartSel=, StopSel=, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "') as fr) h
    order by page.rank desc, page.id desc
  
`

exports[`.build/test/forum/sql-snapshots.test.js > TAP > search: candidates, rank, one page, headlines > first page 1`] = `

    with bounds as materialized (
      select (select max(id) from posts) - 10000 as post_id,
        (select max(id) from topics) - 2000 as topic_id
    ),
    body_recent as materialized (
      select p.id
      from posts p
      join topics t on t.id = p.topic_id
      where p.id > (select post_id from bounds) and p.search @@ (websearch_to_tsquery('tribune_fr', $1) || websearch_to_tsquery('tribune_en', $2))
        and p.deleted_at is null and p.hidden_at is null
        and t.deleted_at is null and t.hidden_at is null and t.category_id in ($3, $4, $5)
      order by p.id desc
      limit 100
    ),
    body_older as materialized (
      select p.id, p.topic_id
      from posts p
      where (select count(*) from body_recent) < 100
        and p.search @@ (websearch_to_tsquery('tribune_fr', $6) || websearch_to_tsquery('tribune_en', $7)) and p.deleted_at is null and p.hidden_at is null
    ),
    body_hits as (
      select id from body_recent
      union
      -- Newest first, then readable: the topic is looked up for as few posts as it takes
      -- (offset 0 keeps the planner from checking every match before sorting).
      (select o.id from (select * from body_older order by id desc offset 0) o
       where (select t.category_id from topics t where t.id = o.topic_id and t.deleted_at is null and t.hidden_at is null) in ($8, $9, $10) limit 100)
    ),
    title_recent as materialized (
      select t.id
      from topics t
      where t.id > (select topic_id from bounds) and t.search @@ (websearch_to_tsquery('tribune_fr', $11) || websearch_to_tsquery('tribune_en', $12))
        and t.deleted_at is null and t.hidden_at is null and t.category_id in ($13, $14, $15)
      order by t.id desc
      limit 30
    ),
    title_older as materialized (
      select t.id
      from topics t
      where (select count(*) from title_recent) < 30
        and t.search @@ (websearch_to_tsquery('tribune_fr', $16) || websearch_to_tsquery('tribune_en', $17)) and t.deleted_at is null and t.hidden_at is null and t.category_id in ($18, $19, $20)
    ),
    title_hits as (
      select p.id
      from (select id from title_recent union (select id from title_older order by id desc limit 30)) c
      join posts p on p.topic_id = c.id and p.post_number = 1
      where p.deleted_at is null and p.hidden_at is null
    ),
    ranked as (
      select p.id,
        ts_rank(p.search, (websearch_to_tsquery('tribune_fr', $21) || websearch_to_tsquery('tribune_en', $22)))::float8
          + case when p.post_number = 1 and t.search @@ (websearch_to_tsquery('tribune_fr', $23) || websearch_to_tsquery('tribune_en', $24)) then 1 + ts_rank(t.search, (websearch_to_tsquery('tribune_fr', $25) || websearch_to_tsquery('tribune_en', $26))) else 0 end
          as rank
      from (select id from body_hits union select id from title_hits) c
      join posts p on p.id = c.id
      join topics t on t.id = p.topic_id
    ),
    page as materialized (
      select r.id, r.rank from ranked r
      
      order by r.rank desc, r.id desc
      limit $27
    )
    select p.id, p.post_number, p.created_at, page.rank,
      u.id as author_id, u.handle as author_handle, u.display_name as author_display_name,
      t.id as topic_id, t.title as topic_title, t.slug as topic_slug, t.category_id,
      coalesce(case when strpos(h.fr, $28) > 0 then h.fr else ts_headline('tribune_en', regexp_replace(regexp_replace(regexp_replace(left(p.body, 20000), '!?\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g'), '^[ \\t]*(#{1,6}[ \\t]+|>[> \\t]*|[-*+][ \\t]+|\\d{1,9}[.)][ \\t]+)', '', 'gn'), '[\\uE000\\uE001*~\`\\\\]+|(^|\\s)_+|_+(\\s|$)', ' ', 'g'), (websearch_to_tsquery('tribune_fr', $29) || websearch_to_tsquery('tribune_en', $30)), 'StartSel=, StopSel=, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "') end, '')
        as headline
    from page
    join posts p on p.id = page.id
    join topics t on t.id = p.topic_id
    join users u on u.id = p.author_id
    cross join lateral (select ts_headline('tribune_fr', regexp_replace(regexp_replace(regexp_replace(left(p.body, 20000), '!?\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g'), '^[ \\t]*(#{1,6}[ \\t]+|>[> \\t]*|[-*+][ \\t]+|\\d{1,9}[.)][ \\t]+)', '', 'gn'), '[\\uE000\\uE001*~\`\\\\]+|(^|\\s)_+|_+(\\s|$)', ' ', 'g'), (websearch_to_tsquery('tribune_fr', $31) || websearch_to_tsquery('tribune_en', $32)), 'StartSel=, StopSel=, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "') as fr) h
    order by page.rank desc, page.id desc
  
`

exports[`.build/test/forum/sql-snapshots.test.js > TAP > topic page: the topic, a page of posts and their authors in one statement > after a post 1`] = `
select "t"."id", "t"."category_id", "t"."author_id", "t"."title", "t"."slug", "t"."pinned", "t"."locked", "t"."post_count", "t"."created_at", "t"."last_post_at", "t"."last_post_id", "t"."last_poster_id", "t"."slow_mode_seconds", "tu"."handle" as "author_handle", "tu"."display_name" as "author_display_name", (select coalesce(json_agg(agg), '[]') from (select "p"."id", "p"."topic_id", "p"."post_number", "p"."author_id", "p"."reply_to_id", "p"."body", "p"."html", "p"."revision", "p"."reactions", "p"."created_at", "p"."edited_at", "p"."deleted_at", "p"."hidden_at", "p"."held_at", "pu"."handle" as "author_handle", "pu"."display_name" as "author_display_name", "pu"."avatar_url" as "author_avatar_url", "pu"."role" as "author_role", (select coalesce(json_agg(agg), '[]') from (select "r"."user_id", "r"."kind" from "reactions" as "r" where "r"."post_id" = "p"."id" order by "r"."created_at" limit $1) as agg) as "reactors" from "posts" as "p" inner join "users" as "pu" on "pu"."id" = "p"."author_id" where "p"."topic_id" = $2 and "p"."id" > $3 order by "p"."id" asc limit $4) as agg) as "posts", (select coalesce(max(le.id), 0) from live_events le where le.channel = 'topic:' || t.id) as "last_event_id" from "topics" as "t" inner join "users" as "tu" on "tu"."id" = "t"."author_id" where "t"."id" = $5 and "t"."deleted_at" is null
`

exports[`.build/test/forum/sql-snapshots.test.js > TAP > topic page: the topic, a page of posts and their authors in one statement > before a post 1`] = `
select "t"."id", "t"."category_id", "t"."author_id", "t"."title", "t"."slug", "t"."pinned", "t"."locked", "t"."post_count", "t"."created_at", "t"."last_post_at", "t"."last_post_id", "t"."last_poster_id", "t"."slow_mode_seconds", "tu"."handle" as "author_handle", "tu"."display_name" as "author_display_name", (select coalesce(json_agg(agg), '[]') from (select "p"."id", "p"."topic_id", "p"."post_number", "p"."author_id", "p"."reply_to_id", "p"."body", "p"."html", "p"."revision", "p"."reactions", "p"."created_at", "p"."edited_at", "p"."deleted_at", "p"."hidden_at", "p"."held_at", "pu"."handle" as "author_handle", "pu"."display_name" as "author_display_name", "pu"."avatar_url" as "author_avatar_url", "pu"."role" as "author_role", (select coalesce(json_agg(agg), '[]') from (select "r"."user_id", "r"."kind" from "reactions" as "r" where "r"."post_id" = "p"."id" order by "r"."created_at" limit $1) as agg) as "reactors" from "posts" as "p" inner join "users" as "pu" on "pu"."id" = "p"."author_id" where "p"."topic_id" = $2 and "p"."id" < $3 order by "p"."id" desc limit $4) as agg) as "posts", (select coalesce(max(le.id), 0) from live_events le where le.channel = 'topic:' || t.id) as "last_event_id" from "topics" as "t" inner join "users" as "tu" on "tu"."id" = "t"."author_id" where "t"."id" = $5 and "t"."deleted_at" is null
`

exports[`.build/test/forum/sql-snapshots.test.js > TAP > topic page: the topic, a page of posts and their authors in one statement > first page 1`] = `
select "t"."id", "t"."category_id", "t"."author_id", "t"."title", "t"."slug", "t"."pinned", "t"."locked", "t"."post_count", "t"."created_at", "t"."last_post_at", "t"."last_post_id", "t"."last_poster_id", "t"."slow_mode_seconds", "tu"."handle" as "author_handle", "tu"."display_name" as "author_display_name", (select coalesce(json_agg(agg), '[]') from (select "p"."id", "p"."topic_id", "p"."post_number", "p"."author_id", "p"."reply_to_id", "p"."body", "p"."html", "p"."revision", "p"."reactions", "p"."created_at", "p"."edited_at", "p"."deleted_at", "p"."hidden_at", "p"."held_at", "pu"."handle" as "author_handle", "pu"."display_name" as "author_display_name", "pu"."avatar_url" as "author_avatar_url", "pu"."role" as "author_role", (select coalesce(json_agg(agg), '[]') from (select "r"."user_id", "r"."kind" from "reactions" as "r" where "r"."post_id" = "p"."id" order by "r"."created_at" limit $1) as agg) as "reactors" from "posts" as "p" inner join "users" as "pu" on "pu"."id" = "p"."author_id" where "p"."topic_id" = $2 order by "p"."id" asc limit $3) as agg) as "posts", (select coalesce(max(le.id), 0) from live_events le where le.channel = 'topic:' || t.id) as "last_event_id" from "topics" as "t" inner join "users" as "tu" on "tu"."id" = "t"."author_id" where "t"."id" = $4 and "t"."deleted_at" is null
`
