import {
  MAX_EVENTS_PER_BATCH,
  MAX_POSITIONS_PER_BATCH,
  type EventBatch,
  type PositionBatch,
} from '../../shared/api/live';

export { MAX_EVENTS_PER_BATCH, MAX_POSITIONS_PER_BATCH };

/** A crew event as the API takes it (key and time made on the phone when the button was pressed). */
export type QueuedEvent = EventBatch['events'][number];
/** A GPS fix as the API takes it. */
export type QueuedPosition = PositionBatch['positions'][number];

/** One report waiting to be sent, for one truck-day, in the order it was made. */
export type QueueItem =
  | { kind: 'event'; truckId: string; date: string; event: QueuedEvent }
  | { kind: 'position'; truckId: string; date: string; position: QueuedPosition };

/** Sends batches to the API; a rejected promise means "not sent (or not known to be sent)". */
export interface QueueSender {
  sendEvents(truckId: string, date: string, events: QueuedEvent[]): Promise<void>;
  sendPositions(truckId: string, date: string, positions: QueuedPosition[]): Promise<void>;
}

/** Where the queue keeps its items between page loads (localStorage on the phone, a Map in tests). */
export interface QueueStore {
  load(): string | null;
  save(value: string): void;
}

export interface OfflineQueueOptions {
  /**
   * True when the API refused the batch as a whole for its size or for one bad report in it (400, 413): the batch is
   * split in halves and sent again, so only a report the API refuses on its own is ever dropped. Checked before
   * isPermanent.
   */
  isSplittable?(error: unknown): boolean;
  /**
   * True for a failure that no retry can fix (e.g. 404 for an unknown day): the batch is dropped so it does not block
   * the reports behind it. Anything else (offline, 5xx, 429, logged out) keeps the batch for the next flush.
   */
  isPermanent?(error: unknown): boolean;
  /** Called after every change of the queue (for a "n reports waiting" label). */
  onChange?(pending: number): void;
}

/** What a flush did: how many items left the queue, how many were dropped as unsendable, and the stopping error. */
export interface FlushResult {
  sent: number;
  dropped: number;
  pending: number;
  error: unknown;
}

/** A key the API accepts (8–64 of [A-Za-z0-9_-]); crypto.randomUUID() where the browser has it. */
export function makeIdempotencyKey(random: () => number = Math.random): string {
  const uuid = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : null;
  if (uuid) return uuid;
  let key = '';
  for (let i = 0; i < 32; i++) key += Math.floor(random() * 16).toString(16);
  return key;
}

function isQueueItem(value: unknown): value is QueueItem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.truckId !== 'string' || typeof v.date !== 'string') return false;
  if (v.kind === 'event')
    return typeof v.event === 'object' && v.event !== null && typeof (v.event as { key?: unknown }).key === 'string';
  if (v.kind === 'position')
    return (
      typeof v.position === 'object' && v.position !== null && typeof (v.position as { key?: unknown }).key === 'string'
    );
  return false;
}

function itemKey(item: QueueItem): string {
  return item.kind === 'event' ? item.event.key : item.position.key;
}

/**
 * Reports made on the road, kept in order until the API has them. Items are sent oldest first, in batches of
 * consecutive items of the same kind and truck-day, so events keep their order and each keeps its own time.
 * A batch leaves the queue only after the API answered it; if the answer is lost the batch is sent again with the
 * same idempotency keys, and the API stores it once. Only one flush runs at a time.
 */
export class OfflineQueue {
  private items: QueueItem[];
  private running: Promise<FlushResult> | null = null;

  constructor(
    private readonly store: QueueStore,
    private readonly sender: QueueSender,
    private readonly options: OfflineQueueOptions = {},
  ) {
    this.items = OfflineQueue.read(store);
  }

  private static read(store: QueueStore): QueueItem[] {
    try {
      const raw = store.load();
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter(isQueueItem) : [];
    } catch {
      // A damaged entry must not stop the crew from reporting; start empty.
      return [];
    }
  }

  /** The number of reports not yet sent. */
  get pending(): number {
    return this.items.length;
  }

  /** A copy of the waiting reports, oldest first. */
  snapshot(): QueueItem[] {
    return [...this.items];
  }

  /** Adds an event to the end of the queue (ignored if its key is already waiting). */
  addEvent(truckId: string, date: string, event: QueuedEvent): void {
    this.add({ kind: 'event', truckId, date, event });
  }

  /** Adds a GPS fix to the end of the queue (ignored if its key is already waiting). */
  addPosition(truckId: string, date: string, position: QueuedPosition): void {
    this.add({ kind: 'position', truckId, date, position });
  }

  private add(item: QueueItem): void {
    const key = itemKey(item);
    if (this.items.some((i) => itemKey(i) === key)) return;
    this.items.push(item);
    this.persist();
  }

  private persist(): void {
    try {
      this.store.save(JSON.stringify(this.items));
    } catch {
      // Storage full or blocked: the items stay in memory and are still sent while the page is open.
    }
    this.options.onChange?.(this.items.length);
  }

  /** Sends what is waiting, oldest first, stopping at the first batch that fails for a reason worth retrying. */
  flush(): Promise<FlushResult> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<FlushResult> {
    let sent = 0;
    let dropped = 0;
    // Halved when the API refuses a batch as too large (or for one bad report in it), doubled again after a success.
    let limit = Infinity;
    while (this.items.length > 0) {
      const batch = this.nextBatch(limit);
      try {
        await this.sendBatch(batch);
        sent += batch.length;
        limit = limit * 2;
      } catch (error) {
        if (this.options.isSplittable?.(error)) {
          if (batch.length > 1) {
            limit = Math.ceil(batch.length / 2); // nothing leaves the queue: the halves are sent next
            continue;
          }
          dropped += 1; // one report the API refuses on its own can never be sent
        } else if (this.options.isPermanent?.(error)) {
          dropped += batch.length;
        } else {
          return { sent, dropped, pending: this.items.length, error };
        }
      }
      const done = new Set(batch.map(itemKey));
      this.items = this.items.filter((i) => !done.has(itemKey(i)));
      this.persist();
    }
    return { sent, dropped, pending: 0, error: null };
  }

  /** The oldest item and the consecutive items that can go in the same request (at most `limit`). */
  private nextBatch(limit: number): QueueItem[] {
    const first = this.items[0]!;
    const max = Math.min(limit, first.kind === 'event' ? MAX_EVENTS_PER_BATCH : MAX_POSITIONS_PER_BATCH);
    const batch: QueueItem[] = [];
    for (const item of this.items) {
      if (item.kind !== first.kind || item.truckId !== first.truckId || item.date !== first.date || batch.length >= max)
        break;
      batch.push(item);
    }
    return batch;
  }

  private sendBatch(batch: QueueItem[]): Promise<void> {
    const { truckId, date } = batch[0]!;
    if (batch[0]!.kind === 'event') {
      return this.sender.sendEvents(
        truckId,
        date,
        batch.flatMap((i) => (i.kind === 'event' ? [i.event] : [])),
      );
    }
    return this.sender.sendPositions(
      truckId,
      date,
      batch.flatMap((i) => (i.kind === 'position' ? [i.position] : [])),
    );
  }
}

/** A QueueStore on a Web Storage (localStorage) entry. */
export function webStorageStore(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string): QueueStore {
  return {
    load: () => storage.getItem(key),
    save: (value) => storage.setItem(key, value),
  };
}
