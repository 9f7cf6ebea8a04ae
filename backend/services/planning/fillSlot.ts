import type { FillSlotResultDto } from '../../../shared/api/plans';
import { AppError, NotFoundError } from '../../errors';
import { DayFlag } from '../../models/DayFlag';
import { VisitRequest } from '../../models/VisitRequest';
import type { AuthUser } from '../accounts/types';
import { recordAudit } from '../audit';
import { mintStatusUrl, transitionRequest } from '../requests';
import { bookStop, getTruckDay, replaceStops } from '../truckDays';
import { resolveDayFlag, slotCandidates, takeVisitOffDay, timeDay } from './dayChanges';
import { enqueueVisitPlanned } from './publish';

type RequestDoc = Parameters<typeof transitionRequest>[0];

/**
 * "Inplannen": one click places a waiting request in the slot a flagged day left free. The request must still be a
 * candidate of that day (accepted, and fitting between the day's visits at the times the optimizer gives it, by every
 * rule of the planner), else 409 `slot_taken` and nothing changes. Then, as a publish does for one visit: the stop
 * goes on the truck's day (version-checked: a day changed meanwhile gives 409), the day is re-timed, the request
 * becomes "ingepland" with its visit (version-checked too; if that write loses, the stop comes off again), the school
 * gets the "bezoek ingepland" email with its one-click confirmation link, and the flag is marked dealt with.
 */
export async function fillSlot(
  flagId: string,
  requestId: string,
  user: AuthUser,
  appUrl: string,
  now = new Date(),
): Promise<FillSlotResultDto> {
  const flag = await DayFlag.findById(flagId).lean<{ truckId: string; date: string }>();
  if (!flag) throw new NotFoundError('Deze markering');
  const { truckId, date } = flag;
  const request = await VisitRequest.findById(requestId).lean<RequestDoc>();
  if (!request) throw new NotFoundError(`Aanvraag ${requestId}`);
  const [candidate] = await slotCandidates(flagId, { onlyRequestId: requestId });
  if (!candidate) {
    throw new AppError(
      'slot_taken',
      `Aanvraag ${request.reference} past niet (meer) op deze dag: ze wacht niet meer op een datum, of de dag is intussen veranderd. Vraag de kandidaten opnieuw op.`,
      {
        reason: 'not_a_candidate',
        messageEn: `Request ${request.reference} does not fit this day (any more): it no longer waits for a date, or the day changed meanwhile. Ask for the candidates again.`,
      },
    );
  }
  const stop = {
    requestId,
    arrive: candidate.arrive,
    start: candidate.start,
    end: candidate.end,
    leave: candidate.leave,
  };
  const before = await getTruckDay(truckId, date);
  const booked = await bookStop(truckId, date, stop, before.version, now);
  const visit = { truckId, date, arrive: stop.arrive, start: stop.start, end: stop.end, leave: stop.leave };
  let day = booked;
  try {
    const times = await timeDay(truckId, booked.stops);
    if (times.depart !== booked.depart || times.return !== booked.return) {
      day = await replaceStops(truckId, date, booked.stops, times, booked.version, now);
    }
    await transitionRequest(
      request,
      { version: request.version, status: 'planned' },
      { kind: 'system', name: `gat gevuld door ${user.email}` },
      appUrl,
      now,
      { set: { visit }, quiet: true },
    );
  } catch (err) {
    // The school changed or cancelled it a moment ago (the request wins), or the day changed, or the database went:
    // the stop comes off the day again, so no visit stays on a day without its request (best effort when the
    // database is away).
    await takeVisitOffDay(truckId, date, requestId, now).catch(() => null);
    throw err;
  }
  await enqueueVisitPlanned(request, visit, `${await mintStatusUrl(request._id, appUrl, now)}?bevestig=1`);
  await resolveDayFlag(flagId, user.id, now);
  await recordAudit(
    {
      actor: user,
      action: 'visit.slot_filled',
      target: { type: 'request', id: requestId },
      after: { truckId, date, start: stop.start, end: stop.end, flag: flagId },
    },
    now,
  );
  return {
    requestId,
    reference: request.reference,
    schoolName: request.schoolName,
    truckId,
    date,
    start: stop.start,
    end: stop.end,
    dayVersion: day.version,
  };
}
