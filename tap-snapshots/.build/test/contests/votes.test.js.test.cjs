/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`.build/test/contests/votes.test.js > TAP > the vote statement, as SQL (a hot path: changes show up in review) > cast a vote: lowest free slot, guarded, one statement 1`] = `

insert into contest_votes (contest_id, entry_id, voter_id, slot, ip, created_at)
select e.contest_id, e.id, u.id, s.slot, $1, $2::timestamptz
from contest_entries e
  join users u on u.id = $3::bigint and u.created_at <= $4::timestamptz
  cross join generate_series(1, $5::int) as s(slot)
where e.id = $6::bigint and e.contest_id = $7::bigint
  and e.author_id <> u.id and e.disqualified_at is null
  and not exists (select from contest_votes x
    where x.contest_id = $8::bigint and x.voter_id = u.id and x.slot = s.slot)
  and not exists (select from contest_votes x where x.entry_id = e.id and x.voter_id = u.id)
order by s.slot limit 1
on conflict do nothing
returning id, created_at,
  (select count(*) from contest_votes x where x.contest_id = $9::bigint and x.voter_id = $10::bigint)::int as used_before
`
