import { expect } from 'chai';
import request from 'supertest';
import mongoose from 'mongoose';
import { flushDeferredWrites } from '../../backend/db/deferredWrites';
import { AuditEntry, LinkToken, OutboxMessage, Session, User } from '../../backend/models';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser, loggedIn, TestClient, uniqueEmail, uniqueIp } from '../helpers/auth';

/** The link of the newest outbox message to `to` (the emailed invitation or reset link). */
async function linkSentTo(to: string, kind: 'invitation' | 'password_reset'): Promise<string> {
  await flushDeferredWrites(10_000); // a reset link is made after the answer
  const msg = await OutboxMessage.findOne({ to, kind }).sort({ createdAt: -1, _id: -1 }).lean();
  expect(msg, `an outbox message ${kind} to ${to}`).not.to.equal(null);
  const m = /https?:\/\/\S+\/(uitnodiging|wachtwoord)\/([A-Za-z0-9_-]{43})/.exec(msg!.text);
  expect(m, msg!.text).not.to.equal(null);
  return m![2]!;
}

describe('accounts: invitations, password resets, users, profile, audit', function () {
  this.timeout(60_000);
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await startTestApp();
    admin = (await loggedIn(t.app, 'admin')).client;
  });

  it('invites a crew member: an invited user, a hashed single-use link in the outbox, an audit entry', async () => {
    const email = uniqueEmail('crew');
    const res = await admin.send('post', '/api/invitations').send({ email, role: 'crew', language: 'en' }).expect(201);
    expect(res.body).to.include({ email, role: 'crew', status: 'invited', language: 'en' });
    const token = await linkSentTo(email, 'invitation');
    const msg = await OutboxMessage.findOne({ to: email }).lean();
    expect(msg!.subject).to.match(/Invitation/);
    expect(msg!.status).to.equal('queued');
    expect(await LinkToken.findById(token)).to.equal(null); // only the hash is stored
    expect(await AuditEntry.countDocuments({ action: 'user.invited', targetId: res.body.id })).to.equal(1);
    // The invited user cannot log in before accepting.
    await request(t.app)
      .post('/api/session')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email, password: 'whatever-long' })
      .expect(401);
  });

  it('accepts an invitation once, then the invitee logs in', async () => {
    const email = uniqueEmail('coord');
    await admin.send('post', '/api/invitations').send({ email, role: 'coordinator' }).expect(201);
    const token = await linkSentTo(email, 'invitation');
    const body = { name: 'Cora Coördinator', password: 'mijn-eigen-wachtwoord' };
    const accepted = await request(t.app)
      .post(`/api/invitations/${token}/accept`)
      .set('X-Forwarded-For', uniqueIp())
      .send(body)
      .expect(200);
    expect(accepted.body).to.include({ email, status: 'active', name: 'Cora Coördinator', role: 'coordinator' });
    const again = await request(t.app)
      .post(`/api/invitations/${token}/accept`)
      .set('X-Forwarded-For', uniqueIp())
      .send(body)
      .expect(404);
    expect(again.body.error.code).to.equal('not_found');
    await new TestClient(t.app).login(email, body.password);
  });

  it('lets only one of two simultaneous uses of a link succeed', async () => {
    const email = uniqueEmail('race');
    await admin.send('post', '/api/invitations').send({ email, role: 'crew' }).expect(201);
    const token = await linkSentTo(email, 'invitation');
    const statuses = await Promise.all(
      [1, 2, 3].map((i) =>
        request(t.app)
          .post(`/api/invitations/${token}/accept`)
          .set('X-Forwarded-For', uniqueIp())
          .send({ name: `Racer ${i}`, password: 'racer-wachtwoord-1' })
          .then((r) => r.status),
      ),
    );
    expect(statuses.sort()).to.deep.equal([200, 404, 404]);
  });

  it('refuses an invitation for an existing account (409), a school contact without schools and unknown schools (400)', async () => {
    const existing = await createTestUser('crew');
    expect(
      (await admin.send('post', '/api/invitations').send({ email: existing.email, role: 'crew' })).status,
    ).to.equal(409);
    expect(
      (await admin.send('post', '/api/invitations').send({ email: uniqueEmail(), role: 'school' })).status,
    ).to.equal(400);
    expect(
      (
        await admin
          .send('post', '/api/invitations')
          .send({ email: uniqueEmail(), role: 'school', schoolIds: ['99zz99'] })
      ).status,
    ).to.equal(400);
    const ok = await admin
      .send('post', '/api/invitations')
      .send({ email: uniqueEmail(), role: 'school', schoolIds: ['23ja01'] })
      .expect(201);
    expect(ok.body.schoolIds).to.deep.equal(['23ja01']);
  });

  it('resets a password with an emailed link: old password and sessions stop working, the link works once', async () => {
    const u = await createTestUser('crew');
    const session = await new TestClient(t.app).login(u.email, u.password);
    await request(t.app)
      .post('/api/password-resets')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: u.email })
      .expect(202);
    const token = await linkSentTo(u.email, 'password_reset');
    await request(t.app)
      .post(`/api/password-resets/${token}`)
      .set('X-Forwarded-For', uniqueIp())
      .send({ password: 'een-heel-nieuw-wachtwoord' })
      .expect(204);
    expect((await session.send('get', '/api/session')).body.user).to.equal(null);
    await request(t.app)
      .post('/api/session')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: u.email, password: u.password })
      .expect(401);
    await new TestClient(t.app).login(u.email, 'een-heel-nieuw-wachtwoord');
    await request(t.app)
      .post(`/api/password-resets/${token}`)
      .set('X-Forwarded-For', uniqueIp())
      .send({ password: 'nog-een-wachtwoord' })
      .expect(404);
  });

  it('answers a reset request for an unknown address the same way, and sends nothing', async () => {
    const email = uniqueEmail('nobody');
    const res = await request(t.app)
      .post('/api/password-resets')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email })
      .expect(202);
    expect(res.body.message).to.be.a('string');
    await flushDeferredWrites(10_000);
    expect(await OutboxMessage.countDocuments({ to: email })).to.equal(0);
  });

  it('refuses an expired reset link', async () => {
    const u = await createTestUser('crew');
    await request(t.app)
      .post('/api/password-resets')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: u.email })
      .expect(202);
    const token = await linkSentTo(u.email, 'password_reset');
    const { hashToken } = await import('../../backend/services/accounts/secrets');
    await LinkToken.updateOne({ _id: hashToken(token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await request(t.app)
      .post(`/api/password-resets/${token}`)
      .set('X-Forwarded-For', uniqueIp())
      .send({ password: 'een-heel-nieuw-wachtwoord' })
      .expect(404);
  });

  it('lets the admin list users and change a role, with the change in the audit log', async () => {
    const u = await createTestUser('crew');
    const list = await admin.send('get', '/api/users?role=crew&pageSize=500').expect(200);
    expect(list.body.items.map((x: { email: string }) => x.email)).to.include(u.email);
    expect(JSON.stringify(list.body)).not.to.match(/passwordHash|scrypt/);
    const res = await admin.send('patch', `/api/users/${u.id}`).send({ role: 'coordinator' }).expect(200);
    expect(res.body.role).to.equal('coordinator');
    const audit = await admin.send('get', '/api/audit?targetType=user&targetId=' + u.id).expect(200);
    const change = audit.body.items.find((e: { action: string }) => e.action === 'user.role_changed');
    expect(change.before.role).to.equal('crew');
    expect(change.after.role).to.equal('coordinator');
    expect(change.actor.role).to.equal('admin');
  });

  it('deactivates a user: their sessions end and they cannot log in', async () => {
    const u = await createTestUser('crew');
    const client = await new TestClient(t.app).login(u.email, u.password);
    await admin.send('patch', `/api/users/${u.id}`).send({ status: 'deactivated' }).expect(200);
    expect(await Session.countDocuments({ userId: u.id })).to.equal(0);
    expect((await client.send('get', '/api/session')).body.user).to.equal(null);
    await request(t.app)
      .post('/api/session')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: u.email, password: u.password })
      .expect(401);
  });

  it('lets a user change their own name, language and password (with the current one), and no one else’s fields', async () => {
    const { client, user } = await loggedIn(t.app, 'school');
    const res = await client.send('patch', '/api/users/me').send({ name: 'Sam School', language: 'en' }).expect(200);
    expect(res.body).to.include({ name: 'Sam School', language: 'en', role: 'school' });
    const wrong = await client
      .send('patch', '/api/users/me')
      .send({ currentPassword: 'fout', newPassword: 'nieuw-wachtwoord-123' })
      .expect(400);
    expect(wrong.body.error.code).to.equal('validation_failed');
    await client.send('patch', '/api/users/me').send({ role: 'admin' }).expect(400);
    await client
      .send('patch', '/api/users/me')
      .send({ currentPassword: user.password, newPassword: 'nieuw-wachtwoord-123' })
      .expect(200);
    expect((await client.send('get', '/api/session')).body.user.email).to.equal(user.email); // this session stays
    await new TestClient(t.app).login(user.email, 'nieuw-wachtwoord-123');
  });

  it('pages the audit log for coordinators, newest first', async () => {
    const { client } = await loggedIn(t.app, 'coordinator');
    const page = await client.send('get', '/api/audit?pageSize=2').expect(200);
    expect(page.body.items.length).to.be.at.most(2);
    expect(page.body.total).to.be.at.least(2);
    const [a, b] = page.body.items as Array<{ at: string }>;
    expect(a!.at >= b!.at).to.equal(true);
  });

  it('keeps an admin when the last two demote each other at the same time (20 tries)', async function () {
    this.timeout(120_000);
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const a = await loggedIn(t.app, 'admin');
      const b = await loggedIn(t.app, 'admin');
      // Only these two are active admins now (the other suites' admins are made afresh by each test).
      await User.updateMany(
        { role: 'admin', status: 'active', _id: mongoose.trusted({ $nin: [a.user.id, b.user.id] }) },
        { $set: { role: 'crew' } },
      );
      const [ra, rb] = await Promise.all([
        a.client.send('patch', `/api/users/${b.user.id}`).send(i % 2 ? { role: 'crew' } : { status: 'deactivated' }),
        b.client.send('patch', `/api/users/${a.user.id}`).send({ role: 'coordinator' }),
      ]);
      outcomes.push(`${ra.status}/${rb.status}`);
      // A deactivation ends the other's sessions: a request of theirs that is checked after it gets 401 (as it should).
      const deactivatedFirst = i % 2 === 0 && ra.status === 200 && rb.status === 401;
      expect(
        [ra.status, rb.status].every((st) => st === 200 || st === 409) || deactivatedFirst,
        `${ra.status} ${JSON.stringify(ra.body)} ${rb.status} ${JSON.stringify(rb.body)}`,
      ).to.equal(true);
      expect(
        await User.countDocuments({ role: 'admin', status: 'active' }),
        `try ${i}: ${outcomes.join(' ')}`,
      ).to.be.at.least(1);
    }
    admin = (await loggedIn(t.app, 'admin')).client; // the suite's admin was demoted above
  });
});
