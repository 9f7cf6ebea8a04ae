import { getISOWeek, getISOWeekYear, parseISO } from 'date-fns';
import type { CalendarEntryDto } from '../../../shared/api/calendar';
import { addDays, isoWeekday, listDates } from '../../../shared/domain/time';

/** A school week: Monday to Friday, with its ISO week number. */
export interface SchoolWeek {
  monday: string;
  friday: string;
  week: number;
  year: number;
}

/** The Monday on or before an ISO date. */
export function mondayOf(iso: string): string {
  return addDays(iso, 1 - isoWeekday(iso));
}

/** `count` school weeks from the week of `firstMonday` on. */
export function listWeeks(firstMonday: string, count: number): SchoolWeek[] {
  return Array.from({ length: count }, (_, i) => {
    const monday = addDays(mondayOf(firstMonday), 7 * i);
    const date = parseISO(monday);
    return { monday, friday: addDays(monday, 4), week: getISOWeek(date), year: getISOWeekYear(date) };
  });
}

/** Closed days (school and public holidays, the truck's days off) by date, with the name of the period. */
export function closedDays(entries: readonly CalendarEntryDto[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) for (const d of listDates(e.startDate, e.endDate)) if (!out.has(d)) out.set(d, e.name);
  return out;
}

/** The weekdays (Monday–Friday) of a week. */
export function weekDays(week: Pick<SchoolWeek, 'monday'>): string[] {
  return listDates(week.monday, addDays(week.monday, 4));
}

/** Chosen weeks (their Mondays) as date ranges, neighbouring weeks merged into one range. */
export function weeksToRanges(mondays: Iterable<string>): Array<{ from: string; to: string }> {
  const sorted = [...new Set(mondays)].sort();
  const ranges: Array<{ from: string; to: string }> = [];
  for (const monday of sorted) {
    const last = ranges.at(-1);
    if (last && addDays(last.to, 3) === monday) last.to = addDays(monday, 4);
    else ranges.push({ from: monday, to: addDays(monday, 4) });
  }
  return ranges;
}

/** The Mondays of every week a list of date ranges touches. */
export function rangesToWeeks(ranges: ReadonlyArray<{ from: string; to: string }>): string[] {
  const out = new Set<string>();
  for (const r of ranges) for (let m = mondayOf(r.from); m <= r.to; m = addDays(m, 7)) out.add(m);
  return [...out].sort();
}
