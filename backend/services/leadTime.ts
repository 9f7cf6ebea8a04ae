import { trusted } from 'mongoose';
import { addDays, isoWeekday, listDates } from '../../shared/domain/time';
import { CalendarEntry } from '../models/CalendarEntry';

/**
 * "Time is real": no plan, move or publish places a visit before the earliest plannable date, which is the
 * lead time's number of school days after today (Amsterdam time). A school day is a weekday that is no public or
 * school holiday. The default, 1, is the next school day. Set from PLANNING_LEAD_SCHOOL_DAYS (config.ts).
 */
let leadSchoolDays = 1;

export function configureLeadTime(schoolDays: number): void {
  leadSchoolDays = schoolDays;
}

export function leadTimeSchoolDays(): number {
  return leadSchoolDays;
}

/** Today's date in the Netherlands (the app's clock for "today"). */
export function amsterdamToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The dates in [from, to] on which every truck is off: public and school holidays (not truck-only days off). */
export async function closedDates(from: string, to: string): Promise<Set<string>> {
  const entries = await CalendarEntry.find(
    { startDate: trusted({ $lte: to }), endDate: trusted({ $gte: from }) },
    'kind startDate endDate',
  ).lean<Array<{ kind: string; startDate: string; endDate: string }>>();
  const closed = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'truck_unavailable') continue;
    for (const d of listDates(e.startDate < from ? from : e.startDate, e.endDate > to ? to : e.endDate)) closed.add(d);
  }
  return closed;
}

/** True for a weekday that is not closed. */
export const isSchoolDay = (date: string, closed: Set<string>) => isoWeekday(date) <= 5 && !closed.has(date);

/** The first date a visit may be placed on: `schoolDays` school days after today (1: the next school day). */
export async function earliestPlannableDate(now = new Date(), schoolDays = leadSchoolDays): Promise<string> {
  const today = amsterdamToday(now);
  // Holidays are at most a few weeks long: 120 days ahead always hold enough school days.
  const closed = await closedDates(today, addDays(today, 120 + schoolDays * 2));
  let date = today;
  for (let left = schoolDays; left > 0;) {
    date = addDays(date, 1);
    if (isSchoolDay(date, closed)) left -= 1;
  }
  return date;
}
