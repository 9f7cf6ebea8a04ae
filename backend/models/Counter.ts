import { model, Schema } from 'mongoose';

/** Named sequences (e.g. request references per year): a hint of the highest number claimed (see db/sequences.ts). */
const counterSchema = new Schema(
  { _id: { type: String }, value: { type: Number, required: true } },
  { collection: 'counters', versionKey: false },
);

export const Counter = model('Counter', counterSchema);
