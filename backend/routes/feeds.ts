import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { schoolIdSchema } from '../../shared/api/schools';
import { assertSchoolAccess, authorize, requireUser } from '../http/authorization';
import { securityOf } from '../http/securitySettings';
import { assertFeedKey, feedKey, schoolFeed, truckFeed, visitIcs, type FeedKind } from '../services/calendarFeeds';
import { actorOf } from '../http/actor';
import { getRequest, requestIdForToken } from '../services/requests';

const truckIdSchema = z.string().regex(/^[a-z0-9-]{2,40}$/);
const keySchema = z.object({ key: z.string().min(10).max(100) }).strict();

function sendIcs(res: Response, filename: string, body: string) {
  res
    .type('text/calendar; charset=utf-8')
    .set('Content-Disposition', `inline; filename="${filename}"`)
    .set('Cache-Control', 'private, max-age=300')
    .send(body);
}

const absolute = (req: Request, path: string) => `${securityOf(req).appUrl.replace(/\/$/, '')}${path}`;

/** Calendar subscriptions (RFC 5545) per school and per truck at secret URLs, and the link to them. */
export const feedsRouter = Router();

feedsRouter.get('/schools/:schoolId/link', authorize('requests.read'), async (req, res) => {
  const schoolId = schoolIdSchema.parse(req.params.schoolId);
  assertSchoolAccess(requireUser(req), 'requests.read', schoolId, 'Deze school');
  res.json({ url: absolute(req, `/api/feeds/schools/${schoolId}.ics?key=${await feedKey('school', schoolId)}`) });
});

feedsRouter.get('/trucks/:truckId/link', authorize('plans.read'), async (req, res) => {
  const truckId = truckIdSchema.parse(req.params.truckId);
  res.json({ url: absolute(req, `/api/feeds/trucks/${truckId}.ics?key=${await feedKey('truck', truckId)}`) });
});

// The feeds themselves: a calendar app fetches them without a session; the key in the URL is the secret.
const feed =
  (kind: FeedKind, parse: (v: unknown) => string, build: (target: string) => Promise<string>) =>
  async (req: Request, res: Response) => {
    const target = parse(String(req.params.target).replace(/\.ics$/, ''));
    const { key } = keySchema.parse(req.query);
    await assertFeedKey(kind, target, key);
    sendIcs(res, `techniekwagen-${target}.ics`, await build(target));
  };
feedsRouter.get(
  '/schools/:target',
  authorize('statusLink.use'),
  feed('school', (v) => schoolIdSchema.parse(v), schoolFeed),
);
feedsRouter.get(
  '/trucks/:target',
  authorize('statusLink.use'),
  feed('truck', (v) => truckIdSchema.parse(v), truckFeed),
);

/** `GET /api/status/:token/visit.ics`: the school's visit as a calendar file. */
export async function visitIcsHandler(req: Request, res: Response) {
  const id = await requestIdForToken(String(req.params.token));
  sendIcs(res, 'techniekwagen-bezoek.ics', await visitIcs(id));
}

/**
 * `GET /api/requests/:id/visit.ics`: the visit as a calendar file for a logged-in user (a school contact: only its
 * own schools' requests; another school's answers 404, like the request itself).
 */
export async function ownVisitIcsHandler(req: Request, res: Response) {
  const request = await getRequest(String(req.params.id), actorOf(req));
  sendIcs(res, `techniekwagen-bezoek-${request.reference}.ics`, await visitIcs(request.id));
}
