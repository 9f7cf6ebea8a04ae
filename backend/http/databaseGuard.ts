import type { RequestHandler } from 'express';
import mongoose from 'mongoose';
import { DatabaseUnavailableError } from '../errors';

/**
 * Answers 503 at once while the driver has no connection, instead of letting each request wait for
 * server selection. The driver keeps reconnecting in the background; the API serves again when it is back.
 */
export const databaseGuard: RequestHandler = (_req, _res, next) => {
  if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected) next(new DatabaseUnavailableError());
  else next();
};
