import { Router, type Request, type Response } from 'express';
import {
  eventBatchSchema,
  LIVE_RETRY_MS,
  liveDayParamsSchema,
  liveHistoryQuerySchema,
  positionBatchSchema,
  toPublicSnapshot,
  type LiveDaySnapshot,
} from '../../shared/api/live';
import { NotFoundError } from '../errors';
import { authorize } from '../http/authorization';
import { securityOf } from '../http/securitySettings';
import { streamClientIp, type StreamLimiter } from '../http/streamLimits';
import { amsterdamToday } from '../services/live/clock';
import { sseMessage, type LiveHub, type LiveVariant } from '../services/live/hub';
import { recordEvents, recordPositions } from '../services/live/record';
import { getLiveHistory, getLiveSnapshot } from '../services/live/snapshot';

/**
 * Opens a Server-Sent Events stream: the `retry:` hint, a snapshot, then every change of the day from the hub
 * (which polls the shared feed), and heartbeats. Ends when the viewer goes away.
 */
async function openStream(
  req: Request,
  res: Response,
  hub: LiveHub,
  snapshot: LiveDaySnapshot,
  variant: LiveVariant,
): Promise<void> {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  req.socket.setNoDelay(true);
  req.socket.setTimeout(0);
  res.write(`retry: ${LIVE_RETRY_MS}\n\n`);
  const first =
    variant === 'full'
      ? { type: 'snapshot' as const, snapshot }
      : { type: 'snapshot' as const, snapshot: toPublicSnapshot(snapshot) };
  res.write(sseMessage(snapshot.seq, first));
  let unsubscribe: (() => void) | null = null;
  let gone = false;
  res.on('close', () => {
    gone = true;
    unsubscribe?.();
  });
  const off = await hub.subscribe(
    snapshot.truckId,
    snapshot.date,
    snapshot.seq,
    { write: (c) => res.write(c), end: () => res.end() },
    variant,
  );
  if (gone) off();
  else unsubscribe = off;
}

/** The crew's reports from the road and the live view of a truck's day (crew, coordinators, admins). */
export function liveRouter(hub: LiveHub): Router {
  const router = Router();

  router.post('/:truckId/:date/positions', authorize('live.report'), async (req, res) => {
    const { truckId, date } = liveDayParamsSchema.parse(req.params);
    const batch = positionBatchSchema.parse(req.body);
    const result = await recordPositions(
      truckId,
      date,
      batch,
      new Date(),
      () => hub.notify(truckId, date),
      securityOf(req).appUrl,
    );
    hub.notify(truckId, date);
    res.json(result);
  });

  router.post('/:truckId/:date/events', authorize('live.report'), async (req, res) => {
    const { truckId, date } = liveDayParamsSchema.parse(req.params);
    const batch = eventBatchSchema.parse(req.body);
    const result = await recordEvents(truckId, date, batch, new Date(), undefined, securityOf(req).appUrl);
    hub.notify(truckId, date);
    res.json(result);
  });

  router.get('/:truckId/:date', authorize('live.read'), async (req, res) => {
    const { truckId, date } = liveDayParamsSchema.parse(req.params);
    res.set('Cache-Control', 'no-store').json(await getLiveSnapshot(truckId, date));
  });

  router.get('/:truckId/:date/history', authorize('live.read'), async (req, res) => {
    const { truckId, date } = liveDayParamsSchema.parse(req.params);
    const { until } = liveHistoryQuerySchema.parse(req.query);
    res.set('Cache-Control', 'no-store').json(await getLiveHistory(truckId, date, until ? new Date(until) : undefined));
  });

  router.get('/:truckId/:date/stream', authorize('live.read'), async (req, res) => {
    const { truckId, date } = liveDayParamsSchema.parse(req.params);
    await openStream(req, res, hub, await getLiveSnapshot(truckId, date), 'full');
  });

  return router;
}

/** The school-facing live view: today's truck position and schools only, no contact data, no ids. */
export function publicLiveRouter(hub: LiveHub, limiter: StreamLimiter): Router {
  const router = Router();
  // Only today's tour is public: which school gets a visit on which later day is not.
  const todaysDay = (req: Request) => {
    const { truckId, date } = liveDayParamsSchema.parse(req.params);
    if (date !== amsterdamToday(securityOf(req).now())) throw new NotFoundError(`De tour van ${truckId} op ${date}`);
    return { truckId, date };
  };

  router.get('/:truckId/:date', authorize('live.public'), async (req, res) => {
    const { truckId, date } = todaysDay(req);
    res.set('Cache-Control', 'no-store').json(toPublicSnapshot(await getLiveSnapshot(truckId, date)));
  });

  router.get('/:truckId/:date/stream', authorize('live.public'), async (req, res) => {
    const { truckId, date } = todaysDay(req);
    // Anonymous viewers hold a slot (per IP and in all) until they leave; logged-in users are not counted.
    if (!req.user) limiter.acquire(streamClientIp(req), res);
    await openStream(req, res, hub, await getLiveSnapshot(truckId, date), 'public');
  });

  return router;
}
