import { expect } from 'chai';
import express from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { createInsertBatcher } from '../../backend/db/batchedInsert';
import { flushDeferredWrites, writeLater } from '../../backend/db/deferredWrites';
import { errorHandler } from '../../backend/http/errorHandler';
import { rateLimit } from '../../backend/http/rateLimit';
import { OutboxMessage, RateLimit, VisitRequest } from '../../backend/models';
import { forgetRateLimitMemory } from '../../backend/services/rateLimits';
import { recoverRequestEmails } from '../../backend/services/requests';
import { startTestApp, type TestApp } from '../helpers/app';
import { clearOfWindowEnd } from '../helpers/auth';
import { requestBody } from '../helpers/factories';

// The public form answers after one write (the request); its email and its rate-limit count follow in lingering
// batches (db/deferredWrites.ts). These tests hold that to: nothing lost, limits that still hold, emails that a
// crash cut off written at the next start.
describe('deferred writes: the form answers after one write, the rest follows', function () {
  this.timeout(60_000);
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });

  describe('writeLater', () => {
    it('tries a failed write again until it succeeds, and flushDeferredWrites waits for it', async () => {
      let attempts = 0;
      writeLater('test: fails twice', async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('database away');
      });
      expect(await flushDeferredWrites()).to.equal(0);
      expect(attempts).to.equal(3);
    });

    it('takes a duplicate key as written (its document was stored by an earlier attempt) and tries no more', async () => {
      let attempts = 0;
      writeLater('test: duplicate', async () => {
        attempts += 1;
        throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
      });
      await flushDeferredWrites();
      expect(attempts).to.equal(1);
    });

    it('gives up a write marked retry: false after one failure, and a flush with a time limit says what still runs', async () => {
      let attempts = 0;
      writeLater(
        'test: once',
        async () => {
          attempts += 1;
          throw new Error('database away');
        },
        { retry: false },
      );
      let release!: () => void;
      writeLater('test: slow', () => new Promise<void>((done) => (release = done)));
      expect(await flushDeferredWrites(50)).to.equal(1);
      expect(attempts).to.equal(1);
      release();
      expect(await flushDeferredWrites()).to.equal(0);
    });
  });

  it('a lingering batcher gathers the inserts of its linger time into one write', async () => {
    const calls: number[] = [];
    const batcher = createInsertBatcher(
      () => ({
        insertOne: async () => {
          calls.push(1);
        },
        insertMany: async (docs: unknown[]) => {
          calls.push(docs.length);
        },
      }),
      { lingerMs: 40 },
    );
    const first = batcher.insert({ _id: 'a' });
    await new Promise((r) => setTimeout(r, 10));
    const rest = Array.from({ length: 9 }, (_, i) => batcher.insert({ _id: `b${i}` }));
    expect(calls).to.deep.equal([]); // nothing written while it lingers
    await Promise.all([first, ...rest]);
    expect(calls).to.deep.equal([10]);
  });

  describe('rateLimit counted after the answer (the form)', () => {
    // A fixed clock in the middle of a window: the test's requests never straddle two windows.
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);
    const app = (bucket: string, limit: number) => {
      const a = express();
      a.locals.security = { now: () => now };
      a.get(
        '/z',
        rateLimit({ bucket, limit, windowSeconds: 60, key: () => 'one-client', countAfterAnswer: true }),
        (_req, res) => {
          res.status(204).end();
        },
      );
      a.use(errorHandler);
      return a;
    };
    const slots = async (bucket: string) =>
      (await RateLimit.find({ _id: mongoose.trusted({ $regex: `^${bucket}:.*#` }) }).lean())
        .map((d) => d.count)
        .sort((x, y) => x - y);

    after(async () => {
      await flushDeferredWrites();
      await RateLimit.deleteMany({ _id: mongoose.trusted({ $regex: '^test-later' }) });
    });

    it('admits exactly the limit of 25 concurrent requests, and stores their count', async () => {
      const a = app('test-later-burst', 15);
      const statuses = await Promise.all(
        Array.from({ length: 25 }, () =>
          request(a)
            .get('/z')
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 204)).to.have.length(15);
      expect(statuses.filter((s) => s === 429)).to.have.length(10);
      await flushDeferredWrites();
      expect(await slots('test-later-burst')).to.deep.equal(Array.from({ length: 15 }, (_, i) => i + 1));
    });

    it('holds across a restart: at most one request too many, then 429 at once', async () => {
      const a = app('test-later-restart', 3);
      for (let i = 0; i < 3; i++) await request(a).get('/z').expect(204);
      await request(a).get('/z').expect(429);
      await flushDeferredWrites();
      forgetRateLimitMemory(); // a new process: it knows nothing of the counter, the database does
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await request(a).get('/z')).status);
        await flushDeferredWrites(); // its count has reached the database before the next request
      }
      expect(statuses.filter((s) => s === 204).length).to.be.at.most(1);
      expect(statuses.slice(1)).to.deep.equal([429, 429, 429, 429]);
      expect(await slots('test-later-restart')).to.deep.equal([1, 2, 3]);
    });
  });

  describe('the public form', () => {
    const ip = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

    it('stores the email that the request names, just after the request', async () => {
      const res = await request(t.app)
        .post('/api/requests')
        .set('X-Forwarded-For', ip())
        .send(requestBody())
        .expect(201);
      const stored = (await VisitRequest.findById(res.body.request.id).lean())!;
      expect(stored.receivedEmailId).to.be.instanceOf(mongoose.Types.ObjectId);
      await flushDeferredWrites();
      const email = (await OutboxMessage.findById(stored.receivedEmailId).lean())!;
      expect(email.kind).to.equal('request_received');
      expect(email.text).to.include(stored.reference).and.include(res.body.statusUrl);
    });

    it('takes 10 requests an hour from one IP; the 11th gets 429 and stores neither request nor email', async () => {
      await clearOfWindowEnd(3600);
      const from = ip();
      for (let i = 0; i < 10; i++)
        await request(t.app).post('/api/requests').set('X-Forwarded-For', from).send(requestBody()).expect(201);
      await flushDeferredWrites();
      const before = await Promise.all([VisitRequest.countDocuments(), OutboxMessage.countDocuments()]);
      const res = await request(t.app)
        .post('/api/requests')
        .set('X-Forwarded-For', from)
        .send(requestBody())
        .expect(429);
      expect(res.body.error.code).to.equal('rate_limited');
      expect(Number(res.headers['retry-after'])).to.be.within(1, 3600);
      await flushDeferredWrites();
      expect(await Promise.all([VisitRequest.countDocuments(), OutboxMessage.countDocuments()])).to.deep.equal(before);
      await request(t.app).post('/api/requests').set('X-Forwarded-For', ip()).send(requestBody()).expect(201); // another IP still may
    });

    it('writes at start-up the email a crash cut off before it, with a status link that works, once', async () => {
      const res = await request(t.app)
        .post('/api/requests')
        .set('X-Forwarded-For', ip())
        .send(requestBody())
        .expect(201);
      await flushDeferredWrites();
      const stored = (await VisitRequest.findById(res.body.request.id).lean())!;
      await OutboxMessage.deleteOne({ _id: stored.receivedEmailId }); // as if the process died before writing it
      // A process started after the request leaves it alone: its email may still be on its way.
      const earlier = new Date(stored.submittedAt.getTime() - 1000);
      expect(await recoverRequestEmails('http://localhost:3000', earlier)).to.deep.equal({ written: 0, failed: 0 });
      const later = new Date(Date.now() + 1000); // a start after the request
      expect(await recoverRequestEmails('http://localhost:3000', later)).to.deep.equal({ written: 1, failed: 0 });
      const email = (await OutboxMessage.findById(stored.receivedEmailId).lean())!;
      expect(email.to).to.equal(stored.contact!.email);
      expect(email.text).to.include(stored.reference);
      const token = /\/status\/([\w-]+)/.exec(email.text)![1]!;
      const viaLink = await request(t.app).get(`/api/status/${token}`).expect(200);
      expect(viaLink.body.id).to.equal(res.body.request.id);
      expect(await recoverRequestEmails('http://localhost:3000', later)).to.deep.equal({ written: 0, failed: 0 });
    });
  });
});
