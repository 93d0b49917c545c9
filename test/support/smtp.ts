import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
  /** A header's raw value by its lower-case name. */
  header(name: string): string | undefined;
}

export interface SmtpSink {
  /** smtp://user:pass@127.0.0.1:<port> for SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Refuse the next `n` messages to `to` with a 451 (a temporary SMTP error). */
  refuseNext(to: string, n: number): void;
  /** Mails to `to` so far (whose subject starts with `subject`, when given). */
  to(to: string, subject?: string): ReceivedMail[];
  /** Resolves with the first mail to `to` (whose subject starts with `subject`); rejects after `timeoutMs`. */
  waitFor(to: string, subject?: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that takes any login and keeps every accepted mail, parsed. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username }),
    onData(stream, session, cb) {
      const rcpt = session.envelope.rcptTo[0]?.address.toLowerCase() ?? '';
      const left = refusals.get(rcpt) ?? 0;
      if (left > 0) {
        refusals.set(rcpt, left - 1);
        stream.resume();
        stream.on('end', () => cb(Object.assign(new Error('try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((m) => {
          const to = Array.isArray(m.to) ? m.to[0] : m.to;
          mails.push({
            to: to?.value[0]?.address ?? '',
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
            headers: m.headers,
            header: (name) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]*:\s*/, ''),
          });
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string, subject = '') =>
    mails.filter((m) => m.to.toLowerCase() === address.toLowerCase() && m.subject.startsWith(subject));
  return {
    url: `smtp://test:secret@127.0.0.1:${port}`,
    mails,
    refuseNext: (address, n) => void refusals.set(address.toLowerCase(), n),
    to,
    async waitFor(address, subject = '', timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (to(address, subject).length === 0) {
        if (Date.now() > deadline) throw new Error(`no mail "${subject}…" to ${address} came`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return to(address, subject)[0];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const found = mail.text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} link in: ${mail.text}`);
  return found;
}
