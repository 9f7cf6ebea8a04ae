import { expect } from 'chai';
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/app';
import { loginAs, type LoggedIn } from '../helpers/users';
import { requestBody } from '../helpers/factories';
import { Truck } from '../../backend/models';

/**
 * The truck these tests book on: one of their own (inactive, so no plan of another test file uses it), with the
 * settings of the seeded wagen-1, so every day starts empty at version 0 whatever other files published.
 */
const TRUCK = 'wagen-boekingen';

describe('truck-day bookings (no double booking)', function () {
  this.timeout(120_000);
  let t: TestApp;
  let crew: LoggedIn;

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    await Truck.updateOne(
      { _id: TRUCK },
      {
        $setOnInsert: {
          name: 'Boekingstest',
          depotId: 'glr',
          shift: { start: '07:30', end: '17:00' },
          weekdays: [1, 2, 3, 4, 5],
          maxVisitsPerDay: 2,
          active: false,
        },
      },
      { upsert: true },
    );
  });

  async function newRequestId(): Promise<string> {
    const res = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', `10.7.${Math.floor(Math.random() * 250)}.1`)
      .send(requestBody());
    expect(res.status).to.equal(201);
    const r = res.body.request as { id: string; version: number };
    // Only requests the planner could plan may be booked (#17): accept it first.
    await crew.agent
      .post(`/api/requests/${r.id}/status`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: r.version, status: 'accepted' })
      .expect(200);
    return r.id;
  }

  const stop = (requestId: string, arrive = '08:00', start = '08:45', end = '11:45', leave = '12:15') => ({
    requestId,
    arrive,
    start,
    end,
    leave,
  });

  it('lets exactly one of 50 concurrent bookings of the same slot succeed; 49 get 409 and the day holds one visit', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, () => newRequestId()));
    const date = '2027-03-09';
    const responses = await Promise.all(
      ids.map((id) =>
        crew.agent
          .post(`/api/trucks/${TRUCK}/days/${date}/stops`)
          .set('X-CSRF-Token', crew.csrf)
          .send({ version: 0, stop: stop(id) }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.filter((s) => s === 201),
      JSON.stringify(responses.find((r) => r.status !== 201 && r.status !== 409)?.body),
    ).to.have.length(1);
    expect(statuses.filter((s) => s === 409)).to.have.length(49);
    for (const r of responses.filter((x) => x.status === 409)) expect(r.body.error.code).to.equal('conflict');
    const days = await t.db.connection
      .db!.collection('truckDays')
      .find({ _id: `${TRUCK}:${date}` as never })
      .toArray();
    expect(days).to.have.length(1);
    expect(days[0]!.stops).to.have.length(1);
  });

  it('also holds when the day already exists: 50 writers on version 1, one wins', async () => {
    const date = '2027-03-10';
    const first = await newRequestId();
    await crew.agent
      .post(`/api/trucks/${TRUCK}/days/${date}/stops`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: 0, stop: stop(first) })
      .expect(201);
    const ids = await Promise.all(Array.from({ length: 50 }, () => newRequestId()));
    const responses = await Promise.all(
      ids.map((id) =>
        crew.agent
          .post(`/api/trucks/${TRUCK}/days/${date}/stops`)
          .set('X-CSRF-Token', crew.csrf)
          .send({ version: 1, stop: stop(id, '12:30', '13:00', '15:00', '15:30') }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).to.have.length(1);
    expect(responses.filter((r) => r.status === 409)).to.have.length(49);
    const day = await crew.agent.get(`/api/trucks/${TRUCK}/days/${date}`).expect(200);
    expect(day.body.stops).to.have.length(2);
    expect(day.body.version).to.equal(2);
  });

  it('refuses an overlapping visit, a full day and a visit outside the shift with a reason', async () => {
    const date = '2027-03-11';
    const [a, b, c, d] = await Promise.all([newRequestId(), newRequestId(), newRequestId(), newRequestId()]);
    await crew.agent
      .post(`/api/trucks/${TRUCK}/days/${date}/stops`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: 0, stop: stop(a!) })
      .expect(201);
    const overlap = await crew.agent
      .post(`/api/trucks/${TRUCK}/days/${date}/stops`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: 1, stop: stop(b!, '11:00', '11:30', '12:30', '13:00') });
    expect(overlap.status).to.equal(409);
    expect(overlap.body.error.code).to.equal('slot_taken');
    expect(overlap.body.error.message).to.include('08:00');
    const late = await crew.agent
      .post(`/api/trucks/${TRUCK}/days/${date}/stops`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: 1, stop: stop(c!, '15:00', '15:30', '17:00', '17:30') });
    expect(late.status).to.equal(409);
    expect(late.body.error.message).to.include('diensttijd');
    await crew.agent
      .post(`/api/trucks/${TRUCK}/days/${date}/stops`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: 1, stop: stop(c!, '12:30', '13:00', '15:00', '15:30') })
      .expect(201);
    const full = await crew.agent
      .post(`/api/trucks/${TRUCK}/days/${date}/stops`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: 2, stop: stop(d!, '15:40', '15:45', '16:15', '16:30') });
    expect(full.status).to.equal(409);
    expect(full.body.error.message).to.include('vol');
  });

  it('keeps schools and coordinators from writing a truck-day', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await coordinator.agent
      .post(`/api/trucks/${TRUCK}/days/2027-03-12/stops`)
      .set('X-CSRF-Token', coordinator.csrf)
      .send({ version: 0, stop: stop('0123456789abcdef01234567') });
    expect(res.status).to.equal(403);
    const anon = await request(t.app)
      .post(`/api/trucks/${TRUCK}/days/2027-03-12/stops`)
      .send({ version: 0, stop: stop('0123456789abcdef01234567') });
    expect(anon.status).to.equal(401);
  });

  describe('books only what the planner could plan (#17)', () => {
    const book = (date: string, requestId: string, version = 0, truck = TRUCK) =>
      crew.agent
        .post(`/api/trucks/${truck}/days/${date}/stops`)
        .set('X-CSRF-Token', crew.csrf)
        .send({ version, stop: stop(requestId) });

    async function acceptedRequestId(excludedDates: string[] = []): Promise<string> {
      const res = await request(t.app)
        .post('/api/requests')
        .set('X-Forwarded-For', `10.8.${Math.floor(Math.random() * 250)}.1`)
        .send(requestBody({ excludedDates }));
      expect(res.status).to.equal(201);
      const r = res.body.request as { id: string; version: number };
      await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set('X-CSRF-Token', crew.csrf)
        .send({ version: r.version, status: 'accepted' })
        .expect(200);
      return r.id;
    }

    async function expectRefused(res: request.Response, status: number, code: string, text: string, date: string) {
      expect(res.status, JSON.stringify(res.body)).to.equal(status);
      expect(res.body.error.code).to.equal(code);
      expect(res.body.error.message).to.include(text);
      expect(res.body.error.details.messageEn).to.be.a('string');
      const day = await t.db.connection.db!.collection('truckDays').findOne({ _id: `${TRUCK}:${date}` as never });
      expect(day, 'no truck-day written').to.equal(null);
    }

    it('books an accepted request on a school day', async () => {
      const id = await acceptedRequestId();
      const res = await book('2027-04-06', id);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.stops.map((s: { requestId: string }) => s.requestId)).to.deep.equal([id]);
    });

    it('refuses an unknown request id with 404 not_found', async () => {
      await expectRefused(
        await book('2027-04-07', '0123456789abcdef01234567'),
        404,
        'not_found',
        'bestaat niet',
        '2027-04-07',
      );
    });

    it('refuses a declined request (and a submitted one) with 409 invalid_transition', async () => {
      const res = await request(t.app).post('/api/requests').set('X-Forwarded-For', '10.9.1.1').send(requestBody());
      const r = res.body.request as { id: string; version: number };
      await expectRefused(await book('2027-04-08', r.id), 409, 'invalid_transition', 'ingediend', '2027-04-08');
      await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set('X-CSRF-Token', crew.csrf)
        .send({ version: r.version, status: 'declined', reason: 'geen ruimte' })
        .expect(200);
      await expectRefused(await book('2027-04-08', r.id), 409, 'invalid_transition', 'afgewezen', '2027-04-08');
    });

    it('refuses a request already booked on another truck-day with 409 slot_taken', async () => {
      const id = await acceptedRequestId();
      await book('2027-04-12', id).expect(201);
      await expectRefused(await book('2027-04-13', id), 409, 'slot_taken', '2027-04-12', '2027-04-13');
    });

    it('books one request on at most one day when 16 bookings on different days race (the others get 409)', async () => {
      const id = await acceptedRequestId();
      const dates = Array.from(
        { length: 16 },
        (_, i) => `2027-06-${String([1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22][i]).padStart(2, '0')}`,
      );
      const responses = await Promise.all(dates.map((d) => book(d, id)));
      const won = dates.filter((_, i) => responses[i]!.status === 201);
      for (const r of responses.filter((x) => x.status !== 201)) {
        expect(r.status, JSON.stringify(r.body)).to.equal(409);
        expect(['slot_taken', 'conflict']).to.include(r.body.error.code);
      }
      console.log(`      16 racing bookings of one request: ${won.length} booked, ${16 - won.length} × 409`);
      expect(won.length, `booked on ${won.join(', ')}`).to.be.at.most(1);
      const holding = (await t.db.connection.db!.collection('truckDays').find({ 'stops.requestId': id }).toArray()).map(
        (d) => d.date as string,
      );
      expect(holding, 'the days that hold the visit are the days that answered 201').to.deep.equal(won);
    });

    it('refuses a Saturday with 409 slot_taken', async () => {
      await expectRefused(
        await book('2027-04-10', await acceptedRequestId()),
        409,
        'slot_taken',
        'weekend',
        '2027-04-10',
      );
    });

    it('refuses 25 December (a public holiday on the calendar) with 409 slot_taken', async () => {
      await t.db.connection.db!.collection('calendar').insertOne({
        _id: 'public_holiday:test:kerst-2031',
        kind: 'public_holiday',
        name: 'Eerste Kerstdag',
        startDate: '2031-12-25',
        endDate: '2031-12-25',
        truckId: null,
        note: null,
      } as never);
      // 25 December 2031 is a Thursday: only the calendar makes it a day off.
      await expectRefused(
        await book('2031-12-25', await acceptedRequestId()),
        409,
        'slot_taken',
        'feestdag',
        '2031-12-25',
      );
    });

    it("refuses a date before the lead time and the school's own blocked day with 409 slot_taken", async () => {
      await expectRefused(
        await book('2026-01-05', await acceptedRequestId()),
        409,
        'slot_taken',
        'eerste dag',
        '2026-01-05',
      );
      await expectRefused(
        await book('2027-04-14', await acceptedRequestId(['2027-04-14'])),
        409,
        'slot_taken',
        'school kan',
        '2027-04-14',
      );
    });
  });
});
