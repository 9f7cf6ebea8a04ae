import type { Document } from 'mongoose';

/**
 * Group commit for inserts. FerretDB on SQLite commits every write on its own (about 250 single inserts a
 * second on this kind of machine, however many run at once), while one insertMany of 10 to 50 documents
 * costs about as much as one insert. So inserts into a collection go out one batch at a time: while a
 * batch is being written, new documents wait and then leave together as the next batch (insertMany,
 * unordered). A lone insert leaves at once, so nothing waits when the server is quiet.
 *
 * Each document still succeeds or fails on its own: a duplicate `_id` (MongoDB code 11000) rejects only
 * the promise of that document, also when two documents of one batch have the same `_id` (the first one
 * wins, as with two separate inserts). This keeps unique inserts usable as claims (see db/claims.ts).
 */
export interface InsertBatcher {
  /** Inserts one document (already cast and validated); resolves when it is written, rejects with its own error. */
  insert(doc: Record<string, unknown>): Promise<void>;
}

interface Pending {
  doc: Record<string, unknown>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** At most this many documents per insertMany (keeps one write short, so the next batch is not held up long). */
const MAX_BATCH = 100;

interface DriverCollection {
  insertOne(doc: Record<string, unknown>): Promise<unknown>;
  insertMany(docs: Array<Record<string, unknown>>, options: { ordered: false }): Promise<unknown>;
}

interface BulkWriteErrorLike {
  writeErrors?:
    Array<{ index: number; code?: number; errmsg?: string }> | { index: number; code?: number; errmsg?: string };
}

export interface InsertBatcherOptions {
  /**
   * How long the first document of a batch waits for others before the batch is written. 0 (the default): it
   * leaves at once. More is for writes nobody waits for (db/deferredWrites.ts): they gather into fewer, larger
   * batches, which costs the database far less than one write each.
   */
  lingerMs?: number;
}

/** A batcher writing to one collection (as the driver's collection, so mongoose middleware does not run again). */
export function createInsertBatcher(
  collection: () => DriverCollection,
  options: InsertBatcherOptions = {},
): InsertBatcher {
  const lingerMs = options.lingerMs ?? 0;
  let queue: Pending[] = [];
  let writing = false;

  async function writeBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const [one] = batch as [Pending];
      try {
        await collection().insertOne(one.doc);
        one.resolve();
      } catch (err) {
        one.reject(err);
      }
      return;
    }
    try {
      await collection().insertMany(
        batch.map((p) => p.doc),
        { ordered: false },
      );
      for (const p of batch) p.resolve();
    } catch (err) {
      const raw = (err as BulkWriteErrorLike).writeErrors;
      const writeErrors = raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw];
      if (!writeErrors || writeErrors.length === 0) {
        for (const p of batch) p.reject(err); // the whole batch failed (database away): nobody knows better
        return;
      }
      const failed = new Map(writeErrors.map((w) => [w.index, w]));
      batch.forEach((p, i) => {
        const w = failed.get(i);
        if (!w) p.resolve();
        else p.reject(Object.assign(new Error(w.errmsg ?? `insert failed (code ${w.code})`), { code: w.code }));
      });
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_BATCH);
        queue = queue.slice(MAX_BATCH);
        await writeBatch(batch);
      }
    } finally {
      writing = false;
    }
  }

  return {
    insert(doc) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ doc, resolve, reject });
        // Documents added in the same tick go together; later ones wait for the batch under way.
        if (!writing) {
          writing = true;
          if (lingerMs > 0) setTimeout(() => void drain(), lingerMs);
          else queueMicrotask(() => void drain());
        }
      });
    },
  };
}

const batchers = new Map<string, InsertBatcher>();

/** A mongoose model, as far as insertBatched and insertPlain need it. */
type AnyModel = (new (fields: Record<string, unknown>) => Document<unknown>) & {
  collection: unknown;
  modelName: string;
};

/** How long a write nobody waits for lingers to gather a batch (see InsertBatcherOptions). */
export const LATER_LINGER_MS = 100;

function batcherFor(model: AnyModel, later = false): InsertBatcher {
  const name = later ? `${model.modelName}~later` : model.modelName;
  let batcher = batchers.get(name);
  if (!batcher) {
    batcher = createInsertBatcher(() => model.collection as DriverCollection, {
      lingerMs: later ? LATER_LINGER_MS : 0,
    });
    batchers.set(name, batcher);
  }
  return batcher;
}

const TO_OBJECT = { depopulate: true, virtuals: false, getters: false } as const;

/**
 * Like `Model.create(fields)` for one document (casts, applies defaults, validates), but the write goes
 * through the model's insert batcher. Resolves with the new document once it is stored.
 */
export async function insertBatched<M extends AnyModel>(
  model: M,
  fields: Record<string, unknown>,
): Promise<InstanceType<M>> {
  const doc = new model(fields) as InstanceType<M>;
  await doc.validate();
  await batcherFor(model).insert(doc.toObject(TO_OBJECT) as Record<string, unknown>);
  doc.isNew = false;
  return doc;
}

let verifyPlain = false;

/** Turns on (tests: test/setup.ts, and servers started with NODE_ENV=test) or off the check of insertPlain's documents. */
export function verifyPlainDocuments(on: boolean): void {
  verifyPlain = on;
}

/** Thrown by the check of insertPlain: the document is not what the model would store (a bug in its builder). */
export class PlainDocumentMismatch extends Error {
  override name = 'PlainDocumentMismatch';
}

/** A value as text that tells types apart (an ObjectId from its hex string, a Date from its ISO text) and ignores key order. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return v === undefined ? 'undefined' : JSON.stringify(v);
  if (v instanceof Date) return `Date(${v.toISOString()})`;
  const bsonType = (v as { _bsontype?: unknown })._bsontype;
  if (typeof bsonType === 'string') return `${bsonType}(${String(v)})`;
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}

/**
 * Inserts a document our own code built in full: its `_id`, every field of the schema with its default
 * spelled out, every value already of its stored type. It goes through the model's insert batcher like
 * insertBatched, but without mongoose's casting and validation of a document per write (for the public form's
 * documents about 1.1 ms of CPU per submission on this machine, a third of the server's work for it). The
 * values come from input that a zod schema has already checked at the edge.
 *
 * The test run turns on a check (verifyPlainDocuments; a server started with NODE_ENV=test does so
 * itself): every plain document must pass the model's validation and be cast by the model to
 * itself, or the insert fails with PlainDocumentMismatch. So each builder is held to the schema by every test
 * that writes through it.
 *
 * `later: true` is for a write nobody is waiting for (see db/deferredWrites.ts): it lingers LATER_LINGER_MS to
 * leave in one batch with others.
 */
export async function insertPlain<T extends { _id: unknown }>(
  model: AnyModel,
  doc: T,
  options: { later?: boolean } = {},
): Promise<T> {
  if (verifyPlain) {
    const cast = new model(doc as Record<string, unknown>);
    await cast.validate().catch((err: unknown) => {
      throw new PlainDocumentMismatch(`${model.modelName}: ${(err as Error).message}`);
    });
    const stored = canonical(cast.toObject(TO_OBJECT));
    const given = canonical(doc);
    if (stored !== given) {
      throw new PlainDocumentMismatch(`${model.modelName}: the model stores ${stored}, the builder gave ${given}`);
    }
  }
  await batcherFor(model, options.later).insert(doc as Record<string, unknown>);
  return doc;
}
