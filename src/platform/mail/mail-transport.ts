/** A rendered mail, ready to go. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/**
 * Where mail goes, chosen once from config (MailModule): SMTP when SMTP_URL is set; otherwise an
 * .eml file per mail under DATA_DIR/mail (development, test; kept in memory when DATA_DIR is
 * memory://), or nowhere in production. send() throws when the mail was not accepted (retry it).
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'files' | 'memory' | 'off';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
