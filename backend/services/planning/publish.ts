import { trusted, Types } from 'mongoose';
import type { PlanRequestInfo, PublishReportDto } from '../../../shared/api/plans';
import { listDates } from '../../../shared/domain/time';
import type { Plan } from '../../../shared/optimizer';
import { claimVersion } from '../../db/claims';
import { InvalidStateError, StaleVersionError } from '../../errors';
import { PlanDraft } from '../../models/PlanDraft';
import { TruckDay } from '../../models/TruckDay';
import { VisitRequest, type VisitRequestFields } from '../../models/VisitRequest';
import { recordAudit } from '../audit';
import type { AuthUser } from '../accounts/types';
import { enqueueEmail } from '../outbox/enqueue';
import { mintStatusUrl, transitionRequest } from '../requests';
import { earliestPlannableDate } from '../leadTime';
import { flagDay, takeVisitOffDay, timeDay } from './dayChanges';
import { VISIT_STATUSES, statusWord, type RequestStatus } from '../../../shared/api/requests';
import { getTruckDay, replaceStops, type TruckDayStop } from '../truckDays';
import { forgetPlan, getPlan, loadPlan } from './plans';

type RequestDoc = VisitRequestFields & { _id: Types.ObjectId };

/** What a publication changed. */
export type PublishReport = PublishReportDto;

type Visit = { truckId: string; date: string; arrive: string; start: string; end: string; leave: string };
type Conflict = PublishReportDto['conflicts'][number];

const SYSTEM = (user: AuthUser) => ({ kind: 'system', name: `publicatie door ${user.email}` }) as const;

/** Statuses a request may be in for publishing to place (or move, or take back) its visit. */
export const PUBLISHABLE = new Set(['accepted', 'planned', 'moved', 'confirmed']);

/**
 * Makes a finished plan the tour: writes every truck-day of its period (compare-and-set per day), then
 * sets each request's visit and status through the state machine (transitionRequest: version-checked with a
 * claim per request) and tells every school whose date is new or moved. A confirmed visit that keeps its date
 * stays confirmed; one that moves is "verzet". Without multi-document transactions the order matters:
 * truck-days (the authority) first, requests after; a second publish of the same plan repairs an interrupted one.
 *
 * A request that changed since the plan was made (its version is not the plan's) is not overwritten: it is
 * left off the days and reported in `conflicts`. When it changes while this publish runs (a school cancels), its
 * write loses the claim: the stop just put on a day is taken off again, the day flagged, and it is reported too.
 * Time is real: a plan that places a visit before the earliest plannable date (leadTime.ts) is refused; days
 * before that date are history and are not written.
 */
