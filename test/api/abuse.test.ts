import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { expect } from 'chai';
import { trusted } from 'mongoose';
import request from 'supertest';
import { createApp } from '../../backend/app';
import { flushDeferredWrites } from '../../backend/db/deferredWrites';
import { OutboxMessage, VisitRequest } from '../../backend/models';
import { ConfigError, loadConfig } from '../../backend/config';
import { createLogger } from '../../backend/logger';
import { amsterdamToday } from '../../backend/services/live/clock';
import { planRunStats, setPlanRunLimits } from '../../backend/services/planning/plans';
import { startTestApp, type TestApp } from '../helpers/app';
import { requestBody } from '../helpers/factories';
import { openSse, publishLiveDay, type SseReader } from '../helpers/live';
import { listRoutes } from '../helpers/routes';
import { waitFor } from '../helpers/serverProcess';
import { loginAs } from '../helpers/users';
import { clearOfWindowEnd, createTestUser, uniqueEmail, uniqueIp } from '../helpers/auth';

/** This machine's first non-loopback IPv4 address: connecting to it gives the server a non-loopback peer. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

/** Serves `app` on `host`; returns its base URL and a stop function. */
async function serve(app: ReturnType<typeof createApp>, host: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = await new Promise((done) => {
    const s = app.listen(0, host, () => done(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

describe('security under abuse', function () {
  this.timeout(120_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });

  describe('reverse proxy (TRUST_PROXY)', () => {
    it('reads TRUST_PROXY as a hop count or a list of addresses/ranges, defaults to loopback and refuses nonsense', () => {
      expect(loadConfig({}).trustProxy).to.equal('loopback');
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).to.equal(1);
      expect(
        loadConfig({ TRUST_PROXY: ' 10.0.0.0/8 ,192.168.1.7, loopback, fd00::/8, 172.16.0.0/255.240.0.0' }).trustProxy,
      ).to.equal('10.0.0.0/8, 192.168.1.7, loopback, fd00::/8, 172.16.0.0/255.240.0.0');
      for (const bad of ['true', 'proxy.example', '10.0.0.0/33', '11', '1.2.3']) {
        expect(() => loadConfig({ TRUST_PROXY: bad }), bad).to.throw(ConfigError, /TRUST_PROXY/);
      }
    });

    it('behind a proxy on another host, counts per-IP limits per client when TRUST_PROXY names the proxy (and shares them when not)', async function () {
      const proxyAddress = lanAddress();
      if (!proxyAddress) this.skip(); // a machine without any non-loopback IPv4 address cannot play the remote proxy
      await clearOfWindowEnd(3600);
      const logger = createLogger('silent');
      // The "proxy" connects from this machine's LAN address, so the app's peer is not loopback.
      const resetsFrom = async (url: string, client: string, times: number) => {
        const statuses: number[] = [];
        for (let i = 0; i < times; i++) {
          const res = await fetch(`${url}/api/password-resets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
            body: JSON.stringify({ email: uniqueEmail('proxy') }),
          });
          statuses.push(res.status);
        }
        return statuses;
      };
      const b = () => Math.floor(Math.random() * 250) + 1;
      const [clientA, clientB, clientC, clientD] = Array.from({ length: 4 }, () => `198.51.${b()}.${b()}`);

      // Default (loopback only): every client behind the remote proxy is the proxy's address, one counter for all.
      const plain = await serve(createApp({ logger, embeddedDatabase: true }), proxyAddress!);
      try {
        expect(await resetsFrom(plain.url, clientA!, 10)).to.deep.equal(Array(10).fill(202));
        expect(await resetsFrom(plain.url, clientB!, 1)).to.deep.equal([429]);
      } finally {
        await plain.stop();
      }

      // TRUST_PROXY naming the proxy: each client has its own counter.
      const trusting = await serve(
        createApp({
          logger,
          embeddedDatabase: true,
          security: { trustProxy: loadConfig({ TRUST_PROXY: `${proxyAddress}/32` }).trustProxy },
        }),
        proxyAddress!,
      );
      try {
        expect(await resetsFrom(trusting.url, clientC!, 10)).to.deep.equal(Array(10).fill(202));
        expect(await resetsFrom(trusting.url, clientC!, 1)).to.deep.equal([429]);
        expect(await resetsFrom(trusting.url, clientD!, 1)).to.deep.equal([202]);
      } finally {
        await trusting.stop();
      }
    });
  });

  describe('login limits do not lock the owner out', () => {
    it('lets the owner in with the right password after 10 wrong ones from other addresses, slowed down but not refused', async () => {
      await clearOfWindowEnd(900, 60);
      const owner = await createTestUser('admin');
      const login = (ip: string, password: string) =>
        request(t.app).post('/api/session').set('X-Forwarded-For', ip).send({ email: owner.email, password });
      for (let i = 0; i < 10; i++) await login(uniqueIp(), 'verkeerd-wachtwoord').expect(401);
      // Before: 429 for 15 minutes, for everyone, the owner too. Now: the 11th attempt waits a second, then counts.
      const started = Date.now();
      const res = await login(uniqueIp(), owner.password);
      const took = Date.now() - started;
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.user.email).to.equal(owner.email);
      expect(took).to.be.at.least(950);
      // The next wrong attempt waits twice as long (progressive), and is still only a 401.
      const slower = Date.now();
      await login(uniqueIp(), 'verkeerd-wachtwoord').expect(401);
      expect(Date.now() - slower).to.be.at.least(1950);
    });

    it('still stops one address after 10 tries on one account, while the owner elsewhere gets in', async () => {
      await clearOfWindowEnd(900, 60);
      const owner = await createTestUser('crew');
      const attacker = uniqueIp();
      for (let i = 0; i < 10; i++) {
        await request(t.app)
          .post('/api/session')
          .set('X-Forwarded-For', attacker)
          .send({ email: owner.email, password: 'verkeerd!' })
          .expect(401);
      }
      await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', attacker)
        .send({ email: owner.email, password: owner.password })
        .expect(429);
      await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: owner.email, password: owner.password })
        .expect(200);
    });
  });

  describe('password reset: no timing oracle', () => {
    /** Posts each `{email}` one at a time from a child process (60 ms apart); returns status, body and time of each. */
    async function timedInChild<K extends string>(
      tries: Array<{ kind: K; email: string; ip: string; url: string }>,
    ): Promise<Array<{ kind: K; status: number; body: string; ms: number }>> {
      const script = `
        const tries = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
        (async () => {
          const out = [];
          for (const t of tries) {
            const started = performance.now();
            const res = await fetch(t.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': t.ip },
              body: JSON.stringify({ email: t.email }),
            });
            const body = await res.text();
            out.push({ kind: t.kind, status: res.status, body, ms: performance.now() - started });
            await new Promise((done) => setTimeout(done, 60));
          }
          process.stdout.write(JSON.stringify(out));
        })();`;
      const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stdin.end(JSON.stringify(tries));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(code, 'the timing client').to.equal(0);
      return JSON.parse(out) as Array<{ kind: K; status: number; body: string; ms: number }>;
    }

    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
    };

    it('answers as fast for an address with an account as for one without (medians of 50 each), and still sends the link', async () => {
      await clearOfWindowEnd(3600, 120);
      const tries = 50;
      const known = await Promise.all(Array.from({ length: tries }, () => createTestUser('crew')));
      const unknown = Array.from({ length: tries }, () => uniqueEmail('nobody'));
      // In pairs, one of each kind in a random order within the pair, one at a time with a pause (so one try's leftover
      // work does not land in the next): the two of a pair meet the same load, so the difference within a pair is the
      // server's, not the machine's (the other test groups run beside this one).
      const order = known.flatMap((u, i) => {
        const pair = [
          { email: u.email, kind: 'known' as const, pair: i },
          { email: unknown[i]!, kind: 'unknown' as const, pair: i },
        ];
        return Math.random() < 0.5 ? pair : pair.reverse();
      });
      // Timed by a client in a process of its own, as an attacker's would be: in this process the server's work after
      // the answer (the link and its email, for an account) shares the event loop with the client reading the answer,
      // and showed up in its time (known 21.5 against 14.9 ms once, in CI) though the answer had long left.
      const answers = await timedInChild(
        order.map(({ email, kind }) => ({ kind, email, ip: uniqueIp(), url: `${t.baseUrl}/api/password-resets` })),
      );
      const times = { known: [] as number[], unknown: [] as number[] };
      const differences: number[] = Array.from({ length: tries }, () => 0);
      answers.forEach((a, i) => {
        expect(a.status).to.equal(202);
        expect(JSON.parse(a.body)).to.deep.equal({
          message: 'Als dit e-mailadres een account heeft, is er een link gestuurd.',
        });
        times[a.kind].push(a.ms);
        differences[order[i]!.pair]! += a.kind === 'known' ? a.ms : -a.ms;
      });
      const m = { known: median(times.known), unknown: median(times.unknown), difference: median(differences) };
      console.log(
        `      reset answer medians over ${tries} pairs: account ${m.known.toFixed(1)} ms, no account ${m.unknown.toFixed(1)} ms, difference within a pair ${m.difference.toFixed(1)} ms`,
      );
      // Before: 30.8 vs 16.4 ms (the token and the email were written before the answer).
      expect(Math.abs(m.difference)).to.be.below(5);
      await flushDeferredWrites(10_000);
      const mails = await OutboxMessage.find({
        kind: 'password_reset',
        to: trusted({ $in: known.map((u) => u.email) }),
      }).lean();
      expect(mails).to.have.length(tries);
      expect(await OutboxMessage.countDocuments({ to: trusted({ $in: unknown }) })).to.equal(0);
    });
  });

  describe('Cache-Control on API answers', () => {
    // The answers that may be kept: public reference data (revalidated by ETag), the crew's plan (private, by
    // ETag, the board polls it), calendar feeds (calendar apps poll them) and the live streams (not cacheable anyway).
    const KEEPABLE: Record<string, string> = {
      'GET /api/schools': 'public, no-cache',
      'GET /api/schools/:id': 'public, no-cache',
      'GET /api/regions': 'public, no-cache',
      'GET /api/municipalities': 'public, no-cache',
      'GET /api/depots': 'public, no-cache',
      'GET /api/calendar': 'public, no-cache',
      'GET /api/plans/:id': 'private, no-cache',
    };
    const PATHS: Record<string, string> = {
      'GET /api/schools/:id': '/api/schools/23ja01',
      'GET /api/calendar': '/api/calendar?from=2027-01-01&to=2027-02-01',
    };
    const PARAMS: Record<string, string> = {
      id: '0123456789abcdef01234567',
      requestId: '0123456789abcdef01234567',
      token: 'A'.repeat(43),
      truckId: 'wagen-1',
      date: '2027-01-11',
    };

    it('sends no-store on every API answer (data or error, logged in or not) except the few that are public or revalidated', async () => {
      const admin = await loginAs(t.app, 'admin');
      const routes = listRoutes(t.app).filter(
        (r) =>
          r.method === 'GET' && r.path.startsWith('/api/') && !r.path.endsWith('/stream') && !r.path.endsWith('.ics'),
      );
      expect(routes.length).to.be.greaterThan(25);
      const wrong: string[] = [];
      for (const route of routes) {
        const name = `${route.method} ${route.path}`;
        const path = PATHS[name] ?? route.path.replace(/:(\w+)/g, (_m, p: string) => PARAMS[p] ?? 'x1');
        for (const [who, res] of [
          ['admin', await admin.agent.get(path)],
          ['anonymous', await request(t.app).get(path)],
        ] as const) {
          const expected = res.status < 300 && KEEPABLE[name] ? KEEPABLE[name] : 'no-store';
          if (res.headers['cache-control'] !== expected)
            wrong.push(`${name} (${who}, ${res.status}): ${res.headers['cache-control']}`);
        }
      }
      expect(wrong).to.deep.equal([]);
      // And the answers of writes, e.g. a login (session cookie and CSRF token) and a refused one.
      const bad = await request(t.app)
        .post('/api/session')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: uniqueEmail(), password: 'verkeerd!' });
      expect(bad.headers['cache-control']).to.equal('no-store');
      const unknown = await request(t.app).get('/api/no-such-thing');
      expect(unknown.headers['cache-control']).to.equal('no-store');
    });
  });

  describe("the form's honeypot", () => {
    const keysOf = (v: unknown): unknown =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, keysOf(x)]),
          )
        : Array.isArray(v)
          ? v.map(keysOf)
          : v === null
            ? null
            : typeof v;
    const submit = (body: Record<string, unknown>) =>
      request(t.app).post('/api/requests').set('X-Forwarded-For', uniqueIp()).send(body);

    it('answers a bot exactly like a person (status, fields, types, timing) and stores and sends nothing', async () => {
      const tries = 15;
      const human = { real: [] as number[], bot: [] as number[] };
      let realBody: unknown;
      let botBody: { request: { reference: string; contact: { email: string } }; statusUrl: string } | undefined;
      const botEmails: string[] = [];
      // The bot's wait is drawn from the last 50 real submissions of this process: fill them with this test's own
      // (earlier test files may have submitted under another load), so both sides are measured under the same one.
      for (let i = 0; i < 50; i++) {
        const warm = await submit(requestBody({ contact: { name: 'Ans de Vries', email: uniqueEmail('warm') } }));
        expect(warm.status).to.equal(201);
      }
      for (let i = 0; i < tries * 2; i++) {
        const bot = i % 2 === 1;
        const email = uniqueEmail(bot ? 'bot' : 'mens');
        if (bot) botEmails.push(email);
        const body = requestBody({
          contact: { name: 'Ans de Vries', email },
          preferredWeeks: [{ from: '2027-06-07', to: '2027-06-11' }],
          excludedDates: [],
          website: bot ? 'http://spam.example' : '',
        });
        const started = performance.now();
        const res = await submit(body);
        (bot ? human.bot : human.real).push(performance.now() - started);
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        if (bot) botBody = res.body;
        else realBody = res.body;
      }
      // Same fields of the same types, the same kind of reference and status link (before: 201 with only a random id).
      expect(keysOf(botBody)).to.deep.equal(keysOf(realBody));
      expect(botBody!.request.reference).to.match(/^TW-\d{4}-\d{4}$/);
      expect(botBody!.statusUrl).to.match(/\/status\/[A-Za-z0-9_-]{40}$/);
      expect(botBody!.request.contact.email).to.equal(botEmails.at(-1));
      // About as long: the bot's answer waits for one of the recent real times.
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      console.log(
        `      form answer medians over ${tries} tries: person ${median(human.real).toFixed(1)} ms, bot ${median(human.bot).toFixed(1)} ms`,
      );
      // Far from an instant answer (the old tell: 201 at once), and not far slower either.
      expect(median(human.bot)).to.be.within(median(human.real) * 0.5, median(human.real) * 2.5 + 10);
      // Nothing stored, nothing sent.
      await flushDeferredWrites(10_000);
      expect(await VisitRequest.countDocuments({ 'contact.email': trusted({ $in: botEmails }) })).to.equal(0);
      expect(await OutboxMessage.countDocuments({ to: trusted({ $in: botEmails }) })).to.equal(0);
    });

    it("refuses a bot's invalid form with the same 400 as a person's", async () => {
      const bad = { ...requestBody(), pupils: -3 };
      const person = await submit({ ...bad, website: '' });
      const bot = await submit({ ...bad, website: 'http://spam.example' });
      expect(person.status).to.equal(400);
      expect(bot.status).to.equal(400);
      expect(bot.body).to.deep.equal(person.body);
    });
  });

  describe('the "request received" email to an unchecked address', () => {
    it('carries only the reference, the status link, our school name and fixed text: nothing the requester typed', async () => {
      const spam = 'WIN EEN IPHONE op http://evil.example';
      const victim = uniqueEmail('victim');
      const res = await request(t.app)
        .post('/api/requests')
        .set('X-Forwarded-For', uniqueIp())
        .send(
          requestBody({
            schoolId: undefined,
            newSchool: { name: spam, street: 'Nepstraat 1', postcode: '3011 AA', place: 'Rotterdam' },
            contact: { name: `Klik hier: ${spam}`, email: victim, phone: '0101234567' },
            remarks: `Beste ontvanger, ${spam}`,
            programmes: ['programmeren', 'Bel 0900-OPLICHTER'],
          }),
        )
        .expect(201);
      await flushDeferredWrites(10_000);
      const [mail] = await OutboxMessage.find({ to: victim, kind: 'request_received' }).lean();
      expect(mail, 'the school is still told its request arrived').to.not.equal(undefined);
      const all = `${mail!.subject}\n${mail!.text}\n${mail!.html}`;
      for (const typed of [
        'IPHONE',
        'evil.example',
        'Klik hier',
        'Nepstraat',
        'Beste ontvanger',
        'OPLICHTER',
        '0101234567',
      ])
        expect(all).not.to.include(typed);
      expect(mail!.subject).to.equal('Aanvraag ontvangen: techniekwagen bij uw school');
      expect(mail!.text).to.include(res.body.request.reference);
      expect(mail!.text).to.include(res.body.statusUrl);

      // A school from our list keeps its (DUO) name in the email.
      const known = uniqueEmail('school');
      await request(t.app)
        .post('/api/requests')
        .set('X-Forwarded-For', uniqueIp())
        .send(requestBody({ contact: { name: 'Ans', email: known } }))
        .expect(201);
      await flushDeferredWrites(10_000);
      const listed = await OutboxMessage.findOne({ to: known, kind: 'request_received' }).lean();
      expect(listed!.subject).to.match(/^Aanvraag ontvangen: techniekwagen bij .{4,}/);
      expect(listed!.subject).not.to.include('uw school');
    });
  });

  describe('anonymous live streams', () => {
    it('caps open public streams per IP (429 rate_limited) and in all (503 server_busy), with Retry-After, and frees a slot when a viewer leaves', async () => {
      const limited = await serve(
        createApp({
          logger: createLogger('silent'),
          embeddedDatabase: true,
          security: { publicStreams: { perIp: 3, total: 5 } },
        }),
        '127.0.0.1',
      );
      const today = amsterdamToday(new Date());
      await publishLiveDay('live-abuse', today);
      const url = `${limited.url}/api/public/live/live-abuse/${today}/stream`;
      const open: SseReader[] = [];
      const from = (ip: string) => openSse(url, { cookie: '', csrf: '', ip });
      const [a, b, c] = [uniqueIp(), uniqueIp(), uniqueIp()];
      try {
        for (let i = 0; i < 3; i++) open.push(await from(a));
        expect(open.map((s) => s.status)).to.deep.equal([200, 200, 200]);
        const fourth = await fetch(url, { headers: { 'x-forwarded-for': a } });
        expect(fourth.status).to.equal(429);
        expect(fourth.headers.get('retry-after')).to.equal('30');
        expect(((await fourth.json()) as { error: { code: string; message: string } }).error).to.include({
          code: 'rate_limited',
        });
        for (let i = 0; i < 2; i++) open.push(await from(b));
        expect(open.map((s) => s.status)).to.deep.equal([200, 200, 200, 200, 200]);
        const full = await fetch(url, { headers: { 'x-forwarded-for': c } });
        expect(full.status).to.equal(503);
        expect(full.headers.get('retry-after')).to.equal('30');
        const body = (await full.json()) as { error: { code: string; message: string } };
        expect(body.error.code).to.equal('server_busy');
        expect(body.error.message).to.match(/vol/);
        // The server stays responsive, and a viewer who leaves makes room.
        expect((await fetch(`${limited.url}/api/health`)).status).to.equal(200);
        open.shift()!.close();
        let again: SseReader | undefined;
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline) {
          again = await from(c);
          if (again.status === 200) break;
          again.close();
          await new Promise((done) => setTimeout(done, 100));
        }
        expect(again!.status).to.equal(200);
        open.push(again!);
      } finally {
        for (const s of open) s.close();
        await limited.stop();
      }
    });

    it('reads the limits from LIVE_PUBLIC_STREAMS_PER_IP and LIVE_PUBLIC_STREAMS_MAX', () => {
      expect(loadConfig({}).publicStreams).to.deep.equal({ perIp: 50, total: 1000 });
      expect(
        loadConfig({ LIVE_PUBLIC_STREAMS_PER_IP: '5', LIVE_PUBLIC_STREAMS_MAX: '200' }).publicStreams,
      ).to.deep.equal({ perIp: 5, total: 200 });
      expect(() => loadConfig({ LIVE_PUBLIC_STREAMS_PER_IP: '0' })).to.throw(ConfigError, /LIVE_PUBLIC_STREAMS_PER_IP/);
    });
  });

  describe('plan runs at once', () => {
    const period = { from: '2027-11-15', to: '2027-11-19' };
    after(() => setPlanRunLimits({}));

    it('runs at most the configured number at once; the rest wait in order, with their place shown, and a full queue answers 429', async () => {
      const [a, b, c] = [await loginAs(t.app, 'crew'), await loginAs(t.app, 'crew'), await loginAs(t.app, 'crew')];
      for (const schoolId of ['23ja01', '18ch02']) {
        const res = await request(t.app)
          .post('/api/requests')
          .set('X-Forwarded-For', uniqueIp())
          .send(requestBody({ schoolId, preferredWeeks: [period], excludedDates: [] }))
          .expect(201);
        await a.agent
          .post(`/api/requests/${res.body.request.id}/status`)
          .set('X-CSRF-Token', a.csrf)
          .send({ version: res.body.request.version, status: 'accepted' })
          .expect(200);
      }
      setPlanRunLimits({ max: 1, perUser: 1, queueMax: 3, queuePerUser: 2 });
      const start = (who: typeof a) =>
        who.agent
          .post('/api/plans')
          .set('X-CSRF-Token', who.csrf)
          .send({ ...period, truckIds: ['wagen-1'], timeLimitSeconds: 2, seed: 3 });
      let peak = 0;
      const watch = setInterval(() => (peak = Math.max(peak, planRunStats().running)), 20);
      try {
        const first = await start(a).expect(202);
        const second = await start(a).expect(202);
        const third = await start(a).expect(202);
        expect(second.body.status).to.equal('queued');
        expect(second.body.progress.queuePosition).to.equal(1);
        expect(third.body.progress.queuePosition).to.equal(2);
        // This user has two waiting: a third is refused, with a clear message and Retry-After.
        const refused = await start(a).expect(429);
        expect(refused.body.error.code).to.equal('rate_limited');
        expect(refused.body.error.message).to.match(/wachten al 2 plannen van jou/);
        expect(refused.headers['retry-after']).to.equal('60');
        const fromB = await start(b).expect(202);
        expect(fromB.body.progress.queuePosition).to.equal(3);
        // Three waiting in all: the queue is full for everyone.
        expect((await start(c).expect(429)).body.error.message).to.match(/wachten al 3 plannen/);

        // Cancelling a waiting plan moves the ones behind it up.
        const cancelled = await a.agent
          .delete(`/api/plans/${second.body.id}/run`)
          .set('X-CSRF-Token', a.csrf)
          .expect(200);
        expect(cancelled.body.status).to.equal('cancelled');
        const place = async (id: string) => (await a.agent.get(`/api/plans/${id}`).expect(200)).body;
        const [thirdNow, bNow] = [await place(third.body.id), await place(fromB.body.id)];
        if (thirdNow.status === 'queued') expect(thirdNow.progress.queuePosition).to.equal(1);
        if (bNow.status === 'queued') expect(bNow.progress.queuePosition).to.be.oneOf([1, 2]);

        for (const id of [first.body.id, third.body.id, fromB.body.id]) {
          await waitFor(async () => (await place(id)).status === 'done', 90_000, `plan ${id} done`);
        }
        expect(peak).to.equal(1);
        expect(planRunStats()).to.deep.equal({ running: 0, waiting: 0 });
      } finally {
        clearInterval(watch);
        setPlanRunLimits({});
      }
    });
  });

  describe('the embedded database', () => {
    it('listens on a Unix socket in its private (0700) data folder and on no TCP port', function () {
      if (!t.db.embedded) this.skip(); // TEST_MONGODB_URI: no embedded database to check
      const embedded = t.db.embedded!;
      const folder = join(t.dataDir, 'ferretdb');
      expect(statSync(folder).mode & 0o777).to.equal(0o700);
      expect(embedded.socketPath).to.equal(join(folder, 'ferretdb.sock'));
      expect(statSync(embedded.socketPath).isSocket()).to.equal(true);
      expect(embedded.uri).to.equal(`mongodb://${encodeURIComponent(embedded.socketPath)}/techniekwagen`);
      // No listening TCP socket belongs to the FerretDB process (Linux: its socket inodes against /proc/net/tcp*).
      const inodes = new Set(
        readdirSync(`/proc/${embedded.pid}/fd`)
          .map((fd) => {
            try {
              return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${embedded.pid}/fd/${fd}`))?.[1];
            } catch {
              return undefined;
            }
          })
          .filter(Boolean),
      );
      expect(inodes.size).to.be.greaterThan(0);
      const listening = ['tcp', 'tcp6'].flatMap((f) =>
        readFileSync(`/proc/net/${f}`, 'utf8')
          .split('\n')
          .slice(1)
          .map((l) => l.trim().split(/\s+/))
          .filter((cols) => cols[3] === '0A' && inodes.has(cols[9])),
      );
      expect(listening).to.deep.equal([]);
    });
  });
});
