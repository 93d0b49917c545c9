import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { durationMs } from '../../config/duration';
import type { AppConfig } from '../../config/env.schema';
import type { Db } from '../../db/database';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { AppLinks, siteOf } from './app-links';
import { MailQueueRepository } from './mail-queue.repository';
import { MailSender } from './mail-sender.service';
import { NotificationsRepository, type DueContinuity } from './notifications.repository';
import { continuityMail } from './templates/mail-templates';

const BATCH = 50;

/**
 * Conversation continuity: agent replies a visitor with an email has not seen within
 * EMAIL_CONTINUITY_DELAY are mailed to them, at most once per conversation per delay.
 */
@Injectable()
export class ContinuityService implements OnModuleInit {
  readonly delayMs: number;
  private readonly links: AppLinks;

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly queue: MailQueueRepository,
    private readonly sender: MailSender,
    private readonly jobs: JobRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.delayMs = durationMs(config.EMAIL_CONTINUITY_DELAY);
    this.links = new AppLinks(config);
  }

  onModuleInit(): void {
    this.jobs.register({
      name: 'notifications.continuity',
      // Often enough that a check is at most a quarter of the delay late (and at least each 5 s).
      everyMs: Math.max(100, Math.min(this.delayMs / 4, 5000)),
      scope: 'node',
      run: () => this.runDue(),
    });
  }

  /** An agent's public reply was committed. */
  agentReplied(conversationId: string): Promise<void> {
    return this.repo.scheduleContinuity(conversationId, this.delayMs);
  }

  async runDue(): Promise<void> {
    let queued = false;
    for (let n = BATCH; n === BATCH;) {
      n = await this.repo.runDueContinuity(BATCH, async (tx, due) => {
        const seq = await this.check(tx, due);
        queued ||= seq !== undefined;
        return seq;
      });
    }
    if (queued) this.sender.soon();
  }

  private async check(tx: Db, due: DueContinuity): Promise<number | undefined> {
    const ctx = await this.repo.conversationContext(due.conversationId, tx);
    if (!ctx?.visitorEmail || ctx.visitorOptedOut) return undefined;
    const after = Math.max(ctx.visitorLastReadSeq, due.mailedThroughSeq);
    const replies = await this.repo.unseenAgentReplies(tx, ctx.conversationId, after);
    if (replies.length === 0) return undefined;
    const through = replies[replies.length - 1].seq;
    const content = continuityMail({
      projectName: ctx.projectName,
      replies: replies.map((r) => ({ author: r.author ?? ctx.projectName, body: r.body })),
      conversationUrl: siteOf(ctx.allowedOrigins),
      unsubscribeUrl: this.links.unsubscribe(ctx.visitorId),
    });
    await this.queue.enqueue(
      [
        {
          ...content,
          key: `continuity:${ctx.conversationId}:${through}`,
          kind: 'continuity',
          to: ctx.visitorEmail,
          visitorId: ctx.visitorId,
        },
      ],
      tx,
    );
    return through;
  }
}
