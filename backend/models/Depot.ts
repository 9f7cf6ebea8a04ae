import { model, Schema, type InferSchemaType } from 'mongoose';

const depotSchema = new Schema(
  {
    _id: { type: String },
    name: { type: String, required: true },
    address: { type: String, required: true },
    /** [longitude, latitude] */
    location: { type: [Number], required: true },
  },
  { collection: 'depots', versionKey: false },
);

export type DepotFields = InferSchemaType<typeof depotSchema>;
export const Depot = model('Depot', depotSchema);
