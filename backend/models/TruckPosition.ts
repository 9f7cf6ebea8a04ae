import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * One GPS fix of a truck on a day, kept for replay. _id is "<truckId>:<date>:<key>" with the client's
 * idempotency key, so a resent fix is a duplicate-key no-op (the unique _id insert is the one atomic
 * primitive FerretDB 1.24 and MongoDB share). Coordinates are two numbers, not a nested array.
 */
const truckPositionSchema = new Schema(
  {
    _id: { type: String },
    truckId: { type: String, required: true },
    date: { type: String, required: true },
    key: { type: String, required: true },
    /** When the phone took the fix (its own clock). */
    at: { type: Date, required: true },
    lng: { type: Number, required: true },
    lat: { type: Number, required: true },
    accuracyM: { type: Number, default: null },
    speedKmh: { type: Number, default: null },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'truckPositions', versionKey: false },
);
truckPositionSchema.index({ truckId: 1, date: 1, at: 1 });

export type TruckPositionFields = InferSchemaType<typeof truckPositionSchema>;
export const TruckPosition = model('TruckPosition', truckPositionSchema);
