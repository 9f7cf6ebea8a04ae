import { model, Schema, type InferSchemaType } from 'mongoose';
import { EMAIL_KINDS, OUTBOX_STATUSES } from '../../shared/api/outbox';
import { USER_LANGUAGES } from '../../shared/api/auth';

const outboxMessageSchema = new Schema(
  {
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, default: null },
    language: { type: String, enum: USER_LANGUAGES, required: true },
    kind: { type: String, enum: EMAIL_KINDS, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    attempts: { type: Number, default: 0 },
    /** When the worker may (re)try; also the lease while one worker is sending it. Null once sent or failed. */
    nextAttemptAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    /** How it left: by SMTP, or as an .eml file when no SMTP server is configured. */
    transport: { type: String, enum: ['smtp', 'file'], default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { collection: 'outbox', versionKey: false },
);
outboxMessageSchema.index({ status: 1, nextAttemptAt: 1 });
outboxMessageSchema.index({ createdAt: -1 });

export type OutboxMessageFields = InferSchemaType<typeof outboxMessageSchema>;
export const OutboxMessage = model('OutboxMessage', outboxMessageSchema);
