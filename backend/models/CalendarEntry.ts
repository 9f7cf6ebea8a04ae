import { model, Schema, type InferSchemaType } from 'mongoose';
import { CALENDAR_KINDS } from '../../shared/api/calendar';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const calendarEntrySchema = new Schema(
  {
    /** Natural key so seeding is an upsert, e.g. "school_holiday:2026-2027:kerstvakantie". */
    _id: { type: String },
    kind: { type: String, enum: CALENDAR_KINDS, required: true },
    name: { type: String, required: true },
    /** Inclusive ISO dates. */
    startDate: { type: String, match: isoDate, required: true },
    endDate: { type: String, match: isoDate, required: true },
    /** Set for truck-unavailable days; null for holidays that close every truck. */
    truckId: { type: String, default: null },
    note: { type: String, default: null },
  },
  { collection: 'calendar', versionKey: false },
);
calendarEntrySchema.index({ startDate: 1, endDate: 1 });

export type CalendarEntryFields = InferSchemaType<typeof calendarEntrySchema>;
export const CalendarEntry = model('CalendarEntry', calendarEntrySchema);
