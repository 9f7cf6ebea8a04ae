import { model, Schema, type InferSchemaType } from 'mongoose';

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

const truckSchema = new Schema(
  {
    /** Short id used in plans and URLs, e.g. "wagen-1". */
    _id: { type: String, match: /^[a-z0-9-]{2,40}$/ },
    name: { type: String, required: true },
    depotId: { type: String, required: true },
    shift: {
      start: { type: String, match: hhmm, required: true },
      end: { type: String, match: hhmm, required: true },
    },
    /** ISO weekdays the truck works, 1 = Monday … 7 = Sunday. */
    weekdays: { type: [Number], default: [1, 2, 3, 4, 5] },
    maxVisitsPerDay: { type: Number, min: 1, max: 6, default: 2 },
    active: { type: Boolean, default: true },
  },
  { collection: 'trucks', versionKey: false },
);

export type TruckFields = InferSchemaType<typeof truckSchema>;
export const Truck = model('Truck', truckSchema);
