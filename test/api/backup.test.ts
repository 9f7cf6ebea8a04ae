import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BSON, MongoClient, type Db } from 'mongodb';
import { backupDatabase, restoreDatabase, RestoreError } from '../../backend/services/backup';
import { startTestApp } from '../helpers/app';

describe('backup and restore', function () {
  this.timeout(120_000);
  let client: MongoClient;
  let dir: string;

  before(async () => {
    const t = await startTestApp();
    // A second, independent database on the same server: backing up the test app's and restoring here.
    client = await MongoClient.connect(t.db.connection.getClient().options.hosts.map((h) => `mongodb://${h.host}:${h.port}`)[0]!);
    dir = mkdtempSync(join(tmpdir(), 'techniekwagen-backup-'));
  });
  after(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function snapshot(db: Db): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
      out[name] = docs.map((d) => BSON.EJSON.stringify(d, { relaxed: false }));
    }
    return out;
  }

  it('round-trips every collection: backup, wipe, restore gives back the same documents', async () => {
    const source = client.db('techniekwagen');
    const target = client.db(`restore_${Date.now()}`);
    const file = join(dir, 'backup.ejson');
    const before = await snapshot(source);
    const written = await backupDatabase(source, file);
    expect(written.schools).to.equal(199);

    const restored = await restoreDatabase(target, file);
    // Empty collections have nothing to restore (the app recreates them and their indexes at start-up).
    expect(restored).to.deep.equal(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
    const after = await snapshot(target);
    expect(Object.keys(after).sort()).to.deep.equal(Object.keys(before).filter((k) => before[k]!.length > 0).sort());
    for (const name of Object.keys(after)) expect(after[name], name).to.deep.equal(before[name]);
    await target.dropDatabase();
  });

  it('refuses to restore into a database that already has data, and changes nothing there', async () => {
    const source = client.db('techniekwagen');
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
      await restoreDatabase(client.db('unused_restore'), file);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(RestoreError);
  });
});
