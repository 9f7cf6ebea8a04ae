import type { RequestDto, RequestStatus } from '../../shared/api/requests';

/** The way through ingediend → geaccepteerd → ingepland → bevestigd → uitgevoerd. */
export const TIMELINE_STEPS: readonly RequestStatus[] = ['submitted', 'accepted', 'planned', 'confirmed', 'done'];

export interface TimelineStep {
  status: RequestStatus;
  state: 'is-done' | 'is-current' | 'is-future';
  /** When the request last reached this status (ISO), if it did. */
  at: string | null;
  /** The reason given with it (a move, a refusal, a cancellation). */
  reason: string | null;
  /** A step off the main way: afgewezen, geannuleerd (where it ended) or verzet (a published visit that moved). */
  aside: boolean;
}

/**
 * The steps a school sees for its request. A request that ended (afgewezen, geannuleerd) shows the steps it reached
 * and then where it ended. A moved visit (verzet) shows ingepland as done, then "verzet" as where it is now, then
 * bevestigd and uitgevoerd still to come: the school confirms the new date, and the visit goes on from there.
 */
export function timelineSteps(request: Pick<RequestDto, 'status' | 'history'>): TimelineStep[] {
  const lastAt = (status: RequestStatus) => [...request.history].reverse().find((h) => h.status === status);
  const onTheWay = TIMELINE_STEPS.indexOf(request.status);
  const ended = request.status === 'declined' || request.status === 'cancelled';
  // A moved visit was planned, and a confirmation of its old date no longer holds: the school confirms the new one.
  // An ended request: the furthest step its history shows.
  const reached =
    onTheWay >= 0
      ? onTheWay
      : request.status === 'moved'
        ? TIMELINE_STEPS.indexOf('planned')
        : Math.max(...TIMELINE_STEPS.map((s, i) => (lastAt(s) ? i : -1)));
  const steps: TimelineStep[] = [];
  TIMELINE_STEPS.forEach((status, i) => {
    if (ended && i > reached) return;
    const entry = i <= reached ? lastAt(status) : undefined;
    const state =
      i < reached || (i === reached && onTheWay < 0) ? 'is-done' : i === reached ? 'is-current' : 'is-future';
    steps.push({ status, state, at: entry ? entry.at : null, reason: null, aside: false });
  });
  if (onTheWay < 0) {
    const entry = lastAt(request.status);
    steps.splice(reached + 1, 0, {
      status: request.status,
      state: 'is-current',
      at: entry ? entry.at : null,
      reason: entry?.reason ?? null,
      aside: true,
    });
  }
  return steps;
}
