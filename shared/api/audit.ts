import { z } from 'zod';
import { pagingSchema } from './common';

/** `GET /api/audit?targetType&targetId&page&pageSize` (admin, coordinator). */
export const listAuditQuerySchema = pagingSchema
  .extend({
    targetType: z
      .string()
      .regex(/^[a-z][a-zA-Z]{0,39}$/)
      .optional(),
    targetId: z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .optional(),
  })
  .strict();
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

/** One recorded change: who did what to which record, with the values before and after. */
export interface AuditEntryDto {
  id: string;
  at: string;
  actor: { id: string; email: string | null; role: string | null } | null;
  action: string;
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
}
