import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import t from 'tap'
import { ConfigError, loadConfig } from '../../server/config.js'
import { postWebhook } from '../../server/moderation/policy/alerts.js'
import { build, type TestApp } from '../helpers/app.js'
import { type Member, makeMember } from '../helpers/factories.js'
import { freePort } from '../helpers/ports.js'

type Test = { teardown(fn: () => unknown): void }

interface Hook {
  url: string
  requests: { headers: IncomingMessage['headers']; body: WebhookBody }[]
}

interface WebhookBody {
  [key: string]: unknown
  onCall: { id: number }[]
  text: string
  url: string
  offHours: boolean
}

/** A local webhook receiver on port 0; `answer` decides each response (204 by default). */
async function webhookSink(t: Test, answer?: (n: number, res: ServerResponse) => void): Promise<Hook> {
  const requests: Hook['requests'] = []
  const server: Server = createServer((req, res) => {
    let text = ''
    req.on('data', (c) => {
      text += c
    })
    req.on('end', () => {
      requests.push({ headers: req.headers, body: JSON.parse(text) })
      if (answer) answer(requests.length, res)
      else res.writeHead(204).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  t.teardown(() => {
    server.closeAllConnections()
    return new Promise((r) => server.close(r))
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tribune-secret`, requests }
}

interface Mail {
  from: string
  to: string[]
  text: string
}

/** A local SMTP server that keeps what it receives, with a login like a real relay's. */
async function smtpSink(t: Test): Promise<{ url: string; mails: Mail[] }> {
  const mails: Mail[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'tribune' && auth.password === 's3cret') cb(null, { user: 'tribune' })
      else cb(new Error('bad login'))
    },
    onData(stream, session, cb) {
      let raw = ''
      stream.on('data', (c) => {
        raw += c
      })
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          text: raw,
        })
        cb()
      })
    },
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  t.teardown(() => new Promise<void>((r) => server.close(() => r())))
  const port = (server.server.address() as AddressInfo).port
  return { url: `smtp://tribune:s3cret@127.0.0.1:${port}`, mails }
}

const alert = {
  itemId: 42,
  kind: 'post',
  ruleId: 'privacy',
  note: 'Mon adresse est publiée',
  url: '/moderation/queue/42',
  flaggedBy: 'lea',
}

async function setup(a: TestApp, hook: Hook | null, alertEmail: string | null = 'team@brand.example') {
  const admin = await makeMember(a, { role: 'admin' })
  const res = await a.inject({
    method: 'PUT',
    url: '/api/moderation/settings',
    headers: admin.auth,
    payload: { alertWebhookUrl: hook?.url ?? null, alertEmail },
  })
  if (res.statusCode !== 200) throw new Error(res.body)
  return admin
}

async function schedule(a: TestApp, admin: Member, day: Member, next: Member) {
  const res = await a.inject({
    method: 'PUT',
    url: '/api/moderation/duty',
    headers: admin.auth,
    payload: {
      shifts: [
        { moderatorId: day.id, timeZone: 'Europe/Paris', weekday: 1, startsAt: '09:00', endsAt: '17:00' },
        { moderatorId: next.id, timeZone: 'Europe/Paris', weekday: 2, startsAt: '08:00', endsAt: '12:00' },
      ],
    },
  })
  if (res.statusCode !== 200) throw new Error(res.body)
}

t.test('an urgent flag reaches the moderator on duty by webhook and by email', async (t) => {
  const hook = await webhookSink(t)
  const smtp = await smtpSink(t)
  const now = new Date('2025-01-06T09:00:00Z') // Monday 10:00 in Paris
  const a = await build(t, {
    clock: () => now,
    env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://club.example' },
  })
  const admin = await setup(a, hook)
  const day = await makeMember(a, { role: 'moderator' })
  const next = await makeMember(a, { role: 'moderator' })
  await schedule(a, admin, day, next)

  await a.app.moderationPolicy.alertUrgent(alert)

  t.equal(hook.requests.length, 1, 'one POST')
  const { headers, body } = hook.requests[0]!
  t.match(headers['content-type'], /application\/json/)
  t.match(body, {
    type: 'tribune.urgent_flag',
    itemId: 42,
    kind: 'post',
    ruleId: 'privacy',
    note: 'Mon adresse est publiée',
    url: 'https://club.example/moderation/queue/42',
    flaggedBy: 'lea',
    offHours: false,
    sentAt: '2025-01-06T09:00:00.000Z',
  })
  t.same(
    body.onCall.map((m: { id: number }) => m.id),
    [day.id],
    'the moderator on duty, not the one due tomorrow',
  )
  t.match(body.text, /Signalement urgent/)
  t.match(body.text, /Urgent flag/)

  t.equal(smtp.mails.length, 1, 'one email')
  const mail = smtp.mails[0]!
  t.same(mail.to.sort(), [day.email, 'team@brand.example'].sort(), 'to the moderator on duty and the team')
  t.equal(mail.from, 'no-reply@club.example', 'SMTP_FROM defaults to no-reply at the public host')
  t.match(mail.text, /Subject: \[Tribune\] Signalement urgent \/ Urgent flag: privacy/)
  const decoded = mail.text.replace(/=\r?\n/g, '')
  t.match(decoded, /r=C3=A8gle|règle/, 'French')
  t.match(decoded, /Review it: https:\/\/club.example\/moderation\/queue\/42/, 'English, with the link')
})

t.test('off hours the moderator due next is alerted; with no schedule, every moderator', async (t) => {
  const hook = await webhookSink(t)
  const smtp = await smtpSink(t)
  let now = new Date('2025-01-06T17:30:00Z') // Monday 18:30 in Paris
  const a = await build(t, {
    clock: () => now,
    env: { SMTP_URL: smtp.url, SMTP_FROM: 'Club <cm@club.example>' },
  })
  const admin = await setup(a, hook, null)
  const day = await makeMember(a, { role: 'moderator' })
  const next = await makeMember(a, { role: 'moderator' })
  await schedule(a, admin, day, next)

  await a.app.moderationPolicy.alertUrgent(alert)
  t.same(
    hook.requests[0]!.body.onCall.map((m: { id: number }) => m.id),
    [next.id],
    'Tuesday’s moderator',
  )
  t.equal(hook.requests[0]!.body.offHours, true)
  t.same(smtp.mails[0]!.to, [next.email])
  t.equal(smtp.mails[0]!.from, 'cm@club.example', 'SMTP_FROM')

  await a.inject({ method: 'PUT', url: '/api/moderation/duty', headers: admin.auth, payload: { shifts: [] } })
  now = new Date('2025-01-07T03:00:00Z')
  await a.app.moderationPolicy.alertUrgent(alert)
  t.same(
    hook.requests[1]!.body.onCall.map((m: { id: number }) => m.id).sort(),
    [day.id, next.id].sort(),
    'every moderator, not the admins',
  )
  t.equal(hook.requests[1]!.body.offHours, false)
})

t.test('a webhook that is down, failing or hanging never throws into the caller', async (t) => {
  const smtp = await smtpSink(t)
  const closed = `http://127.0.0.1:${await freePort()}/hook`
  const a = await build(t, { env: { SMTP_URL: smtp.url } })
  const admin = await makeMember(a, { role: 'admin' })
  await makeMember(a, { role: 'moderator' })
  await a.inject({
    method: 'PUT',
    url: '/api/moderation/settings',
    headers: admin.auth,
    payload: { alertWebhookUrl: closed },
  })
  await t.resolves(a.app.moderationPolicy.alertUrgent(alert), 'webhook down: resolves')
  t.equal(smtp.mails.length, 1, 'the email still goes')

  const flaky = await webhookSink(t, (n, res) => res.writeHead(n === 1 ? 503 : 200).end('ok'))
  const warnings: object[] = []
  const log = { warn: (o: object) => warnings.push(o) }
  t.equal(await postWebhook(flaky.url, { hello: 1 }, log), true, 'delivered on the retry')
  t.equal(flaky.requests.length, 2, 'one retry')
  t.same(warnings, [])

  const broken = await webhookSink(t, (_n, res) => res.writeHead(500).end())
  t.equal(await postWebhook(broken.url, { hello: 1 }, log), false)
  t.equal(broken.requests.length, 2, 'tried twice, no more')
  t.equal(warnings.length, 1, 'the failure is logged')
  t.notMatch(JSON.stringify(warnings), /tribune-secret/, 'without the secret path of the address')

  const hanging = await webhookSink(t, () => {})
  const started = performance.now()
  t.equal(await postWebhook(hanging.url, {}, log), false, 'a receiver that never answers')
  const took = performance.now() - started
  t.ok(took >= 10_000 && took < 15_000, `two 5 s attempts (${Math.round(took)} ms)`)
  t.match(warnings[1], { error: 'timed out' })
})

t.test('without SMTP_URL no email is attempted and the webhook still goes', async (t) => {
  const hook = await webhookSink(t)
  const a = await build(t)
  await setup(a, hook)
  await makeMember(a, { role: 'moderator' })
  await a.app.moderationPolicy.alertUrgent(alert)
  t.equal(hook.requests.length, 1)
  t.match(hook.requests[0]!.body.url, /^http:\/\/127\.0\.0\.1:3000\/moderation\/queue\/42$/)
})

t.test('SMTP_URL and SMTP_FROM in the configuration', async (t) => {
  t.equal(loadConfig({}).smtpUrl, undefined, 'unset: no email')
  t.equal(loadConfig({}).smtpFrom, 'Tribune <no-reply@127.0.0.1>')
  t.equal(loadConfig({ PUBLIC_URL: 'https://club.example/' }).smtpFrom, 'Tribune <no-reply@club.example>')
  t.equal(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example:465' }).smtpUrl, 'smtps://u:p@mail.example:465')
  for (const bad of ['mail.example:587', 'http://mail.example', 'smtp://'])
    t.throws(() => loadConfig({ SMTP_URL: bad }), { message: /SMTP_URL must look like/ }, bad)
  const err = (() => {
    try {
      loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example' })
    } catch (e) {
      return e
    }
  })()
  t.ok(err instanceof ConfigError, 'a configuration error')
  t.notMatch((err as Error).message, /hunter2/, 'the password is not echoed')
})
