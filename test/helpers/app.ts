import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../backend/app';
import type { SecuritySettings } from '../../backend/http/securitySettings';
import { connectDatabase, type Database } from '../../backend/db/connection';
import { flushDeferredWrites } from '../../backend/db/deferredWrites';
import { createLogger } from '../../backend/logger';
import { ensureIndexes } from '../../backend/models';
import { seedDatabase } from '../../seed/seedDatabase';

/** A running test app: a real FerretDB in a temporary folder, seeded, behind a real HTTP server. */
export interface TestApp {
  app: Express;
  baseUrl: string;
  db: Database;
  dataDir: string;
  stop(): Promise<void>;
}

let shared: Promise<TestApp> | undefined;

/**
 * Starts (once per test run) FerretDB on a free port with a temporary data folder, seeds it and
 * serves the API plus the built frontend (dist/frontend) on a free port. Later calls share it;
 * the root hook in test/setup.ts stops it after the last test.
 */
export function startTestApp(): Promise<TestApp> {
  shared ??= launch();
  return shared;
}

/** Stops the shared app if one was started: server, database connection, FerretDB, temp folder. */
export async function stopTestApp(): Promise<void> {
  if (!shared) return;
  const app = await shared;
  shared = undefined;
  await app.stop();
}

async function launch(): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'techniekwagen-test-'));
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const db = await connectDatabase(
    { mongodbUri: process.env.TEST_MONGODB_URI, dataDir, ferretdbBin: resolve('.tools/bin/ferretdb') },
    logger,
  );
  await ensureIndexes({ embedded: db.ferretDb });
  await seedDatabase();
  const app = createApp({ logger, embeddedDatabase: db.embedded !== null, frontendDir: resolve('dist/frontend') });
  const server: Server = await new Promise((done) => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    dataDir,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await flushDeferredWrites(5000);
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A second app server on the shared test database, e.g. with its own clock or limits. */
export interface ExtraServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Serves the API and the built frontend once more on a free port, on the database the shared test app connected to,
 * with its own security settings (a clock standing on a tour day, stream limits, …). Call stop() when done.
 */
export async function serveExtraApp(security: Partial<SecuritySettings>): Promise<ExtraServer> {
  const app = createApp({
    logger: createLogger('silent'),
    embeddedDatabase: true,
    frontendDir: resolve('dist/frontend'),
    security,
  });
  const server: Server = await new Promise((done) => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  const address = server.address();
  return {
    baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
