import { Type } from 'typebox'
import { Nullable } from '../http/schemas.js'
import { phases, tieBreaks, votingModes } from './phase.js'

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)))
const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
const DateTime = (description: string) => Type.String({ format: 'date-time', description })

export const ContestParams = Type.Object({ id: Id }, { additionalProperties: false })
export const EntryParams = Type.Object({ id: Id, entryId: Id }, { additionalProperties: false })
export const VoteParams = Type.Object({ id: Id, voteId: Id }, { additionalProperties: false })

const Criterion = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$', description: 'e.g. "originality"' }),
    name: Type.String({ minLength: 1, maxLength: 80, description: 'Shown to jurors.' }),
  },
  { additionalProperties: false },
)

const Eligibility = {
  minAccountAgeDays: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 3650, description: 'Accounts at least this old enter and vote.' }),
  ),
  minTrustLevel: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10, description: 'Members at least this trusted enter and vote.' }),
  ),
  groupIds: Type.Optional(
    Type.Array(Id, {
      maxItems: 20,
      uniqueItems: true,
      description: 'Only members of one of these groups enter and vote; none: every member.',
    }),
  ),
}

const ResultsAt = DateTime(
  'With a jury: results come out when every juror has scored every entry, or at this time at the latest.',
)

export const ContestCreate = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 200, description: 'Also the discussion topic’s title.' }),
    rules: Type.String({ minLength: 1, maxLength: 20_000, description: 'Markdown, rendered to safe HTML.' }),
    submissionsOpenAt: DateTime('Entries are accepted from this time until voting opens.'),
    votingOpensAt: DateTime('Members vote from this time…'),
    votingClosesAt: DateTime('…until this one; without a jury, results are out at once.'),
    votesPerMember: Type.Integer({ minimum: 1, maximum: 100, description: 'Votes each member may cast.' }),
    resultsAt: Type.Optional(ResultsAt),
    entriesPerMember: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 1 })),
    categoryId: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Where the discussion topic goes; by default the first category everyone reads.',
      }),
    ),
    votingMode: Type.Optional(literals(votingModes)),
    jurorIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true })),
    criteria: Type.Optional(Type.Array(Criterion, { maxItems: 10 })),
    juryWeight: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description:
          'With votingMode "both": the jury’s share of the final score (members’ votes get the rest).',
      }),
    ),
    tieBreak: Type.Optional(literals(tieBreaks)),
    ...Eligibility,
  },
  { additionalProperties: false },
)

export const ContestPatch = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 3, maxLength: 200 })),
    rules: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
    submissionsOpenAt: Type.Optional(DateTime('Any date may move, past ones included, if the order holds.')),
    votingOpensAt: Type.Optional(Type.String({ format: 'date-time' })),
    votingClosesAt: Type.Optional(Type.String({ format: 'date-time' })),
    resultsAt: Type.Optional(Nullable(ResultsAt)),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Why, for the audit log.' })),
  },
  { additionalProperties: false, minProperties: 1 },
)

const Person = Type.Object({
  id: Type.Integer(),
  handle: Type.String(),
  displayName: Type.String(),
  avatarUrl: Type.Optional(Nullable(Type.String())),
})

export const Contest = Type.Object(
  {
    id: Type.Integer(),
    title: Type.String(),
    rules: Type.String({ description: 'The rules as written (Markdown).' }),
    rulesHtml: Type.String({ description: 'The rules, sanitised HTML.' }),
    phase: literals(phases),
    submissionsOpenAt: Type.String({ format: 'date-time' }),
    votingOpensAt: Type.String({ format: 'date-time' }),
    votingClosesAt: Type.String({ format: 'date-time' }),
    resultsAt: Nullable(Type.String({ format: 'date-time' })),
    votesPerMember: Type.Integer(),
    entriesPerMember: Type.Integer(),
    votingMode: literals(votingModes),
    juryWeight: Type.Number({ description: '0 without a jury, 1 for a jury alone.' }),
    criteria: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    jurors: Type.Array(Person),
    tieBreak: Type.String({
      description:
        'earliest_entry: equal scores rank by entry time (ranks never shared); jury: by jury score, ranks shared only when that ties too; shared: equal scores share a rank.',
    }),
    eligibility: Type.Object({
      minAccountAgeDays: Nullable(Type.Integer()),
      minTrustLevel: Nullable(Type.Integer()),
      groupIds: Type.Array(Type.Integer()),
    }),
    entryCount: Type.Integer(),
    topicId: Type.Integer({ description: 'The contest’s discussion topic.' }),
    topicUrl: Nullable(
      Type.String({ description: 'The discussion topic’s page on the community site (a path).' }),
    ),
    url: Type.String({ description: 'The contest’s page on the community site.' }),
    createdAt: Type.String({ format: 'date-time' }),
    me: Nullable(
      Type.Object(
        {
          entries: Type.Integer(),
          votesUsed: Type.Integer(),
          votesLeft: Type.Integer(),
          juror: Type.Boolean(),
        },
        { description: 'The signed-in reader’s own standing; null for visitors.' },
      ),
    ),
    can: Type.Object({
      enter: Type.Boolean(),
      vote: Type.Boolean(),
      judge: Type.Boolean(),
      moderate: Type.Boolean(),
    }),
  },
  { $id: 'Contest', description: 'A contest; its phase is worked out from its dates when read.' },
)

