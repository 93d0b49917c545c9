/**
 * Project allowed origins: exact origins (`https://shop.example.com`, `http://localhost:5173`) or
 * one leading wildcard label (`https://*.example.com`: any subdomain of example.com, at any depth,
 * but not example.com itself).
 */

/** The normalised form of an allowed-origin entry (lower-case host, no default port), or undefined. */
export function normaliseAllowedOrigin(value: string): string | undefined {
  // http(s), a host and nothing the origin would drop (a path, query or fragment), but one trailing slash.
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.hostname.includes('*') && !/^\*\.[^*]+\.[^*]+$/.test(url.hostname)) return undefined;
  return url.origin;
}

/** Whether a browser's Origin header matches one of the (normalised) entries. */
export function originMatches(allowed: readonly string[], origin: string): boolean {
  if (allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return allowed.some((entry) => {
    if (!entry.includes('://*.')) return false;
    const pattern = new URL(entry.replace('://*.', '://wildcard.'));
    const suffix = pattern.hostname.slice('wildcard'.length);
    return url.protocol === pattern.protocol && url.port === pattern.port && url.hostname.endsWith(suffix);
  });
}
