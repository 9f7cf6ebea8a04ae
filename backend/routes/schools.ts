import { Router } from 'express';
import { listSchoolsQuerySchema, schoolIdSchema } from '../../shared/api/schools';
import { AppError } from '../errors';
import { authorize } from '../http/authorization';
import { toSchoolFeatureCollection } from '../presenters';
import { getSchool, listSchools } from '../services/schools';

export const schoolsRouter = Router();

schoolsRouter.get('/', authorize('schools.read'), async (req, res) => {
  const query = listSchoolsQuerySchema.parse(req.query);
  const page = await listSchools(query);
  if (query.format === 'geojson') res.type('application/geo+json').json(toSchoolFeatureCollection(page.items, page.total));
  else res.json(page);
});

schoolsRouter.get('/:id', authorize('schools.read'), async (req, res) => {
  const id = schoolIdSchema.safeParse(req.params.id);
  if (!id.success) throw new AppError('invalid_id', `"${req.params.id}" is geen geldige school-id.`);
  res.json(await getSchool(id.data));
});
