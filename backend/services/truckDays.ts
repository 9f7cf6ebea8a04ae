import { trusted } from 'mongoose';
import type { TruckDayDto } from '../../shared/api/plans';
import { statusWord } from '../../shared/api/requests';
import { isoWeekday, parseHhmm } from '../../shared/domain/time';
import { claim, claimedState, isDuplicateKey, versionClaimName } from '../db/claims';
import { AppError, InvalidInputError, InvalidStateError, NotFoundError, StaleVersionError } from '../errors';
import { CalendarEntry } from '../models/CalendarEntry';
import { Truck } from '../models/Truck';
import { TruckDay, truckDayId, type TruckDayFields } from '../models/TruckDay';
import { VisitRequest } from '../models/VisitRequest';
import { closedDates, earliestPlannableDate } from './leadTime';
import { dayBlocker } from './planning/dayRules';
import { PUBLISHABLE } from './planning/publish';

/** One stop as stored on a truck-day. */
export interface TruckDayStop {
  requestId: string;
  arrive: string;
  start: string;
  end: string;
  leave: string;
  pinned?: boolean;
}

export type { TruckDayDto };

type TruckDayDoc = TruckDayFields & { _id: string };

type DayState = Pick<TruckDayDto, 'depart' | 'return' | 'stops'>;

/**
 * The truck's day, or an empty day at version 0 when nothing is booked yet. Every version of a day is a
 * claim (unique insert) holding its state; the truckDays document is a cached head that a slow writer
 * may leave behind, so newer claims after it are read too.
 */
export async function getTruckDay(truckId: string, date: string): Promise<TruckDayDto> {
  const id = truckDayId(truckId, date);
  const doc = await TruckDay.findById(id).lean<TruckDayDoc>();
  let day: TruckDayDto = doc ? toDto(doc) : { id, truckId, date, depart: null, return: null, stops: [], version: 0 };
  for (;;) {
    const next = await claimedState<DayState>(versionClaimName('truckDay', id, day.version + 1));
    if (next === undefined || next === null) return day;
    day = { ...day, ...next, version: day.version + 1 };
  }
}

/**
 * Books a stop on a truck's day if it overlaps no other stop (truck on site from `arrive` to `leave`),
 * fits the shift and the day's maximum, and the day is still at `expectedVersion`. The write is one
 * conditional update (or an insert guarded by the unique _id), so of any number of concurrent bookings
 * made against the same version exactly one succeeds; the others get 409.
 */
export async function bookStop(
  truckId: string,
  date: string,
  stop: TruckDayStop,
  expectedVersion: number,
  now = new Date(),
): Promise<TruckDayDto> {
  const truck = await Truck.findById(truckId).lean<BookingTruck>();
  if (!truck) throw new InvalidInputError(`Truck ${truckId} bestaat niet.`, [{ path: 'truckId', message: 'onbekend' }]);
  const day = await getTruckDay(truckId, date);
  if (day.version !== expectedVersion) throw staleDay(day, expectedVersion);
  await checkBookable(truck, date, stop.requestId, now);
  checkFits(day, stop, truck);
  const stops = [...day.stops, stop].sort((a, b) => a.arrive.localeCompare(b.arrive));
  const written = await writeDay(day, stops, now);
  // checkBookable's "on no other day" and this write are two steps: a booking of the same request on another day can
  // pass the check at the same moment. Both days are written before the later of the two looks again, so it sees the
  // other and takes its own visit off (both may, if they look at once: then the crew books again). Never two days.
  const other = await bookedElsewhere(truckId, date, stop.requestId);
  if (other) {
    // The booking did not re-time the day, so neither does taking it back (an emptied day has no times).
    await takeStopOff(
      truckId,
      date,
      stop.requestId,
      async (current, left) =>
        left.length ? { depart: current.depart, return: current.return } : { depart: null, return: null },
      now,
    );
    throw refuse(
      'slot_taken',
      `Deze aanvraag werd tegelijk ingepland op ${other.date} (${other.truckId}); deze boeking is teruggedraaid.`,
      `This request was booked on ${other.date} (${other.truckId}) at the same moment; this booking was undone.`,
      'already_booked',
    );
  }
  return written;
}

/** The truck-day other than this one that holds the request's visit, if any. */
function bookedElsewhere(truckId: string, date: string, requestId: string) {
  return TruckDay.findOne(
    { 'stops.requestId': requestId, _id: trusted({ $ne: truckDayId(truckId, date) }) },
    'truckId date',
  ).lean<{ truckId: string; date: string }>();
}

