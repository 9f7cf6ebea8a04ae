import { expect } from 'chai';
import { flushDeferredWrites } from '../../backend/db/deferredWrites';
import fc from 'fast-check';
import { AuditEntry, LinkToken, OutboxMessage, Session, User } from '../../backend/models';
import type { Server } from 'node:http';
import { createApp } from '../../backend/app';
import { createLogger } from '../../backend/logger';
import { startTestApp, type TestApp } from '../helpers/app';
import { FUZZ_RUNS } from '../helpers/fuzz';
import { createTestUser, uniqueIp } from '../helpers/auth';

const RUNS = FUZZ_RUNS;

/** Classic injection payloads, as whole bodies and as field values. */
const INJECTIONS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(5000)' },
  { $regex: '.*' },
  { 'a.b': 1 },
  JSON.parse('{"__proto__": {"role": "admin"}}'),
  { constructor: { prototype: { role: 'admin' } } },
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  'a@b.nl\r\nBcc: x@evil.example',
  '\u0000',
  '=HYPERLINK("http://evil")',
  'x'.repeat(5000),
  ['admin'],
  [[['deep']]],
  null,
  true,
  -1,
  1e308,
];

const injection = fc.constantFrom(...INJECTIONS);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), injection, fc.string(), fc.emailAddress());

/** Valid-looking bodies with fields swapped for junk, extra fields, or nothing at all. */
function mutate(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    anyValue,
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...keys, '$set', 'role', 'status', 'passwordHash', '_id')),
      anyValue,
      { maxKeys: 6 },
    ),
    fc.record({ key: fc.constantFrom(...keys), value: anyValue }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc
      .record({ key: fc.string({ maxLength: 10 }), value: anyValue })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
  );
}

interface Sent {
  status: number;
  body: unknown;
}

describe('bad input: generated bodies on every account write endpoint', function () {
  this.timeout(600_000);
  let t: TestApp;
  let adminCookie: string;
  let adminCsrf: string;

  // Logins go to an app whose per-account slow-down waits 1 ms, not up to 10 s: a thousand tries of one address
  // would otherwise take hours (what they test, the answers to bad bodies, is the same).
  let quickLogins: Server;
  let quickLoginsUrl = '';
  after(() => quickLogins?.close());

  async function send(method: string, path: string, body: unknown, auth: boolean): Promise<Sent> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Forwarded-For': uniqueIp() };
    if (auth) Object.assign(headers, { Cookie: adminCookie, 'X-CSRF-Token': adminCsrf });
    const base = path === '/api/session' ? quickLoginsUrl : t.baseUrl;
    const res = await fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async function counts() {
    await flushDeferredWrites(); // emails and rate-limit counts that follow earlier answers (db/deferredWrites.ts)
    const [users, sessions, links, outbox, audit] = await Promise.all([
      User.countDocuments(),
      Session.countDocuments(),
      LinkToken.countDocuments(),
      OutboxMessage.countDocuments(),
      AuditEntry.countDocuments(),
    ]);
    return { users, sessions, links, outbox, audit };
  }

  function checkAnswer(r: Sent, what: string): void {
    expect(r.status, `${what} → ${JSON.stringify(r.body)}`).to.be.below(500);
    if (r.status >= 400) {
      const code = (r.body as { error?: { code?: string } })?.error?.code;
      expect(code, `${what} has an error code`).to.be.a('string');
    }
  }

  before(async () => {
    t = await startTestApp();
    const app = createApp({
      logger: createLogger('silent'),
      embeddedDatabase: true,
      security: { loginSlowdown: { firstDelayMs: 1, maxDelayMs: 1 } },
    });
    quickLogins = await new Promise((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    const address = quickLogins.address();
    quickLoginsUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const admin = await createTestUser('admin');
    const res = await fetch(`${t.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': uniqueIp() },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    adminCookie = cookies.join('; ');
    adminCsrf = cookies.find((c) => c.startsWith('csrf='))!.slice(5);
  });

  const ANONYMOUS_ENDPOINTS: Array<{ name: string; path: string; valid: Record<string, unknown> }> = [
    {
      name: 'POST /api/session',
      path: '/api/session',
      valid: { email: 'iemand@example.test', password: 'wachtwoord-123' },
    },
    { name: 'POST /api/password-resets', path: '/api/password-resets', valid: { email: 'iemand@example.test' } },
    {
      name: 'POST /api/password-resets/:token',
      path: `/api/password-resets/${'A'.repeat(43)}`,
      valid: { password: 'wachtwoord-123' },
    },
    {
      name: 'POST /api/invitations/:token/accept',
      path: `/api/invitations/${'A'.repeat(43)}/accept`,
      valid: { name: 'X', password: 'wachtwoord-123' },
    },
  ];

  for (const endpoint of ANONYMOUS_ENDPOINTS) {
    it(`${endpoint.name}: ${RUNS} bad bodies, never a 5xx, nothing stored`, async () => {
      const before = await counts();
      await fc.assert(
        fc.asyncProperty(mutate(endpoint.valid), async (body) => {
          checkAnswer(await send('POST', endpoint.path, body, false), JSON.stringify(body).slice(0, 200));
        }),
        { numRuns: RUNS },
      );
      expect(await counts()).to.deep.equal(before);
    });
  }

  it(`POST /api/invitations (admin): ${RUNS} bad bodies, never a 5xx, a user and an email only for a valid invitation`, async () => {
    const before = await counts();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(mutate({ email: 'nieuw@example.test', role: 'crew', language: 'nl' }), async (body) => {
        const r = await send('POST', '/api/invitations', body, true);
        checkAnswer(r, JSON.stringify(body).slice(0, 200));
        if (r.status === 201) created += 1;
      }),
      { numRuns: RUNS },
    );
    const after = await counts();
    expect(after.outbox - before.outbox).to.equal(created);
    expect(after.users - before.users).to.be.at.most(created);
    expect(after.sessions).to.equal(before.sessions);
  });

  it(`PATCH /api/users/:id and /api/users/me (admin): ${RUNS} bad bodies each, never a 5xx, the user unchanged on every refusal`, async () => {
    const victim = await createTestUser('crew');
    const snapshot = async () => JSON.stringify(await User.findById(victim.id).lean());
    for (const path of [`/api/users/${victim.id}`, '/api/users/me']) {
      await fc.assert(
        fc.asyncProperty(mutate({ name: 'Nieuwe Naam', role: 'crew', language: 'nl' }), async (body) => {
          const was = await snapshot();
          const r = await send('PATCH', path, body, true);
          checkAnswer(r, `${path} ${JSON.stringify(body).slice(0, 200)}`);
          if (r.status >= 400) expect(await snapshot(), JSON.stringify(body)).to.equal(was);
        }),
        { numRuns: RUNS },
      );
    }
  });
});
