import { model, Schema, type InferSchemaType } from 'mongoose';

const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    /** Null for changes the system makes by itself (or an anonymous visitor). */
    actorId: { type: String, default: null },
    actorEmail: { type: String, default: null },
    actorRole: { type: String, default: null },
    /** What happened, e.g. "user.role_changed", "request.status_changed", "visit.moved", "plan.published". */
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    /** JSON text: values may hold arrays of arrays, which FerretDB 1.x cannot store as documents. */
    beforeJson: { type: String, default: null },
    afterJson: { type: String, default: null },
  },
  { collection: 'auditLog', versionKey: false },
);
auditEntrySchema.index({ at: -1 });
auditEntrySchema.index({ targetType: 1, targetId: 1 });

export type AuditEntryFields = InferSchemaType<typeof auditEntrySchema>;
export const AuditEntry = model('AuditEntry', auditEntrySchema);
