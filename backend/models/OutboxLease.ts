import { model, Schema } from 'mongoose';

/**
 * Who sends an outbox message: one document per attempt, `_id` "<message id>#<attempt>" (a takeover of an
 * abandoned attempt adds "~1", "~2" …). Of any number of workers, in one process or many, on MongoDB or on
 * FerretDB, exactly one inserts it and sends that attempt (an insert with a unique `_id` is the one atomic
 * primitive both databases have; FerretDB's findOneAndUpdate is not atomic across connections). `at` is when
 * the attempt was claimed, for the takeover of an attempt whose worker died before it recorded the outcome.
 */
const outboxLeaseSchema = new Schema(
  {
    _id: { type: String },
    at: { type: Date, required: true },
  },
  { collection: 'outboxLeases', versionKey: false },
);

export const OutboxLease = model('OutboxLease', outboxLeaseSchema);
