import { expect } from 'chai';
import { flushDeferredWrites } from '../../backend/db/deferredWrites';
import request from 'supertest';
import type { CreatedRequestDto, RequestDto, RequestStatus } from '../../shared/api/requests';
import { Types } from 'mongoose';
import { OutboxMessage } from '../../backend/models/OutboxMessage';
import { mintStatusUrl } from '../../backend/services/requests';
import { startTestApp, type TestApp } from '../helpers/app';
import { requestBody } from '../helpers/factories';
import { loginAs, type LoggedIn } from '../helpers/users';

describe('visit requests API', function () {
  this.timeout(60_000);
  let t: TestApp;
  let crew: LoggedIn;
  let coordinator: LoggedIn;
  let school: LoggedIn;
  let otherSchool: LoggedIn;

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    coordinator = await loginAs(t.app, 'coordinator');
    school = await loginAs(t.app, 'school', ['23ja01']);
    otherSchool = await loginAs(t.app, 'school', ['18ch02']);
  });

  async function submit(overrides: Record<string, unknown> = {}): Promise<CreatedRequestDto> {
    const res = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`)
      .send(requestBody(overrides));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as CreatedRequestDto;
  }

  async function setStatus(who: LoggedIn, id: string, version: number, status: RequestStatus, reason?: string) {
    return who.agent
      .post(`/api/requests/${id}/status`)
      .set('X-CSRF-Token', who.csrf)
      .send({ version, status, ...(reason ? { reason } : {}) });
  }

  it('accepts the public form, gives a reference and a secret status link, and emails the school', async () => {
    const { request: r, statusUrl } = await submit();
    expect(r.reference).to.match(/^TW-\d{4}-\d{4}$/);
    expect(r.status).to.equal('submitted');
    expect(r.history).to.have.length(1);
    expect(r.sessionMinutes).to.equal(180);
    expect(statusUrl).to.match(/\/status\/[\w-]{30,}$/);
    const token = statusUrl.split('/').pop()!;
    const viaLink = await request(t.app).get(`/api/status/${token}`).expect(200);
    expect(viaLink.body.id).to.equal(r.id);
    await flushDeferredWrites(); // the email follows the answer (db/deferredWrites.ts)
    const outbox = await OutboxMessage.collection
      .find({ to: 'ans.devries@example.nl', kind: 'request_received' })
      .toArray();
    expect(outbox.length).to.be.greaterThan(0);
    expect(outbox.at(-1)!.text).to.include(r.reference);
  });

  it('rejects bad input with 400 and stores nothing', async () => {
    const before = await t.db.connection.db!.collection('requests').countDocuments();
    const bad = [
      requestBody({ pupils: 0 }),
      requestBody({ schoolId: 'nope!' }),
      requestBody({ schoolId: undefined }),
      requestBody({ preferredWeeks: [{ from: '2027-03-01', to: '2027-02-01' }] }),
      requestBody({ earliestStart: '16:00', latestEnd: '09:00' }),
      requestBody({ contact: { name: 'X', email: 'not-an-email' } }),
      requestBody({ extra: 'field' }),
      requestBody({ contact: { name: 'Ans', email: { $gt: '' } } }),
    ];
    for (const body of bad) {
      const res = await request(t.app)
        .post('/api/requests')
        .set('X-Forwarded-For', `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`)
        .send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      expect(res.body.error.code).to.equal('validation_failed');
    }
    const unknownSchool = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', '10.8.251.1')
      .send(requestBody({ schoolId: '99zz99' }));
    expect(unknownSchool.status).to.equal(400);
    expect(await t.db.connection.db!.collection('requests').countDocuments()).to.equal(before);
  });

  it('walks the lifecycle ingediend → geaccepteerd and refuses transitions the lifecycle forbids', async () => {
    const { request: r } = await submit();
    const done = await setStatus(crew, r.id, r.version, 'done');
    expect(done.status).to.equal(409);
    expect(done.body.error.code).to.equal('invalid_transition');
    const planned = await setStatus(crew, r.id, r.version, 'planned');
    expect(planned.status).to.equal(409);
    const accepted = await setStatus(crew, r.id, r.version, 'accepted');
    expect(accepted.status).to.equal(200);
    expect((accepted.body as RequestDto).status).to.equal('accepted');
    const declineNoReason = await setStatus(crew, r.id, accepted.body.version, 'declined');
    expect(declineNoReason.status).to.equal(400);
    const declined = await setStatus(crew, r.id, accepted.body.version, 'declined', 'Geen ruimte meer dit kwartaal');
    expect(declined.status).to.equal(200);
    const outbox = OutboxMessage.collection;
    const told = await outbox.find({ kind: 'request_declined', subject: { $regex: r.reference } as never }).toArray();
    expect(told).to.have.length(1);
    expect(told[0]!.text).to.include('Geen ruimte meer dit kwartaal');
    expect(told[0]!.text).to.match(/\/status\/[\w-]{30,}/);
    expect(
      await outbox.countDocuments({ kind: 'request_accepted', subject: { $regex: r.reference } as never }),
    ).to.equal(1);
    const again = await setStatus(crew, r.id, declined.body.version, 'accepted');
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('invalid_transition');
  });

  it("opens a request by the secret part of its status link only, for the form's link and for links minted later", async () => {
    const { request: r, statusUrl } = await submit();
    const token = statusUrl.split('/').pop()!;
    expect(token).to.have.length(40);
    expect((await request(t.app).get(`/api/status/${token}`).expect(200)).body.id).to.equal(r.id);
    // The same request id with other secret bytes, and a token cut short, open nothing.
    const bytes = Buffer.from(token, 'base64url');
    bytes[29] = bytes[29]! ^ 1;
    const forged = bytes.toString('base64url');
    expect((await request(t.app).get(`/api/status/${forged}`).expect(404)).body.error.code).to.equal('not_found');
    await request(t.app)
      .get(`/api/status/${token.slice(0, 39)}`)
      .expect(404);
    // A link minted for a later email (a random token kept in statusLinks) opens the same request.
    const minted = (await mintStatusUrl(new Types.ObjectId(r.id), 'http://localhost:3000')).split('/').pop()!;
    expect(minted).to.have.length(32);
    expect((await request(t.app).get(`/api/status/${minted}`).expect(200)).body.id).to.equal(r.id);
  });

  it('lets the school cancel through its status link but not accept its own request', async () => {
    const { request: r, statusUrl } = await submit();
    const token = statusUrl.split('/').pop()!;
    const accept = await request(t.app)
      .post(`/api/status/${token}/status`)
      .send({ version: r.version, status: 'accepted' });
    expect(accept.status).to.equal(409);
    const cancel = await request(t.app)
      .post(`/api/status/${token}/status`)
      .send({ version: r.version, status: 'cancelled' });
    expect(cancel.status).to.equal(200);
    expect(cancel.body.status).to.equal('cancelled');
    expect(cancel.body.history.map((h: { status: string }) => h.status)).to.deep.equal(['submitted', 'cancelled']);
  });

  it('answers a stale edit with 409 that says what changed, and keeps the newer data', async () => {
    const { request: r, statusUrl } = await submit();
    const token = statusUrl.split('/').pop()!;
    const first = await request(t.app).patch(`/api/status/${token}`).send({ version: r.version, pupils: 60 });
    expect(first.status).to.equal(200);
    expect(first.body.version).to.equal(r.version + 1);
    const stale = await crew.agent
      .patch(`/api/requests/${r.id}`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: r.version, remarks: 'Andere tekst' });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('conflict');
    expect(stale.body.error.message).to.include('aantal leerlingen');
    const now = await crew.agent.get(`/api/requests/${r.id}`).expect(200);
    expect(now.body.pupils).to.equal(60);
    expect(now.body.remarks).to.equal('Parkeren kan op het schoolplein.');
  });

  it('lets exactly one of 20 simultaneous edits of the same version through; the rest get 409', async () => {
    const { request: r } = await submit();
    const edits = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        crew.agent
          .patch(`/api/requests/${r.id}`)
          .set('X-CSRF-Token', crew.csrf)
          .send({ version: r.version, pupils: 10 + i }),
      ),
    );
    expect(edits.filter((e) => e.status === 200)).to.have.length(1);
    expect(edits.filter((e) => e.status === 409)).to.have.length(19);
    const stored = await crew.agent.get(`/api/requests/${r.id}`).expect(200);
    expect(stored.body.version).to.equal(r.version + 1);
    expect(stored.body.pupils).to.equal(edits.find((e) => e.status === 200)!.body.pupils);
  });

  it("shows a school contact only its own schools' requests (404 for another school's)", async () => {
    const { request: own } = await submit();
    const { request: foreign } = await submit({ schoolId: '02vg04' });
    await school.agent.get(`/api/requests/${own.id}`).expect(200);
    const other = await school.agent.get(`/api/requests/${foreign.id}`);
    expect(other.status).to.equal(404);
    const list = await school.agent.get('/api/requests?pageSize=5000').expect(200);
    expect(list.body.items.every((x: RequestDto) => x.schoolId === '23ja01')).to.equal(true);
    await otherSchool.agent.get(`/api/requests/${own.id}`).expect(404);
    const edit = await otherSchool.agent
      .patch(`/api/requests/${own.id}`)
      .set('X-CSRF-Token', otherSchool.csrf)
      .send({ version: own.version, pupils: 1 });
    expect(edit.status).to.equal(404);
  });

  it('lets coordinators read but not change requests, and keeps anonymous visitors out of the inbox', async () => {
    const { request: r } = await submit();
    await coordinator.agent.get(`/api/requests/${r.id}`).expect(200);
    const change = await setStatus(coordinator, r.id, r.version, 'accepted');
    expect(change.status).to.equal(403);
    const anon = await request(t.app).get('/api/requests');
    expect(anon.status).to.equal(401);
  });

  it('flags a second open request of the same school with overlapping weeks as a duplicate', async () => {
    const { request: a } = await submit({
      schoolId: '15eo00',
      preferredWeeks: [{ from: '2027-05-10', to: '2027-05-21' }],
    });
    const { request: b } = await submit({
      schoolId: '15eo00',
      preferredWeeks: [{ from: '2027-05-17', to: '2027-05-28' }],
    });
    expect(b.duplicateOf).to.equal(a.reference);
    const { request: c } = await submit({
      schoolId: '15eo00',
      preferredWeeks: [{ from: '2027-06-07', to: '2027-06-11' }],
    });
    expect(c.duplicateOf).to.equal(null);
  });
});
