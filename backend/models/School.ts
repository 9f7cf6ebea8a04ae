import { model, Schema, type InferSchemaType } from 'mongoose';
import { SCHOOL_ID_PATTERN, SCHOOL_LEVELS } from '../../shared/api/schools';
import { REGION_IDS } from '../../shared/types/regions';

const pointSchema = new Schema(
  {
    type: { type: String, enum: ['Point'], required: true },
    coordinates: {
      type: [Number],
      required: true,
      validate: { validator: (c: number[]) => c.length === 2, message: 'een punt heeft [lengtegraad, breedtegraad]' },
    },
  },
  { _id: false },
);

const schoolSchema = new Schema(
  {
    /**
     * Stable natural key: the lowercased DUO vestigingscode, or a slug for a school DUO does not list.
     * Being the _id, it survives a re-seed and FerretDB finds it without a table scan.
     */
    _id: { type: String, match: SCHOOL_ID_PATTERN },
    name: { type: String, required: true },
    brin: { type: String, default: null },
    vestigingscode: { type: String, default: null },
    address: {
      street: { type: String, default: null },
      houseNumber: { type: String, default: null },
      postcode: { type: String, default: null },
      place: { type: String, required: true },
    },
    municipality: { type: String, required: true },
    municipalityCode: { type: String, required: true },
    region: { type: String, enum: REGION_IDS, required: true },
    level: { type: String, enum: SCHOOL_LEVELS, required: true },
    schoolType: { type: String, default: null },
    offersVmbo: { type: Boolean, required: true },
    pupils: { type: Number, default: null, min: 0 },
    website: { type: String, default: null },
    /** One of the schools named in the STO Rotterdam-Noord programme. */
    stoProgramme: { type: Boolean, default: false },
    /** GeoJSON point; null when the address is not known ("locatie onbekend"). */
    location: { type: pointSchema, default: null },
    locationNote: { type: String, default: null },
    /** Lowercased name, place, street and codes, for the list's text search (no $text on FerretDB). */
    searchText: { type: String, required: true },
  },
  { collection: 'schools', versionKey: false },
);
schoolSchema.index({ region: 1, name: 1 });
schoolSchema.index({ municipality: 1 });
schoolSchema.index({ name: 1 });

export type SchoolFields = InferSchemaType<typeof schoolSchema>;
export const School = model('School', schoolSchema);
