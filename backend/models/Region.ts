import { model, Schema, type InferSchemaType } from 'mongoose';
import { REGION_IDS } from '../../shared/types/regions';

const regionSchema = new Schema(
  {
    _id: { type: String, enum: REGION_IDS },
    name: { type: String, required: true },
    /** Relative weight of the region's fair share of visits (number of vmbo school locations). */
    weight: { type: Number, required: true, min: 0 },
    order: { type: Number, required: true },
    municipalities: { type: [String], default: [] },
    /** What about the region's extent is an assumption rather than a published fact. */
    assumption: { type: String, default: null },
    /**
     * GeoJSON geometry as JSON text: FerretDB 1.x rejects nested arrays ("nested arrays are not
     * supported"), and polygons are arrays of arrays. We never query inside it; geometry is turf's job.
     */
    geometryJson: { type: String, required: true },
  },
  { collection: 'regions', versionKey: false },
);

export type RegionFields = InferSchemaType<typeof regionSchema>;
export const Region = model('Region', regionSchema);
