import { toDayNumber } from '../../../shared/domain/time';

/** The time zone of every planned time ("HH:MM") of a tour. */
export const TOUR_TIME_ZONE = 'Europe/Amsterdam';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TOUR_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Returns the calendar date (YYYY-MM-DD) and the minutes after midnight of an instant in Europe/Amsterdam. */
export function amsterdamParts(at: Date): { date: string; minutes: number } {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) + Number(p.second) / 60 };
}

/** Returns the minutes of an instant after midnight (Europe/Amsterdam) of `date`: below 0 or above 1440 on other days. */
export function minutesOnDate(at: Date, date: string): number {
  const local = amsterdamParts(at);
  return (toDayNumber(local.date) - toDayNumber(date)) * 1440 + local.minutes;
}

/** Returns today's date in Europe/Amsterdam. */
export function amsterdamToday(now: Date): string {
  return amsterdamParts(now).date;
}

/** Returns the instant of "HH:MM"-style minutes after midnight of `date` in Europe/Amsterdam (DST-aware). */
export function instantOf(date: string, minutes: number): Date {
  // Guess with UTC, then correct by the zone's offset at that guess (twice, for days that change offset).
  let guess = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  for (let i = 0; i < 2; i++) guess += (minutes - minutesOnDate(new Date(guess), date)) * 60_000;
  return new Date(guess);
}
