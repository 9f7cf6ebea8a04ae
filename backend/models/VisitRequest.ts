import { model, Schema, type InferSchemaType } from 'mongoose';
import { LEVELS, REQUEST_STATUSES, SESSION_LENGTH_IDS } from '../../shared/api/requests';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

const statusChangeSchema = new Schema(
  {
    status: { type: String, enum: REQUEST_STATUSES, required: true },
    at: { type: Date, required: true },
    by: { type: String, default: null },
    reason: { type: String, default: null },
  },
  { _id: false },
);

const visitRequestSchema = new Schema(
  {
    /** Human reference, e.g. "TW-2027-0042", unique. */
    reference: { type: String, required: true, unique: true },
    /** The id a request had in an imported planning instance (e.g. "req-0001"); used as its plan id. */
    externalId: { type: String, default: null },
    schoolId: { type: String, default: null },
    /** Name at the time of the request (the school, or the new school the requester described). */
    schoolName: { type: String, required: true },
    region: { type: String, default: null },
    newSchool: {
      type: new Schema({ name: String, street: String, postcode: String, place: String }, { _id: false }),
      default: null,
    },
    contact: {
      name: { type: String, required: true },
      email: { type: String, required: true },
      phone: { type: String, default: null },
    },
    pupils: { type: Number, required: true, min: 1 },
    classes: { type: Number, required: true, min: 1 },
    levels: { type: [String], enum: LEVELS, default: [] },
    programmes: { type: [String], default: [] },
    sessionLength: { type: String, enum: SESSION_LENGTH_IDS, required: true },
    preferredWeeks: {
      type: [
        new Schema({ from: { type: String, match: isoDate }, to: { type: String, match: isoDate } }, { _id: false }),
      ],
      default: [],
    },
    excludedDates: { type: [String], default: [] },
    earliestStart: { type: String, match: hhmm, required: true },
    latestEnd: { type: String, match: hhmm, required: true },
    remarks: { type: String, default: '' },
    language: { type: String, enum: ['nl', 'en'], default: 'nl' },
    priority: { type: Number, default: 1, min: 1 },
    status: { type: String, enum: REQUEST_STATUSES, required: true },
    history: { type: [statusChangeSchema], default: [] },
    /** The published visit, mirrored from its truck-day (the truck-day is the authority). */
    visit: {
      type: new Schema(
        { truckId: String, date: String, arrive: String, start: String, end: String, leave: String },
        { _id: false },
      ),
      default: null,
    },
    /** Which fields each version changed, so a stale writer can be told what changed since. */
    changeLog: {
      type: [new Schema({ version: Number, at: Date, by: String, fields: [String] }, { _id: false })],
      default: [],
    },
    /**
     * SHA-256 of the status link the form answered with. That token starts with this request's id, so it is
     * checked here by `_id` (see requestIdForToken); links minted later for emails are in statusLinks.
     */
    statusLinkHash: { type: String, default: null },
    /**
     * The outbox id of the "request received" email of a request from the form. The email is written just after
     * the request, without the form's answer waiting for it; should the process die in between, the start-up
     * writes it (recoverRequestEmails in services/requests.ts).
     */
    receivedEmailId: { type: Schema.Types.ObjectId, default: null },
    submittedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    /** Incremented on every change; a write that names an older version gets 409. */
    version: { type: Number, required: true, default: 0 },
  },
  { collection: 'requests', versionKey: false },
);
visitRequestSchema.index({ status: 1, submittedAt: 1 });
visitRequestSchema.index({ schoolId: 1 });

export type VisitRequestFields = InferSchemaType<typeof visitRequestSchema>;
export const VisitRequest = model('VisitRequest', visitRequestSchema);
