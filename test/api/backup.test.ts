import { expect } from 'chai';
import { flushDeferredWrites } from '../../backend/db/deferredWrites';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BSON, MongoClient } from 'mongodb';
import { appDatabase, type AppDatabase } from '../../backend/db/layout';
import {
  backupDatabase,
  redactForBackup,
  REDACTED_TOKEN,
  restoreDatabase,
  RestoreError,
} from '../../backend/services/backup';
import { feedKey } from '../../backend/services/calendarFeeds';
import { OutboxMessage } from '../../backend/models';
import { readFileSync } from 'node:fs';
import { Types } from 'mongoose';
import { mintStatusUrl } from '../../backend/services/requests';
import { startTestApp } from '../helpers/app';
import { requestBody } from '../helpers/factories';
import request from 'supertest';

describe('backup and restore', function () {
  this.timeout(120_000);
  let client: MongoClient;
  let dir: string;

  before(async () => {
    const t = await startTestApp();
    // A submission of the form: a request, and a rate-limit slot and an email in their own databases; and a
    // status link as an email about the request would carry.
    const submitted = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', '10.99.0.1')
      .send(requestBody())
      .expect(201);
    await mintStatusUrl(new Types.ObjectId(String(submitted.body.request.id)), 'http://localhost:3000');
    await flushDeferredWrites(); // the email and the rate-limit count follow the form's answer
    // The calendar feeds' signing key, and a reset email that has left (its link still works for an hour).
    await feedKey('school', '23ja01');
    await OutboxMessage.create({
      to: 'weg@example.test',
      subject: 'Nieuw wachtwoord',
      text: `Kies: http://localhost:3000/wachtwoord/${'R'.repeat(43)} .`,
      html: `<a href="http://localhost:3000/wachtwoord/${'R'.repeat(43)}">x</a>`,
      language: 'nl',
      kind: 'password_reset',
      status: 'sent',
      createdAt: new Date(),
      sentAt: new Date(),
    });
    // A second, independent database on the same server: backing up the test app's and restoring here.
    // The embedded FerretDB listens on a Unix socket (its uri names it); a MongoDB by TEST_MONGODB_URI.
    client = await MongoClient.connect(t.db.embedded?.uri ?? process.env.TEST_MONGODB_URI!);
    dir = mkdtempSync(join(tmpdir(), 'techniekwagen-backup-'));
  });
  after(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every document, as Extended JSON; `asBackedUp`: as the backup keeps it (without its secrets). */
  async function snapshot(db: AppDatabase, asBackedUp = false): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const name of await db.collectionNames()) {
      const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
      const kept = asBackedUp ? docs.map((d) => redactForBackup(name, d)).filter((d) => d !== null) : docs;
      if (kept.length > 0 || !asBackedUp) out[name] = kept.map((d) => BSON.EJSON.stringify(d, { relaxed: false }));
    }
    return out;
  }

  it('round-trips every collection: backup, wipe, restore gives back the same documents', async () => {
    // The embedded database's layout: the outbox and the rate limits in databases of their own.
    const source = appDatabase(client, 'techniekwagen', true);
    const target = appDatabase(client, `restore_${Date.now()}`, true);
    const file = join(dir, 'backup.ejson');
    const before = await snapshot(source, true);
    const written = await backupDatabase(source, file);
    expect(written.schools).to.equal(199);
    for (const own of ['outbox', 'rateLimits'])
      expect(written[own], `${own}, from its own database`).to.be.greaterThan(0);
    expect(written.statusLinks).to.be.greaterThan(0);

    const restored = await restoreDatabase(target, file);
    // Empty collections have nothing to restore (the app recreates them and their indexes at start-up).
    expect(restored).to.deep.equal(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
    const after = await snapshot(target);
    expect(Object.keys(after).sort()).to.deep.equal(
      Object.keys(before)
        .filter((k) => before[k]!.length > 0)
        .sort(),
    );
    for (const name of Object.keys(after)) expect(after[name], name).to.deep.equal(before[name]);
    for (const db of target.databases) await db.dropDatabase();
  });

  it('keeps secrets out: no feed signing key, no tokens in the links of emails that have left (queued ones keep theirs)', async () => {
    const source = appDatabase(client, 'techniekwagen', true);
    const secret = (await source.collection('settings').findOne({ _id: 'feedSecret' as never }))?.value as string;
    expect(secret).to.match(/^[a-f0-9]{64}$/);
    const file = join(dir, 'secrets.ejson');
    await backupDatabase(source, file);
    const text = readFileSync(file, 'utf8');
    expect(text).not.to.include(secret);
    expect(text).not.to.include('R'.repeat(43));
    expect(text).to.include(`/wachtwoord/${REDACTED_TOKEN}`);
    // The form's email still waits to be sent (no worker runs in tests): its status link is kept, or it would arrive broken.
    const queued = await source.collection('outbox').findOne({ kind: 'request_received', status: 'queued' });
    const link = /\/status\/[\w-]{40}/.exec(String(queued!.text))![0];
    expect(text).to.include(link);

    // Restored, the installation has no feed key: the first feed link made gets a new one, so old links stop working.
    const target = appDatabase(client, `restore_secrets_${Date.now()}`, true);
    await restoreDatabase(target, file);
    expect(await target.collection('settings').countDocuments({ _id: 'feedSecret' as never })).to.equal(0);
    for (const db of target.databases) await db.dropDatabase();
  });

  it('refuses to restore into a database that already has data, and changes nothing there', async () => {
    const source = appDatabase(client, 'techniekwagen', true);
    const file = join(dir, 'again.ejson');
    await backupDatabase(source, file);
    const schoolsBefore = await source.collection('schools').countDocuments();
    let error: unknown;
    try {
      await restoreDatabase(source, file);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(RestoreError);
    expect(await source.collection('schools').countDocuments()).to.equal(schoolsBefore);
  });

  it('refuses a file that is not a backup', async () => {
    const file = join(dir, 'junk.json');
    writeFileSync(file, '{"hello": "world"}\n');
    let error: unknown;
    try {
      await restoreDatabase(appDatabase(client, 'unused_restore', true), file);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(RestoreError);
  });
});
