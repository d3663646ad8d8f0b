import type { Transaction } from 'kysely'
import type { Viewer } from '../../accounts/viewer.js'
import { isStaff } from '../../accounts/viewer.js'
import type { Database, Db } from '../../db/database.js'

type Executor = Db | Transaction<Database>

export function selectQuestions(db: Executor) {
  return db
    .selectFrom('eventQuestions as q')
    .leftJoin('users as u', 'u.id', 'q.authorId')
    .select([
      'q.id',
      'q.eventId',
      'q.authorId',
      'u.handle as authorHandle',
      'u.displayName as authorDisplayName',
      'q.body',
      'q.html',
      'q.voteCount',
      'q.createdAt',
      'q.answeredAt',
      'q.hiddenAt',
    ])
}

export type QuestionRow = Awaited<ReturnType<ReturnType<typeof selectQuestions>['executeTakeFirstOrThrow']>>

/**
 * A question as the API and the live channel show it. Hidden ones reach moderators only (with
 * `hidden: true`); `voted` is the reader's own upvote.
 */
export function presentQuestion(row: QuestionRow, viewer: Viewer | null, voted = false) {
  return {
    id: row.id,
    eventId: row.eventId,
    author:
      row.authorId === null
        ? null
        : { id: row.authorId, handle: row.authorHandle ?? '', displayName: row.authorDisplayName ?? '' },
    body: row.body,
    html: row.html,
    votes: row.voteCount,
    answered: row.answeredAt !== null,
    answeredAt: row.answeredAt === null ? null : new Date(row.answeredAt).toISOString(),
    hidden: row.hiddenAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    voted,
    can: {
      vote: viewer !== null && viewer.restriction === null && viewer.id !== row.authorId,
      moderate: isStaff(viewer),
    },
  }
}
