import { expect } from 'chai';
import express from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { createApp } from '../../backend/app';
import { errorHandler } from '../../backend/http/errorHandler';
import { honeypot, rateLimit } from '../../backend/http/rateLimit';
import { createLogger } from '../../backend/logger';
import { RateLimit, User } from '../../backend/models';
import { forgetRateLimitMemory } from '../../backend/services/rateLimits';
import { startTestApp, type TestApp } from '../helpers/app';
import { clearOfWindowEnd, createTestUser, TestClient, uniqueEmail, uniqueIp } from '../helpers/auth';

describe('security middleware', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });

  describe('CSRF on cookie-authenticated writes', () => {
    it('refuses a write with a session cookie but without the X-CSRF-Token header (403 csrf_failed) and changes nothing', async () => {
      const { email, password } = await createTestUser('crew');
      const client = await new TestClient(t.app).login(email, password);
      const token = client.csrf;
      client.csrf = null;
      const res = await client.send('patch', '/api/users/me').send({ name: 'Gekaapt' }).expect(403);
      expect(res.body.error.code).to.equal('csrf_failed');
      expect((await User.findOne({ email }).lean())!.name).not.to.equal('Gekaapt');
      client.csrf = 'x'.repeat(43);
      expect((await client.send('patch', '/api/users/me').send({ name: 'Gekaapt' })).body.error.code).to.equal(
        'csrf_failed',
      );
      client.csrf = token;
      await client.send('patch', '/api/users/me').send({ name: 'Echt' }).expect(200);
    });

    it('does not take the CSRF token of another session', async () => {
      const a = await createTestUser('crew');
      const b = await createTestUser('crew');
      const ca = await new TestClient(t.app).login(a.email, a.password);
      const cb = await new TestClient(t.app).login(b.email, b.password);
      ca.csrf = cb.csrf;
      expect((await ca.send('delete', '/api/session')).status).to.equal(403);
    });

    it('lets reads through without the header, and anonymous writes without a session cookie', async () => {
      const { email, password } = await createTestUser('crew');
      const client = await new TestClient(t.app).login(email, password);
      client.csrf = null;
      await client.send('get', '/api/session').expect(200);
      await request(t.app)
        .post('/api/password-resets')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: uniqueEmail() })
        .expect(202);
    });

    it('treats a stale session cookie as anonymous, so logging in again works', async () => {
      const u = await createTestUser('crew');
      const res = await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', uniqueIp())
        .set('Cookie', `sid=${'B'.repeat(43)}; csrf=old`)
        .send({ email: u.email, password: u.password });
      expect(res.status).to.equal(200);
    });
  });

  describe('operators, dotted keys and prototype keys in input', () => {
    const bodies: unknown[] = [
      { email: { $gt: '' }, password: 'x' },
      { email: 'a@b.nl', password: { $ne: null } },
      { $where: 'sleep(1000)' },
      { email: 'a@b.nl', 'password.hash': 'x' },
      { nested: { deep: [{ $regex: '.*' }] } },
      JSON.parse('{"__proto__": {"isAdmin": true}}'),
      { constructor: { prototype: { x: 1 } } },
    ];
    for (const body of bodies) {
      it(`rejects ${JSON.stringify(body)} with 400 before any handler`, async () => {
        const res = await request(t.app)
          .post('/api/session')
          .set('X-Forwarded-For', uniqueIp())
          .send(body as object)
          .expect(400);
        expect(res.body.error.code).to.equal('validation_failed');
      });
    }

    it('rejects operator-shaped query keys', async () => {
      for (const qs of ['email[$gt]=', '$where=1', 'a.b=1']) {
        const res = await request(t.app).get(`/api/schools?${qs}`).expect(400);
        expect(res.body.error.code, qs).to.equal('validation_failed');
      }
    });

    it('accepts $ and dots inside values (a password may contain them)', async () => {
      const u = await createTestUser('crew');
      await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: u.email, password: '$gt.{}' })
        .expect(401);
    });

    it('rejects unknown fields (strict schemas)', async () => {
      const res = await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: 'a@b.nl', password: 'x', role: 'admin' })
        .expect(400);
      expect(res.body.error.code).to.equal('validation_failed');
    });

    it('answers 413 payload_too_large above 100 kB', async () => {
      const res = await request(t.app)
        .post('/api/password-resets')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: 'x'.repeat(120_000) })
        .expect(413);
      expect(res.body.error.code).to.equal('payload_too_large');
    });
  });

  describe('rate limits', () => {
    it('stops logins for one account from one IP after 10 tries in 15 minutes, with 429, Retry-After and a Dutch message', async () => {
      await clearOfWindowEnd(900);
      const u = await createTestUser('crew');
      const ip = uniqueIp();
      for (let i = 0; i < 10; i++) {
        await request(t.app)
          .post('/api/session')
          .set('X-Forwarded-For', ip)
          .send({ email: u.email, password: 'verkeerd!' })
          .expect(401);
      }
      const res = await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', ip)
        .send({ email: u.email, password: u.password })
        .expect(429);
      expect(res.body.error.code).to.equal('rate_limited');
      expect(res.body.error.message).to.match(/Te veel pogingen/);
      expect(Number(res.headers['retry-after'])).to.be.within(1, 900);
    });

    it('stops logins from one IP after 30 tries in 10 minutes, whatever the account', async () => {
      await clearOfWindowEnd(600);
      const ip = uniqueIp();
      for (let i = 0; i < 30; i++) {
        await request(t.app)
          .post('/api/session')
          .set('X-Forwarded-For', ip)
          .send({ email: uniqueEmail(), password: 'verkeerd!' })
          .expect(401);
      }
      await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', ip)
        .send({ email: uniqueEmail(), password: 'verkeerd!' })
        .expect(429);
      await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: uniqueEmail(), password: 'verkeerd!' })
        .expect(401);
    });

    it('stops reset links for one email after 3 in an hour', async () => {
      await clearOfWindowEnd(3600);
      const email = uniqueEmail();
      for (let i = 0; i < 3; i++)
        await request(t.app)
          .post('/api/password-resets')
          .set('X-Forwarded-For', uniqueIp())
          .send({ email })
          .expect(202);
      const res = await request(t.app)
        .post('/api/password-resets')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email })
        .expect(429);
      expect(res.body.error.code).to.equal('rate_limited');
    });

    it('keeps its counters in the rateLimits collection (they hold across restarts), keyed by bucket, hashed key and window', async () => {
      const app = express();
      app.use(express.json());
      app.locals.security = { now: () => new Date() };
      app.post('/x', rateLimit({ bucket: 'test-bucket', limit: 2, windowSeconds: 60, key: () => 'k' }), (_req, res) => {
        res.status(204).end();
      });
      app.use(errorHandler);
      await request(app).post('/x').expect(204);
      // A "restart": a new app (and a process that remembers nothing) counts on from the same stored counter.
      forgetRateLimitMemory();
      const again = express();
      again.locals.security = app.locals.security;
      again.post(
        '/x',
        rateLimit({ bucket: 'test-bucket', limit: 2, windowSeconds: 60, key: () => 'k' }),
        (_req, res) => {
          res.status(204).end();
        },
      );
      again.use(errorHandler);
      await request(again).post('/x').expect(204);
      forgetRateLimitMemory();
      await request(again).post('/x').expect(429);
      const docs = await RateLimit.find({ _id: mongoose.trusted({ $regex: '^test-bucket:' }) }).lean();
      const summary = docs.find((d) => !String(d._id).includes('#'))!;
      expect(summary._id).to.match(/^test-bucket:[a-f0-9]{32}:\d+$/);
      expect(summary.count).to.equal(2);
      expect(docs.map((d) => d._id).sort()).to.deep.equal([summary._id, `${summary._id}#1`, `${summary._id}#2`]);
      await RateLimit.deleteMany({ _id: mongoose.trusted({ $regex: '^test-bucket:' }) });
    });

    it('counts hits from many requests at once exactly (unique slots, also on FerretDB)', async () => {
      const app = express();
      app.locals.security = { now: () => new Date() };
      app.get(
        '/y',
        rateLimit({ bucket: 'test-burst', limit: 15, windowSeconds: 60, key: () => 'burst' }),
        (_req, res) => {
          res.status(204).end();
        },
      );
      app.use(errorHandler);
      const statuses = await Promise.all(
        Array.from({ length: 25 }, () =>
          request(app)
            .get('/y')
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 204)).to.have.length(15);
      expect(statuses.filter((s) => s === 429)).to.have.length(10);
      await RateLimit.deleteMany({ _id: mongoose.trusted({ $regex: '^test-burst:' }) });
    });
  });

  describe('honeypot', () => {
    it('answers a filled trap field with a fake 201 and never calls the handler; an empty one is removed', async () => {
      let calls = 0;
      const app = express();
      app.use(express.json());
      app.post('/form', honeypot('website'), (req, res) => {
        calls += 1;
        res.status(201).json({ received: req.body });
      });
      const bot = await request(app).post('/form').send({ name: 'x', website: 'http://spam' }).expect(201);
      expect(bot.body.id).to.match(/^[a-f0-9]{24}$/);
      expect(calls).to.equal(0);
      const human = await request(app).post('/form').send({ name: 'x', website: '' }).expect(201);
      expect(human.body.received).to.deep.equal({ name: 'x' });
      expect(calls).to.equal(1);
    });
  });

  describe('headers', () => {
    it('sends a CSP that allows only our scripts, inline styles, data: images and OSM tiles', async () => {
      const res = await request(t.app).get('/api/schools/23ja01').expect(200);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).to.contain("script-src 'self'");
      expect(csp).to.contain("img-src 'self' data: https://*.tile.openstreetmap.org");
      expect(csp).to.contain("style-src 'self' 'unsafe-inline'");
      expect(csp).to.contain("frame-ancestors 'none'");
      expect(csp).not.to.contain('unsafe-eval');
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['referrer-policy']).to.equal('no-referrer');
      expect(res.headers['x-powered-by']).to.equal(undefined);
    });

    it('keeps CORS closed by default', async () => {
      const res = await request(t.app).get('/api/schools/23ja01').set('Origin', 'https://evil.example').expect(200);
      expect(res.headers['access-control-allow-origin']).to.equal(undefined);
      const pre = await request(t.app)
        .options('/api/session')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(pre.headers['access-control-allow-origin']).to.equal(undefined);
    });

    it('opens CORS only for configured origins', async () => {
      const app = createApp({
        logger: createLogger('silent'),
        embeddedDatabase: true,
        security: { corsOrigins: ['https://partner.example'] },
      });
      const ok = await request(app).get('/api/schools/23ja01').set('Origin', 'https://partner.example').expect(200);
      expect(ok.headers['access-control-allow-origin']).to.equal('https://partner.example');
      const pre = await request(app)
        .options('/api/session')
        .set('Origin', 'https://partner.example')
        .set('Access-Control-Request-Method', 'POST')
        .expect(204);
      expect(pre.headers['access-control-allow-headers']).to.contain('X-CSRF-Token');
      const other = await request(app).get('/api/schools/23ja01').set('Origin', 'https://evil.example').expect(200);
      expect(other.headers['access-control-allow-origin']).to.equal(undefined);
    });
  });
});
