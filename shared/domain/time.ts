/** Minutes in one day; times of day are whole minutes in [0, MINUTES_PER_DAY). */
export const MINUTES_PER_DAY = 24 * 60;

const HHMM = /^(\d{2}):(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Returns the minutes after midnight of an "HH:MM" time, or NaN when it is not a valid 24-hour time. */
export function parseHhmm(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) return NaN;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 23 || minutes > 59) return NaN;
  return hours * 60 + minutes;
}

/** Returns "HH:MM" for a whole number of minutes after midnight (0 ≤ minutes < 1440). */
export function formatHhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Returns true when the string is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Returns the number of days since 1970-01-01 of an ISO date (UTC calendar arithmetic, no time zones). */
export function toDayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

/** Returns the ISO date (YYYY-MM-DD) of a day number counted from 1970-01-01. */
export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Returns the ISO date `days` days after (or before, when negative) the given ISO date. */
export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Returns the ISO weekday of an ISO date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  return ((((toDayNumber(iso) + 3) % 7) + 7) % 7) + 1;
}

/** Returns every ISO date from `from` to `to`, both inclusive (empty when to < from). */
export function listDates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = toDayNumber(from), end = toDayNumber(to); d <= end; d++) out.push(fromDayNumber(d));
  return out;
}

/** The time zone of every planned time ("HH:MM") of a tour: all clock times in the app are Amsterdam times. */
export const TOUR_TIME_ZONE = 'Europe/Amsterdam';

const amsterdamFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TOUR_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Returns the calendar date (YYYY-MM-DD) and the minutes after midnight (with seconds as a fraction) of an instant in Europe/Amsterdam. */
export function amsterdamParts(at: Date): { date: string; minutes: number } {
  const p = Object.fromEntries(amsterdamFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    minutes: Number(p.hour) * 60 + Number(p.minute) + Number(p.second) / 60,
  };
}

/** Returns the minutes of an instant after midnight (Europe/Amsterdam) of `date`: below 0 or above 1440 on other days. */
export function minutesOnDate(at: Date, date: string): number {
  const local = amsterdamParts(at);
  return (toDayNumber(local.date) - toDayNumber(date)) * MINUTES_PER_DAY + local.minutes;
}

/** Returns today's date (YYYY-MM-DD) in Europe/Amsterdam. */
export function amsterdamToday(now: Date = new Date()): string {
  return amsterdamParts(now).date;
}

/** Returns the Amsterdam clock time ("HH:MM", minutes cut off) of an instant. */
export function amsterdamClock(at: Date): string {
  return formatHhmm(Math.floor(amsterdamParts(at).minutes) % MINUTES_PER_DAY);
}

/** Returns the instant of `minutes` after midnight of `date` in Europe/Amsterdam (DST-aware). */
export function amsterdamInstant(date: string, minutes: number): Date {
  // Guess with UTC, then correct by the zone's offset at that guess (twice, for days that change offset).
  let guess = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  for (let i = 0; i < 2; i++) guess += (minutes - minutesOnDate(new Date(guess), date)) * 60_000;
  return new Date(guess);
}
