import { Router } from 'express';
import { listSchoolsQuerySchema, schoolIdSchema } from '../../shared/api/schools';
import { AppError } from '../errors';
import { authorize } from '../http/authorization';
import { publicRevalidate } from '../http/cacheControl';
import { getSchool, schoolsPageJson } from '../services/schools';

export const schoolsRouter = Router();

schoolsRouter.get('/', authorize('schools.read'), publicRevalidate, async (req, res) => {
  const query = listSchoolsQuerySchema.parse(req.query);
  const { json, etag } = await schoolsPageJson(query);
  res
    .set('ETag', etag)
    .type(query.format === 'geojson' ? 'application/geo+json' : 'application/json')
    .send(json);
});

schoolsRouter.get('/:id', authorize('schools.read'), publicRevalidate, async (req, res) => {
  const id = schoolIdSchema.safeParse(req.params.id);
  if (!id.success) throw new AppError('invalid_id', `"${req.params.id}" is geen geldige school-id.`);
  res.json(await getSchool(id.data));
});
