import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BSON, type Document } from 'mongodb';
import type { AppDatabase } from '../db/layout';

/** Counts per collection written or read by a backup or restore. */
export type CollectionCounts = Record<string, number>;

/** Settings that are secrets of this installation: never in a backup (a restored installation makes new ones). */
const SECRET_SETTINGS = new Set(['feedSecret']);

/** The token in an emailed link (reset, invitation, status page), which works like a password while valid. */
const LINK_TOKEN = /(\/(?:wachtwoord|uitnodiging|status)\/)[A-Za-z0-9_-]{20,}/g;
export const REDACTED_TOKEN = 'verwijderd-uit-back-up';

/**
 * A document as the backup keeps it, or null to leave it out. Secrets stay out of backups, which are copied,
 * mailed and stored in places the database is not:
 * - the calendar feeds' signing key (settings `feedSecret`): after a restore a new one is made, so every feed link
 *   changes and must be fetched again (a leaked backup then opens no calendar);
 * - the tokens in the links of emails that have left (outbox, status sent or failed): the admin's copy shows the
 *   link without its token. Emails still waiting to be sent keep theirs, or they would arrive broken.
 * Everything else that works as a key is stored hashed already (sessions, CSRF tokens, reset and invitation links,
 * status links, rate-limit keys) or is a password hash (users).
 */
export function redactForBackup(collection: string, doc: Document): Document | null {
  if (collection === 'settings' && SECRET_SETTINGS.has(String(doc._id))) return null;
  if (collection === 'outbox' && (doc.status === 'sent' || doc.status === 'failed')) {
    const strip = (v: unknown) => (typeof v === 'string' ? v.replace(LINK_TOKEN, `$1${REDACTED_TOKEN}`) : v);
    return { ...doc, text: strip(doc.text), html: strip(doc.html) };
  }
  return doc;
}

/**
 * Writes every collection of the app database (from whichever database of its layout holds it) to `file` as
 * canonical Extended JSON, one line per document (`{"collection": name, "doc": {...}}`), preceded by a header
 * line, without its secrets (redactForBackup). Streams, so size is not limited by memory.
 */
export async function backupDatabase(db: AppDatabase, file: string): Promise<CollectionCounts> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const counts: CollectionCounts = {};
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const names = await db.collectionNames();
  await write(
    JSON.stringify({ format: 'techniekwagen-backup/1', createdAt: new Date().toISOString(), collections: names }),
  );
  for (const name of names) {
    counts[name] = 0;
    for await (const found of db.collection(name).find({}).sort({ _id: 1 })) {
      const doc = redactForBackup(name, found);
      if (!doc) continue;
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
          throw new RestoreError(
            `De database is niet leeg (collectie ${name} heeft documenten): herstel alleen in een lege database.`,
          );
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
