import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SMTPServer } from 'smtp-server';
import { EMAIL_KINDS } from '../../shared/api/outbox';
import { createLogger } from '../../backend/logger';
import { OutboxLease, OutboxMessage } from '../../backend/models';
import { enqueueEmail } from '../../backend/services/outbox/enqueue';
import { renderEmail, type EmailParams } from '../../backend/services/outbox/templates';
import { createOutboxWorker } from '../../backend/services/outbox/worker';
import { startTestApp } from '../helpers/app';
import { loggedIn, uniqueEmail } from '../helpers/auth';

const SAMPLE: { [K in keyof EmailParams]: EmailParams[K] } = {
  invitation: { url: 'https://tw.example/invitations/abc', role: 'crew', inviterName: 'Anna', expiresDays: 7 },
  password_reset: { url: 'https://tw.example/password-reset/abc', expiresMinutes: 60 },
  request_received: { schoolName: 'Grafisch Lyceum <Rotterdam>', reference: 'A-12' },
  visit_planned: { schoolName: 'Wolfert', date: '2027-03-02', startTime: '09:00', endTime: '12:00' },
  visit_changed: { schoolName: 'Wolfert', date: '2027-03-09', previousDate: '2027-03-02', startTime: '09:00' },
  visit_delayed: {
    schoolName: 'Wolfert',
    date: '2027-03-09',
    plannedStart: '09:00',
    expectedStart: '09:27',
    expectedEnd: '12:27',
    lateMinutes: 27,
    followUrl: 'https://tw.example/volg/wagen-1/2027-03-09',
  },
  visit_cancelled: { schoolName: 'Wolfert', date: '2027-03-09', reason: 'ziekte' },
  request_accepted: { schoolName: 'Wolfert', reference: 'TW-2027-0001' },
  request_declined: { schoolName: 'Wolfert', reference: 'TW-2027-0002', reason: 'Geen ruimte meer' },
  cancellation_received: { schoolName: 'Wolfert', reference: 'TW-2027-0003', date: '2027-03-09' },
  crew_visit_changed: {
    schoolName: 'Wolfert',
    reference: 'TW-2027-0003',
    date: '2027-03-09',
    truckId: 'wagen-1',
    slot: '08:15–12:30',
    what: 'cancelled',
    url: 'https://tw.example/planning',
  },
  request_expired: { schoolName: 'Wolfert', reference: 'TW-2027-0004' },
};

interface Received {
  to: string[];
  raw: string;
}

/** A tiny SMTP server on loopback that rejects the first `failFirst` messages with a temporary error. */
/**
 * A local SMTP server that refuses (451) the first `failFirst` deliveries to recipients matching `failFor`
 * (default: every recipient), so other suites' queued mail cannot use up the planned failures.
 */
