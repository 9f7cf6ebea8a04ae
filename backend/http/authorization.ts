import type { Request, RequestHandler } from 'express';
import type { Role } from '../../shared/api/auth';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import type { AuthUser } from '../services/accounts/types';

/** Who asks: nobody logged in, or a user of one of the roles. */
export const SUBJECTS = ['anonymous', 'school', 'coordinator', 'crew', 'admin'] as const;
export type Subject = (typeof SUBJECTS)[number];

/**
 * allow: the subject may; deny: 401 when anonymous, else 403;
 * own: the subject may, but only on its own records, which the service checks (others' records answer 404, not 403).
 */
export type Decision = 'allow' | 'own' | 'deny';

const row = (anonymous: Decision, school: Decision, coordinator: Decision, crew: Decision, admin: Decision) =>
  ({ anonymous, school, coordinator, crew, admin }) as const satisfies Record<Subject, Decision>;

/** Every action of the API and who may do it. Every route names exactly one action (see `authorize`). */
export const PERMISSIONS = {
  //                         anonymous  school   coordinator  crew     admin
  'health.read': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'schools.read': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'regions.read': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'calendar.read': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'session.read': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'session.login': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'session.logout': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'passwordReset.use': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'invitations.accept': row('allow', 'allow', 'allow', 'allow', 'allow'),
  // The secret status link in a school's email is the key; the service checks the token.
  'statusLink.use': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'requests.create': row('allow', 'allow', 'deny', 'allow', 'allow'),
  'requests.read': row('deny', 'own', 'allow', 'allow', 'allow'),
  'requests.update': row('deny', 'own', 'deny', 'allow', 'allow'),
  'requests.review': row('deny', 'deny', 'deny', 'allow', 'allow'),
  'visits.read': row('deny', 'own', 'allow', 'allow', 'allow'),
  'visits.write': row('deny', 'deny', 'deny', 'allow', 'allow'),
  'plans.read': row('deny', 'deny', 'allow', 'allow', 'allow'),
  'plans.write': row('deny', 'deny', 'deny', 'allow', 'allow'),
  'outbox.read': row('deny', 'deny', 'deny', 'deny', 'allow'),
  'users.manage': row('deny', 'deny', 'deny', 'deny', 'allow'),
  'audit.read': row('deny', 'deny', 'allow', 'deny', 'allow'),
  'profile.update': row('deny', 'allow', 'allow', 'allow', 'allow'),
  // Live tracking: the crew's phone reports; crew, coordinators and admins follow; schools see the public view.
  'live.report': row('deny', 'deny', 'deny', 'allow', 'allow'),
  'live.read': row('deny', 'deny', 'allow', 'allow', 'allow'),
  'live.public': row('allow', 'allow', 'allow', 'allow', 'allow'),
  'dashboard.read': row('deny', 'deny', 'allow', 'allow', 'allow'),
} as const satisfies Record<string, Record<Subject, Decision>>;

export type Action = keyof typeof PERMISSIONS;

/** The subject of a request's user: its role, or "anonymous". */
export function subjectOf(user: AuthUser | null): Subject {
  return user ? user.role : 'anonymous';
}

/** What the table says for this user and action. */
export function decide(user: AuthUser | null, action: Action): Decision {
  return PERMISSIONS[action][subjectOf(user)];
}

/** A middleware tagged with the action it guards, so tests can prove that every route has one. */
export type AuthorizeHandler = RequestHandler & { readonly authorizeAction: Action };

/**
 * Lets a request through when the table allows the action for `req.user` (also for 'own': the service then limits
 * the records with `accessScope`/`assertSchoolAccess`); otherwise 401 unauthenticated or 403 forbidden.
 */
export function authorize(action: Action): AuthorizeHandler {
  const handler: RequestHandler = (req, _res, next) => {
    const decision = decide(req.user ?? null, action);
    if (decision !== 'deny') return next();
    next(req.user ? new ForbiddenError() : new UnauthenticatedError());
  };
  return Object.assign(handler, { authorizeAction: action });
}

/** Which records a user may see for an action: all of them, or those of its schools. */
export type AccessScope = { kind: 'all' } | { kind: 'schools'; schoolIds: string[] };

/** The scope a service must apply; throws like `authorize` when the action is denied. */
export function accessScope(user: AuthUser | null, action: Action): AccessScope {
  const decision = decide(user, action);
  if (decision === 'deny') throw user ? new ForbiddenError() : new UnauthenticatedError();
  if (decision === 'allow') return { kind: 'all' };
  return { kind: 'schools', schoolIds: user?.schoolIds ?? [] };
}

/**
 * Throws NotFoundError (not 403, so ids cannot be probed) when the user's scope for `action` does not include
 * the school that owns a record. `what` names the record in the message, e.g. "Deze aanvraag".
 */
export function assertSchoolAccess(user: AuthUser | null, action: Action, schoolId: string | null, what: string): void {
  const scope = accessScope(user, action);
  if (scope.kind === 'schools' && (schoolId === null || !scope.schoolIds.includes(schoolId)))
    throw new NotFoundError(what);
}

/** The logged-in user, or UnauthenticatedError (for routes behind an action that anonymous may not do). */
export function requireUser(req: Request): AuthUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}

/** Express's Request carries the logged-in user (set by the session middleware for every /api request). */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The logged-in user; null when nobody is (or the session ended). */
      user?: AuthUser | null;
      /** The session behind `user`: its id (the token's hash) and the hash of its CSRF token. */
      authSession?: { id: string; csrfHash: string } | null;
    }
  }
}

export type { AuthUser, Role };
