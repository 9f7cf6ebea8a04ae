import { Router } from 'express';
import { z } from 'zod';
import { isoDateSchema } from '../../shared/api/common';
import {
  chooseAlternativeSchema,
  createPlanSchema,
  editPlanSchema,
  fillSlotSchema,
  moveVisitSchema,
  publishPlanSchema,
} from '../../shared/api/plans';
import { authorize, requireUser } from '../http/authorization';
import { securityOf } from '../http/securitySettings';
import type { Logger } from '../logger';
import {
  cancelPlan,
  chooseAlternative,
  editPlan,
  getPlanJson,
  listPlans,
  moveVisit,
  startPlan,
} from '../services/planning/plans';
import { listTour, publishPlan } from '../services/planning/publish';
import { listDayFlags, resolveDayFlag, slotCandidates } from '../services/planning/dayChanges';
import { fillSlot } from '../services/planning/fillSlot';
import { NotFoundError } from '../errors';

const periodSchema = z.object({ from: isoDateSchema, to: isoDateSchema }).strict();

/** The crew's planning board: make a plan, follow its progress, edit, compare and publish it. */
export function plansRouter(logger: Logger) {
  const router = Router();
  router.get('/', authorize('plans.read'), async (_req, res) => {
    res.json(await listPlans());
  });
  router.post('/', authorize('plans.write'), async (req, res) => {
    const input = createPlanSchema.parse(req.body);
    res.status(202).json(await startPlan(input, requireUser(req).id, logger));
  });
  router.get('/:id', authorize('plans.read'), async (req, res) => {
    const { json, etag } = await getPlanJson(String(req.params.id));
    // The ETag names the plan's version and status, so a client that has this version gets 304.
    // Crew data: never in a shared cache, but kept by the browser to revalidate (the board polls this).
    res.set({ ETag: etag, 'Cache-Control': 'private, no-cache' }).type('json').send(json);
  });
  router.delete('/:id/run', authorize('plans.write'), async (req, res) => {
    res.json(await cancelPlan(String(req.params.id)));
  });
  router.put('/:id/routes', authorize('plans.write'), async (req, res) => {
    const result = await editPlan(String(req.params.id), editPlanSchema.parse(req.body));
    res.status(result.check.valid ? 200 : 422).json(result);
  });
  router.post('/:id/move', authorize('plans.write'), async (req, res) => {
    const result = await moveVisit(String(req.params.id), moveVisitSchema.parse(req.body));
    res.status(result.check.valid ? 200 : 422).json(result);
  });
  router.post('/:id/choose', authorize('plans.write'), async (req, res) => {
    res.json(await chooseAlternative(String(req.params.id), chooseAlternativeSchema.parse(req.body), requireUser(req)));
  });
  router.post('/:id/publish', authorize('plans.write'), async (req, res) => {
    const { version } = publishPlanSchema.parse(req.body);
    res.json(await publishPlan(String(req.params.id), version, requireUser(req), securityOf(req).appUrl));
  });
  return router;
}

/** The published tour of a period: every truck-day with its stops. */
export const tourRouter = Router();
tourRouter.get('/', authorize('plans.read'), async (req, res) => {
  const { from, to } = periodSchema.parse(req.query);
  res.json(await listTour(from, to));
});
/** Published days that changed after publishing (a visit cancelled, declined or taken off): the planning board flags them. */
tourRouter.get('/flags', authorize('plans.read'), async (req, res) => {
  const { from, to } = periodSchema.parse(req.query);
  res.json(await listDayFlags(from, to));
});
tourRouter.get('/flags/:id/candidates', authorize('plans.read'), async (req, res) => {
  res.json(await slotCandidates(String(req.params.id)));
});
tourRouter.post('/flags/:id/fill', authorize('plans.write'), async (req, res) => {
  const { requestId } = fillSlotSchema.parse(req.body);
  res.json(await fillSlot(String(req.params.id), requestId, requireUser(req), securityOf(req).appUrl));
});
tourRouter.post('/flags/:id/resolve', authorize('plans.write'), async (req, res) => {
  if (!(await resolveDayFlag(String(req.params.id), requireUser(req).id))) throw new NotFoundError('Deze markering');
  res.json({ resolved: true });
});
