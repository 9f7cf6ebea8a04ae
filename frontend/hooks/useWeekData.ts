import { useEffect, useMemo, useState } from 'react';
import { listCalendar } from '../api';
import { getAvailability } from '../api/plans';
import { addDays } from '../../shared/domain/time';
import type { WeekOccupancy } from '../components/requests/WeekPicker';
import { closedDays, listWeeks, mondayOf, type SchoolWeek } from '../components/requests/weeks';

const WEEKS_PER_PAGE = 16;

/** Today as an ISO date in the planner's time zone. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/**
 * The weeks a request can choose from (from next week on, more on demand), the closed days in them, and how many
 * of each week's visit slots the published tour already takes (public counts, no school names).
 */
export function useWeekData() {
  const [pages, setPages] = useState(1);
  const first = useMemo(() => addDays(mondayOf(todayIso()), 7), []);
  const weeks: SchoolWeek[] = useMemo(() => listWeeks(first, pages * WEEKS_PER_PAGE), [first, pages]);
  const last = weeks.at(-1)!.friday;
  const [closed, setClosed] = useState<Map<string, string>>(new Map());
  const [slots, setSlots] = useState<Map<string, { booked: number; capacity: number }> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listCalendar({ from: first, to: last }, controller.signal).then(
      (entries) => setClosed(closedDays(entries)),
      () => undefined, // Without the calendar the weeks are still choosable; the crew checks holidays when planning.
    );
    getAvailability(first, last, controller.signal).then(
      (list) => setSlots(new Map(list.map((w) => [mondayOf(w.from), { booked: w.booked, capacity: w.capacity }]))),
      () => setSlots(null), // Without the counts the weeks are still choosable.
    );
    return () => controller.abort();
  }, [first, last]);

  const occupancy = useMemo(() => {
    if (!slots) return null;
    const out = new Map<string, WeekOccupancy>();
    for (const w of weeks) {
      const s = slots.get(w.monday);
      if (s) out.set(w.monday, s);
    }
    return out;
  }, [slots, weeks]);

  return { weeks, closed, occupancy, showMore: () => setPages((p) => p + 1) };
}
