import { Router } from 'express';
import { z } from 'zod';
import { isoDateSchema } from '../../shared/api/common';
import { authorize } from '../http/authorization';
import { requestsCsv, tourGeoJson, visitsCsv } from '../services/exports';

const periodSchema = z.object({ from: isoDateSchema, to: isoDateSchema }).strict();

/** Downloads for the crew and coordinators: requests and visits as CSV, a tour as GeoJSON. */
export const exportsRouter = Router();

exportsRouter.get('/requests.csv', authorize('plans.read'), async (_req, res) => {
  res
    .type('text/csv; charset=utf-8')
    .attachment('aanvragen.csv')
    .send(`\uFEFF${await requestsCsv()}`);
});

exportsRouter.get('/visits.csv', authorize('plans.read'), async (_req, res) => {
  res
    .type('text/csv; charset=utf-8')
    .attachment('bezoeken.csv')
    .send(`\uFEFF${await visitsCsv()}`);
});

exportsRouter.get('/tour.geojson', authorize('plans.read'), async (req, res) => {
  const { from, to } = periodSchema.parse(req.query);
  res
    .type('application/geo+json')
    .attachment(`tour-${from}-${to}.geojson`)
    .send(JSON.stringify(await tourGeoJson(from, to)));
});
