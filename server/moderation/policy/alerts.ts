import type { Mailer } from '../../mail/mailer.js'

/** An urgent flag, as the flagging code reports it. */
export interface UrgentAlert {
  /** The review queue item. */
  itemId: number
  /** What was flagged: 'post', 'topic' or 'user'. */
  kind: string
  ruleId: string
  note: string
  /** Where to look: a path on the community site, or an absolute address. */
  url: string
  /** Who flagged it (a handle). */
  flaggedBy: string
}

export interface OnCall {
  id: number
  handle: string
  displayName: string
  email: string
}

interface Log {
  warn(obj: object, msg: string): void
}

export interface Delivery {
  webhookUrl: string | null
  /** Mailboxes besides the on-call moderators' own (the team's). */
  extraEmails: string[]
  publicUrl: string
  offHours: boolean
  sentAt: Date
}

const webhookTimeoutMs = 5_000
const retryDelayMs = 500

/** The message both channels carry, in French then English. */
export function alertText(alert: UrgentAlert, link: string): { subject: string; text: string } {
  const note = alert.note.trim()
  const subject = `[Tribune] Signalement urgent / Urgent flag: ${alert.ruleId}`
  const text = [
    `Signalement urgent (règle « ${alert.ruleId} ») par @${alert.flaggedBy}, sur ${kindFr[alert.kind] ?? alert.kind}.`,
    note ? `Note : ${note}` : null,
    `À examiner : ${link}`,
    '',
    `Urgent flag (rule "${alert.ruleId}") by @${alert.flaggedBy}, on ${kindEn[alert.kind] ?? alert.kind}.`,
    note ? `Note: ${note}` : null,
    `Review it: ${link}`,
  ]
    .filter((l) => l !== null)
    .join('\n')
  return { subject, text }
}

const kindFr: Record<string, string> = { post: 'un message', topic: 'un sujet', user: 'un membre' }
const kindEn: Record<string, string> = { post: 'a post', topic: 'a topic', user: 'a member' }

/**
 * Tells the moderators on call about an urgent flag: a JSON POST to the admin's webhook (5 s per
 * attempt, one retry) and an email to each of them and the team mailbox when SMTP is configured.
 * Each channel fails on its own, logged, never thrown: the flag is recorded whatever happens here.
 */
export async function deliverAlert(
  alert: UrgentAlert,
  onCall: OnCall[],
  d: Delivery,
  mailer: Mailer,
  log: Log,
): Promise<void> {
  const link = /^https?:\/\//i.test(alert.url)
    ? alert.url
    : `${d.publicUrl}${alert.url.startsWith('/') ? '' : '/'}${alert.url}`
  const { subject, text } = alertText(alert, link)
  const tasks: Promise<unknown>[] = []
  if (d.webhookUrl) {
    const payload = {
      type: 'tribune.urgent_flag',
      text,
      community: d.publicUrl,
      itemId: alert.itemId,
      kind: alert.kind,
      ruleId: alert.ruleId,
      note: alert.note,
      url: link,
      flaggedBy: alert.flaggedBy,
      offHours: d.offHours,
      onCall: onCall.map(({ id, handle, displayName }) => ({ id, handle, displayName })),
      sentAt: d.sentAt.toISOString(),
    }
    tasks.push(postWebhook(d.webhookUrl, payload, log))
  }
  if (mailer.enabled) {
    const to = [...onCall.map((m) => m.email), ...d.extraEmails].filter((e) => e.includes('@'))
    if (to.length) tasks.push(mailer.send({ to, subject, text }))
  }
  await Promise.all(tasks)
}

/** POSTs JSON; true when the receiver answered 2xx, within two attempts. */
export async function postWebhook(url: string, payload: unknown, log: Log): Promise<boolean> {
  const body = JSON.stringify(payload)
  let lastError = ''
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Tribune alerts' },
        body,
        signal: AbortSignal.timeout(webhookTimeoutMs),
      })
      // Drain the body so that the connection is released.
      await res.arrayBuffer().catch(() => undefined)
      if (res.ok) return true
      lastError = `HTTP ${res.status}`
    } catch (err) {
      lastError = (err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message
    }
    if (attempt === 1) await new Promise((r) => setTimeout(r, retryDelayMs))
  }
  // The address is the admin's and may carry a secret token in its path: log its origin only.
  log.warn({ webhook: safeOrigin(url), error: lastError }, 'urgent alert: webhook delivery failed')
  return false
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'invalid address'
  }
}
