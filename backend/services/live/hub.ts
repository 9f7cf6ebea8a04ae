import {
  LIVE_EVENT_NAME,
  LIVE_HEARTBEAT_MS,
  toPublicMessage,
  type LiveMessage,
  type PublicLiveMessage,
} from '../../../shared/api/live';
import type { Logger } from '../../logger';
import { changesAfter } from './feed';

/** Where a viewer's stream goes (an HTTP response in the route; anything with write/end in a test). */
export interface LiveSink {
  write(chunk: string): unknown;
  end(): void;
}

/** Which form of the messages a viewer gets: everything (crew, coordinators) or the public form (schools). */
export type LiveVariant = 'full' | 'public';

interface Viewer {
  sink: LiveSink;
  variant: LiveVariant;
  /** The last sequence number this viewer has (from its snapshot, then from each message). */
  after: number;
}

interface Channel {
  truckId: string;
  date: string;
  /** The last sequence number fetched from the feed. */
  cursor: number;
  viewers: Set<Viewer>;
  /** Recent messages, so a viewer whose snapshot is older than the cursor still gets what it missed. */
  recent: Array<{ seq: number; full: string; public: string }>;
  polling: boolean;
  again: boolean;
}

/** Options of a hub: how often to poll the feed while there are viewers, and the heartbeat interval. */
export interface LiveHubOptions {
  logger: Logger;
  pollMs?: number;
  heartbeatMs?: number;
}

const RECENT = 200;

/** One SSE message: `id:`, `event: live` and the JSON on one `data:` line. */
export function sseMessage(seq: number | null, message: LiveMessage | PublicLiveMessage): string {
  return `${seq === null ? '' : `id: ${seq}\n`}event: ${LIVE_EVENT_NAME}\ndata: ${JSON.stringify(message)}\n\n`;
}

/**
 * The live fan-out of one app instance. It keeps no state that other instances need: every change is in the
 * liveChanges feed (MongoDB/FerretDB), and each instance polls the feed of the days its own viewers watch
 * (every `pollMs`, only while it has viewers) and writes new messages to them in sequence order. A write
 * made through this instance asks for an immediate poll (`notify`), so its own viewers need not wait.
 */
export class LiveHub {
  private readonly channels = new Map<string, Channel>();
  private pollTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private closed = false;

  constructor(private readonly options: LiveHubOptions) {
    this.pollMs = options.pollMs ?? 250;
    this.heartbeatMs = options.heartbeatMs ?? LIVE_HEARTBEAT_MS;
  }

  /**
   * Adds a viewer of a truck's day that already has everything up to `afterSeq` (its snapshot); returns the
   * function that removes it.
   */
  async subscribe(
    truckId: string,
    date: string,
    afterSeq: number,
    sink: LiveSink,
    variant: LiveVariant,
  ): Promise<() => void> {
    if (this.closed) {
      sink.end();
      return () => undefined;
    }
    const key = `${truckId}:${date}`;
    let channel = this.channels.get(key);
    if (!channel) {
      channel = { truckId, date, cursor: afterSeq, viewers: new Set(), recent: [], polling: false, again: false };
      this.channels.set(key, channel);
    }
    const viewer: Viewer = { sink, variant, after: afterSeq };
    // A snapshot older than what the channel already fetched, and older than its recent messages: catch up from the feed.
    const oldest = channel.recent[0]?.seq ?? channel.cursor + 1;
    if (afterSeq < channel.cursor && oldest > afterSeq + 1) {
      for (const e of await changesAfter(truckId, date, afterSeq)) {
        if (e.seq >= oldest) break;
        this.deliver(viewer, {
          seq: e.seq,
          full: sseMessage(e.seq, e.message),
          public: sseMessage(e.seq, toPublicMessage(e.message)),
        });
      }
    }
    // While catching up, the last viewer may have left and another joined: use the channel that is current now.
    channel = this.channels.get(key) ?? channel;
    this.channels.set(key, channel);
    for (const m of channel.recent) this.deliver(viewer, m);
    channel.viewers.add(viewer);
    this.startTimers();
    if (channel.cursor < afterSeq) this.poll(channel);
    const current = channel;
    return () => {
      current.viewers.delete(viewer);
      if (current.viewers.size === 0 && this.channels.get(key) === current) this.channels.delete(key);
      if (this.channels.size === 0) this.stopTimers();
    };
  }

  /** Asks for an immediate poll of a day (a change was just written through this instance). */
  notify(truckId: string, date: string): void {
    const channel = this.channels.get(`${truckId}:${date}`);
    if (channel) this.poll(channel);
  }

  /** How many days are watched and by how many viewers, on this instance. */
  stats(): { channels: number; viewers: number } {
    let viewers = 0;
    for (const c of this.channels.values()) viewers += c.viewers.size;
    return { channels: this.channels.size, viewers };
  }

  /** Ends every stream and stops polling (at shutdown). */
  close(): void {
    this.closed = true;
    this.stopTimers();
    for (const c of this.channels.values()) for (const v of c.viewers) v.sink.end();
    this.channels.clear();
  }

  private startTimers(): void {
    if (!this.pollTimer) {
      this.pollTimer = setInterval(() => {
        for (const c of this.channels.values()) this.poll(c);
      }, this.pollMs);
      this.pollTimer.unref();
    }
    if (!this.heartbeatTimer) {
      this.heartbeatTimer = setInterval(() => {
        const line = `: heartbeat ${new Date().toISOString()}\n\n`;
        for (const c of this.channels.values()) for (const v of c.viewers) v.sink.write(line);
      }, this.heartbeatMs);
      this.heartbeatTimer.unref();
    }
  }

  private stopTimers(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.pollTimer = null;
    this.heartbeatTimer = null;
  }

  private poll(channel: Channel): void {
    if (channel.polling) {
      channel.again = true;
      return;
    }
    channel.polling = true;
    void this.pollOnce(channel)
      .catch((err: unknown) =>
        this.options.logger.warn(
          { err, truckId: channel.truckId, date: channel.date },
          'live feed poll failed; retrying',
        ),
      )
      .finally(() => {
        channel.polling = false;
        if (channel.again && !this.closed) {
          channel.again = false;
          this.poll(channel);
        }
      });
  }

  private async pollOnce(channel: Channel): Promise<void> {
    for (;;) {
      const entries = await changesAfter(channel.truckId, channel.date, channel.cursor);
      for (const e of entries) {
        if (e.seq <= channel.cursor) continue;
        channel.cursor = e.seq;
        const m = {
          seq: e.seq,
          full: sseMessage(e.seq, e.message),
          public: sseMessage(e.seq, toPublicMessage(e.message)),
        };
        channel.recent.push(m);
        if (channel.recent.length > RECENT) channel.recent.shift();
        for (const v of channel.viewers) this.deliver(v, m);
      }
      if (entries.length < 500) return;
    }
  }

  private deliver(viewer: Viewer, m: { seq: number; full: string; public: string }): void {
    if (m.seq <= viewer.after) return;
    viewer.after = m.seq;
    viewer.sink.write(viewer.variant === 'full' ? m.full : m.public);
  }
}
