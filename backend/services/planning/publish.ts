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
import { mintStatusUrl } from '../requests';
import { getTruckDay, replaceStops, type TruckDayStop } from '../truckDays';
import { forgetPlan, getPlan, loadPlan } from './plans';

type RequestDoc = VisitRequestFields & { _id: Types.ObjectId };

/** What a publication changed. */
export type PublishReport = PublishReportDto;

/**
 * Makes a finished plan the tour: writes every truck-day of its period (compare-and-set per day), then
 * sets each request's visit and status and tells every school whose date is new or moved. Confirmed
 * visits stay confirmed. Without multi-document transactions the order matters: truck-days (the
 * authority) first, requests after; a second publish of the same plan repairs an interrupted one.
 */
export async function publishPlan(id: string, version: number, user: AuthUser, appUrl: string, now = new Date()): Promise<PublishReport> {
  const doc = await loadPlan(id);
  if (doc.status !== 'done' && doc.status !== 'published') throw new InvalidStateError('Alleen een klaar plan kan worden gepubliceerd.');
  if (doc.scenario) throw new InvalidStateError('Een wat-als-plan wordt niet gepubliceerd: het laat zien wat een wijziging zou opleveren.');
  if (doc.version !== version) {
    throw new StaleVersionError(`Dit plan is intussen gewijzigd (u zag versie ${version}, nu ${doc.version}). Laad het opnieuw.`, { currentVersion: doc.version });
  }
  if (!(await claimVersion('plan', id, version, now))) {
    throw new StaleVersionError('Dit plan wordt op dit moment al door iemand anders gepubliceerd of gewijzigd. Laad het opnieuw.', { currentVersion: doc.version + 1 });
  }
  const plan = JSON.parse(doc.planJson!) as Plan;
  const infos = new Map((JSON.parse(doc.requestsJson) as PlanRequestInfo[]).map((r) => [r.id, r]));
  const pinned = new Set(doc.pinned);

  // 1. Truck-days: every day of the period for the plan's trucks gets exactly the plan's stops.
  const routes = new Map(plan.routes.map((r) => [`${r.truck}:${r.date}`, r]));
  let daysWritten = 0;
  for (const truckId of doc.truckIds) {
    for (const date of listDates(doc.from, doc.to)) {
      const route = routes.get(`${truckId}:${date}`);
      const current = await getTruckDay(truckId, date);
      const stops: TruckDayStop[] = (route?.stops ?? []).map((s) => ({
        requestId: infos.get(s.request)!.requestId,
        arrive: s.arrive,
        start: s.start,
        end: s.end,
        leave: s.leave,
        pinned: pinned.has(s.request),
      }));
      if (current.version === 0 && stops.length === 0) continue;
      if (JSON.stringify(current.stops) === JSON.stringify(stops) && current.depart === (route?.depart ?? null)) continue;
      await replaceStops(truckId, date, stops, { depart: route?.depart ?? null, return: route?.return ?? null }, current.version, now);
      daysWritten += 1;
    }
  }

  // 2. Requests: their visit and status follow the truck-days.
  const visitOf = new Map<string, { truckId: string; date: string; arrive: string; start: string; end: string; leave: string }>();
  for (const r of plan.routes) for (const s of r.stops) visitOf.set(infos.get(s.request)!.requestId, { truckId: r.truck, date: r.date, arrive: s.arrive, start: s.start, end: s.end, leave: s.leave });
  const ids = [...infos.values()].map((i) => new Types.ObjectId(i.requestId));
  const docs = await VisitRequest.find({ _id: trusted({ $in: ids }) }).lean<RequestDoc[]>();
  let planned = 0;
  let moved = 0;
  let unplanned = 0;
  let emails = 0;
  for (const r of docs) {
    const visit = visitOf.get(String(r._id)) ?? null;
    const before = r.visit?.date ? r.visit : null;
    const same = JSON.stringify(before && { ...before }) === JSON.stringify(visit);
    if (same && (visit ? r.status !== 'accepted' : r.status === 'accepted')) continue;
    const status = visit ? (r.status === 'confirmed' && before?.date === visit.date ? 'confirmed' : 'planned') : r.status === 'confirmed' || r.status === 'planned' ? 'accepted' : r.status;
    const history = status === r.status ? r.history : [...r.history, { status, at: now, by: user.id, reason: visit ? null : 'niet in de gepubliceerde tour' }];
    await VisitRequest.updateOne(
      { _id: r._id },
      { $set: { visit, status, history, updatedAt: now, changeLog: [...(r.changeLog ?? []), { version: r.version + 1, at: now, by: user.id, fields: ['visit', 'status'] }].slice(-50) }, $inc: { version: 1 } },
    );
    const url = visit || before ? await mintStatusUrl(r._id, appUrl, now) : null;
    if (visit && !before) {
      planned += 1;
      await enqueueEmail({ to: r.contact!.email, kind: 'visit_planned', language: r.language, params: { schoolName: r.schoolName, date: visit.date, startTime: visit.start, endTime: visit.end, url } });
      emails += 1;
    } else if (visit && before && !same) {
      moved += 1;
      await enqueueEmail({ to: r.contact!.email, kind: 'visit_changed', language: r.language, params: { schoolName: r.schoolName, date: visit.date, previousDate: before.date ?? null, startTime: visit.start, endTime: visit.end, url } });
      emails += 1;
    } else if (!visit && before) {
      unplanned += 1;
      await enqueueEmail({ to: r.contact!.email, kind: 'visit_cancelled', language: r.language, params: { schoolName: r.schoolName, date: before.date!, reason: 'de tour is opnieuw gepland; we zoeken een nieuwe datum', url } });
      emails += 1;
    }
  }

  await PlanDraft.updateOne({ _id: doc._id }, { $set: { status: 'published', publishedAt: now }, $inc: { version: 1 } });
  forgetPlan(id);
  await recordAudit({ actor: user, action: 'plan.published', target: { type: 'plan', id }, after: { daysWritten, planned, moved, unplanned, alternative: (doc.chosenAlternative as { kind?: string } | null)?.kind ?? null } }, now);
  return { plan: await getPlan(id), daysWritten, planned, moved, unplanned, emails };
}

/** Every truck-day with stops in a period (the published tour), by date. */
export async function listTour(from: string, to: string) {
  const days = await TruckDay.find({ date: trusted({ $gte: from, $lte: to }) })
    .sort({ date: 1, truckId: 1 })
    .lean<Array<{ _id: string; truckId: string; date: string; depart: string | null; return: string | null; stops: TruckDayStop[]; version: number }>>();
  return days.filter((d) => d.stops.length > 0);
}
