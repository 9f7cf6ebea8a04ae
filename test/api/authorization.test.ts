import { expect } from 'chai';
import express from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import type { Role } from '../../shared/api/auth';
import { authorize, PERMISSIONS, SUBJECTS, type Action, type Subject } from '../../backend/http/authorization';
import { User } from '../../backend/models';
import { issueLinkToken } from '../../backend/services/accounts/linkTokens';
import { enqueueEmail } from '../../backend/services/outbox/enqueue';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser, TestClient, uniqueEmail, uniqueIp } from '../helpers/auth';
import { listRoutes, type RegisteredRoute } from '../helpers/routes';

/** A concrete request for a route: path (params filled in) and body; `fresh` for requests that change the session. */
interface Probe {
  path: string;
  body?: unknown;
  fresh?: boolean;
}
type ProbeFactory = () => Promise<Probe> | Probe;

const HEX24 = 'a'.repeat(24);

/**
 * Exact probes: with these, an allowed subject must get a 2xx. Routes not listed here get a generic probe (params filled
 * with well-formed values, empty body), for which "allowed" means anything but 401, 403 and 5xx.
 */
const PROBES: Record<string, ProbeFactory> = {
  'GET /api/health': () => ({ path: '/api/health' }),
  'GET /api/schools': () => ({ path: '/api/schools?pageSize=5' }),
  'GET /api/schools/:id': () => ({ path: '/api/schools/23ja01' }),
  'GET /api/regions': () => ({ path: '/api/regions' }),
  'GET /api/municipalities': () => ({ path: '/api/municipalities' }),
  'GET /api/depots': () => ({ path: '/api/depots' }),
  'GET /api/calendar': () => ({ path: '/api/calendar?from=2027-01-01&to=2027-02-01' }),
  'GET /api/session': () => ({ path: '/api/session' }),
  'POST /api/session': async () => {
    const u = await createTestUser('crew');
    return { path: '/api/session', body: { email: u.email, password: u.password }, fresh: true };
  },
  'DELETE /api/session': () => ({ path: '/api/session', fresh: true }),
  'POST /api/password-resets': () => ({ path: '/api/password-resets', body: { email: uniqueEmail('reset') } }),
  'POST /api/password-resets/:token': async () => {
    const u = await createTestUser('crew');
    const token = await issueLinkToken('password_reset', new mongoose.Types.ObjectId(u.id), 3600_000, new Date());
    return { path: `/api/password-resets/${token}`, body: { password: 'een-nieuw-wachtwoord' }, fresh: true };
  },
  'POST /api/invitations': () => ({ path: '/api/invitations', body: { email: uniqueEmail('invitee'), role: 'crew' } }),
  'POST /api/invitations/:token/accept': async () => {
    const invited = await User.create({ email: uniqueEmail('invited'), role: 'crew', status: 'invited' });
    const token = await issueLinkToken('invitation', invited._id, 3600_000, new Date());
    return {
      path: `/api/invitations/${token}/accept`,
      body: { name: 'Nieuwe Collega', password: 'een-nieuw-wachtwoord' },
    };
  },
  'GET /api/users': () => ({ path: '/api/users' }),
  'PATCH /api/users/me': () => ({ path: '/api/users/me', body: { language: 'nl' } }),
  'PATCH /api/users/:id': async () => ({
    path: `/api/users/${(await createTestUser('crew')).id}`,
    body: { name: 'Andere Naam' },
  }),
  'GET /api/outbox': () => ({ path: '/api/outbox' }),
  'GET /api/outbox/:id': async () => {
    const id = await enqueueEmail({
      to: uniqueEmail('to'),
      kind: 'password_reset',
      language: 'nl',
      params: { url: 'http://x/y', expiresMinutes: 60 },
    });
    return { path: `/api/outbox/${id}` };
  },
  'GET /api/audit': () => ({ path: '/api/audit' }),
};

const PARAM_VALUES: Record<string, string> = {
  id: HEX24,
  requestId: HEX24,
  token: 'A'.repeat(43),
  truckId: 'wagen-1',
  // A day no test file publishes a tour for: an allowed subject gets past authorization to a quick 404, where a
  // published day would open a live stream (Server-Sent Events) that never ends.
  date: '2031-01-13',
};

function genericProbe(route: RegisteredRoute): Probe {
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => PARAM_VALUES[name] ?? 'x1');
  return { path, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} };
}

const ROLES: Role[] = ['school', 'coordinator', 'crew', 'admin'];

