import { expect } from 'chai';
import { positionBatchSchema } from '../../shared/api/live';
import { ApiError } from '../api/http';
import { isPermanentLiveError, isSplittableLiveError } from './crewReporter';
import {
  makeIdempotencyKey,
  MAX_EVENTS_PER_BATCH,
  MAX_POSITIONS_PER_BATCH,
  OfflineQueue,
  type QueuedEvent,
  type QueuedPosition,
  type QueueSender,
  type QueueStore,
} from './offlineQueue';

const TRUCK = 'wagen-1';
const DAY = '2027-09-07';

function memoryStore(initial: string | null = null): QueueStore & { value: string | null } {
  const store = {
    value: initial,
    load: () => store.value,
    save: (v: string) => {
      store.value = v;
    },
  };
  return store;
}

/**
 * A fake API: stores each report once by key (like the server's idempotency check), in arrival order.
 * `failNext` makes the next calls fail before storing (offline); `loseAnswers` stores and then fails (answer lost).
 */
function fakeApi() {
  const stored: Array<{ kind: 'event' | 'position'; key: string; at: string; what: string }> = [];
  const calls: Array<{ kind: 'event' | 'position'; size: number }> = [];
  const api = {
    stored,
    calls,
    failNext: 0,
    loseAnswers: 0,
    rejectWith: null as unknown,
    store(kind: 'event' | 'position', key: string, at: string, what: string) {
      if (!stored.some((s) => s.key === key)) stored.push({ kind, key, at, what });
    },
    async call(kind: 'event' | 'position', items: Array<{ key: string; at: string; what: string }>) {
      calls.push({ kind, size: items.length });
      await Promise.resolve();
      if (api.rejectWith) throw api.rejectWith;
      if (api.failNext > 0) {
        api.failNext--;
        throw new TypeError('Failed to fetch');
      }
      for (const i of items) api.store(kind, i.key, i.at, i.what);
      if (api.loseAnswers > 0) {
        api.loseAnswers--;
        throw new TypeError('connection reset');
      }
    },
  };
  const sender: QueueSender = {
    sendEvents: (_t, _d, events) =>
      api.call(
        'event',
        events.map((e) => ({ key: e.key, at: e.at, what: e.kind })),
      ),
    sendPositions: (_t, _d, positions) =>
      api.call(
        'position',
        positions.map((p) => ({ key: p.key, at: p.at, what: `${p.lat},${p.lng}` })),
      ),
  };
  return { api, sender };
}

let clock = Date.parse('2027-09-07T07:30:00Z');
function event(kind: QueuedEvent['kind'], extra: Partial<QueuedEvent> = {}): QueuedEvent {
  clock += 60_000;
  return { key: makeIdempotencyKey(), at: new Date(clock).toISOString(), kind, ...extra };
}
function position(lat: number): QueuedPosition {
  clock += 15_000;
  return { key: makeIdempotencyKey(), at: new Date(clock).toISOString(), lat, lng: 4.47 };
}

