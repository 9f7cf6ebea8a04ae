import { expect } from 'chai';
import { Types } from 'mongoose';
import { applyDatabaseLayout, databaseNameFor } from '../../backend/db/layout';
import { OutboxMessage, RateLimit, StatusLink, VisitRequest } from '../../backend/models';
import { hashToken, requestIdForToken } from '../../backend/services/requests';
import { startTestApp, type TestApp } from '../helpers/app';

// On the embedded FerretDB the form's hot collections live in databases (SQLite files) of their own.
describe('database layout on the embedded FerretDB', function () {
  this.timeout(60_000);
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });

  it('keeps rate limits, status links and the outbox in databases of their own, everything else in the main one', () => {
    expect(t.db.embedded).not.to.equal(null);
    expect(RateLimit.db.name).to.equal('techniekwagen_ratelimits');
    expect(StatusLink.db.name).to.equal('techniekwagen_statuslinks');
    expect(OutboxMessage.db.name).to.equal('techniekwagen_outbox');
    expect(VisitRequest.db.name).to.equal('techniekwagen');
    expect(databaseNameFor('glr', 'outbox', false), 'MongoDB: one database').to.equal('glr');
  });

  it('moves the documents of a data folder from before the split, so its status links still work', async () => {
    const client = t.db.connection.getClient();
    const old = client.db('techniekwagen').collection<{ _id: string; requestId: Types.ObjectId; createdAt: Date }>('statusLinks');
    const requestId = new Types.ObjectId();
    const hash = hashToken('layout-test-token-0123456789');
    await old.insertOne({ _id: hash, requestId, createdAt: new Date() });

    await applyDatabaseLayout(t.db.connection, true);

    const stillThere = await client.db('techniekwagen').listCollections({ name: 'statusLinks' }).toArray();
    expect(stillThere, 'the old collection is dropped').to.have.length(0);
    expect(await requestIdForToken('layout-test-token-0123456789')).to.equal(String(requestId));
  });
});
