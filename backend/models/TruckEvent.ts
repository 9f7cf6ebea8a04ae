import { model, Schema, type InferSchemaType } from 'mongoose';
import { TRUCK_EVENT_KINDS } from '../../shared/api/live';

/**
 * A crew event of a truck's day (departed, arrived, …) with the time it happened. _id is
 * "<truckId>:<date>:<key>" with the client's idempotency key, so a resend is a no-op; events are
 * applied in the order of `at`, whatever order they arrived in.
 */
const truckEventSchema = new Schema(
  {
    _id: { type: String },
    truckId: { type: String, required: true },
    date: { type: String, required: true },
    key: { type: String, required: true },
    at: { type: Date, required: true },
    kind: { type: String, enum: TRUCK_EVENT_KINDS, required: true },
    requestId: { type: String, default: null },
    delayMinutes: { type: Number, default: null },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'truckEvents', versionKey: false },
);
truckEventSchema.index({ truckId: 1, date: 1, at: 1 });

export type TruckEventFields = InferSchemaType<typeof truckEventSchema>;
export const TruckEvent = model('TruckEvent', truckEventSchema);
