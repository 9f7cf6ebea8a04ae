import { Router, type Request } from 'express';
import {
  changeStatusSchema,
  createRequestSchema,
  listRequestsQuerySchema,
  updateRequestSchema,
} from '../../shared/api/requests';
import { actorOf } from '../http/actor';
import { ownVisitIcsHandler, visitIcsHandler } from './feeds';
import { authorize } from '../http/authorization';
import { byIp, honeypot, rateLimit } from '../http/rateLimit';
import { securityOf } from '../http/securitySettings';
import {
  changeRequestStatus,
  createRequest,
  getRequest,
  listRequests,
  requestIdForToken,
  updateRequest,
  type Actor,
} from '../services/requests';

// From the configured app URL, never from the Host header (a client could put its own host in the email).
const statusUrl = (req: Request, token: string) => `${securityOf(req).appUrl.replace(/\/$/, '')}/status/${token}`;

/** How long the last real form submissions took to handle (ms), for the honeypot's answer. */
class RecentDurations {
  private readonly times: number[] = [];
  private next = 0;
  constructor(
    private readonly size: number,
    private readonly fallbackMs: number,
  ) {}

  add(ms: number): void {
    if (this.times.length < this.size) this.times.push(ms);
    else this.times[this.next] = ms;
    this.next = (this.next + 1) % this.size;
  }

  /** One of the recent times, at random (the fallback before any real submission). */
  sample(): number {
    return this.times.length === 0 ? this.fallbackMs : this.times[Math.floor(Math.random() * this.times.length)]!;
  }
}
const formTimes = new RecentDurations(50, 15);

/** Visit requests: the public form, the crew's inbox, and the school's own requests. */
export const requestsRouter = Router();

requestsRouter.post(
  '/',
  authorize('requests.create'),
  // Counted after the answer (see rateLimit): the form's answer waits for one write only.
  rateLimit({ bucket: 'request-form', limit: 10, windowSeconds: 3600, key: byIp, countAfterAnswer: true }),
  // A bot gets the same answer as a person: same checks and 400s, same 201 body, and it arrives after about as long
  // as recent real submissions took (one of their times, at random); nothing is stored or sent.
  honeypot('website', async (req, res) => {
    const started = performance.now();
    const input = createRequestSchema.parse(req.body);
    const { request, token } = await createRequest(input, actorOf(req), (t) => statusUrl(req, t), undefined, {
      store: false,
    });
    const wait = formTimes.sample() - (performance.now() - started);
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    res.status(201).json({ request, statusUrl: statusUrl(req, token) });
  }),
  async (req, res) => {
    const started = performance.now();
    const input = createRequestSchema.parse(req.body);
    const { request, token } = await createRequest(input, actorOf(req), (t) => statusUrl(req, t));
    formTimes.add(performance.now() - started);
    res.status(201).json({ request, statusUrl: statusUrl(req, token) });
  },
);

requestsRouter.get('/', authorize('requests.read'), async (req, res) => {
  res.json(await listRequests(listRequestsQuerySchema.parse(req.query), actorOf(req)));
});

requestsRouter.get('/:id', authorize('requests.read'), async (req, res) => {
  res.json(await getRequest(String(req.params.id), actorOf(req)));
});

requestsRouter.get('/:id/visit.ics', authorize('requests.read'), ownVisitIcsHandler);

requestsRouter.patch('/:id', authorize('requests.update'), async (req, res) => {
  res.json(await updateRequest(String(req.params.id), updateRequestSchema.parse(req.body), actorOf(req)));
});

requestsRouter.post('/:id/status', authorize('requests.update'), async (req, res) => {
  res.json(
    await changeRequestStatus(
      String(req.params.id),
      changeStatusSchema.parse(req.body),
      actorOf(req),
      securityOf(req).appUrl,
    ),
  );
});

/** The school's secret status link: no account needed; the token is the key. */
export const statusLinkRouter = Router();

const linkActor = async (token: string): Promise<{ actor: Actor; id: string }> => {
  const id = await requestIdForToken(token);
  return { actor: { kind: 'statusLink', requestId: id }, id };
};

statusLinkRouter.get('/:token/visit.ics', authorize('statusLink.use'), visitIcsHandler);

statusLinkRouter.get('/:token', authorize('statusLink.use'), async (req, res) => {
  const { actor, id } = await linkActor(String(req.params.token));
  res.json(await getRequest(id, actor));
});

statusLinkRouter.patch('/:token', authorize('statusLink.use'), async (req, res) => {
  const { actor, id } = await linkActor(String(req.params.token));
  res.json(await updateRequest(id, updateRequestSchema.parse(req.body), actor));
});

statusLinkRouter.post('/:token/status', authorize('statusLink.use'), async (req, res) => {
  const { actor, id } = await linkActor(String(req.params.token));
  res.json(await changeRequestStatus(id, changeStatusSchema.parse(req.body), actor, securityOf(req).appUrl));
});
