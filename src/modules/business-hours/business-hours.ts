export { isValidTimeZone } from '../../platform/time-zones';

/**
 * Weekly opening hours in an IANA time zone, evaluated with Intl (no date library): the wall clock
 * of an instant in the zone decides, so a DST change moves the opening instant and never the hours.
 */
export interface WeeklyHours {
  /** 0 = Sunday … 6 = Saturday, as Date#getDay. */
  day: number;
  /** "HH:MM", 24-hour wall clock in the schedule's zone. */
  from: string;
  /** "HH:MM", after `from`; "24:00" is the end of the day. */
  to: string;
}

export interface BusinessHours {
  timezone: string;
  weekly: WeeklyHours[];
  offlineMessage?: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The weekday and minute of the day on the zone's wall clock at `at`. */
export function wallClock(timezone: string, at: Date): { day: number; minute: number } {
  const parts = formatterFor(timezone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: WEEKDAYS.indexOf(part('weekday')),
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

export const minuteOfDay = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Whether the schedule is open at `at`; an empty week is never open. */
export function isOpen(hours: BusinessHours, at: Date): boolean {
  const { day, minute } = wallClock(hours.timezone, at);
  return hours.weekly.some(
    (w) => w.day === day && minute >= minuteOfDay(w.from) && minute < minuteOfDay(w.to),
  );
}

/**
 * The first instant at or after `at` when the schedule is open (null when it never is, or already
 * open now: then it is `at`). Walks minute by minute only inside the hour the wall clock reaches an
 * opening time; otherwise it jumps by whole minutes to the next candidate, so a week is a few hundred
 * steps. Opening times that a DST gap skips (02:30 on a spring-forward night) open at the first
 * wall-clock minute after them.
 */
export function nextOpenAt(hours: BusinessHours, at: Date): Date | null {
  if (hours.weekly.length === 0) return null;
  let t = new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);
  if (t.getTime() < at.getTime()) t = new Date(t.getTime() + MINUTE);
  const limit = t.getTime() + 8 * 86_400_000;
  while (t.getTime() <= limit) {
    if (isOpen(hours, t)) return t;
    const { day, minute } = wallClock(hours.timezone, t);
    const step = minutesToNextOpening(hours.weekly, day, minute);
    // Never more than an hour at a time: a DST change can shift the wall clock by up to one.
    t = new Date(t.getTime() + Math.max(1, Math.min(step, 60)) * MINUTE);
  }
  return null;
}

/** Wall-clock minutes from (day, minute) to the next `from` in the week (at least 1). */
function minutesToNextOpening(weekly: WeeklyHours[], day: number, minute: number): number {
  const now = day * 1440 + minute;
  let best = Infinity;
  for (const w of weekly) {
    let start = w.day * 1440 + minuteOfDay(w.from);
    if (start <= now) start += 7 * 1440;
    best = Math.min(best, start - now);
  }
  return best;
}
