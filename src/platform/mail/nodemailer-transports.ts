import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailTransport, OutgoingMail } from './mail-transport';

const message = (from: string, mail: OutgoingMail) => ({
  from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  headers: mail.headers,
});

/** nodemailer over SMTP (smtp:// or smtps:// with credentials in the URL). */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(message(this.from, mail));
  }

  close(): void {
    this.transporter.close();
  }
}

/** Builds the raw RFC 822 message with nodemailer's stream transport, without sending it. */
abstract class RawMailTransport implements MailTransport {
  abstract readonly kind: 'files' | 'memory';
  private readonly builder = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly from: string) {}

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.builder.sendMail(message(this.from, mail))) as { message: Buffer };
    await this.keep(info.message, mail);
  }

  protected abstract keep(raw: Buffer, mail: OutgoingMail): Promise<void>;

  close(): void {
    this.builder.close();
  }
}

/** Development without SMTP: each mail is an .eml file under `dir`, its path logged. */
export class FileMailTransport extends RawMailTransport {
  readonly kind = 'files';

  constructor(
    from: string,
    private readonly dir: string,
    private readonly logger: Logger,
  ) {
    super(from);
  }

  protected async keep(raw: Buffer, mail: OutgoingMail): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(this.dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
    await writeFile(file, raw);
    this.logger.log(`mail "${mail.subject}" to ${mail.to} written to ${file}`);
  }
}

/** DATA_DIR=memory:// (tests): the last mails are kept in memory, nothing touches the disk. */
export class MemoryMailTransport extends RawMailTransport {
  readonly kind = 'memory';
  static readonly KEPT = 100;
  readonly sent: { mail: OutgoingMail; raw: Buffer }[] = [];

  protected keep(raw: Buffer, mail: OutgoingMail): Promise<void> {
    this.sent.push({ mail, raw });
    if (this.sent.length > MemoryMailTransport.KEPT) this.sent.shift();
    return Promise.resolve();
  }
}

/** Production without SMTP_URL: mail is off (MailModule warns once at boot). */
export class NoMailTransport implements MailTransport {
  readonly kind = 'off';
  send(): Promise<void> {
    return Promise.resolve();
  }
  close(): void {}
}
