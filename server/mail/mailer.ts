import nodemailer, { type Transporter } from 'nodemailer'
import type { Config } from '../config.js'

/** One email, plain text: every message Tribune sends is readable in any client. */
export interface Mail {
  to: string[]
  subject: string
  text: string
}

interface Log {
  warn(obj: object, msg: string): void
}

/**
 * Sends email through the SMTP server of `SMTP_URL`, or nowhere when it is unset (`enabled` is
 * then false and `send` does nothing). One per app: the transport keeps no connection open
 * between messages, so a server that restarts or goes away costs nothing until the next send.
 *
 * @example
 *   const mailer = new Mailer(app.config, app.log)
 *   if (mailer.enabled) await mailer.send({ to: ['cm@brand.example'], subject, text })
 */
export class Mailer {
  private readonly transport: Transporter | null

  constructor(
    private readonly config: Pick<Config, 'smtpUrl' | 'smtpFrom'>,
    private readonly log: Log,
  ) {
    this.transport = config.smtpUrl
      ? nodemailer.createTransport({
          url: config.smtpUrl,
          // A mail server that hangs must not hold an alert (or a shutdown) for minutes.
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : null
  }

  get enabled(): boolean {
    return this.transport !== null
  }

  /**
   * Sends one message to its recipients (deduplicated); resolves to whether the SMTP server took
   * it. Never throws: a failure is logged (without the SMTP URL, which holds the password) and
   * reported as false, so that mail going wrong never breaks the action that wanted to send it.
   */
  async send(mail: Mail): Promise<boolean> {
    const to = [...new Set(mail.to.map((a) => a.trim()).filter(Boolean))]
    if (!this.transport || to.length === 0) return false
    try {
      await this.transport.sendMail({
        from: this.config.smtpFrom,
        to,
        subject: mail.subject,
        text: mail.text,
      })
      return true
    } catch (err) {
      this.log.warn(
        { err: { message: (err as Error).message, code: (err as { code?: string }).code } },
        'mail: sending failed',
      )
      return false
    }
  }

  close(): void {
    this.transport?.close()
  }
}
