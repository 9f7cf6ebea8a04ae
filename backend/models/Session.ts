import { model, Schema, type InferSchemaType } from 'mongoose';

const sessionSchema = new Schema(
  {
    /** SHA-256 (hex) of the session token in the cookie: the token itself is never stored, and lookups hit _id. */
    _id: { type: String, match: /^[a-f0-9]{64}$/ },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** SHA-256 (hex) of the CSRF token handed out with this session. */
    csrfHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** Refreshed at most once a minute; the idle timeout counts from here. */
    lastSeenAt: { type: Date, required: true },
    /** The absolute end, whatever the activity. */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sessions', versionKey: false },
);
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 });

export type SessionFields = InferSchemaType<typeof sessionSchema>;
export const Session = model('Session', sessionSchema);
