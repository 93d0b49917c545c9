import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { MAIL_TRANSPORT, type MailTransport } from '../../platform/mail/mail-transport';
import { MailQueueRepository, type ClaimedMail } from './mail-queue.repository';

const BATCH = 20;
const POLL_MS = 1000;
const LEASE_MS = 120_000;
/** After this many refusals a mail is set aside (failed_at); about a day of retries. */
export const MAX_MAIL_ATTEMPTS = 12;
const MAX_BACKOFF_MS = 3_600_000;
/** 30 s, 1 min, 2 min … capped at an hour. */
export const mailBackoffMs = (attempts: number): number =>
  Math.min(30_000 * 2 ** (attempts - 1), MAX_BACKOFF_MS);

/**
 * Sends queued mails on every node (claims are SKIP LOCKED), each second and soon after something
 * was queued here. A refused mail (SMTP error, unreachable server) is retried with backoff.
 */
@Injectable()
export class MailSender implements OnModuleInit {
  private readonly logger = new Logger(MailSender.name);
  private nudge?: NodeJS.Timeout;
  private sending?: Promise<number>;

  constructor(
    private readonly queue: MailQueueRepository,
    private readonly jobs: JobRunner,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'notifications.send-mail',
      everyMs: POLL_MS,
      scope: 'node',
      run: () => this.drain(),
    });
    this.jobs.register({
      name: 'notifications.mail-queue-sweep',
      everyMs: 3_600_000,
      scope: 'cluster',
      run: () => this.queue.deleteOld(),
    });
  }

  /** Something was queued: send it shortly rather than at the next poll. */
  soon(): void {
    if (this.nudge) return;
    this.nudge = setTimeout(() => {
      this.nudge = undefined;
      this.drain().catch((err: unknown) => this.logger.warn(`mail send failed: ${String(err)}`));
    }, 20).unref();
  }

  /** Sends until nothing is due; concurrent calls share one run. Returns the mails tried. */
  drain(): Promise<number> {
    this.sending ??= this.sendAll().finally(() => (this.sending = undefined));
    return this.sending;
  }

  private async sendAll(): Promise<number> {
    let tried = 0;
    for (;;) {
      const batch = await this.queue.claim(BATCH, LEASE_MS);
      for (const mail of batch) await this.sendOne(mail);
      tried += batch.length;
      if (batch.length < BATCH) return tried;
    }
  }

  private async sendOne(mail: ClaimedMail): Promise<void> {
    try {
      await this.transport.send({
        to: mail.to,
        subject: mail.subject,
        text: mail.text ?? '',
        html: mail.html ?? '',
        headers: mail.headers,
      });
      await this.queue.markSent(mail.id);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = mail.attempts >= MAX_MAIL_ATTEMPTS;
      this.logger.warn(
        `mail ${mail.id} not sent (attempt ${mail.attempts}${giveUp ? ', giving up' : ''}): ${message}`,
      );
      await this.queue.retryLater(mail.id, message, mailBackoffMs(mail.attempts), giveUp);
    }
  }
}
