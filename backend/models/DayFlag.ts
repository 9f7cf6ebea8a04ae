import { model, Schema, type InferSchemaType } from 'mongoose';

export const DAY_FLAG_KINDS = ['cancelled', 'declined', 'unplanned', 'publish_conflict'] as const;

/**
 * A truck's published day that changed after publishing (a visit cancelled, declined or taken off it): the
 * planning board shows it until the crew has dealt with it (re-timed it, filled the slot, or left it).
 * _id is "<truckId>:<date>:<requestId>", so the same change is flagged once.
 */
const dayFlagSchema = new Schema(
  {
    _id: { type: String },
    truckId: { type: String, required: true },
    date: { type: String, required: true },
    kind: { type: String, enum: DAY_FLAG_KINDS, required: true },
    requestId: { type: String, required: true },
    reference: { type: String, required: true },
    schoolName: { type: String, required: true },
    /** The slot the visit left free (truck on site), HH:mm. */
    freedFrom: { type: String, default: null },
    freedTo: { type: String, default: null },
    reason: { type: String, default: null },
    at: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
    resolvedBy: { type: String, default: null },
  },
  { collection: 'dayFlags', versionKey: false },
);

export type DayFlagFields = InferSchemaType<typeof dayFlagSchema>;
export const DayFlag = model('DayFlag', dayFlagSchema);