describe('OfflineQueue', () => {
  it('sends events made offline once, in order, with their own times, after a failed attempt', async () => {
    const { api, sender } = fakeApi();
    const queue = new OfflineQueue(memoryStore(), sender);
    const made = [
      event('departed'),
      event('arrived', { requestId: 'a'.repeat(24) }),
      event('session_started', { requestId: 'a'.repeat(24) }),
    ];
    for (const e of made) queue.addEvent(TRUCK, DAY, e);

    api.failNext = 2;
    const first = await queue.flush();
    expect(first.sent).to.equal(0);
    expect(first.pending).to.equal(3);
    expect(first.error).to.be.instanceOf(TypeError);
    expect(api.stored).to.deep.equal([]);

    await queue.flush(); // still offline
    const late = await queue.flush(); // back online
    expect(late).to.include({ sent: 3, pending: 0, dropped: 0 });
    expect(api.stored.map((s) => s.key)).to.deep.equal(made.map((e) => e.key));
    expect(api.stored.map((s) => s.at)).to.deep.equal(made.map((e) => e.at));
    expect(await queue.flush()).to.include({ sent: 0, pending: 0 });
    expect(api.stored).to.have.length(3);
  });

  it('resends a batch whose answer was lost with the same keys, so the API keeps it once', async () => {
    const { api, sender } = fakeApi();
    const queue = new OfflineQueue(memoryStore(), sender);
    queue.addEvent(TRUCK, DAY, event('departed'));
    queue.addEvent(TRUCK, DAY, event('delayed', { delayMinutes: 15 }));
    api.loseAnswers = 1;
    expect((await queue.flush()).pending).to.equal(2);
    expect((await queue.flush()).pending).to.equal(0);
    expect(api.calls).to.have.length(2);
    expect(api.stored.map((s) => s.what)).to.deep.equal(['departed', 'delayed']);
  });

  it('keeps the order of events and positions mixed, batching only neighbours of the same kind', async () => {
    const { api, sender } = fakeApi();
    const queue = new OfflineQueue(memoryStore(), sender);
    queue.addPosition(TRUCK, DAY, position(51.9));
    queue.addPosition(TRUCK, DAY, position(51.91));
    queue.addEvent(TRUCK, DAY, event('arrived', { requestId: 'b'.repeat(24) }));
    queue.addPosition(TRUCK, DAY, position(51.92));
    await queue.flush();
    expect(api.calls).to.deep.equal([
      { kind: 'position', size: 2 },
      { kind: 'event', size: 1 },
      { kind: 'position', size: 1 },
    ]);
    expect(api.stored.map((s) => s.kind)).to.deep.equal(['position', 'position', 'event', 'position']);
  });

  it('survives a page reload: a new queue on the same store sends what the old one could not', async () => {
    const store = memoryStore();
    const offline = fakeApi();
    offline.api.failNext = 99;
    const before = new OfflineQueue(store, offline.sender);
    const e1 = event('departed');
    const e2 = event('arrived', { requestId: 'c'.repeat(24) });
    before.addEvent(TRUCK, DAY, e1);
    before.addEvent(TRUCK, DAY, e2);
    await before.flush();

    const online = fakeApi();
    const after = new OfflineQueue(store, online.sender);
    expect(after.pending).to.equal(2);
    await after.flush();
    expect(online.api.stored.map((s) => s.key)).to.deep.equal([e1.key, e2.key]);
    expect(JSON.parse(store.value!)).to.deep.equal([]);
  });

  it('runs one flush at a time, so two triggers (online event and timer) do not send twice', async () => {
    const { api, sender } = fakeApi();
    const queue = new OfflineQueue(memoryStore(), sender);
    queue.addEvent(TRUCK, DAY, event('departed'));
    const [a, b] = await Promise.all([queue.flush(), queue.flush()]);
    expect(a).to.equal(b);
    expect(api.calls).to.have.length(1);
  });

  it('drops a batch the API can never accept and sends the ones behind it', async () => {
    const { api, sender } = fakeApi();
    const refused = Object.assign(new Error('validation'), { status: 400 });
    const queue = new OfflineQueue(memoryStore(), sender, {
      isPermanent: (err) => (err as { status?: number }).status === 400,
    });
    queue.addEvent(TRUCK, DAY, event('departed'));
    queue.addPosition(TRUCK, DAY, position(51.9));
    // Only the event batch is refused; the position goes through.
    const original = api.call.bind(api);
    api.call = async (kind, items) => {
      api.rejectWith = kind === 'event' ? refused : null;
      return original(kind, items);
    };
    const result = await queue.flush();
    expect(result).to.include({ sent: 1, dropped: 1, pending: 0 });
    expect(api.stored.map((s) => s.kind)).to.deep.equal(['position']);
  });

  it('splits a long offline stretch into batches within the API limit, and ignores a key added twice', async () => {
    const { api, sender } = fakeApi();
    const changes: number[] = [];
    const queue = new OfflineQueue(memoryStore(), sender, { onChange: (n) => changes.push(n) });
    const many = Array.from({ length: MAX_EVENTS_PER_BATCH + 5 }, () => event('delayed', { delayMinutes: 5 }));
    for (const e of many) queue.addEvent(TRUCK, DAY, e);
    queue.addEvent(TRUCK, DAY, many[0]!);
    expect(queue.pending).to.equal(many.length);
    await queue.flush();
    expect(api.calls.map((c) => c.size)).to.deep.equal([MAX_EVENTS_PER_BATCH, 5]);
    expect(api.stored.map((s) => s.key)).to.deep.equal(many.map((e) => e.key));
    expect(changes.at(-1)).to.equal(0);
  });

  it('keeps every GPS fix of a 2-hour offline stretch (480 fixes, one per 15 s) when the API takes fewer a batch', async () => {
    const { api, sender } = fakeApi();
    // An API that refuses a batch of more than 285 fixes with 400, as the input guard did before the limits agreed.
    const apiLimit = 285;
    const original = api.call.bind(api);
    api.call = async (kind, items) => {
      api.rejectWith =
        items.length > apiLimit
          ? new ApiError('validation_failed', 'Ongeldige sleutel in de invoer: "positions[285] (te veel velden)".', 400)
          : null;
      return original(kind, items);
    };
    const queue = new OfflineQueue(memoryStore(), sender, {
      isSplittable: isSplittableLiveError,
      isPermanent: isPermanentLiveError,
    });
    const fixes = Array.from({ length: 480 }, (_, i) => ({
      key: makeIdempotencyKey(),
      at: new Date(Date.parse('2027-09-07T08:00:00Z') + i * 15_000).toISOString(),
      lat: 51.9 + i / 1e5,
      lng: 4.47,
    }));
    for (const p of fixes) queue.addPosition(TRUCK, DAY, p);
    const result = await queue.flush();
    expect(result).to.include({ sent: 480, dropped: 0, pending: 0 });
    expect(api.stored.map((s) => s.key)).to.deep.equal(fixes.map((p) => p.key));
    expect(api.calls[0]!.size).to.equal(MAX_POSITIONS_PER_BATCH);
  });

  it('sends batches of the size the API takes (shared/api/live.ts): 8 hours offline (1,920 fixes) in 5 requests', async () => {
    const { api, sender } = fakeApi();
    const queue = new OfflineQueue(memoryStore(), sender, {
      isSplittable: isSplittableLiveError,
      isPermanent: isPermanentLiveError,
    });
    for (let i = 0; i < 1920; i++) queue.addPosition(TRUCK, DAY, position(51.9));
    const result = await queue.flush();
    expect(result).to.include({ sent: 1920, dropped: 0 });
    expect(api.calls.map((c) => c.size)).to.deep.equal([400, 400, 400, 400, 320]);
    expect(
      positionBatchSchema.safeParse({
        positions: Array.from({ length: MAX_POSITIONS_PER_BATCH }, () => position(51.9)),
      }).success,
    ).to.equal(true);
  });

  it('drops only the one fix the API refuses on its own (400), and splits on 413 too', async () => {
    const { api, sender } = fakeApi();
    const bad = position(95); // a latitude the API refuses
    const original = api.call.bind(api);
    api.call = async (kind, items) => {
      api.rejectWith = items.some((i) => i.key === bad.key)
        ? new ApiError('validation_failed', 'lat', 400)
        : items.length > 100
          ? new ApiError('payload_too_large', 'te groot', 413)
          : null;
      return original(kind, items);
    };
    const queue = new OfflineQueue(memoryStore(), sender, {
      isSplittable: isSplittableLiveError,
      isPermanent: isPermanentLiveError,
    });
    const good = Array.from({ length: 300 }, () => position(51.9));
    good.slice(0, 150).forEach((p) => queue.addPosition(TRUCK, DAY, p));
    queue.addPosition(TRUCK, DAY, bad);
    good.slice(150).forEach((p) => queue.addPosition(TRUCK, DAY, p));
    const result = await queue.flush();
    expect(result).to.include({ sent: 300, dropped: 1, pending: 0 });
    expect(api.stored.map((s) => s.key)).to.deep.equal(good.map((p) => p.key));
  });

  it('starts empty on a damaged store entry', () => {
    const queue = new OfflineQueue(memoryStore('{not json'), fakeApi().sender);
    expect(queue.pending).to.equal(0);
  });

  it('makes keys the API accepts', () => {
    expect(makeIdempotencyKey()).to.match(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