/**
 * Takes a request's stop off a truck's day (compare-and-set on the day's version, retried on a concurrent change),
 * with the day's departure and return from `timesFor` (the stops left). Returns the day as written and the stop that
 * was taken off, or null when the stop was not (or no longer) on the day.
 */
export async function takeStopOff(
  truckId: string,
  date: string,
  requestId: string,
  timesFor: (day: TruckDayDto, stops: TruckDayStop[]) => Promise<{ depart: string | null; return: string | null }>,
  now = new Date(),
): Promise<{ day: TruckDayDto; removed: TruckDayStop } | null> {
  for (let attempt = 0; ; attempt++) {
    const day = await getTruckDay(truckId, date);
    const removed = day.stops.find((s) => s.requestId === requestId);
    if (!removed) return null;
    const stops = day.stops.filter((s) => s.requestId !== requestId);
    try {
      const written = await replaceStops(truckId, date, stops, await timesFor(day, stops), day.version, now);
      return { day: written, removed };
    } catch (err) {
      if (!(err instanceof StaleVersionError) || attempt >= 8) throw err;
    }
  }
}

/** Removes a request's stop from a truck's day (compare-and-set on `expectedVersion`). */
export async function removeStop(
  truckId: string,
  date: string,
  requestId: string,
  expectedVersion: number,
  now = new Date(),
): Promise<TruckDayDto> {
  const day = await getTruckDay(truckId, date);
  if (day.version !== expectedVersion) throw staleDay(day, expectedVersion);
  const stops = day.stops.filter((s) => s.requestId !== requestId);
  if (stops.length === day.stops.length)
    throw new InvalidInputError('Dit bezoek staat niet op deze dag.', [
      { path: 'requestId', message: 'niet op deze dag' },
    ]);
  return writeDay(day, stops, now);
}

/** Replaces a day's stops wholesale (publication of a plan), compare-and-set on `expectedVersion`. */
export async function replaceStops(
  truckId: string,
  date: string,
  stops: TruckDayStop[],
  times: { depart: string | null; return: string | null },
  expectedVersion: number,
  now = new Date(),
): Promise<TruckDayDto> {
  const day = await getTruckDay(truckId, date);
  if (day.version !== expectedVersion) throw staleDay(day, expectedVersion);
  return writeDay({ ...day, ...times }, stops, now);
}

/**
 * Writes version `day.version + 1` of the day: claiming that version name is the compare-and-set (one
 * winner among concurrent writers, the others get 409); then the cached head is brought forward.
 */
async function writeDay(day: TruckDayDto, stops: TruckDayStop[], now: Date): Promise<TruckDayDto> {
  const state: DayState = { depart: stops.length ? day.depart : null, return: stops.length ? day.return : null, stops };
  const version = day.version + 1;
  if (!(await claim(versionClaimName('truckDay', day.id, version), state, now))) {
    throw staleDay(await getTruckDay(day.truckId, day.date), day.version);
  }
  try {
    await TruckDay.updateOne(
      { _id: day.id, version: trusted({ $lt: version }) },
      { $set: { truckId: day.truckId, date: day.date, ...state, version, updatedAt: now } },
      { upsert: true },
    );
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // the head is already newer: a later writer moved it on
  }
  return { ...day, ...state, version };
}

interface BookingTruck {
  _id: string;
  name?: string;
  weekdays?: number[];
  shift: { start: string; end: string };
  maxVisitsPerDay: number;
}

/** A refusal with the Dutch message the API returns and the English one in `details.messageEn`. */
const refuse = (code: 'slot_taken', nl: string, en: string, reason: string) =>
  new AppError(code, nl, { reason, messageEn: en });

/**
 * The planner's rules for a visit on a truck's day (publish.ts PUBLISHABLE, dayRules.ts dayBlocker as in the planning
 * board's move check, leadTime.ts): the request exists in a plannable status and is on no other truck-day; the date
 * is a school day (no weekend, no public or school holiday on the calendar), a day the truck works and is available,
 * not a day the school itself blocked, and not before the lead time.
 */