describe('authorization: every route against the permission table', function () {
  this.timeout(180_000);
  let t: TestApp;
  let routes: RegisteredRoute[];
  const users = new Map<Role, { email: string; password: string }>();
  const clients = new Map<Subject, TestClient>();

  async function clientFor(subject: Subject, fresh: boolean): Promise<TestClient> {
    if (!fresh && clients.has(subject)) return clients.get(subject)!;
    const client = new TestClient(t.app);
    if (subject !== 'anonymous') {
      const u = users.get(subject)!;
      await client.login(u.email, u.password);
    }
    if (!fresh) clients.set(subject, client);
    return client;
  }

  before(async () => {
    t = await startTestApp();
    routes = listRoutes(t.app).filter((r) => r.path.startsWith('/api'));
    for (const role of ROLES) users.set(role, await createTestUser(role));
  });

  it('finds the routes of the app by walking the router', () => {
    expect(routes.length).to.be.at.least(Object.keys(PROBES).length);
    for (const key of Object.keys(PROBES)) {
      expect(
        routes.some((r) => `${r.method} ${r.path}` === key),
        `${key} is registered`,
      ).to.equal(true);
    }
  });

  it('has exactly one authorize(action) on every API route, naming an action of the table', () => {
    const missing = routes
      .filter((r) => r.actions.length !== 1)
      .map((r) => `${r.method} ${r.path} has ${r.actions.length}`);
    expect(missing, 'routes without exactly one authorize()').to.deep.equal([]);
    for (const r of routes) expect(PERMISSIONS, `${r.method} ${r.path}`).to.have.property(r.actions[0]!);
  });

  it('notices a route registered without authorize()', () => {
    const probeApp = express();
    const r = express.Router();
    r.get('/open', (_req, res) => res.end());
    r.get('/guarded', authorize('users.manage'), (_req, res) => res.end());
    probeApp.use('/api/x', r);
    expect(listRoutes(probeApp)).to.deep.equal([
      { method: 'GET', path: '/api/x/open', actions: [] },
      { method: 'GET', path: '/api/x/guarded', actions: ['users.manage'] },
    ]);
  });

  it('lists every subject for every action in the table', () => {
    for (const [action, row] of Object.entries(PERMISSIONS))
      expect(Object.keys(row), action).to.have.members([...SUBJECTS]);
  });

  it('gives every subject exactly what the table says on every route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const action = route.actions[0] as Action;
      for (const subject of SUBJECTS) {
        const decision = PERMISSIONS[action][subject];
        const exact = PROBES[key];
        const probe = exact ? await exact() : genericProbe(route);
        const client = await clientFor(subject, Boolean(probe.fresh));
        const req = client.send(route.method.toLowerCase() as 'get', probe.path);
        const res = probe.body === undefined ? await req : await req.send(probe.body as object);
        const where = `${subject} ${key} (${action}: ${decision}) → ${res.status} ${res.body?.error?.code ?? ''}`;
        if (res.status >= 500) failures.push(`${where}: server error`);
        else if (decision === 'deny') {
          const expected = subject === 'anonymous' ? 401 : 403;
          if (res.status !== expected) failures.push(`${where}: expected ${expected}`);
        } else if (exact) {
          if (res.status < 200 || res.status > 299) failures.push(`${where}: expected 2xx`);
        } else if (res.status === 401 || res.status === 403) {
          failures.push(`${where}: expected to get past authorization`);
        }
      }
    }
    expect(failures).to.deep.equal([]);
  });

  it('answers 404, not 403, when a school contact asks for another school’s request (when the requests API is there)', async function () {
    if (!routes.some((r) => r.method === 'GET' && r.path === '/api/requests/:id')) this.skip();
    const body = {
      schoolId: '23ja01',
      contact: { name: 'Docent Test', email: uniqueEmail('docent') },
      pupils: 25,
      classes: 1,
      levels: ['vmbo-kader'],
      programmes: ['programmeren'],
      sessionLength: 'half-day',
      preferredWeeks: [{ from: '2027-03-01', to: '2027-03-05' }],
    };
    const created = await request(t.app).post('/api/requests').set('X-Forwarded-For', uniqueIp()).send(body);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const id = created.body.request.id as string;

    const own = await new TestClient(t.app).login(users.get('school')!.email, users.get('school')!.password);
    expect((await own.send('get', `/api/requests/${id}`)).status).to.equal(200);

    const otherUser = await createTestUser('school', ['sto-melanchthon-mathenesse']);
    const other = await new TestClient(t.app).login(otherUser.email, otherUser.password);
    const res = await other.send('get', `/api/requests/${id}`);
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('not_found');
    const list = await other.send('get', '/api/requests');
    expect(list.status).to.equal(200);
    expect(JSON.stringify(list.body)).not.to.contain(id);
  });
});
