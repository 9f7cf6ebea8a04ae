// Entry point: read config, start or connect the database, seed a first start, listen, shut down cleanly.
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { verifyPlainDocuments } from './db/batchedInsert';
import { flushDeferredWrites } from './db/deferredWrites';
import { connectDatabase, type Database } from './db/connection';
import { StartupError } from './db/embeddedFerretDb';
import { securityFromConfig } from './http/securitySettings';
import { createLogger } from './logger';
import { ensureIndexes } from './models';
import { failInterruptedPlans, setPlanRunLimits, stopAllPlans } from './services/planning/plans';
import { expireWaitingRequests, recoverRequestEmails } from './services/requests';
import { startOutboxWorker, type OutboxWorker } from './services/outbox/worker';
import { isDatabaseEmpty, seedDatabase } from '../seed/seedDatabase';
import { configureLeadTime } from './services/leadTime';

const SHUTDOWN_TIMEOUT_MS = 10_000;
const DEFERRED_FLUSH_MS = 5000;

async function main(): Promise<void> {
  const startedAt = new Date();
  const config = loadConfig();
  verifyPlainDocuments(config.verifyPlainDocuments);
  configureLeadTime(config.planningLeadSchoolDays);
  const logger = createLogger(config.logLevel);
  setPlanRunLimits(config.planRuns);
  const db = await connectDatabase(config, logger);
  let server: Server | undefined; // eslint-disable-line prefer-const -- assigned after the handlers are installed
  let liveHub: { close(): void } | undefined; // eslint-disable-line prefer-const -- assigned after the handlers are installed
  let stopping = false;
  let outbox: OutboxWorker | undefined; // eslint-disable-line prefer-const -- assigned after the handlers are installed

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing running requests');
    const force = setTimeout(() => {
      logger.warn('requests still running after 10 s; closing anyway');
      server?.closeAllConnections();
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // Live streams stay open until closed: end them first, or server.close() waits for the forced close.
    liveHub?.close();
    if (server) {
      await new Promise<void>((done) => server!.close(() => done()));
      server.closeIdleConnections();
    }
    // The form's emails and rate-limit counts that follow answers already given (db/deferredWrites.ts).
    const unwritten = await flushDeferredWrites(DEFERRED_FLUSH_MS);
    if (unwritten > 0)
      logger.warn(
        { unwritten },
        'deferred writes still failing at shutdown; request emails are written at the next start',
      );
    await outbox?.stop();
    await stopAllPlans();
    await db.close();
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await ensureIndexes({ embedded: db.ferretDb });
    const interrupted = await failInterruptedPlans();
    if (interrupted > 0)
      logger.warn({ interrupted }, 'plans that were running when the server stopped are marked failed');
    if (await isDatabaseEmpty()) {
      logger.info('empty database: loading the Rijnmond seed data');
      const report = await seedDatabase();
      logger.info(report.counts, 'seeded');
    }
  } catch (err) {
    await db.close();
    throw err;
  }

  const app = createApp({
    logger,
    embeddedDatabase: db.embedded !== null,
    frontendDir: resolve('dist/frontend'),
    security: securityFromConfig(config),
  });
  outbox = startOutboxWorker({
    smtpUrl: config.smtpUrl,
    outboxDir: config.outboxDir,
    from: config.mailFrom,
    logger,
    retentionDays: config.outboxRetentionDays,
  });
  recoverRequestEmails(config.appUrl, startedAt)
    .then(({ written, failed }) => {
      if (written > 0) logger.warn({ written }, 'request emails that a crash cut off are written now');
      if (failed > 0)
        logger.error(
          { failed },
          'request emails that a crash cut off could not all be written; the next start tries again',
        );
    })
    .catch((err: unknown) =>
      logger.error({ err: (err as Error).message }, 'could not check for request emails a crash cut off'),
    );
  // Requests whose weeks have all passed while they waited are closed, the crew and the school told.
  const expire = () =>
    expireWaitingRequests(config.appUrl).then(
      (closed) => closed > 0 && logger.info({ closed }, 'waiting requests whose weeks have passed are closed'),
      (err: unknown) =>
        logger.error({ err: (err as Error).message }, 'could not close the requests whose weeks have passed'),
    );
  void expire();
  setInterval(() => void expire(), 3600_000).unref();
  liveHub = app.locals.liveHub as { close(): void };
  server = await listen(app, config.port, config.host, db);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'listening');
  console.log(`Techniekwagen draait op http://localhost:${port} (${db.embedded ? 'ingebouwde database' : 'MongoDB'})`);
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string, db: Database): Promise<Server> {
  return new Promise((resolveServer, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolveServer(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      // The listen error is what the user must read, also when closing the database fails as well.
      const closed = db.close().catch(() => undefined);
      void closed.then(() => {
        if (err.code === 'EADDRINUSE') {
          reject(
            new StartupError(
              `Poort ${port} is al in gebruik: stop het andere programma of start met een andere poort, bijvoorbeeld PORT=3001 npm start.`,
            ),
          );
        } else if (err.code === 'EACCES') {
          reject(
            new StartupError(`Geen toestemming om poort ${port} te gebruiken: kies een poort boven 1024 met PORT.`),
          );
        } else reject(err);
      });
    });
  });
}

main().catch((err: unknown) => {
  if (err instanceof StartupError || err instanceof ConfigError) console.error(err.message);
  else console.error('Starten mislukt:', err);
  process.exit(1);
});
