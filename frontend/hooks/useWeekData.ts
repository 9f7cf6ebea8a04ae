import { useEffect, useMemo, useState } from 'react';
import { listCalendar } from '../api';
import { listTour } from '../api/plans';
import { addDays } from '../../shared/domain/time';
import type { WeekOccupancy } from '../components/requests/WeekPicker';
import { closedDays, listWeeks, mondayOf, weekDays, type SchoolWeek } from '../components/requests/weeks';

/** Visits one truck makes on a day (the seeded truck's maxVisitsPerDay; the API has no truck list yet). */
export const VISITS_PER_TRUCK_DAY = 2;
const WEEKS_PER_PAGE = 16;

/** Today as an ISO date in the planner's time zone. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/**
 * The weeks a request can choose from (from next week on, more on demand), the closed days in them, and, when the
 * published tour can be read (crew and coordinators), how many visit slots of each week are already taken.
 */
export function useWeekData() {
  const [pages, setPages] = useState(1);
  const first = useMemo(() => addDays(mondayOf(todayIso()), 7), []);
  const weeks: SchoolWeek[] = useMemo(() => listWeeks(first, pages * WEEKS_PER_PAGE), [first, pages]);
  const last = weeks.at(-1)!.friday;
  const [closed, setClosed] = useState<Map<string, string>>(new Map());
  const [booked, setBooked] = useState<Map<string, number> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listCalendar({ from: first, to: last }, controller.signal).then(
      (entries) => setClosed(closedDays(entries)),
      () => undefined, // Without the calendar the weeks are still choosable; the crew checks holidays when planning.
    );
    listTour(first, last, controller.signal).then(
      (days) => {
        const counts = new Map<string, number>();
        for (const d of days) counts.set(mondayOf(d.date), (counts.get(mondayOf(d.date)) ?? 0) + d.stops.length);
        setBooked(counts);
      },
      () => setBooked(null), // Only logged-in crew and coordinators may read the tour.
    );
    return () => controller.abort();
  }, [first, last]);

  const occupancy = useMemo(() => {
    if (!booked) return null;
    const out = new Map<string, WeekOccupancy>();
    for (const w of weeks) {
      const open = weekDays(w).filter((d) => !closed.has(d)).length;
      out.set(w.monday, { booked: booked.get(w.monday) ?? 0, capacity: open * VISITS_PER_TRUCK_DAY });
    }
    return out;
  }, [booked, closed, weeks]);

  return { weeks, closed, occupancy, showMore: () => setPages((p) => p + 1) };
}
