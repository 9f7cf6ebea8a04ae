import { model, Schema, type InferSchemaType } from 'mongoose';

const municipalitySchema = new Schema(
  {
    /** CBS code, e.g. GM0599. */
    _id: { type: String, match: /^GM\d{4}$/ },
    name: { type: String, required: true },
    group: { type: String, enum: ['rijnmond', 'neighbour'], required: true },
    /**
     * GeoJSON geometry as JSON text: FerretDB 1.x rejects nested arrays ("nested arrays are not
     * supported"), and polygons are arrays of arrays. We never query inside it; geometry is turf's job.
     */
    geometryJson: { type: String, required: true },
  },
  { collection: 'municipalities', versionKey: false },
);

export type MunicipalityFields = InferSchemaType<typeof municipalitySchema>;
export const Municipality = model('Municipality', municipalitySchema);
