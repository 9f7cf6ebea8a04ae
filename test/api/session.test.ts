import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../backend/app';
import { createLogger } from '../../backend/logger';
import { Session } from '../../backend/models';
import { hashToken } from '../../backend/services/accounts/secrets';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser, csrfFrom, TestClient, uniqueIp } from '../helpers/auth';

function cookieNamed(res: request.Response, name: string): string | undefined {
  const list = res.headers['set-cookie'] as unknown as string[] | undefined;
  return (list ?? []).find((c) => c.startsWith(`${name}=`));
}

describe('sessions: login, who am I, logout, timeouts', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });

  it('GET /api/session says nobody is logged in without a cookie', async () => {
    const res = await request(t.app).get('/api/session').expect(200);
    expect(res.body).to.deep.equal({ user: null });
  });

  it('logs in with the right password: httpOnly SameSite=Lax session cookie, readable CSRF cookie, no hash in the answer', async () => {
    const u = await createTestUser('crew');
    const res = await request(t.app)
      .post('/api/session')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: u.email.toUpperCase(), password: u.password })
      .expect(200);
    expect(res.body.user.email).to.equal(u.email);
    expect(res.body.user.role).to.equal('crew');
    expect(JSON.stringify(res.body)).not.to.match(/scrypt|passwordHash/);
    const sid = cookieNamed(res, 'sid')!;
    expect(sid)
      .to.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i)
      .and.match(/Path=\//);
    expect(sid).not.to.match(/Secure/i); // not production
    const csrf = cookieNamed(res, 'csrf')!;
    expect(csrf)
      .to.match(/SameSite=Lax/i)
      .and.not.match(/HttpOnly/i);
    // Only the token's hash is stored, as the session's _id.
    const token = /^sid=([^;]+)/.exec(sid)![1]!;
    expect(await Session.findById(token)).to.equal(null);
    expect(await Session.findById(hashToken(token))).not.to.equal(null);
  });

  it('refuses a wrong password, an unknown email and an invited user with the same 401 message', async () => {
    const u = await createTestUser('crew');
    const ip = uniqueIp();
    const wrong = await request(t.app)
      .post('/api/session')
      .set('X-Forwarded-For', ip)
      .send({ email: u.email, password: 'verkeerd-wachtwoord' })
      .expect(401);
    const unknown = await request(t.app)
      .post('/api/session')
      .set('X-Forwarded-For', ip)
      .send({ email: 'niemand-hier@example.test', password: 'verkeerd-wachtwoord' })
      .expect(401);
    expect(wrong.body.error.code).to.equal('unauthenticated');
    expect(unknown.body.error.message).to.equal(wrong.body.error.message);
    expect(cookieNamed(wrong, 'sid')).to.equal(undefined);
  });

  it('gives a fresh session id on every login and ends the old one', async () => {
    const u = await createTestUser('coordinator');
    const client = await new TestClient(t.app).login(u.email, u.password);
    const first = client.csrf;
    const again = await client.send('post', '/api/session').send({ email: u.email, password: u.password }).expect(200);
    expect(csrfFrom(again.headers['set-cookie'])).to.be.a('string').and.not.equal(first);
    expect(await Session.countDocuments({ userId: u.id })).to.equal(1);
  });

  it('GET /api/session shows who is logged in; DELETE logs out and the cookie no longer works', async () => {
    const u = await createTestUser('admin');
    const client = await new TestClient(t.app).login(u.email, u.password);
    const me = await client.send('get', '/api/session').expect(200);
    expect(me.body.user.email).to.equal(u.email);
    const out = await client.send('delete', '/api/session').expect(204);
    expect(cookieNamed(out, 'sid')).to.match(/Expires=Thu, 01 Jan 1970/);
    expect(await Session.countDocuments({ userId: u.id })).to.equal(0);
  });

  it('keeps a resolved session for at most a second: a logout or a deactivation through another instance ends it here within that time', async () => {
    const u = await createTestUser('crew');
    const client = await new TestClient(t.app).login(u.email, u.password);
    await client.send('get', '/api/session').expect(200);
    // Another instance logs the user out (the session disappears from the database behind this one's back).
    await Session.deleteMany({ userId: u.id });
    const started = Date.now();
    for (;;) {
      const me = await client.send('get', '/api/session').expect(200);
      if (me.body.user === null) break;
      expect(Date.now() - started, 'session still accepted').to.be.lessThan(1500);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Through this instance the logout counts at once.
    const login = await request(t.app)
      .post('/api/session')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: u.email, password: u.password })
      .expect(200);
    const cookies = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    expect((await request(t.app).get('/api/session').set('Cookie', cookies).expect(200)).body.user.email).to.equal(
      u.email,
    );
    await request(t.app)
      .delete('/api/session')
      .set('Cookie', cookies)
      .set('X-CSRF-Token', csrfFrom(login.headers['set-cookie'])!)
      .expect(204);
    expect((await request(t.app).get('/api/session').set('Cookie', cookies).expect(200)).body.user).to.equal(null);
  });

  describe('timeouts (with an injected clock)', () => {
    let clock = Date.now();
    const app = (secureCookies = false) =>
      createApp({
        logger: createLogger('silent'),
        embeddedDatabase: true,
        security: {
          now: () => new Date(clock),
          sessionIdleMs: 2 * 3600_000,
          sessionAbsoluteMs: 12 * 3600_000,
          secureCookies,
        },
      });

    it('ends a session after 2 hours without requests', async () => {
      clock = Date.now();
      const a = app();
      const u = await createTestUser('crew');
      const client = await new TestClient(a).login(u.email, u.password);
      clock += 119 * 60_000;
      expect((await client.send('get', '/api/session').expect(200)).body.user?.email).to.equal(u.email);
      clock += 119 * 60_000; // activity above moved the idle start
      expect((await client.send('get', '/api/session').expect(200)).body.user?.email).to.equal(u.email);
      clock += 121 * 60_000;
      const res = await client.send('get', '/api/session').expect(200);
      expect(res.body.user).to.equal(null);
      expect(cookieNamed(res, 'sid')).to.match(/Expires=Thu, 01 Jan 1970/);
    });

    it('ends a session after 12 hours however active it is', async () => {
      clock = Date.now();
      const a = app();
      const u = await createTestUser('crew');
      const client = await new TestClient(a).login(u.email, u.password);
      for (let h = 0; h < 11; h++) {
        clock += 60 * 60_000;
        expect((await client.send('get', '/api/session').expect(200)).body.user, `hour ${h + 1}`).not.to.equal(null);
      }
      clock += 61 * 60_000;
      expect((await client.send('get', '/api/session').expect(200)).body.user).to.equal(null);
    });

    it('sets Secure cookies when configured for production', async () => {
      const u = await createTestUser('crew');
      const res = await request(app(true))
        .post('/api/session')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: u.email, password: u.password })
        .expect(200);
      expect(cookieNamed(res, 'sid')).to.match(/;\s*Secure/i);
      expect(cookieNamed(res, 'csrf')).to.match(/;\s*Secure/i);
    });
  });
});
