import { model, Schema } from 'mongoose';

/** Named sequences (e.g. request references per year), advanced with an atomic $inc. */
const counterSchema = new Schema({ _id: { type: String }, value: { type: Number, required: true } }, { collection: 'counters', versionKey: false });

export const Counter = model('Counter', counterSchema);

/** The next number of a sequence, starting at 1; atomic, so two callers never get the same one. */
export async function nextSequence(name: string): Promise<number> {
  const doc = await Counter.findOneAndUpdate({ _id: name }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' }).lean<{ value: number }>();
  return doc!.value;
}
