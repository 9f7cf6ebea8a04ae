import { Router } from 'express';
import { fairnessExportQuerySchema, fairnessQuerySchema } from '../../shared/api/dashboard';
import { authorize } from '../http/authorization';
import { securityOf } from '../http/securitySettings';
import { fairnessCsv, getFairnessDashboard } from '../services/dashboard';

/** The fairness dashboard of a period (coordinators, crew, admins) and its CSV export. */
export const dashboardRouter = Router();

dashboardRouter.get('/fairness', authorize('dashboard.read'), async (req, res) => {
  const { from, to } = fairnessQuerySchema.parse(req.query);
  res.json(await getFairnessDashboard(from, to, securityOf(req).now()));
});

dashboardRouter.get('/fairness/export', authorize('dashboard.read'), async (req, res) => {
  const { from, to, level } = fairnessExportQuerySchema.parse(req.query);
  const csv = fairnessCsv(await getFairnessDashboard(from, to, securityOf(req).now()), level);
  res
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="eerlijkheid-${level}-${from}-${to}.csv"`)
    .send(csv);
});
