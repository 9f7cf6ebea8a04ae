import { trusted } from 'mongoose';
import type { TruckDto, WeekAvailabilityDto } from '../../shared/api/plans';
import { isoWeekday, listDates } from '../../shared/domain/time';
import { CalendarEntry } from '../models/CalendarEntry';
import { Truck } from '../models/Truck';
import { TruckDay } from '../models/TruckDay';

/** The trucks, by id. */
export async function listTrucks(): Promise<TruckDto[]> {
  const docs = await Truck.find().sort({ _id: 1 }).lean<Array<TruckDto & { _id: string }>>();
  return docs.map((t) => ({
    id: t._id,
    name: t.name,
    depotId: t.depotId,
    shift: t.shift,
    weekdays: t.weekdays,
    maxVisitsPerDay: t.maxVisitsPerDay,
    active: t.active,
  }));
}

/** ISO week number and its year of a date (weeks start on Monday; week 1 holds the first Thursday). */
function isoWeek(date: string): { week: number; year: number } {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7), year: d.getUTCFullYear() };
}

/** How full the active trucks are per ISO week of [from, to]: capacity from working days, booked from published days. */
export async function weekAvailability(from: string, to: string): Promise<WeekAvailabilityDto[]> {
  const [trucks, calendar, days] = await Promise.all([
    listTrucks(),
    CalendarEntry.find({ startDate: trusted({ $lte: to }), endDate: trusted({ $gte: from }) }).lean<
      Array<{ kind: string; startDate: string; endDate: string; truckId: string | null }>
    >(),
    TruckDay.find({ date: trusted({ $gte: from, $lte: to }) }, 'date stops').lean<
      Array<{ date: string; stops: unknown[] }>
    >(),
  ]);
  const closed = new Set<string>();
  const off = new Set<string>();
  for (const c of calendar) {
    for (const d of listDates(c.startDate, c.endDate)) {
      if (c.kind === 'truck_unavailable') off.add(`${c.truckId}:${d}`);
      else closed.add(d);
    }
  }
  const weeks = new Map<string, WeekAvailabilityDto>();
  for (const date of listDates(from, to)) {
    const { week, year } = isoWeek(date);
    const key = `${year}-${week}`;
    const w = weeks.get(key) ?? { week, year, from: date, to: date, capacity: 0, booked: 0 };
    w.to = date;
    if (!closed.has(date)) {
      for (const t of trucks)
        if (t.active && t.weekdays.includes(isoWeekday(date)) && !off.has(`${t.id}:${date}`))
          w.capacity += t.maxVisitsPerDay;
    }
    weeks.set(key, w);
  }
  for (const day of days) {
    const w = weeks.get(`${isoWeek(day.date).year}-${isoWeek(day.date).week}`);
    if (w) w.booked += day.stops.length;
  }
  return [...weeks.values()];
}
