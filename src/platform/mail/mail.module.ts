import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import {
  FileMailTransport,
  MemoryMailTransport,
  NoMailTransport,
  SmtpMailTransport,
} from './nodemailer-transports';

const logger = new Logger('Mail');

export function createMailTransport(config: AppConfig): MailTransport {
  if (config.SMTP_URL) return new SmtpMailTransport(config.SMTP_URL, config.MAIL_FROM);
  if (config.isProduction) {
    logger.warn('SMTP_URL is not set: no mail is sent (invitations, password resets, notifications)');
    return new NoMailTransport();
  }
  if (config.DATA_DIR.startsWith('memory://')) return new MemoryMailTransport(config.MAIL_FROM);
  return new FileMailTransport(config.MAIL_FROM, join(config.DATA_DIR, 'mail'), logger);
}

@Global()
@Module({
  providers: [{ provide: MAIL_TRANSPORT, inject: [APP_CONFIG], useFactory: createMailTransport }],
  exports: [MAIL_TRANSPORT],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
