import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BSON, type Document } from 'mongodb';
import type { AppDatabase } from '../db/layout';

/** Counts per collection written or read by a backup or restore. */
export type CollectionCounts = Record<string, number>;

/**
 * Writes every collection of the app database (from whichever database of its layout holds it) to `file` as
 * canonical Extended JSON, one line per document (`{"collection": name, "doc": {...}}`), preceded by a header
 * line. Streams, so size is not limited by memory.
 */
export async function backupDatabase(db: AppDatabase, file: string): Promise<CollectionCounts> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const counts: CollectionCounts = {};
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const names = await db.collectionNames();
  await write(JSON.stringify({ format: 'techniekwagen-backup/1', createdAt: new Date().toISOString(), collections: names }));
  for (const name of names) {
    counts[name] = 0;
    for await (const doc of db.collection(name).find({}).sort({ _id: 1 })) {
      await write(BSON.EJSON.stringify({ collection: name, doc }, { relaxed: false }));
      counts[name] += 1;
    }
  }
  out.end();
  await once(out, 'finish');
  return counts;
}

/** Error for a restore that would mix a backup into existing data, or a file that is not a backup. */
export class RestoreError extends Error {
  override name = 'RestoreError';
}

/**
 * Reads a backup made by backupDatabase into the app database, each collection where its layout puts it.
 * Refuses when any collection of the backup already holds documents (restore into an empty database), so
 * nothing is overwritten or half-merged.
 */
export async function restoreDatabase(db: AppDatabase, file: string): Promise<CollectionCounts> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const counts: CollectionCounts = {};
  type Header = { format?: string; collections?: string[] };
  let header: Header | undefined;
  let batch: Document[] = [];
  let batchCollection = '';
  const flush = async () => {
    if (batch.length > 0) await db.collection(batchCollection).insertMany(batch, { ordered: true });
    batch = [];
  };
  for await (const line of lines) {
    if (!line.trim()) continue;
    if (!header) {
      header = JSON.parse(line) as Header;
      if (header?.format !== 'techniekwagen-backup/1') throw new RestoreError(`${file} is geen back-up van deze app.`);
      for (const name of header.collections ?? []) {
        if ((await db.collection(name).estimatedDocumentCount()) > 0) {
          throw new RestoreError(`De database is niet leeg (collectie ${name} heeft documenten): herstel alleen in een lege database.`);
        }
      }
      continue;
    }
    const { collection, doc } = BSON.EJSON.parse(line, { relaxed: false }) as { collection: string; doc: Document };
    if (collection !== batchCollection || batch.length >= 500) {
      await flush();
      batchCollection = collection;
    }
    batch.push(doc);
    counts[collection] = (counts[collection] ?? 0) + 1;
  }
  await flush();
  if (!header) throw new RestoreError(`${file} is leeg.`);
  return counts;
}
