import { expect } from 'chai';
import { Types } from 'mongoose';
import { applyDatabaseLayout, databaseNameFor } from '../../backend/db/layout';
import { ensureIndexes, OutboxMessage, RateLimit, StatusLink, User, VisitRequest } from '../../backend/models';
import { enqueueEmail, newOutboxMessage } from '../../backend/services/outbox/enqueue';
import { startTestApp, type TestApp } from '../helpers/app';
import { requestBody } from '../helpers/factories';
import request from 'supertest';

// On the embedded FerretDB the form's hot collections live in databases (SQLite files) of their own.
describe('database layout on the embedded FerretDB', function () {
  this.timeout(60_000);
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });

  it('keeps rate limits and the outbox in databases of their own, everything else in the main one', () => {
    expect(t.db.embedded).not.to.equal(null);
    expect(RateLimit.db.name).to.equal('techniekwagen_ratelimits');
    expect(OutboxMessage.db.name).to.equal('techniekwagen_outbox');
    expect(StatusLink.db.name).to.equal('techniekwagen');
    expect(VisitRequest.db.name).to.equal('techniekwagen');
    expect(databaseNameFor('glr', 'outbox', false), 'MongoDB: one database').to.equal('glr');
  });

  it('moves the documents of a data folder from before the split, so its queued emails are still sent', async () => {
    const client = t.db.connection.getClient();
    const old = client.db('techniekwagen').collection('outbox');
    const queued = {
      ...newOutboxMessage(
        { to: 'old-folder@example.nl', kind: 'request_received', language: 'nl', params: { schoolName: 'Oud' } },
        new Date(),
      ),
    };
    await old.insertOne(queued);

    await applyDatabaseLayout(t.db.connection, true);

    const stillThere = await client.db('techniekwagen').listCollections({ name: 'outbox' }).toArray();
    expect(stillThere, 'the old collection is dropped').to.have.length(0);
    expect((await OutboxMessage.findById(queued._id).lean())?.to).to.equal('old-folder@example.nl');
  });

  it('keeps only unique indexes on the embedded database, and drops the others from an older data folder', async () => {
    await enqueueEmail({
      to: 'layout@example.nl',
      kind: 'request_received',
      language: 'nl',
      params: { schoolName: 'Layout' },
    });
    await request(t.app).post('/api/requests').set('X-Forwarded-For', '10.98.0.1').send(requestBody()).expect(201);
    await VisitRequest.collection.createIndex({ schoolId: 1 }, { name: 'schoolId_1' }); // as an older start made it
    await ensureIndexes({ embedded: true });
    const names = async (m: { collection: { indexes(): Promise<Array<{ name?: string }>> } }) =>
      (await m.collection.indexes()).map((i) => i.name).sort();
    expect(await names(VisitRequest)).to.deep.equal(['_id_', 'reference_1']);
    expect(await names(User)).to.deep.equal(['_id_', 'email_1']);
    expect(await names(OutboxMessage)).to.deep.equal(['_id_']);
    // The unique ones still hold.
    const doc = await VisitRequest.findOne({}, { _id: 0 }).lean();
    let err: unknown;
    await VisitRequest.collection.insertOne({ ...doc!, _id: new Types.ObjectId() }).catch((e: unknown) => (err = e));
    expect((err as { code?: number })?.code, 'a second request with the same reference').to.equal(11000);
  });
});
