import { Router } from 'express';
import mongoose from 'mongoose';
import type { HealthDto } from '../../shared/api/health';
import { pingDatabase } from '../db/connection';
import { authorize } from '../http/authorization';

const STATES: Record<number, HealthDto['database']['state']> = {
  [mongoose.ConnectionStates.connected]: 'connected',
  [mongoose.ConnectionStates.connecting]: 'connecting',
};

/** `GET /api/health`: 200 with the database's state, or 503 when it does not answer a ping. */
export function healthRouter(options: { embedded: boolean; version: string }) {
  const router = Router();
  router.get('/', authorize('health.read'), async (_req, res) => {
    const latencyMs = await pingDatabase(mongoose.connection);
    const body: HealthDto = {
      status: latencyMs === null ? 'degraded' : 'ok',
      database: {
        state: latencyMs === null ? (STATES[mongoose.connection.readyState] ?? 'disconnected') : 'connected',
        embedded: options.embedded,
        latencyMs,
      },
      version: options.version,
      uptimeSeconds: Math.round(process.uptime()),
    };
    if (latencyMs === null) res.set('Retry-After', '5');
    res.status(latencyMs === null ? 503 : 200).json(body);
  });
  return router;
}
