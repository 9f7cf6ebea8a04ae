import type { Collection, Db, Document, MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { ALL_MODELS } from '../models';

/**
 * Where the app's collections live.
 *
 * On MongoDB (MONGODB_URI set) every collection is in the one database of the URI.
 *
 * On the embedded FerretDB, SQLite keeps each database in one file and commits one write at a time per
 * file, and the public request form writes three collections for each submission; in one file their
 * commits queued behind each other (the figures: docs/PERFORMANCE.md, "Figures behind the code"). So on the
 * embedded database the rate-limit counters and the outbox get a database (a file) of their own, named after
 * the main one (`techniekwagen_ratelimits`, `techniekwagen_outbox`), and their commits run side by side with
 * the requests'.
 */
const OWN_DATABASE: Readonly<Record<string, string>> = {
  rateLimits: 'ratelimits',
  outbox: 'outbox',
  outboxLeases: 'outbox',
};

/** The database that holds `collection`, for the app database `main`. */
export function databaseNameFor(main: string, collection: string, split: boolean): string {
  const own = split ? OWN_DATABASE[collection] : undefined;
  return own ? `${main}_${own}` : main;
}

/** One app database as a set of collections, wherever the layout keeps them (for backup and restore). */
export interface AppDatabase {
  /** Every database the layout uses, the main one first. */
  databases: Db[];
  /** The names of the collections that exist, in any of those databases, sorted. */
  collectionNames(): Promise<string[]>;
  collection(name: string): Collection<Document>;
}

/** The app database `main` on `client`, split as on the embedded FerretDB or all in one (MongoDB). */
export function appDatabase(client: MongoClient, main: string, split: boolean): AppDatabase {
  const names = [main, ...(split ? [...new Set(Object.values(OWN_DATABASE))].map((own) => `${main}_${own}`) : [])];
  const databases = names.map((n) => client.db(n));
  const collection = (name: string) => client.db(databaseNameFor(main, name, split)).collection(name);
  return {
    databases,
    collection,
    async collectionNames() {
      const found = new Set<string>();
      for (const db of databases) {
        for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
          // Only where the layout puts it (a stray copy elsewhere is not part of the app's data).
          if (!name.startsWith('system.') && databaseNameFor(main, name, split) === db.databaseName) found.add(name);
        }
      }
      return [...found].sort();
    },
  };
}

/**
 * Points the models at their databases (Model.useConnection), on every connect: split on the embedded
 * FerretDB, all in the connection's database otherwise. A data folder from before the split still has these
 * collections in the main database: their documents are moved over once (copied, then the old collection is
 * dropped), so queued emails and counters survive the upgrade.
 */
export async function applyDatabaseLayout(connection: Connection, split: boolean): Promise<void> {
  const main = connection.name;
  for (const model of ALL_MODELS) {
    const name = model.collection.collectionName;
    const target = databaseNameFor(main, name, split);
    model.useConnection(target === main ? connection : connection.useDb(target, { useCache: true }));
    if (target !== main) await moveCollection(connection.getClient(), main, target, name);
  }
}

async function moveCollection(client: MongoClient, from: string, to: string, name: string): Promise<void> {
  const old = client.db(from).collection(name);
  const exists = (await client.db(from).listCollections({ name }, { nameOnly: true }).toArray()).length > 0;
  if (!exists) return;
  const docs = await old.find({}).toArray();
  if (docs.length > 0) {
    await client
      .db(to)
      .collection(name)
      .insertMany(docs, { ordered: false })
      .catch((err: unknown) => {
        // Documents already moved by an interrupted earlier run are there already; anything else is a real error.
        const raw = (err as { writeErrors?: Array<{ code?: number }> | { code?: number } }).writeErrors;
        const writeErrors = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
        if (writeErrors.length === 0 || writeErrors.some((w) => w.code !== 11000)) throw err;
      });
  }
  await old.drop();
}
