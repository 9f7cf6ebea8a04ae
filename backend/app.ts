import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { noStoreByDefault } from './http/cacheControl';
import { apiNotFound, errorHandler } from './http/errorHandler';
import { databaseGuard } from './http/databaseGuard';
import { requestLog } from './http/requestLog';
import { rejectOperators } from './http/inputGuard';
import { cors, securityHeaders } from './http/securityHeaders';
import { DEFAULT_SECURITY, type SecuritySettings } from './http/securitySettings';
import { sessionMiddleware } from './http/session';
import { StreamLimiter } from './http/streamLimits';
import type { Logger } from './logger';
import { logDeferredWritesTo } from './db/deferredWrites';
import { availabilityRouter } from './routes/availability';
import { exportsRouter } from './routes/exports';
import { feedsRouter } from './routes/feeds';
import { geographyRouter } from './routes/geography';
import { liveRouter, publicLiveRouter } from './routes/live';
import { dashboardRouter } from './routes/dashboard';
import { LiveHub } from './services/live/hub';
import { healthRouter } from './routes/health';
import { plansRouter, tourRouter } from './routes/plans';
import { requestsRouter, statusLinkRouter } from './routes/requests';
import { schoolsRouter } from './routes/schools';
import { truckDaysRouter } from './routes/truckDays';
import { auditRouter, outboxRouter } from './routes/admin';
import { invitationsRouter } from './routes/invitations';
import { passwordResetsRouter } from './routes/passwordResets';
import { sessionRouter } from './routes/session';
import { usersRouter } from './routes/users';

export interface AppDeps {
  logger: Logger;
  /** Folder with the built frontend (index.html); not served when missing. */
  frontendDir?: string;
  embeddedDatabase: boolean;
  version?: string;
  /** Sessions, cookies, CORS, links and the clock; defaults: 2 h idle, 12 h absolute, no Secure, CORS closed. */
  security?: Partial<SecuritySettings>;
}

/** Builds the Express app: no listening and no connecting here, so tests can build it. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const security: SecuritySettings = { ...DEFAULT_SECURITY, ...deps.security };
  // Whose X-Forwarded-For names the client (TRUST_PROXY); per-IP limits count by the address this yields.
  app.set('trust proxy', security.trustProxy);
  app.locals.security = security;
  logDeferredWritesTo(deps.logger);
  // Live fan-out of this instance (polls the shared feed while it has viewers); server.ts may call close() at shutdown.
  const liveHub = new LiveHub({ logger: deps.logger });
  app.locals.liveHub = liveHub;
  app.use(requestLog(deps.logger));
  app.use(securityHeaders(security));

  app.use(
    '/api/health',
    noStoreByDefault,
    healthRouter({ embedded: deps.embeddedDatabase, version: deps.version ?? '0.1.0' }),
  );
  const api = express.Router();
  api.use(noStoreByDefault);
  api.use(databaseGuard);
  api.use(cors(security.corsOrigins));
  api.use(express.json({ limit: '100kb' }));
  api.use(rejectOperators);
  api.use(sessionMiddleware);
  api.use('/session', sessionRouter);
  api.use('/password-resets', passwordResetsRouter);
  api.use('/invitations', invitationsRouter);
  api.use('/users', usersRouter);
  api.use('/outbox', outboxRouter);
  api.use('/audit', auditRouter);
  api.use('/schools', schoolsRouter);
  api.use('/requests', requestsRouter);
  api.use('/status', statusLinkRouter);
  api.use('/trucks', truckDaysRouter);
  api.use('/plans', plansRouter(deps.logger));
  api.use('/tour', tourRouter);
  api.use('/feeds', feedsRouter);
  api.use('/exports', exportsRouter);
  api.use(availabilityRouter);
  api.use('/live', liveRouter(liveHub));
  api.use('/public/live', publicLiveRouter(liveHub, new StreamLimiter(security.publicStreams)));
  api.use('/dashboard', dashboardRouter);
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