export async function publishPlan(
  id: string,
  version: number,
  user: AuthUser,
  appUrl: string,
  now = new Date(),
): Promise<PublishReport> {
  const doc = await loadPlan(id);
  if (doc.status !== 'done' && doc.status !== 'published')
    throw new InvalidStateError('Alleen een klaar plan kan worden gepubliceerd.');
  if (doc.scenario)
    throw new InvalidStateError(
      'Een wat-als-plan wordt niet gepubliceerd: het laat zien wat een wijziging zou opleveren.',
    );
  if (doc.version !== version) {
    throw new StaleVersionError(
      `Dit plan is intussen gewijzigd (u zag versie ${version}, nu ${doc.version}). Laad het opnieuw.`,
      { currentVersion: doc.version },
    );
  }
  const plan = JSON.parse(doc.planJson!) as Plan;
  const infos = new Map((JSON.parse(doc.requestsJson) as PlanRequestInfo[]).map((r) => [r.id, r]));
  const pinned = new Set(doc.pinned);

  const earliest = await earliestPlannableDate(now);
  const early = plan.routes.filter((r) => r.stops.length > 0 && r.date < earliest);
  if (early.length > 0) {
    const dates = [...new Set(early.map((r) => r.date))].sort();
    throw new InvalidStateError(
      `Dit plan zet bezoeken op ${dates.length === 1 ? dates[0] : `${dates[0]} tot en met ${dates.at(-1)}`}, vóór de eerste dag die nog gepland kan worden (${earliest}). Maak een nieuw plan; dat plant vanaf ${earliest}.`,
      { earliest, dates },
    );
  }

  const visitOf = new Map<string, Visit>();
  for (const r of plan.routes)
    for (const s of r.stops)
      visitOf.set(infos.get(s.request)!.requestId, {
        truckId: r.truck,
        date: r.date,
        arrive: s.arrive,
        start: s.start,
        end: s.end,
        leave: s.leave,
      });
  const ids = [...infos.values()].map((i) => new Types.ObjectId(i.requestId));
  const docs = new Map(
    (await VisitRequest.find({ _id: trusted({ $in: ids }) }).lean<RequestDoc[]>()).map((r) => [String(r._id), r]),
  );
  const planVersion = new Map([...infos.values()].map((i) => [i.requestId, i.version]));

  // What each request should become, and which ones changed since the plan was made (left as they are).
  const conflicts: Conflict[] = [];
  const held = new Set<string>();
  const writes: Array<{
    r: RequestDoc;
    visit: Visit | null;
    before: Visit | null;
    status: RequestStatus;
    expected: number;
  }> = [];
  for (const info of infos.values()) {
    const r = docs.get(info.requestId);
    if (!r) continue;
    const visit = visitOf.get(info.requestId) ?? null;
    const before = r.visit?.date && VISIT_STATUSES.includes(r.status) ? (r.visit as Visit) : null;
    if (before && before.date < earliest) continue; // history (or too soon to change): left where it is
    const same = JSON.stringify(before && { ...before }) === JSON.stringify(visit);
    const status: RequestStatus = visit
      ? !before
        ? 'planned'
        : same || (r.status === 'confirmed' && before.date === visit.date)
          ? r.status
          : 'moved'
      : before
        ? 'accepted'
        : r.status;
    if (same && status === r.status) continue;
    const expected = planVersion.get(info.requestId) ?? r.version;
    if (!PUBLISHABLE.has(r.status) || r.version !== expected) {
      held.add(info.requestId);
      conflicts.push(conflictOf(r));
      continue;
    }
    writes.push({ r, visit, before, status, expected });
  }

  if (!(await claimVersion('plan', id, version, now))) {
    throw new StaleVersionError(
      'Dit plan wordt op dit moment al door iemand anders gepubliceerd of gewijzigd. Laad het opnieuw.',
      { currentVersion: doc.version + 1 },
    );
  }

  // 1. Truck-days: every day of the period for the plan's trucks gets the plan's stops, except those of requests
  //    that changed since (a held request keeps the place it has, if that is still free).
  const routes = new Map(plan.routes.map((r) => [`${r.truck}:${r.date}`, r]));
  let daysWritten = 0;
  for (const truckId of doc.truckIds) {
    for (const date of listDates(doc.from < earliest ? earliest : doc.from, doc.to)) {
      const route = routes.get(`${truckId}:${date}`);
      const current = await getTruckDay(truckId, date);
      let stops: TruckDayStop[] = (route?.stops ?? [])
        .map((s) => ({
          requestId: infos.get(s.request)!.requestId,
          arrive: s.arrive,
          start: s.start,
          end: s.end,
          leave: s.leave,
          pinned: pinned.has(s.request),
        }))
        .filter((s) => !held.has(s.requestId));
      const kept = current.stops.filter(
        (c) => held.has(c.requestId) && !stops.some((s) => s.arrive < c.leave && c.arrive < s.leave),
      );
      const dropped = stops.length < (route?.stops.length ?? 0) || kept.length > 0;
      stops = [...stops, ...kept].sort((a, b) => a.arrive.localeCompare(b.arrive));
      const times = dropped
        ? await timeDay(truckId, stops)
        : { depart: route?.depart ?? null, return: route?.return ?? null };
      if (current.version === 0 && stops.length === 0) continue;
      if (JSON.stringify(current.stops) === JSON.stringify(stops) && current.depart === times.depart) continue;
      await replaceStops(truckId, date, stops, times, current.version, now);
      daysWritten += 1;
    }
  }

  // 2. Requests: their visit and status follow the truck-days, each write checked against the plan's version.
  let planned = 0;
  let moved = 0;
  let unplanned = 0;
  let emails = 0;
  for (const { r, visit, before, status, expected } of writes) {
    try {
      await transitionRequest(
        r,
        { version: expected, status, ...(visit ? {} : { reason: 'niet in de gepubliceerde tour' }) },
        SYSTEM(user),
        appUrl,
        now,
        { set: { visit }, quiet: true },
      );
    } catch (err) {
      if (!(err instanceof StaleVersionError) && !(err instanceof InvalidStateError)) throw err;
      // Changed while this publish ran (a school cancelled): the request wins; its new stop comes off again.
      const fresh = (await VisitRequest.findById(r._id).lean<RequestDoc>()) ?? r;
      conflicts.push(conflictOf(fresh));
      if (
        visit &&
        !(
          fresh.visit?.date === visit.date &&
          fresh.visit.truckId === visit.truckId &&
          VISIT_STATUSES.includes(fresh.status)
        )
      ) {
        const off = await takeVisitOffDay(visit.truckId, visit.date, String(r._id), now);
        if (off) {
          await flagDay(
            {
              truckId: visit.truckId,
              date: visit.date,
              kind: 'publish_conflict',
              requestId: String(r._id),
              reference: r.reference,
              schoolName: r.schoolName,
              freedFrom: visit.arrive,
              freedTo: visit.leave,
              reason: `${statusWord(fresh.status)} tijdens het publiceren`,
            },
            now,
          );
        }
      }
      continue;
    }
    const link = visit || before ? await mintStatusUrl(r._id, appUrl, now) : null;
    // The "planned" and "moved" emails confirm with one click: the status page confirms a link with ?bevestig=1.
    const url = link && visit ? `${link}?bevestig=1` : link;
    if (visit && !before) {
      planned += 1;
      await enqueueVisitPlanned(r, visit, url!);
      emails += 1;
    } else if (visit && before && JSON.stringify({ ...before }) !== JSON.stringify(visit)) {
      moved += 1;
      await enqueueEmail({
        to: r.contact!.email,
        kind: 'visit_changed',
        language: r.language,
        params: {
          schoolName: r.schoolName,
          date: visit.date,
          previousDate: before.date ?? null,
          startTime: visit.start,
          endTime: visit.end,
          url,
        },
      });
      emails += 1;
    } else if (!visit && before) {
      unplanned += 1;
      await enqueueEmail({
        to: r.contact!.email,
        kind: 'visit_cancelled',
        language: r.language,
        params: {
          schoolName: r.schoolName,
          date: before.date,
          reason: 'de tour is opnieuw gepland; we zoeken een nieuwe datum',
          url,
        },
      });
      emails += 1;
    }
  }

  await PlanDraft.updateOne(
    { _id: doc._id },
    { $set: { status: 'published', publishedAt: now }, $inc: { version: 1 } },
  );
  forgetPlan(id);
  await recordAudit(
    {
      actor: user,
      action: 'plan.published',
      target: { type: 'plan', id },
      after: {
        daysWritten,
        planned,
        moved,
        unplanned,
        conflicts: conflicts.length,
        alternative: (doc.chosenAlternative as { kind?: string } | null)?.kind ?? null,
      },
    },
    now,
  );
  return { plan: await getPlan(id), daysWritten, planned, moved, unplanned, emails, conflicts };
}

