/** True when `timezone` is an IANA zone this runtime knows (Intl throws a RangeError otherwise). */
export function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
