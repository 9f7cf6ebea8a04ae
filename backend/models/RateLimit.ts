import { model, Schema, type InferSchemaType } from 'mongoose';

const rateLimitSchema = new Schema(
  {
    /** `${bucket}:${key}:${windowStart}`: one counter per bucket, key and fixed window. */
    _id: { type: String },
    count: { type: Number, required: true },
    /** End of the window; expired counters are removed by the housekeeping job. */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rateLimits', versionKey: false },
);
rateLimitSchema.index({ expiresAt: 1 });

export type RateLimitFields = InferSchemaType<typeof rateLimitSchema>;
export const RateLimit = model('RateLimit', rateLimitSchema);
