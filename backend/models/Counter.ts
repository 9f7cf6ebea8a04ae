import { model, Schema } from 'mongoose';
import { claim, isDuplicateKey } from '../db/claims';

/** Named sequences (e.g. request references per year): a hint of the highest number handed out. */
const counterSchema = new Schema({ _id: { type: String }, value: { type: Number, required: true } }, { collection: 'counters', versionKey: false });

export const Counter = model('Counter', counterSchema);

/**
 * The next number of a sequence, starting at 1; never the same number twice, also under concurrency.
 * Each number is taken by claiming its name (a unique insert); the counter only tells where to start
 * looking, since FerretDB's $inc on findAndModify is not atomic under concurrent callers.
 */
export async function nextSequence(name: string): Promise<number> {
  let n = (await Counter.findById(name).lean<{ value: number }>())?.value ?? 0;
  for (;;) {
    n += 1;
    if (await claim(`seq:${name}#${String(n).padStart(8, '0')}`)) break;
  }
  try {
    await Counter.updateOne({ _id: name }, { $max: { value: n } }, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // a concurrent first insert won; its value is a fine hint too
  }
  return n;
}
