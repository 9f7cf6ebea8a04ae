import { Router } from 'express';
import { listAuditQuerySchema } from '../../shared/api/audit';
import { objectIdSchema } from '../../shared/api/common';
import { listOutboxQuerySchema } from '../../shared/api/outbox';
import { AppError } from '../errors';
import { authorize } from '../http/authorization';
import { listAudit } from '../services/audit';
import { getOutboxMessage, listOutbox } from '../services/outbox/enqueue';

/** `/api/outbox` (admin): every email the app sent or will send. */
export const outboxRouter = Router();

outboxRouter.get('/', authorize('outbox.read'), async (req, res) => {
  res.json(await listOutbox(listOutboxQuerySchema.parse(req.query)));
});

outboxRouter.get('/:id', authorize('outbox.read'), async (req, res) => {
  const id = objectIdSchema.safeParse(req.params.id);
  if (!id.success) throw new AppError('invalid_id', 'Ongeldige bericht-id.');
  res.json(await getOutboxMessage(id.data));
});

/** `/api/audit` (admin, coordinator): the log of changes, newest first. */
export const auditRouter = Router();

auditRouter.get('/', authorize('audit.read'), async (req, res) => {
  res.json(await listAudit(listAuditQuerySchema.parse(req.query)));
});
