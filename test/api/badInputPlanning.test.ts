import { expect } from 'chai';
import { flushDeferredWrites } from '../../backend/db/deferredWrites';
import fc from 'fast-check';
import request from 'supertest';
import type { RequestDto } from '../../shared/api/requests';
import { createRequestSchema } from '../../shared/api/requests';
import { OutboxMessage, PlanDraft, StatusLink, TruckDay, VisitRequest } from '../../backend/models';
import { startTestApp, type TestApp } from '../helpers/app';
import { FUZZ_RUNS } from '../helpers/fuzz';
import { requestBody } from '../helpers/factories';
import { loginAs, type LoggedIn } from '../helpers/users';

const RUNS = FUZZ_RUNS;

const INJECTIONS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(5000)' },
  { $regex: '.*' },
  { 'a.b': 1 },
  JSON.parse('{"__proto__": {"status": "confirmed"}}'),
  "'; DROP TABLE requests; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil")',
  'x'.repeat(5000),
  [[['deep']]],
  null,
  -1,
  1e308,
  '2027-02-30',
  '25:99',
];
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(...INJECTIONS),
  fc.string(),
  fc.integer(),
  fc.date().map((d) => d.toISOString()),
);

/** Valid bodies with one field swapped for junk, extra fields, junk objects, or anything at all. */
function mutate(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    anyValue,
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...keys, '$set', 'status', '_id', 'version')),
      anyValue,
      { maxKeys: 6 },
    ),
    fc.record({ key: fc.constantFrom(...keys), value: anyValue }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc
      .record({ key: fc.string({ maxLength: 10 }), value: anyValue })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
  );
}

/** Any value as JSON text (supertest sends only objects and strings as given). */
const json = (b: unknown) => JSON.stringify(b) ?? 'null';

let ip = 0;
const nextIp = () => `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}`;

describe('bad input: generated bodies on every planning write endpoint', function () {
  this.timeout(900_000);
  let t: TestApp;
  let crew: LoggedIn;
  let existing: RequestDto;
  let token: string;

  const counts = async () => {
    await flushDeferredWrites(); // emails and rate-limit counts that follow earlier answers (db/deferredWrites.ts)
    const [requests, truckDays, plans, statusLinks, outbox] = await Promise.all(
      [VisitRequest, TruckDay, PlanDraft, StatusLink, OutboxMessage].map((m) => m.collection.countDocuments()),
    );
    return { requests: requests!, truckDays: truckDays!, plans: plans!, statusLinks: statusLinks!, outbox: outbox! };
  };

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    const res = await request(t.app).post('/api/requests').set('X-Forwarded-For', nextIp()).send(requestBody());
    existing = res.body.request;
    token = res.body.statusUrl.split('/').pop();
  });

  /** Sends every body; never a 5xx; a refused body changes no collection; returns how many were accepted. */
  async function hammer(
    label: string,
    body: fc.Arbitrary<unknown>,
    send: (b: unknown) => Promise<request.Response>,
    accepted: (b: unknown) => boolean,
  ) {
    const before = await counts();
    let ok = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await send(b);
        expect(
          res.status,
          `${label}: ${JSON.stringify(b)?.slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
        ).to.be.below(500);
        if (res.status < 300) {
          expect(
            accepted(b),
            `${label} accepted a body its schema refuses: ${JSON.stringify(b)?.slice(0, 200)}`,
          ).to.equal(true);
          ok += 1;
        } else {
          expect(res.body?.error?.code, label).to.be.a('string');
        }
      }),
      { numRuns: RUNS, seed: 20271 },
    );
    return { before, after: await counts(), ok };
  }

  it('POST /api/requests (the public form)', async () => {
    const { before, after, ok } = await hammer(
      'request form',
      mutate(requestBody()),
      (b) => request(t.app).post('/api/requests').set('X-Forwarded-For', nextIp()).type('json').send(json(b)),
      (b) => createRequestSchema.safeParse(b).success && !(b as { website?: string }).website,
    );
    expect(after.requests - before.requests).to.equal(ok);
    expect(after.outbox - before.outbox, 'one email per stored request, none for a refused one').to.equal(ok);
    expect(after.statusLinks, "the form's status link is kept in the request").to.equal(before.statusLinks);
  });

  it('PATCH /api/requests/:id and POST /api/requests/:id/status (crew) and the status link', async () => {
    const before = await counts();
    for (const [label, send] of [
      [
        'patch',
        (b: unknown) =>
          crew.agent.patch(`/api/requests/${existing.id}`).set('X-CSRF-Token', crew.csrf).type('json').send(json(b)),
      ],
      [
        'status',
        (b: unknown) =>
          crew.agent
            .post(`/api/requests/${existing.id}/status`)
            .set('X-CSRF-Token', crew.csrf)
            .type('json')
            .send(json(b)),
      ],
      ['link patch', (b: unknown) => request(t.app).patch(`/api/status/${token}`).type('json').send(json(b))],
    ] as const) {
      await hammer(label, mutate({ version: 999, pupils: 30, remarks: 'x', status: 'accepted' }), send, () => true);
    }
    expect((await counts()).requests).to.equal(before.requests);
  });

  it('POST /api/plans, PUT routes, POST move/publish and POST truck-day stops', async () => {
    const before = await counts();
    const plan = mutate({ from: '2027-01-04', to: '2027-01-08', truckIds: ['wagen-9'], timeLimitSeconds: 1 });
    await hammer(
      'plans',
      plan,
      (b) => crew.agent.post('/api/plans').set('X-CSRF-Token', crew.csrf).type('json').send(json(b)),
      () => false,
    );
    const fakePlan = '0123456789abcdef01234567';
    await hammer(
      'routes',
      mutate({ version: 0, routes: [], pinned: [] }),
      (b) => crew.agent.put(`/api/plans/${fakePlan}/routes`).set('X-CSRF-Token', crew.csrf).type('json').send(json(b)),
      () => false,
    );
    await hammer(
      'move',
      mutate({ version: 0, request: 'x', truck: 'wagen-1', date: '2027-01-04' }),
      (b) => crew.agent.post(`/api/plans/${fakePlan}/move`).set('X-CSRF-Token', crew.csrf).type('json').send(json(b)),
      () => false,
    );
    await hammer(
      'stops',
      mutate({
        version: 99,
        stop: { requestId: existing.id, arrive: '08:00', start: '08:45', end: '11:45', leave: '12:15' },
      }),
      (b) =>
        crew.agent
          .post('/api/trucks/wagen-1/days/2031-01-07/stops')
          .set('X-CSRF-Token', crew.csrf)
          .type('json')
          .send(json(b)),
      () => false,
    );
    const after = await counts();
    expect(after.plans).to.equal(before.plans);
    expect(after.truckDays).to.equal(before.truckDays);
  });
});