async function startSmtp(
  failFirst: number,
  failFor: (rcpt: string[]) => boolean = () => true,
): Promise<{ server: SMTPServer; url: string; received: Received[]; attempts: () => number }> {
  const received: Received[] = [];
  let attempts = 0;
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        attempts += 1;
        if (failures < failFirst && failFor(session.envelope.rcptTo.map((r) => r.address))) {
          failures += 1;
          const err = new Error('mailbox busy, try later') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const port = (server.server.address() as AddressInfo).port;
  return { server, url: `smtp://127.0.0.1:${port}`, received, attempts: () => attempts };
}

/**
 * A clock for one test: a week of its own in 2001. Other suites queue their mail at today's date (or a later
 * one), so at these times only the test's own messages are due: a worker's round sends nothing of theirs.
 */
const ownWeek = (week: number): number => Date.UTC(2001, 0, 1 + 7 * week, 9);

describe('outbox', function () {
  this.timeout(60_000);
  const logger = createLogger('silent');
  before(async () => {
    await startTestApp();
  });

  it('has a Dutch and an English template for every kind, with the values escaped in the HTML', () => {
    for (const kind of EMAIL_KINDS) {
      const nl = renderEmail(kind, 'nl', SAMPLE[kind] as never);
      const en = renderEmail(kind, 'en', SAMPLE[kind] as never);
      expect(nl.subject, kind).to.be.a('string').and.not.equal(en.subject);
      expect(nl.text, kind).to.match(/groet/);
      expect(en.text, kind).to.match(/regards/);
      expect(nl.html).not.to.match(/<Rotterdam>/);
    }
    expect(renderEmail('request_received', 'nl', SAMPLE.request_received).html).to.contain(
      'Grafisch Lyceum &lt;Rotterdam&gt;',
    );
    expect(renderEmail('visit_planned', 'nl', SAMPLE.visit_planned).text).to.contain(
      'dinsdag 2 maart 2027 van 09:00 tot 12:00',
    );
    expect(renderEmail('visit_planned', 'en', SAMPLE.visit_planned).text).to.contain(
      'Tuesday, 2 March 2027 from 09:00 to 12:00',
    );
  });

  it('sends by SMTP, retries with exponential back-off after a temporary failure, and marks the message sent', async () => {
    const to = uniqueEmail('smtp');
    const smtp = await startSmtp(1, (rcpt) => rcpt.includes(to));
    let clock = ownWeek(1);
    const worker = createOutboxWorker({
      smtpUrl: smtp.url,
      outboxDir: '/nonexistent',
      from: 'Techniekwagen <tw@example.test>',
      logger,
      baseBackoffMs: 30_000,
      now: () => new Date(clock),
    });
    try {
      const before = smtp.received.length;
      const id = await enqueueEmail(
        { to, kind: 'visit_planned', language: 'nl', params: SAMPLE.visit_planned },
        new Date(clock),
      );
      const attemptsBefore = smtp.attempts();

      expect(await worker.deliverDue()).to.equal(1);
      let doc = (await OutboxMessage.findById(id).lean())!;
      expect(smtp.attempts()).to.equal(attemptsBefore + 1);
      expect(doc.status).to.equal('queued');
      expect(doc.attempts).to.equal(1);
      expect(doc.lastError).to.match(/busy/);
      expect(doc.nextAttemptAt!.getTime() - clock).to.equal(30_000);

      expect(await worker.deliverDue()).to.equal(0); // not due yet
      clock += 30_001;
      expect(await worker.deliverDue()).to.equal(1);
      doc = (await OutboxMessage.findById(id).lean())!;
      expect(doc.status).to.equal('sent');
      expect(doc.transport).to.equal('smtp');
      expect(doc.attempts).to.equal(2);
      expect(smtp.received.length).to.equal(before + 1);
      const mail = smtp.received.at(-1)!;
      expect(mail.to).to.deep.equal([to]);
      expect(mail.raw).to.match(/Subject: Bezoek ingepland/);
    } finally {
      await worker.stop();
      await new Promise<void>((done) => smtp.server.close(() => done()));
    }
  });

  it('gives up after the last attempt with status failed', async () => {
    const smtp = await startSmtp(1000);
    let clock = ownWeek(2);
    const worker = createOutboxWorker({
      smtpUrl: smtp.url,
      outboxDir: '/nonexistent',
      from: 'tw@example.test',
      logger,
      baseBackoffMs: 1000,
      maxAttempts: 3,
      now: () => new Date(clock),
    });
    try {
      const id = await enqueueEmail(
        { to: uniqueEmail('fail'), kind: 'visit_cancelled', language: 'en', params: SAMPLE.visit_cancelled },
        new Date(clock),
      );
      const waits: number[] = [];
      for (let i = 0; i < 3; i++) {
        await worker.deliverDue();
        const doc = (await OutboxMessage.findById(id).lean())!;
        if (doc.nextAttemptAt) waits.push(doc.nextAttemptAt.getTime() - clock);
        clock += 10_000;
      }
      const doc = (await OutboxMessage.findById(id).lean())!;
      expect(doc.status).to.equal('failed');
      expect(doc.attempts).to.equal(3);
      expect(waits).to.deep.equal([1000, 2000]); // 1 s, then 2 s
    } finally {
      await worker.stop();
      await new Promise<void>((done) => smtp.server.close(() => done()));
    }
  });

  it('writes an .eml file when no SMTP server is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const clock = ownWeek(3);
    const worker = createOutboxWorker({ outboxDir: dir, from: 'tw@example.test', logger, now: () => new Date(clock) });
    try {
      const to = uniqueEmail('file');
      const id = await enqueueEmail(
        { to, kind: 'invitation', language: 'nl', params: SAMPLE.invitation },
        new Date(clock),
      );
      await worker.deliverDue();
      const doc = (await OutboxMessage.findById(id).lean())!;
      expect(doc.status).to.equal('sent');
      expect(doc.transport).to.equal('file');
      const file = readdirSync(dir).find((f) => f.endsWith(`-invitation-${id}.eml`));
      expect(file).to.be.a('string');
      const eml = readFileSync(join(dir, file!), 'utf8');
      expect(eml).to.contain(`To: ${to}`);
      expect(eml).to.match(/Subject: Uitnodiging/);
    } finally {
      await worker.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the outbox to admins: the list, newest first, and one message', async () => {
    const t = await startTestApp();
    const { client } = await loggedIn(t.app, 'admin');
    const to = uniqueEmail('view');
    const id = await enqueueEmail({ to, kind: 'request_received', language: 'nl', params: SAMPLE.request_received });
    const list = await client.send('get', '/api/outbox?pageSize=500').expect(200);
    const items = list.body.items as Array<{ id: string; createdAt: string }>;
    expect(items.map((m) => m.id)).to.include(id);
    expect(items.every((m, i) => i === 0 || items[i - 1]!.createdAt >= m.createdAt)).to.equal(true);
    const one = await client.send('get', `/api/outbox/${id}`).expect(200);
    expect(one.body).to.include({ to, kind: 'request_received', status: 'queued' });
    await client.send('get', `/api/outbox/${'b'.repeat(24)}`).expect(404);
    await client.send('get', '/api/outbox/nope').expect(400);
  });

  it('sends each message exactly once with two workers at once on one FerretDB (the attempt is claimed by a unique insert)', async () => {
    const smtp = await startSmtp(0);
    const clock = ownWeek(4);
    const options = {
      smtpUrl: smtp.url,
      outboxDir: '/nonexistent',
      from: 'tw@example.test',
      logger,
      now: () => new Date(clock),
    };
    const a = createOutboxWorker(options);
    const b = createOutboxWorker(options);
    try {
      const tag = uniqueEmail('twice').split('@')[0]!;
      const n = 60;
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          enqueueEmail(
            { to: `${tag}-${i}@example.nl`, kind: 'visit_planned', language: 'nl', params: SAMPLE.visit_planned },
            new Date(clock),
          ),
        ),
      );
      const [sentA, sentB] = await Promise.all([a.deliverDue(), b.deliverDue()]);
      const ours = smtp.received.filter((m) => m.to.some((r) => r.startsWith(`${tag}-`)));
      expect(ours.length, `emails for ${n} messages (worker a tried ${sentA}, b ${sentB})`).to.equal(n);
      expect(new Set(ours.map((m) => m.to[0])).size).to.equal(n);
      expect(sentA + sentB).to.equal(n);
      expect(await OutboxMessage.countDocuments({ to: new RegExp(`^${tag}-`), status: 'sent', attempts: 1 })).to.equal(
        n,
      );
    } finally {
      await a.stop();
      await b.stop();
      await new Promise<void>((done) => smtp.server.close(() => done()));
    }
  });

  it('takes over an attempt whose worker died before recording it, once its lease is over', async () => {
    const smtp = await startSmtp(0);
    let clock = ownWeek(5);
    const worker = createOutboxWorker({
      smtpUrl: smtp.url,
      outboxDir: '/nonexistent',
      from: 'tw@example.test',
      logger,
      leaseMs: 60_000,
      now: () => new Date(clock),
    });
    try {
      const to = uniqueEmail('orphan');
      const id = await enqueueEmail(
        { to, kind: 'visit_planned', language: 'nl', params: SAMPLE.visit_planned },
        new Date(clock),
      );
      await OutboxLease.create({ _id: `${id}#1`, at: new Date(clock) }); // a worker claimed attempt 1, then died
      expect(await worker.deliverDue()).to.equal(0);
      clock += 30_000;
      expect(await worker.deliverDue(), 'within the lease').to.equal(0);
      clock += 31_000;
      expect(await worker.deliverDue(), 'after the lease').to.equal(1);
      expect(smtp.received.filter((m) => m.to.includes(to))).to.have.length(1);
      expect((await OutboxMessage.findById(id).lean())!.status).to.equal('sent');
    } finally {
      await worker.stop();
      await new Promise<void>((done) => smtp.server.close(() => done()));
    }
  });

  it('removes sent messages after the retention period, keeping queued and failed ones', async () => {
    const clock = Date.now() + 21_600_000;
    const worker = createOutboxWorker({
      outboxDir: '/nonexistent',
      from: 'tw@example.test',
      logger,
      retentionDays: 30,
      now: () => new Date(clock),
    });
    const day = 24 * 3600_000;
    const make = async (status: 'sent' | 'queued' | 'failed', sentDaysAgo: number | null) => {
      const id = await enqueueEmail(
        { to: uniqueEmail(`keep-${status}`), kind: 'visit_planned', language: 'nl', params: SAMPLE.visit_planned },
        new Date(clock - 40 * day),
      );
      await OutboxMessage.updateOne(
        { _id: id },
        {
          $set: {
            status,
            nextAttemptAt: status === 'queued' ? new Date(clock + day) : null,
            sentAt: sentDaysAgo === null ? null : new Date(clock - sentDaysAgo * day),
          },
        },
      );
      return id;
    };
    const old = await make('sent', 31);
    const recent = await make('sent', 29);
    const queued = await make('queued', null);
    const failed = await make('failed', null);
    expect(await worker.pruneSent()).to.be.at.least(1);
    expect(await OutboxMessage.exists({ _id: old })).to.equal(null);
    for (const id of [recent, queued, failed]) expect(await OutboxMessage.exists({ _id: id }), id).not.to.equal(null);
    await worker.stop();
  });

  it('stops within seconds with a backlog: the message in flight finishes, the rest waits', async () => {
    const smtp = await startSmtp(0);
    const clock = ownWeek(6);
    const slow = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _s, cb) {
        stream.resume();
        stream.on('end', () => setTimeout(() => cb(), 300));
      },
    });
    await new Promise<void>((done) => slow.listen(0, '127.0.0.1', () => done()));
    const url = `smtp://127.0.0.1:${(slow.server.address() as AddressInfo).port}`;
    const worker = createOutboxWorker({
      smtpUrl: url,
      outboxDir: '/nonexistent',
      from: 'tw@example.test',
      logger,
      now: () => new Date(clock),
    });
    try {
      const tag = uniqueEmail('backlog').split('@')[0]!;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          enqueueEmail(
            { to: `${tag}-${i}@example.nl`, kind: 'visit_planned', language: 'nl', params: SAMPLE.visit_planned },
            new Date(clock),
          ),
        ),
      );
      const round = worker.deliverDue();
      await new Promise((r) => setTimeout(r, 1000));
      const started = Date.now();
      await worker.stop();
      const stopMs = Date.now() - started;
      const sent = await round;
      expect(stopMs).to.be.below(3000);
      expect(sent).to.be.below(40);
      const left = await OutboxMessage.countDocuments({ to: new RegExp(`^${tag}-`), status: 'queued' });
      expect(left, 'the backlog stays queued for the next start').to.be.at.least(40 - sent);
      // Nothing is left claimed: the next worker sends the rest.
      const next = createOutboxWorker({
        smtpUrl: smtp.url,
        outboxDir: '/nonexistent',
        from: 'tw@example.test',
        logger,
        now: () => new Date(clock),
      });
      await next.deliverDue();
      await next.stop();
      expect(await OutboxMessage.countDocuments({ to: new RegExp(`^${tag}-`), status: 'queued' })).to.equal(0);
    } finally {
      await new Promise<void>((done) => slow.close(() => done()));
      await new Promise<void>((done) => smtp.server.close(() => done()));
    }
  });
});
