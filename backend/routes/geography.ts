import { Router } from 'express';
import { calendarQuerySchema } from '../../shared/api/calendar';
import { authorize } from '../http/authorization';
import { publicRevalidate } from '../http/cacheControl';
import { listCalendar, listDepots, listMunicipalities, listRegions } from '../services/geography';

/** Regions, municipalities, depots and the calendar: reference data every page reads. */
export const geographyRouter = Router();

geographyRouter.get('/regions', authorize('regions.read'), publicRevalidate, async (_req, res) => {
  res.json(await listRegions());
});

geographyRouter.get('/municipalities', authorize('regions.read'), publicRevalidate, async (_req, res) => {
  res.json(await listMunicipalities());
});

geographyRouter.get('/depots', authorize('regions.read'), publicRevalidate, async (_req, res) => {
  res.json(await listDepots());
});

geographyRouter.get('/calendar', authorize('calendar.read'), publicRevalidate, async (req, res) => {
  res.json(await listCalendar(calendarQuerySchema.parse(req.query)));
});
