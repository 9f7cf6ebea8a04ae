import type { RequestHandler } from 'express';
import { MAX_LIVE_BATCH_FIELDS } from '../../shared/api/live';
import { InvalidInputError } from '../errors';

const MAX_DEPTH = 12;
/** Fields (keys and array indexes) in one body at most: enough for the largest batch the live API takes. */
export const MAX_KEYS = Math.max(2000, MAX_LIVE_BATCH_FIELDS);
// Prototype pollution vectors; never a field of ours.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first bad key in a JSON value: an operator (`$…`), a dotted path, a prototype key; or a too deep or too large value. */
export function findBadKey(value: unknown): string | null {
  let keys = 0;
  const walk = (v: unknown, path: string, depth: number): string | null => {
    if (v === null || typeof v !== 'object') return null;
    if (depth > MAX_DEPTH) return `${path || 'invoer'} (te diep genest)`;
    for (const [key, child] of Object.entries(v)) {
      keys += 1;
      if (keys > MAX_KEYS) return `${path || 'invoer'} (te veel velden)`;
      const here = Array.isArray(v) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (
        !Array.isArray(v) &&
        (key.includes('$') || key.includes('.') || FORBIDDEN_KEYS.has(key) || key.includes('\0'))
      )
        return here;
      const bad = walk(child, here, depth + 1);
      if (bad) return bad;
    }
    return null;
  };
  return walk(value, '', 0);
}

/**
 * Rejects (400 validation_failed) bodies and query strings with MongoDB operators (`{"$gt": ""}`, `$where`) or keys with
 * dots before any handler runs, so such input can never reach a query. Values are left alone: "$5" is a fine password.
 */
export const rejectOperators: RequestHandler = (req, _res, next) => {
  const bad = findBadKey(req.body) ?? findBadKey(req.query) ?? findBadKey(req.params);
  if (bad)
    throw new InvalidInputError(`Ongeldige sleutel in de invoer: ${JSON.stringify(bad.slice(0, 80))}.`, [
      { path: bad.slice(0, 80), message: 'niet toegestaan' },
    ]);
  next();
};