/** The school's "bezoek ingepland" email; `url` is its status link with `?bevestig=1` (confirm with one click). */
export function enqueueVisitPlanned(
  r: Pick<RequestDoc, 'contact' | 'language' | 'schoolName'>,
  visit: Pick<Visit, 'date' | 'start' | 'end'>,
  url: string,
) {
  return enqueueEmail({
    to: r.contact!.email,
    kind: 'visit_planned',
    language: r.language,
    params: { schoolName: r.schoolName, date: visit.date, startTime: visit.start, endTime: visit.end, url },
  });
}

function conflictOf(r: RequestDoc): Conflict {
  const ended = !PUBLISHABLE.has(r.status);
  return {
    requestId: String(r._id),
    reference: r.reference,
    schoolName: r.schoolName,
    status: r.status,
    reason: ended
      ? `intussen ${statusWord(r.status)}; niet ingepland`
      : 'intussen gewijzigd sinds het plan werd gemaakt; niet overschreven (maak een nieuw plan)',
    reasonEn: ended
      ? `${statusWord(r.status, 'en')} meanwhile; not planned`
      : 'changed since the plan was made; not overwritten (make a new plan)',
  };
}

/** Every truck-day with stops in a period (the published tour), by date. */
export async function listTour(from: string, to: string) {
  const days = await TruckDay.find({ date: trusted({ $gte: from, $lte: to }) })
    .sort({ date: 1, truckId: 1 })
    .lean<
      Array<{
        _id: string;
        truckId: string;
        date: string;
        depart: string | null;
        return: string | null;
        stops: TruckDayStop[];
        version: number;
      }>
    >();
  return days.filter((d) => d.stops.length > 0);
}
