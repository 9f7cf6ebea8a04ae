import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * The ordered feed of a truck-day's live messages (shared/api/live LiveMessage), which every app instance
 * polls to push to its own SSE viewers. _id is "<truckId>:<date>#<seq, 9 digits>": inserting the next
 * number is the claim of it (unique _id), and a writer only tries n after it has seen n − 1, so the
 * sequence has no gaps and a poller that reads "seq > last seen" misses nothing.
 */
const liveChangeSchema = new Schema(
  {
    _id: { type: String },
    truckId: { type: String, required: true },
    date: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, enum: ['position', 'stops'], required: true },
    /** The LiveMessage as JSON text. */
    message: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'liveChanges', versionKey: false },
);
liveChangeSchema.index({ truckId: 1, date: 1, seq: 1 });

export type LiveChangeFields = InferSchemaType<typeof liveChangeSchema>;
export const LiveChange = model('LiveChange', liveChangeSchema);

/** The _id of a day's change number `seq`; zero-padded so ids sort by number. */
export const liveChangeId = (truckId: string, date: string, seq: number) =>
  `${truckId}:${date}#${String(seq).padStart(9, '0')}`;
