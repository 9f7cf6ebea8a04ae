import { Router } from 'express';
import { z } from 'zod';
import { isoDateSchema } from '../../shared/api/common';
import { authorize } from '../http/authorization';
import { listTrucks, weekAvailability } from '../services/availability';

const periodSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .strict()
  .refine((p) => p.from <= p.to && Date.parse(p.to) - Date.parse(p.from) <= 400 * 86_400_000, {
    message: 'een periode van hoogstens 400 dagen',
    path: ['to'],
  });

/** Public planning facts: the trucks, and how full each week is (no school names). */
export const availabilityRouter = Router();

availabilityRouter.get('/trucks', authorize('calendar.read'), async (_req, res) => {
  res.json(await listTrucks());
});

availabilityRouter.get('/availability', authorize('calendar.read'), async (req, res) => {
  const { from, to } = periodSchema.parse(req.query);
  res.json(await weekAvailability(from, to));
});
