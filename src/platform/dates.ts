/** ISO 8601 in UTC, as every view shows times; accepts what the drivers return (Date or string). */
export const toIso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

export const toIsoOrNull = (d: Date | string | null): string | null => (d === null ? null : toIso(d));
