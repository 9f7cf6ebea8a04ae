import { expect } from 'chai';
import { trusted } from 'mongoose';
import { createInsertBatcher, insertBatched, insertPlain } from '../../backend/db/batchedInsert';
import { claim } from '../../backend/db/claims';
import { createSequenceAllocator, sequenceClaimName } from '../../backend/db/sequences';
import { Claim, Counter, StatusLink } from '../../backend/models';
import { Types } from 'mongoose';
import { startTestApp } from '../helpers/app';

// Unique inserts are the one compare-and-set FerretDB 1.24 makes atomic; these tests hold the batched
// inserts (group commit) and the per-process reference blocks to the same promise: one owner per name.
describe('claims: batched unique inserts and sequence blocks', function () {
  this.timeout(60_000);
  const prefix = `t${Date.now().toString(36)}`;

  before(async () => {
    await startTestApp();
  });

  it('gives a name to exactly one of 40 concurrent claimants, also when they leave in one batch', async () => {
    const wins = await Promise.all(Array.from({ length: 40 }, () => claim(`${prefix}:same`)));
    expect(wins.filter(Boolean)).to.have.length(1);
    expect(await claim(`${prefix}:same`)).to.equal(false);
  });

  it('settles each document of a mixed batch on its own: every name once, duplicates refused', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `${prefix}:mixed-${i}`);
    await claim(names[7]!); // taken before the batch
    const results = await Promise.all([...names, ...names].map((n) => claim(n)));
    for (let i = 0; i < names.length; i++) {
      const won = [results[i], results[i + names.length]].filter(Boolean).length;
      expect(won, names[i]).to.equal(i === 7 ? 0 : 1);
    }
    expect(await Claim.countDocuments({ _id: trusted({ $in: names }) })).to.equal(30);
  });

  it('writes concurrent inserts in fewer round trips than documents, and a lone insert at once', async () => {
    const calls: number[] = [];
    const fake = {
      insertOne: async () => {
        calls.push(1);
      },
      insertMany: async (docs: unknown[]) => {
        calls.push(docs.length);
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    const batcher = createInsertBatcher(() => fake);
    await batcher.insert({ _id: 'a' });
    expect(calls).to.deep.equal([1]);
    calls.length = 0;
    await Promise.all(Array.from({ length: 25 }, (_, i) => batcher.insert({ _id: `b${i}` })));
    expect(calls.reduce((a, b) => a + b, 0)).to.equal(25);
    expect(calls.length).to.be.lessThan(25);
  });

  it('rejects every document of a batch that failed as a whole, and validates before writing', async () => {
    const batcher = createInsertBatcher(() => ({
      insertOne: async () => {
        throw new Error('database away');
      },
      insertMany: async () => {
        throw new Error('database away');
      },
    }));
    const results = await Promise.allSettled([batcher.insert({ _id: 1 }), batcher.insert({ _id: 2 })]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    let err: unknown;
    await insertBatched(Claim, { _id: `${prefix}:no-date` }).catch((e: unknown) => (err = e));
    expect((err as Error).name).to.equal('ValidationError');
    expect(await Claim.findById(`${prefix}:no-date`).lean()).to.equal(null);
  });

  it('holds plain documents to their model in tests: a wrong type, a missing default or an unknown field is refused, nothing stored', async () => {
    const requestId = new Types.ObjectId();
    const at = new Date();
    const good = { _id: `${prefix}-link-ok`, requestId, createdAt: at };
    await insertPlain(StatusLink, good);
    expect(await StatusLink.findById(good._id).lean()).to.deep.equal(good);
    const bad: Array<[string, { _id: string } & Record<string, unknown>]> = [
      [
        'an id as text where the model stores an ObjectId',
        { _id: `${prefix}-link-text`, requestId: String(requestId), createdAt: at },
      ],
      ['a required field left out', { _id: `${prefix}-link-missing`, requestId }],
      ['a field the model does not know', { _id: `${prefix}-link-extra`, requestId, createdAt: at, extra: 1 }],
    ];
    for (const [what, doc] of bad) {
      let err: unknown;
      await insertPlain(StatusLink, doc).catch((e: unknown) => (err = e));
      expect((err as Error | undefined)?.name, what).to.equal('PlainDocumentMismatch');
      expect(await StatusLink.findById(doc._id).lean(), what).to.equal(null);
    }
  });

  it('hands out unique numbers from blocks across two app instances, in parallel with each other', async () => {
    const name = `${prefix}-refs`;
    const a = createSequenceAllocator();
    const b = createSequenceAllocator();
    const numbers = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? a : b).next(name)));
    expect(new Set(numbers).size).to.equal(numbers.length);
    expect(Math.min(...numbers)).to.be.greaterThan(0);
    // Every number handed out is claimed in the database, so no later process can take it again.
    const claimed = await Claim.countDocuments({
      _id: trusted({ $in: numbers.map((n) => sequenceClaimName(name, n)) }),
    });
    expect(claimed).to.equal(numbers.length);
    // A third instance started later (a restart) continues above what the others claimed.
    const c = createSequenceAllocator();
    const later = await c.next(name);
    expect(numbers).not.to.include(later);
    expect((await Counter.findById(name).lean<{ value: number }>())!.value).to.be.at.least(Math.max(...numbers));
  });

  it('skips numbers claimed one at a time (as before blocks) and never hands them out', async () => {
    const name = `${prefix}-legacy`;
    for (const n of [1, 2, 3, 5, 8]) await claim(sequenceClaimName(name, n)); // taken without a counter hint
    const alloc = createSequenceAllocator({ minBlock: 4 });
    const got = await Promise.all(Array.from({ length: 6 }, () => alloc.next(name)));
    expect([...got].sort((x, y) => x - y)).to.deep.equal([4, 6, 7, 9, 10, 11]);
  });

  it('grows the block only while numbers go fast, claims the next one ahead, and starts small again after a quiet spell', async () => {
    let clock = 1_000_000;
    const name = `${prefix}-growth`;
    const alloc = createSequenceAllocator({ minBlock: 2, maxBlock: 8, fastMs: 1000, now: () => clock });
    const first: number[] = [];
    for (let i = 0; i < 14; i++) first.push(await alloc.next(name)); // blocks of 2, 4, 8 (and the next 8 claimed ahead)
    expect(first).to.deep.equal(Array.from({ length: 14 }, (_, i) => i + 1));
    const counter = async () => (await Counter.findById(name).lean<{ value: number }>())!.value;
    expect(await counter()).to.be.at.most(14 + 8);
    // Quiet (a minute between submissions): what is left is used, then blocks are small again.
    const rest: number[] = [];
    for (let i = 0; i < 12; i++) {
      clock += 60_000;
      rest.push(await alloc.next(name));
    }
    expect(new Set([...first, ...rest]).size).to.equal(26);
    expect(rest.slice(0, 2)).to.deep.equal([15, 16]);
    const highest = await counter();
    expect(highest - Math.max(...rest)).to.be.at.most(2);
  });
});
