import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signed download links for the disk driver, for `<img src>` and links that cannot carry a token. */
export class AttachmentLinks {
  constructor(private readonly secret: string) {}

  private signature(id: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`attachment-link:${id}:${expires}`).digest('base64url');
  }

  /** The query string of a link to `id` valid until `expires` (seconds since the epoch). */
  query(id: string, expires: number): string {
    return `expires=${expires}&signature=${this.signature(id, expires)}`;
  }

  verify(id: string, expires: number, signature: string, nowS = Date.now() / 1000): boolean {
    if (expires < nowS) return false;
    const expected = Buffer.from(this.signature(id, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
