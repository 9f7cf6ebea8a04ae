import { model, Schema } from 'mongoose';

/**
 * One-time claims on a name, e.g. "truckDay:wagen-1:2027-03-09#000004" or "request:<id>#3". The unique
 * _id makes an insert the one atomic compare-and-set that FerretDB 1.24 and MongoDB both guarantee:
 * of concurrent inserts of the same name exactly one succeeds. (FerretDB's conditional updates and
 * findAndModify are not atomic under concurrency: measured 1–30 winners out of 50; see README.)
 * `state` optionally carries the new state the claimant writes, as JSON text.
 */
const claimSchema = new Schema(
  {
    _id: { type: String },
    at: { type: Date, required: true },
    state: { type: String, default: null },
  },
  { collection: 'claims', versionKey: false },
);

export const Claim = model('Claim', claimSchema);