export const Entry = Type.Object(
  {
    id: Type.Integer(),
    contestId: Type.Integer(),
    author: Person,
    title: Type.String(),
    body: Type.String({ description: 'As written (Markdown).' }),
    html: Type.String({ description: 'Sanitised HTML.' }),
    imageUrl: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    disqualified: Type.Boolean({ description: 'Only moderators see disqualified entries.' }),
    disqualifiedReason: Type.Optional(Nullable(Type.String())),
    voted: Type.Boolean({ description: 'Whether the reader voted for it.' }),
    myScores: Type.Optional(
      Type.Record(Type.String(), Type.Integer(), { description: 'A juror’s own scores, by criterion.' }),
    ),
  },
  { $id: 'ContestEntry', description: 'An entry; vote counts stay hidden until results.' },
)

export const EntryCreate = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({
      maxLength: 20_000,
      description:
        'Markdown. As multipart/form-data, `title` and `body` are fields beside an `image` file (JPEG, PNG, WebP or GIF, up to 8 MB); the body may then be empty.',
    }),
  },
  { additionalProperties: false },
)

export const ContestResponse = Type.Object({ contest: Type.Ref('Contest') })
export const ContestList = Type.Object({
  items: Type.Array(Type.Ref('Contest')),
  nextCursor: Nullable(Type.String()),
})
export const EntryResponse = Type.Object({ entry: Type.Ref('ContestEntry') })
export const EntryList = Type.Object({
  items: Type.Array(Type.Ref('ContestEntry')),
  nextCursor: Nullable(Type.String()),
})

export const VoteResponse = Type.Object({
  vote: Type.Object({
    id: Type.Integer(),
    contestId: Type.Integer(),
    entryId: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    votesLeft: Type.Integer({ description: 'Votes the member may still cast in this contest.' }),
  }),
})

export const ScoresBody = Type.Object(
  {
    scores: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0, maximum: 10 }), {
      description: 'A score from 0 to 10 for each of the contest’s criteria, by criterion id.',
    }),
  },
  { additionalProperties: false },
)

export const ScoresResponse = Type.Object({
  scores: Type.Record(Type.String(), Type.Integer()),
  juryComplete: Type.Boolean({ description: 'Every juror has scored every entry.' }),
})

export const ResultList = Type.Object({
  items: Type.Array(
    Type.Object({
      entry: Type.Ref('ContestEntry'),
      votes: Type.Integer({ description: 'Members’ votes counted (disqualified votes left out).' }),
      rank: Type.Integer({ description: '1 for the winner(s).' }),
      score: Type.Number({ description: 'What ranks: votes, the jury’s mean score, or the weighted blend.' }),
      juryScore: Nullable(Type.Number({ description: 'Mean of the jurors’ scores (0–10), with a jury.' })),
    }),
  ),
})

export const Reason = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
)

export const VotesQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  },
  { additionalProperties: false },
)

export const AuditVote = Type.Object({
  id: Type.Integer(),
  entryId: Type.Integer(),
  voter: Type.Object({
    id: Type.Integer(),
    handle: Type.String(),
    displayName: Type.String(),
    createdAt: Type.String({ format: 'date-time', description: 'When the voter’s account was created.' }),
  }),
  slot: Type.Integer({ description: 'Which of the voter’s votes this is (1..votesPerMember).' }),
  ip: Type.String({ description: 'The network address the vote came from.' }),
  createdAt: Type.String({ format: 'date-time' }),
  disqualified: Type.Boolean(),
  disqualifiedReason: Nullable(Type.String()),
})

export const VoteList = Type.Object({ items: Type.Array(AuditVote), nextCursor: Nullable(Type.String()) })

export const IntegrityQuery = Type.Object(
  {
    windowMinutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 10_080,
        default: 60,
        description: 'How close account creations are.',
      }),
    ),
    minVoters: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000, default: 3 })),
  },
  { additionalProperties: false },
)

const Voter = Type.Object({ id: Type.Integer(), handle: Type.String(), createdAt: Type.String() })

export const IntegrityReport = Type.Object({
  windowMinutes: Type.Integer(),
  minVoters: Type.Integer(),
  sharedAddresses: Type.Array(
    Type.Object(
      { ip: Type.String(), voterCount: Type.Integer(), voteCount: Type.Integer(), voters: Type.Array(Voter) },
      { description: 'Several members voting from one network address.' },
    ),
  ),
  newAccountClusters: Type.Array(
    Type.Object(
      {
        entryId: Type.Integer(),
        from: Type.String({ format: 'date-time' }),
        to: Type.String({ format: 'date-time' }),
        voterCount: Type.Integer(),
        voters: Type.Array(Voter),
      },
      { description: 'Accounts created within the window of one another, all voting for one entry.' },
    ),
  ),
})

export const ImageParams = Type.Object({ id: Id }, { additionalProperties: false })
