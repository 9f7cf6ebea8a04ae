import { z } from 'zod';
import { pagingSchema } from './common';

/** Every kind of email the app sends. */
export const EMAIL_KINDS = [
  'invitation',
  'password_reset',
  'request_received',
  'visit_planned',
  'visit_changed',
  'visit_delayed',
  'visit_cancelled',
  'request_accepted',
  'request_declined',
  'cancellation_received',
  'crew_visit_changed',
  'request_expired',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** `GET /api/outbox?status&page&pageSize` (admin). */
export const listOutboxQuerySchema = pagingSchema.extend({ status: z.enum(OUTBOX_STATUSES).optional() }).strict();
export type ListOutboxQuery = z.infer<typeof listOutboxQuerySchema>;

/** An email in the outbox as the admin page shows it. */
export interface OutboxMessageDto {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  language: 'nl' | 'en';
  kind: EmailKind;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  transport: 'smtp' | 'file' | null;
  createdAt: string;
  sentAt: string | null;
}
