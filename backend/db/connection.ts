import mongoose from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { applyDriverFixes } from './driverFixes';
import { startEmbeddedFerretDb, StartupError, type EmbeddedFerretDb } from './embeddedFerretDb';
import { applyDatabaseLayout } from './layout';

// Fail fast instead of queueing queries while the database is away: the API answers 503 at once.
mongoose.set('bufferCommands', false);
mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);
// Indexes are made by ensureIndexes (models/index.ts) at start, which knows which ones the database uses.
mongoose.set('autoIndex', false);

/** The app's database: the mongoose connection and, when embedded, the FerretDB child behind it. */
export interface Database {
  connection: mongoose.Connection;
  embedded: EmbeddedFerretDb | null;
  /**
   * True when the server is a FerretDB, embedded or reached through MONGODB_URI (e.g. a second instance pointed at
   * the first one's embedded database): it decides the database layout (db/layout.ts) and the indexes
   * (ensureIndexes), so every instance on one database agrees on where the outbox and the rate limits live.
   */
  ferretDb: boolean;
  /** Closes the connection, then stops the embedded server. */
  close(): Promise<void>;
}

const CONNECT_OPTIONS: mongoose.ConnectOptions = {
  serverSelectionTimeoutMS: 3000,
  // A server that accepts connections but does not answer must not hang requests: reads on a socket
  // give up after 8 s and the monitor's check after 3 s, so such a request gets 503 in about 10 s.
  socketTimeoutMS: 8000,
  connectTimeoutMS: 3000,
  heartbeatFrequencyMS: 2000,
  maxPoolSize: 20,
  // An acknowledged write is on a majority of the replica set and in its journal (MongoDB in production;
  // FerretDB accepts the setting and writes through SQLite, which commits before it answers).
  writeConcern: { w: 'majority', journal: true },
};

/** Connects to MONGODB_URI, or starts the embedded FerretDB and connects to it. */
export async function connectDatabase(
  config: Pick<Config, 'mongodbUri' | 'dataDir' | 'ferretdbBin'>,
  logger: Logger,
): Promise<Database> {
  const embedded = config.mongodbUri
    ? null
    : await startEmbeddedFerretDb({
        binary: config.ferretdbBin,
        dataDir: config.dataDir,
        logger,
        restartOnCrash: true,
      });
  const uri = config.mongodbUri ?? embedded!.uri;
  if (!applyDriverFixes()) {
    logger.warn(
      'the MongoDB driver fix for writes on a closing connection could not be applied (driver internals changed)',
    );
  }
  try {
    await mongoose.connect(uri, CONNECT_OPTIONS);
  } catch (err) {
    await embedded?.stop();
    const where = config.mongodbUri ? `MongoDB op ${redactUri(uri)}` : 'de ingebouwde database';
    throw new StartupError(
      `Kan ${where} niet bereiken (${(err as Error).message}): controleer MONGODB_URI en of de server draait, of laat MONGODB_URI leeg voor de ingebouwde database.`,
    );
  }
  const connection = mongoose.connection;
  let ferretDb = embedded !== null;
  try {
    ferretDb ||= await isFerretDb(connection);
    await applyDatabaseLayout(connection, ferretDb);
  } catch (err) {
    await mongoose.disconnect();
    await embedded?.stop();
    throw err;
  }
  let closing = false;
  connection.on('disconnected', () => {
    if (!closing) logger.warn('database disconnected');
  });
  connection.on('reconnected', () => logger.info('database reconnected'));
  logger.info({ embedded: Boolean(embedded), ferretDb, db: redactUri(uri) }, 'database connected');
  return {
    connection,
    embedded,
    ferretDb,
    async close() {
      closing = true;
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/** True when the server answers buildInfo as FerretDB does (with its own `ferretdbVersion`). */
export async function isFerretDb(connection: mongoose.Connection): Promise<boolean> {
  const info = await connection.getClient().db('admin').command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}

/** Hides the user name and password of a connection string for logs and messages. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/** Pings the database; returns the round trip in ms, or null when it does not answer within 1.5 s. */
export async function pingDatabase(connection: mongoose.Connection): Promise<number | null> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) return null;
  const started = performance.now();
  try {
    await db.command({ ping: 1 }, { timeoutMS: 1500 });
    return Math.round((performance.now() - started) * 10) / 10;
  } catch {
    return null;
  }
}
