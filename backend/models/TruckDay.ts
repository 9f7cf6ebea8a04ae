import { model, Schema, type InferSchemaType } from 'mongoose';

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

const stopSchema = new Schema(
  {
    requestId: { type: String, required: true },
    arrive: { type: String, match: hhmm, required: true },
    start: { type: String, match: hhmm, required: true },
    end: { type: String, match: hhmm, required: true },
    leave: { type: String, match: hhmm, required: true },
    /** Confirmed with the school: a re-plan keeps it where it is. */
    pinned: { type: Boolean, default: false },
  },
  { _id: false },
);

/**
 * The published tour of one truck on one date: the authority on what the truck does that day.
 * _id is "<truckId>:<date>", so a second document for the same day cannot exist (unique _id), and every
 * change is a conditional update on `version` (compare-and-set): of two writers that read the same
 * version, exactly one succeeds and the other gets 409. No transaction, no read-then-write race.
 */
const truckDaySchema = new Schema(
  {
    _id: { type: String },
    truckId: { type: String, required: true },
    date: { type: String, required: true },
    depart: { type: String, match: hhmm, default: null },
    return: { type: String, match: hhmm, default: null },
    stops: { type: [stopSchema], default: [] },
    version: { type: Number, required: true, default: 0 },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'truckDays', versionKey: false },
);
truckDaySchema.index({ date: 1 });

export type TruckDayFields = InferSchemaType<typeof truckDaySchema>;
export const TruckDay = model('TruckDay', truckDaySchema);

/** The _id of a truck's day. */
export const truckDayId = (truckId: string, date: string) => `${truckId}:${date}`;