async function checkBookable(truck: BookingTruck, date: string, requestId: string, now: Date): Promise<void> {
  const request = await VisitRequest.findById(requestId, 'status reference excludedDates').lean<{
    status: string;
    reference: string;
    excludedDates?: string[];
  }>();
  if (!request) throw new NotFoundError(`Aanvraag ${requestId}`, { messageEn: `Request ${requestId} does not exist.` });
  if (!PUBLISHABLE.has(request.status)) {
    throw new InvalidStateError(
      `Aanvraag ${request.reference} is ${statusWord(request.status)} en kan niet worden ingepland; alleen geaccepteerde, ingeplande, verzette en bevestigde aanvragen.`,
      {
        status: request.status,
        messageEn: `Request ${request.reference} is ${statusWord(request.status, 'en')} and cannot be booked; only accepted, planned, moved and confirmed requests can.`,
      },
    );
  }
  const elsewhere = await bookedElsewhere(truck._id, date, requestId);
  if (elsewhere) {
    throw refuse(
      'slot_taken',
      `Aanvraag ${request.reference} staat al ingepland op ${elsewhere.date} (${elsewhere.truckId}); haal dat bezoek eerst weg.`,
      `Request ${request.reference} is already booked on ${elsewhere.date} (${elsewhere.truckId}); remove that visit first.`,
      'already_booked',
    );
  }
  if (isoWeekday(date) > 5)
    throw refuse(
      'slot_taken',
      `${date} valt in het weekend: dan is er geen school.`,
      `${date} is a weekend day: there is no school.`,
      'weekend',
    );
  const blocker = dayBlocker({
    date,
    isClosed: (await closedDates(date, date)).has(date),
    truckName: truck.name ?? truck._id,
    truckWorks: (truck.weekdays ?? [1, 2, 3, 4, 5]).includes(isoWeekday(date)),
    truckUnavailable: Boolean(
      await CalendarEntry.exists({
        kind: 'truck_unavailable',
        truckId: truck._id,
        startDate: trusted({ $lte: date }),
        endDate: trusted({ $gte: date }),
      }),
    ),
    schoolExcluded: (request.excludedDates ?? []).includes(date),
  });
  if (blocker) throw refuse('slot_taken', blocker.nl, blocker.en, blocker.reason);
  const earliest = await earliestPlannableDate(now);
  if (date < earliest) {
    throw refuse(
      'slot_taken',
      `${date} ligt vóór de eerste dag die nog gepland kan worden (${earliest}).`,
      `${date} is before the first date that can still be planned (${earliest}).`,
      'lead_time',
    );
  }
}

function checkFits(
  day: TruckDayDto,
  stop: TruckDayStop,
  truck: { shift: { start: string; end: string }; maxVisitsPerDay: number },
) {
  const [arrive, start, end, leave] = [stop.arrive, stop.start, stop.end, stop.leave].map(parseHhmm) as [
    number,
    number,
    number,
    number,
  ];
  if ([arrive, start, end, leave].some(Number.isNaN) || !(arrive <= start && start < end && end <= leave)) {
    throw new InvalidInputError('De tijden kloppen niet: aankomst ≤ begin < einde ≤ vertrek.', [
      { path: 'stop', message: 'tijden' },
    ]);
  }
  if (arrive < parseHhmm(truck.shift.start) || leave > parseHhmm(truck.shift.end)) {
    throw new AppError(
      'slot_taken',
      `Het bezoek valt buiten de diensttijd van de truck (${truck.shift.start}–${truck.shift.end}).`,
    );
  }
  if (day.stops.some((s) => s.requestId === stop.requestId))
    throw new AppError('slot_taken', 'Dit bezoek staat al op deze dag.');
  if (day.stops.length >= truck.maxVisitsPerDay) {
    throw new AppError(
      'slot_taken',
      `Deze dag is vol: de truck doet hoogstens ${truck.maxVisitsPerDay} bezoeken per dag.`,
    );
  }
  const clash = day.stops.find((s) => parseHhmm(s.arrive) < leave && arrive < parseHhmm(s.leave));
  if (clash)
    throw new AppError('slot_taken', `De truck is dan al bij een ander bezoek (${clash.arrive}–${clash.leave}).`);
}

function staleDay(current: TruckDayDto, seen: number): StaleVersionError {
  return new StaleVersionError(
    `De planning van ${current.truckId} op ${current.date} is intussen gewijzigd (u zag versie ${seen}, nu ${current.version}). Er is niets opgeslagen; bekijk de dag opnieuw.`,
    { currentVersion: current.version, current },
  );
}

function toDto(d: TruckDayDoc): TruckDayDto {
  return {
    id: d._id,
    truckId: d.truckId,
    date: d.date,
    depart: d.depart ?? null,
    return: d.return ?? null,
    stops: d.stops.map((s) => ({
      requestId: s.requestId,
      arrive: s.arrive,
      start: s.start,
      end: s.end,
      leave: s.leave,
      pinned: Boolean(s.pinned),
    })),
    version: d.version,
  };
}
