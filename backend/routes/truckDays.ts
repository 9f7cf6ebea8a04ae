import { Router } from 'express';
import { z } from 'zod';
import { isoDateSchema } from '../../shared/api/common';
import { authorize } from '../http/authorization';
import { bookStop, getTruckDay, removeStop } from '../services/truckDays';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'tijd als UU:MM');
const paramsSchema = z.object({ truckId: z.string().regex(/^[a-z0-9-]{2,40}$/), date: isoDateSchema }).strict();
const bookSchema = z
  .object({
    version: z.number().int().min(0),
    stop: z
      .object({ requestId: z.string().regex(/^[a-f0-9]{24}$/), arrive: hhmm, start: hhmm, end: hhmm, leave: hhmm })
      .strict(),
  })
  .strict();
const removeSchema = z.object({ version: z.coerce.number().int().min(0) }).strict();

/** A truck's published day: read it, book a stop on it, take one off (each write names the version it saw). */
export const truckDaysRouter = Router();

truckDaysRouter.get('/:truckId/days/:date', authorize('plans.read'), async (req, res) => {
  const { truckId, date } = paramsSchema.parse(req.params);
  res.json(await getTruckDay(truckId, date));
});

truckDaysRouter.post('/:truckId/days/:date/stops', authorize('visits.write'), async (req, res) => {
  const { truckId, date } = paramsSchema.parse(req.params);
  const { version, stop } = bookSchema.parse(req.body);
  res.status(201).json(await bookStop(truckId, date, stop, version));
});

truckDaysRouter.delete('/:truckId/days/:date/stops/:requestId', authorize('visits.write'), async (req, res) => {
  const { truckId, date } = paramsSchema.parse({ truckId: req.params.truckId, date: req.params.date });
  const { version } = removeSchema.parse(req.query);
  res.json(await removeStop(truckId, date, String(req.params.requestId), version));
});
