import { describe, it } from 'node:test';
import { expect } from 'expect';
import { isOpen, isValidTimeZone, nextOpenAt, wallClock, type BusinessHours } from './business-hours';

const weekdays = (from: string, to: string) => [1, 2, 3, 4, 5].map((day) => ({ day, from, to }));
const paris: BusinessHours = { timezone: 'Europe/Paris', weekly: weekdays('09:00', '17:00') };
const newYork: BusinessHours = { timezone: 'America/New_York', weekly: weekdays('09:00', '17:00') };
const at = (iso: string) => new Date(iso);

describe('business hours', () => {
  it('validates IANA time zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('reads the wall clock of the zone, not of the server', () => {
    // 2026-03-27 is a Friday; Paris is UTC+1 before the change.
    expect(wallClock('Europe/Paris', at('2026-03-27T08:30:00Z'))).toEqual({ day: 5, minute: 9 * 60 + 30 });
  });

  it('opens at 09:00 Paris time on both sides of the spring-forward change (2026-03-29)', () => {
    // Friday 27 March: UTC+1, so 09:00 local is 08:00 UTC.
    expect(isOpen(paris, at('2026-03-27T07:59:00Z'))).toBe(false);
    expect(isOpen(paris, at('2026-03-27T08:00:00Z'))).toBe(true);
    // Monday 30 March: UTC+2, so 09:00 local is 07:00 UTC; 08:00 UTC is already 10:00.
    expect(isOpen(paris, at('2026-03-30T06:59:00Z'))).toBe(false);
    expect(isOpen(paris, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isOpen(paris, at('2026-03-30T15:00:00Z'))).toBe(false);
  });

  it('finds the next opening across the spring-forward weekend', () => {
    // Friday 17:00 local (16:00 UTC) → Monday 09:00 CEST = 07:00 UTC.
    expect(nextOpenAt(paris, at('2026-03-27T16:00:00Z'))?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('finds the next opening across the fall-back weekend (2026-10-25)', () => {
    // Friday 23 October 17:30 CEST (15:30 UTC) → Monday 26 October 09:00 CET = 08:00 UTC.
    expect(nextOpenAt(paris, at('2026-10-23T15:30:00Z'))?.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(isOpen(paris, at('2026-10-26T07:59:00Z'))).toBe(false);
    expect(isOpen(paris, at('2026-10-26T08:00:00Z'))).toBe(true);
  });

  it('handles New York (2026-03-08 and 2026-11-01 changes)', () => {
    // Friday 6 March 18:00 EST (23:00 UTC) → Monday 9 March 09:00 EDT = 13:00 UTC.
    expect(nextOpenAt(newYork, at('2026-03-06T23:00:00Z'))?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    // Friday 30 October 18:00 EDT (22:00 UTC) → Monday 2 November 09:00 EST = 14:00 UTC.
    expect(nextOpenAt(newYork, at('2026-10-30T22:00:00Z'))?.toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('opens at the first minute after a skipped opening time (02:30 on the spring-forward night)', () => {
    const night: BusinessHours = {
      timezone: 'Europe/Paris',
      weekly: [{ day: 0, from: '02:30', to: '04:00' }],
    };
    // Sunday 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    expect(nextOpenAt(night, at('2026-03-28T23:00:00Z'))?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('is now when already open, null for an empty week, and honours 24:00', () => {
    expect(nextOpenAt(paris, at('2026-03-27T10:00:00Z'))?.toISOString()).toBe('2026-03-27T10:00:00.000Z');
    expect(nextOpenAt({ timezone: 'UTC', weekly: [] }, at('2026-03-27T10:00:00Z'))).toBeNull();
    const allDay: BusinessHours = { timezone: 'UTC', weekly: [{ day: 5, from: '00:00', to: '24:00' }] };
    expect(isOpen(allDay, at('2026-03-27T23:59:00Z'))).toBe(true);
    expect(isOpen(allDay, at('2026-03-28T00:00:00Z'))).toBe(false);
  });
});
