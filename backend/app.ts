import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { apiNotFound, errorHandler } from './http/errorHandler';
import { databaseGuard } from './http/databaseGuard';
import { requestLog } from './http/requestLog';
import type { Logger } from './logger';
import { geographyRouter } from './routes/geography';
import { healthRouter } from './routes/health';
import { schoolsRouter } from './routes/schools';

export interface AppDeps {
  logger: Logger;
  /** Folder with the built frontend (index.html); not served when missing. */
  frontendDir?: string;
  embeddedDatabase: boolean;
  version?: string;
}

/** Builds the Express app: no listening and no connecting here, so tests can build it. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  app.use(requestLog(deps.logger));

  app.use('/api/health', healthRouter({ embedded: deps.embeddedDatabase, version: deps.version ?? '0.1.0' }));
  const api = express.Router();
  api.use(databaseGuard);
  api.use(express.json({ limit: '100kb' }));
  api.use('/schools', schoolsRouter);
  api.use(geographyRouter);
  app.use('/api', api);
  app.use('/api', apiNotFound);

  const dir = deps.frontendDir;
  if (dir && existsSync(join(dir, 'index.html'))) {
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET gets the app shell.
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(join(dir, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
