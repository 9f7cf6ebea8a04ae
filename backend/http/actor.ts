import type { Request } from 'express';
import type { Actor } from '../services/requests';

/** The acting party of a request for the domain services: the logged-in user, or anonymous. */
export function actorOf(req: Request): Actor {
  const user = req.user;
  if (!user) return { kind: 'anonymous' };
  return { kind: 'user', id: user.id, email: user.email, role: user.role, schoolIds: user.schoolIds };
}
