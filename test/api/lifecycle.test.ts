import { expect } from 'chai';
import request from 'supertest';
import type { PlanDto, PublishReportDto, TruckDayDto } from '../../shared/api/plans';
import type { RequestDto } from '../../shared/api/requests';
import { addDays } from '../../shared/domain/time';
import { OutboxMessage } from '../../backend/models/OutboxMessage';
import { configureLeadTime, earliestPlannableDate } from '../../backend/services/leadTime';
import { EXPIRED_REASON, expireWaitingRequests } from '../../backend/services/requests';
import { startTestApp, type TestApp } from '../helpers/app';
import { requestBody } from '../helpers/factories';
import { loginAs, type LoggedIn } from '../helpers/users';
import { acceptedRequests, futurePeriod, makePlan, schoolsWithLocation } from './lifecycleHelpers';

const csrf = (u: LoggedIn) => ({ 'X-CSRF-Token': u.csrf });

describe('request lifecycle: one state machine, cancellation after publishing, real time, confirm and done', function () {
  this.timeout(240_000);
  let t: TestApp;
  let crew: LoggedIn;
  let period: { from: string; to: string };
  let published: Array<{ request: RequestDto; token: string }>;
  let plan: PlanDto;

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    period = await futurePeriod(10);
    published = await acceptedRequests(await schoolsWithLocation(4, 40), period, crew, 'life');
    plan = await makePlan(crew, period);
    const res = await crew.agent.post(`/api/plans/${plan.id}/publish`).set(csrf(crew)).send({ version: plan.version });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const report = res.body as PublishReportDto;
    expect(report.planned).to.equal(4);
    expect(report.conflicts).to.deep.equal([]);
  });

  const status = (token: string) => request(t.app).get(`/api/status/${token}`);
  const byToken = (token: string, body: object) => request(t.app).post(`/api/status/${token}/status`).send(body);

  describe('transitions', () => {
    it('refuses steps the lifecycle does not have, and steps the actor may not take, with 409 invalid_transition', async () => {
      const { request: r, token } = (
        await acceptedRequests(await schoolsWithLocation(1, 60), period, crew, 'refuse')
      )[0]!;
      // geaccepteerd → bevestigd skips "ingepland"
      const skip = await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set(csrf(crew))
        .send({ version: r.version, status: 'confirmed' });
      expect(skip.status).to.equal(409);
      expect(skip.body.error.code).to.equal('invalid_transition');
      // the crew cannot give a date by hand: that is what publishing does
      const byHand = await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set(csrf(crew))
        .send({ version: r.version, status: 'planned' });
      expect(byHand.status).to.equal(409);
      expect(byHand.body.error.message).to.match(/publiceren/);
      // the school cannot accept its own request, nor confirm a visit that has no date
      for (const s of ['accepted', 'confirmed', 'done']) {
        const res = await byToken(token, { version: r.version, status: s });
        expect(res.status, s).to.equal(409);
        expect(res.body.error.code).to.equal('invalid_transition');
      }
      // declining needs a reason (422), then works; afterwards nothing follows "afgewezen"
      const noReason = await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set(csrf(crew))
        .send({ version: r.version, status: 'declined' });
      expect(noReason.status).to.equal(400);
      const declined = await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set(csrf(crew))
        .send({ version: r.version, status: 'declined', reason: 'geen ruimte' });
      expect(declined.status).to.equal(200);
      expect(declined.body.status).to.equal('declined');
      const after = await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set(csrf(crew))
        .send({ version: declined.body.version, status: 'accepted' });
      expect(after.status).to.equal(409);
    });

    it('answers a stale version with 409 conflict and writes nothing', async () => {
      const { request: r, token } = (
        await acceptedRequests(await schoolsWithLocation(1, 61), period, crew, 'stale')
      )[0]!;
      const edit = await request(t.app)
        .patch(`/api/status/${token}`)
        .send({ version: r.version, remarks: 'Graag na de pauze.' });
      expect(edit.status).to.equal(200);
      const stale = await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set(csrf(crew))
        .send({ version: r.version, status: 'declined', reason: 'vol' });
      expect(stale.status).to.equal(409);
      expect(stale.body.error.code).to.equal('conflict');
      expect((await status(token)).body.status).to.equal('accepted');
    });

    it('the school confirms its planned visit with one click; a second click changes nothing', async () => {
      const { token } = published[0]!;
      const before = (await status(token)).body as RequestDto;
      expect(before.status).to.equal('planned');
      const first = await byToken(token, { version: before.version, status: 'confirmed' });
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(first.body.status).to.equal('confirmed');
      const second = await byToken(token, { version: before.version, status: 'confirmed' });
      expect(second.status).to.equal(200);
      expect(second.body.version).to.equal(first.body.version);
      expect((first.body as RequestDto).history.filter((h) => h.status === 'confirmed')).to.have.length(1);
    });

    it('a crew "Klaar" event marks the visit done ("uitgevoerd"), shown on the status page', async () => {
      const { request: r, token } = published[1]!;
      const current = (await status(token)).body as RequestDto;
      const visit = current.visit!;
      const res = await crew.agent
        .post(`/api/live/${visit.truckId}/${visit.date}/events`)
        .set(csrf(crew))
        .send({
          events: [
            { key: `klaar-${r.id}`, at: `${visit.date}T${visit.end}:00+01:00`, kind: 'finished', requestId: r.id },
          ],
        });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const after = (await status(token)).body as RequestDto;
      expect(after.status).to.equal('done');
      expect(after.history.at(-1)!.by).to.match(/klaar/);
      // done is final: the school can no longer cancel
      const cancel = await byToken(token, { version: after.version, status: 'cancelled', reason: 'toch niet' });
      expect(cancel.status).to.equal(409);
    });
  });

  describe('cancellation after publishing', () => {
    it('reaches the day sheet, the tour, the planning board, the inbox, both emails and the calendar feed', async () => {
      const { request: r, token } = published[2]!;
      const before = (await status(token)).body as RequestDto;
      expect(before.status).to.equal('planned');
      const visit = before.visit!;
      const feedLink = (await crew.agent.get(`/api/feeds/schools/${r.schoolId}/link`)).body.url as string;
      const feedPath = new URL(feedLink).pathname + new URL(feedLink).search;
      const icsBefore = (await request(t.app).get(feedPath)).text;
      const seqBefore = Number(new RegExp(`UID:visit-${r.id}@[^]*?SEQUENCE:(\\d+)`).exec(icsBefore)![1]);
      const dayBefore = (await crew.agent.get(`/api/trucks/${visit.truckId}/days/${visit.date}`)).body as TruckDayDto;
      expect(dayBefore.stops.map((s) => s.requestId)).to.include(r.id);

      const res = await byToken(token, { version: before.version, status: 'cancelled' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.status).to.equal('cancelled');

      // the day sheet and the tour no longer have it; the day is re-timed
      const day = (await crew.agent.get(`/api/trucks/${visit.truckId}/days/${visit.date}`)).body as TruckDayDto;
      expect(day.stops.map((s) => s.requestId)).to.not.include(r.id);
      if (day.stops.length === 0) expect([day.depart, day.return]).to.deep.equal([null, null]);
      else
        expect(
          day.return! < dayBefore.return! ||
            day.depart! > dayBefore.depart! ||
            day.stops.at(-1)!.leave !== visit.leave ||
            day.stops[0]!.arrive !== visit.arrive,
        ).to.equal(true);
      const tour = (await crew.agent.get('/api/tour').query(period)).body as TruckDayDto[];
      expect(tour.flatMap((d) => d.stops.map((s) => s.requestId))).to.not.include(r.id);
      // the planning board's flag
      const flags = (await crew.agent.get('/api/tour/flags').query(period)).body as Array<{
        requestId: string;
        kind: string;
        date: string;
        freedFrom: string;
      }>;
      const flag = flags.find((f) => f.requestId === r.id);
      expect(flag, JSON.stringify(flags)).to.include({ kind: 'cancelled', date: visit.date, freedFrom: visit.arrive });
      // the crew's email and the school's confirmation
      const toCrew = await OutboxMessage.findOne({ to: crew.email, kind: 'crew_visit_changed' }).lean();
      expect(toCrew?.subject).to.match(/Geannuleerd na publiceren/);
      const toSchool = await OutboxMessage.findOne({ to: before.contact.email, kind: 'cancellation_received' }).lean();
      expect(toSchool?.text).to.match(/gaat niet door/);
      // the inbox: the request with its new status and the school's step in its history
      const inbox = (await crew.agent.get('/api/requests').query({ status: 'cancelled' })).body.items as RequestDto[];
      expect(inbox.find((x) => x.id === r.id)?.history.at(-1)?.by).to.equal('school (statuslink)');
      // the calendar feed: CANCELLED with a higher SEQUENCE
      const ics = (await request(t.app).get(feedPath)).text;
      const block = new RegExp(`UID:visit-${r.id}@[^]*?END:VEVENT`).exec(ics)![0];
      expect(block).to.include('STATUS:CANCELLED');
      expect(Number(/SEQUENCE:(\d+)/.exec(block)![1])).to.be.greaterThan(seqBefore);
      // cancelling again changes nothing
      const again = await byToken(token, { version: res.body.version, status: 'cancelled' });
      expect(again.status).to.equal(200);
      expect(again.body.version).to.equal(res.body.version);
      // the crew may fill the slot: waiting requests that fit the day, timed by the optimizer
      const { request: waiting } = (await acceptedRequests(await schoolsWithLocation(1, 63), period, crew, 'fill'))[0]!;
      const flagId = (flags.find((f) => f.requestId === r.id) as unknown as { id: string }).id;
      const candidates = (await crew.agent.get(`/api/tour/flags/${encodeURIComponent(flagId)}/candidates`))
        .body as Array<{ requestId: string; arrive: string; start: string; leave: string }>;
      const offered = candidates.find((c) => c.requestId === waiting.id);
      expect(offered, JSON.stringify(candidates)).to.not.equal(undefined);
      expect(
        day.stops.every((s) => s.leave <= offered!.arrive || offered!.leave <= s.arrive),
        "the candidate fits between the day's visits",
      ).to.equal(true);
      // "Gezien": the crew has dealt with the flag; it leaves the board
      const resolved = await crew.agent
        .post(`/api/tour/flags/${encodeURIComponent(flagId)}/resolve`)
        .set(csrf(crew))
        .send({});
      expect(resolved.status).to.equal(200);
      expect(
        ((await crew.agent.get('/api/tour/flags').query(period)).body as Array<{ requestId: string }>).some(
          (f) => f.requestId === r.id,
        ),
      ).to.equal(false);
      // "Inplannen" (also after "Gezien"): one click puts the candidate in the slot, as a publish would for one visit
      const fill = (requestId: string) =>
        crew.agent
          .post(`/api/tour/flags/${encodeURIComponent(flagId)}/fill`)
          .set(csrf(crew))
          .send({ requestId });
      const filled = await fill(waiting.id);
      expect(filled.status, JSON.stringify(filled.body)).to.equal(200);
      expect(filled.body).to.include({ date: visit.date, truckId: visit.truckId, start: offered!.start });
      const dayAfter = (await crew.agent.get(`/api/trucks/${visit.truckId}/days/${visit.date}`)).body as TruckDayDto;
      expect(dayAfter.stops.find((s) => s.requestId === waiting.id)).to.include({
        arrive: offered!.arrive,
        leave: offered!.leave,
      });
      expect(
        dayAfter.depart! <= dayAfter.stops[0]!.arrive && dayAfter.return! >= dayAfter.stops.at(-1)!.leave,
      ).to.equal(true);
      const nowPlanned = (await crew.agent.get(`/api/requests/${waiting.id}`)).body as RequestDto;
      expect(nowPlanned.status).to.equal('planned');
      expect(nowPlanned.visit).to.include({ date: visit.date, truckId: visit.truckId, start: offered!.start });
      const plannedEmail = await OutboxMessage.findOne({ to: waiting.contact.email, kind: 'visit_planned' }).lean();
      expect(plannedEmail?.text).to.match(/bevestig=1/);
      // a second click (or a second crew member) gets 409 and changes nothing
      const twice = await fill(waiting.id);
      expect(twice.status).to.equal(409);
      expect(twice.body.error).to.include({ code: 'slot_taken' });
      expect(twice.body.error.message).to.match(/past niet \(meer\) op deze dag/);
      expect(
        ((await crew.agent.get(`/api/trucks/${visit.truckId}/days/${visit.date}`)).body as TruckDayDto).version,
      ).to.equal(dayAfter.version);
      // a flag already dealt with cannot be resolved again; an unknown flag is 404
      const again2 = await crew.agent
        .post(`/api/tour/flags/${encodeURIComponent(flagId)}/resolve`)
        .set(csrf(crew))
        .send({});
      expect(again2.status).to.equal(404);
      const unknown = await crew.agent
        .post('/api/tour/flags/nope/fill')
        .set(csrf(crew))
        .send({ requestId: waiting.id });
      expect(unknown.status).to.equal(404);
      const bad = await crew.agent
        .post(`/api/tour/flags/${encodeURIComponent(flagId)}/fill`)
        .set(csrf(crew))
        .send({});
      expect(bad.status).to.equal(400);
    });
  });

  describe('time is real', () => {
    it('refuses at the API requests whose weeks are all past, all holidays, or longer than a term', async () => {
      const today = addDays(await earliestPlannableDate(), -1);
      const cases = [
        { weeks: [{ from: addDays(today, -30), to: addDays(today, -20) }], re: /verleden/, en: /before/ },
        { weeks: [{ from: '2027-12-27', to: '2027-12-31' }], re: /geen enkele schooldag/, en: /no school day/ },
        { weeks: [{ from: period.from, to: addDays(period.from, 364) }], re: /hoogstens 13 weken/, en: /13 weeks/ },
      ];
      for (const [i, c] of cases.entries()) {
        const res = await request(t.app)
          .post('/api/requests')
          .set('X-Forwarded-For', `10.77.${i}.1`)
          .send(requestBody({ preferredWeeks: c.weeks, excludedDates: [] }));
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(res.body.error.message).to.match(c.re);
        expect(JSON.stringify(res.body.error.details)).to.match(c.en);
      }
    });

    it('refuses to publish a plan whose visits now lie before the lead time, and a move before it', async () => {
      await acceptedRequests(await schoolsWithLocation(2, 70), period, crew, 'late');
      const fresh = await makePlan(crew, period);
      const stop = fresh.plan!.routes.find((r) => r.stops.length > 0)!;
      const move = await crew.agent
        .post(`/api/plans/${fresh.id}/move`)
        .set(csrf(crew))
        .send({
          version: fresh.version,
          request: stop.stops[0]!.request,
          truck: stop.truck,
          date: addDays(await earliestPlannableDate(), -1),
        });
      expect(move.status).to.equal(422);
      expect(move.body.check.violations[0].message).to.match(/vóór de eerste dag/);
      configureLeadTime(60); // the plan's days are now too soon
      try {
        const res = await crew.agent
          .post(`/api/plans/${fresh.id}/publish`)
          .set(csrf(crew))
          .send({ version: fresh.version });
        expect(res.status).to.equal(409);
        expect(res.body.error.message).to.match(/vóór de eerste dag die nog gepland kan worden/);
      } finally {
        configureLeadTime(1);
      }
    });

    it('closes waiting requests whose weeks have passed, with the reason, and tells the school', async () => {
      const { request: r, token } = (
        await acceptedRequests(await schoolsWithLocation(1, 62), period, crew, 'expire')
      )[0]!;
      const later = new Date(Date.parse(`${addDays(period.to, 7)}T10:00:00Z`));
      const closed = await expireWaitingRequests('http://localhost:3000', later);
      expect(closed).to.be.greaterThan(0);
      const after = (await status(token)).body as RequestDto;
      expect(after.status).to.equal('declined');
      expect(after.history.at(-1)!.reason).to.equal(EXPIRED_REASON);
      expect(await OutboxMessage.countDocuments({ to: r.contact.email, kind: 'request_expired' })).to.equal(1);
    });
  });
  describe('re-timing', () => {
    it('"Weghalen" of the last visit of a day re-times the day: the truck returns after the visit that is left', async () => {
      const p2 = await futurePeriod(20);
      await acceptedRequests(await schoolsWithLocation(6, 80), p2, crew, 'retime');
      const fresh = await makePlan(crew, p2);
      const route = [...fresh.plan!.routes].sort((a, b) => b.stops.length - a.stops.length)[0]!;
      expect(route.stops.length, 'a day with two visits').to.be.at.least(2);
      const kept = route.stops.slice(0, -1);
      const routes = fresh.plan!.routes.map((r) => (r === route ? { ...r, stops: kept } : r));
      const res = await crew.agent
        .put(`/api/plans/${fresh.id}/routes`)
        .set(csrf(crew))
        .send({ version: fresh.version, routes, pinned: fresh.pinned });
      expect(res.status, JSON.stringify(res.body.check)).to.equal(200);
      const saved = (res.body.plan as PlanDto).plan!.routes.find(
        (r) => r.truck === route.truck && r.date === route.date,
      )!;
      expect(saved.stops).to.have.length(kept.length);
      expect(saved.return < route.return, `${saved.return} before ${route.return}`).to.equal(true);
      expect(saved.return > kept.at(-1)!.leave).to.equal(true);
      expect(saved.depart).to.equal(route.depart);
    });
  });
});
