import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mongoose, { type Types } from 'mongoose';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../../logger';
import { insertBatched } from '../../db/batchedInsert';
import { isDuplicateKey } from '../../db/claims';
import { OutboxLease, OutboxMessage } from '../../models';
import { removeExpired } from '../housekeeping';

/** How the outbox worker sends: SMTP when `smtpUrl` is set, else .eml files in `outboxDir`. */
export interface OutboxWorkerOptions {
  smtpUrl?: string | undefined;
  outboxDir: string;
  from: string;
  logger: Logger;
  /** How often to look for due messages. */
  pollMs?: number;
  /** First retry after this; each next one waits twice as long (capped at 6 hours). */
  baseBackoffMs?: number;
  /** After this many failed attempts a message is "failed" and no longer retried. */
  maxAttempts?: number;
  /** How long a claimed attempt stays reserved for the worker sending it; after that another worker takes it over. */
  leaseMs?: number;
  /** Sent messages (and their leases) older than this many days are removed by the housekeeping (default 30). */
  retentionDays?: number;
  /** How long stop() waits for the message in flight (default 5 s); the rest of a backlog waits for the next start. */
  stopTimeoutMs?: number;
  now?: () => Date;
}

/** A running outbox worker. */
export interface OutboxWorker {
  /** Sends every message that is due now; returns how many were attempted. */
  deliverDue(): Promise<number>;
  /** Removes sent messages older than the retention period, and their leases; returns how many messages went. */
  pruneSent(): Promise<number>;
  /** Stops: no new message is started, the one in flight may finish (within stopTimeoutMs). */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 6 * 60 * 60_000;
const HOUSEKEEPING_EVERY_MS = 10 * 60_000;
/** Due messages read per scan of the outbox (one scan serves this many sends). */
const SCAN_BATCH = 200;
/** Messages whose leases are claimed together (one insert), then sent one after the other. */
const CLAIM_GROUP = 25;
/** Takeovers of one attempt at most (each needs the previous claim to be older than the lease). */
const MAX_TAKEOVERS = 20;
export const DEFAULT_OUTBOX_RETENTION_DAYS = 30;

/** Starts polling the outbox (and removing expired sessions, links, counters and old sent messages now and then). */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const worker = createOutboxWorker(options);
  const pollMs = options.pollMs ?? 5000;
  let stopped = false;
  let lastHousekeeping = 0;
  let round: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (stopped || mongoose.connection.readyState !== mongoose.ConnectionStates.connected) return;
    await worker.deliverDue();
    if (!stopped && Date.now() - lastHousekeeping > HOUSEKEEPING_EVERY_MS) {
      lastHousekeeping = Date.now();
      await removeExpired(new Date());
      await worker.pruneSent();
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    round = round.then(tick).catch((err: unknown) => options.logger.warn({ err }, 'outbox round failed'));
  }, pollMs);
  timer.unref();
  return {
    deliverDue: worker.deliverDue,
    pruneSent: worker.pruneSent,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await worker.stop(); // the round in flight ends after its current message
      await withTimeout(round, 1000); // and the housekeeping, should it be running
    },
  };
}

/** Waits for `work`, or at most `ms`. */
function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((done) => {
      timer = setTimeout(done, ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The message fields a send needs. */
interface Due {
  _id: Types.ObjectId;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  kind: string;
  attempts?: number | null;
  createdAt: Date;
}

/** The worker's delivery step without a timer, for tests and for startOutboxWorker. */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const now = options.now ?? (() => new Date());
  const baseBackoffMs = options.baseBackoffMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const retentionMs = (options.retentionDays ?? DEFAULT_OUTBOX_RETENTION_DAYS) * 24 * 3600_000;
  const smtp: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let stopping = false;

  /**
   * Claims attempt `attempt` of message `id` by inserting its lease (unique `_id`): true for exactly one of any
   * number of workers (returns the lease's name; null for the others). An attempt whose lease is older than leaseMs and still not recorded (its worker died) is
   * taken over under the next name ("~1", "~2" …), again by exactly one worker.
   */
  async function claimAttempt(id: string, attempt: number, t: Date): Promise<string | null> {
    for (let takeover = 0; takeover <= MAX_TAKEOVERS; takeover++) {
      const name = `${id}#${attempt}${takeover === 0 ? '' : `~${takeover}`}`;
      try {
        await insertBatched(OutboxLease, { _id: name, at: t });
        return name;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const held = await OutboxLease.findById(name).lean<{ at: Date }>();
      if (!held || t.getTime() - new Date(held.at).getTime() <= leaseMs) return null;
    }
    return null;
  }

  /** Due messages, oldest first: one scan of the outbox for up to SCAN_BATCH sends (FerretDB scans every document). */
  function findDue(t: Date): Promise<Due[]> {
    return OutboxMessage.find(
      { status: 'queued', nextAttemptAt: mongoose.trusted({ $lte: t }) },
      { to: 1, subject: 1, text: 1, html: 1, kind: 1, attempts: 1, createdAt: 1 },
    )
      .sort({ nextAttemptAt: 1, _id: 1 })
      .limit(SCAN_BATCH)
      .lean<Due[]>();
  }

  /** Sends one message; true when it left, else its failure is recorded (retry with back-off, or failed). */
  async function send(msg: Due, attempts: number): Promise<boolean> {
    const mail = { from: options.from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html ?? undefined };
    try {
      if (smtp) {
        await smtp.sendMail(mail);
      } else {
        const info = await files.sendMail(mail);
        await mkdir(options.outboxDir, { recursive: true });
        const stamp = msg.createdAt.toISOString().replace(/[:.]/g, '-');
        await writeFile(
          join(options.outboxDir, `${stamp}-${msg.kind}-${msg._id.toString()}.eml`),
          info.message as Buffer,
        );
      }
      return true;
    } catch (err) {
      const failed = attempts >= maxAttempts;
      const wait = Math.min(baseBackoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      options.logger.warn(
        { outboxId: msg._id.toString(), attempts, failed, err: (err as Error).message },
        'email not sent',
      );
      await OutboxMessage.updateOne(
        { _id: msg._id },
        {
          $set: {
            status: failed ? 'failed' : 'queued',
            attempts,
            nextAttemptAt: failed ? null : new Date(now().getTime() + wait),
            lastError: String((err as Error).message ?? err).slice(0, 500),
          },
        },
      );
      return false;
    }
  }

  /**
   * Records a sent message. On FerretDB's SQLite backend every update scans the whole collection, also by `_id`
   * (about 0.03 ms per stored message; an updateMany with `$in` of 25 ids took longer than 25 updates), so the
   * cost of this step grows with the outbox: sent messages are removed after the retention period (pruneSent).
   */
  async function recordSent(id: Types.ObjectId, attempts: number): Promise<void> {
    await OutboxMessage.updateOne(
      { _id: id },
      {
        $set: {
          status: 'sent',
          attempts,
          sentAt: now(),
          nextAttemptAt: null,
          lastError: null,
          transport: smtp ? 'smtp' : 'file',
        },
      },
    );
  }

  let active: Promise<number> | null = null;
  function deliverDue(): Promise<number> {
    const run = deliverAll().finally(() => {
      if (active === run) active = null;
    });
    active = run;
    return run;
  }

  async function deliverAll(): Promise<number> {
    let count = 0;
    while (!stopping) {
      const t = now();
      const due = await findDue(t);
      for (let i = 0; i < due.length && !stopping; i += CLAIM_GROUP) {
        // A group's leases leave together (one insertMany, db/batchedInsert.ts); each is won or lost on its own.
        const group = due.slice(i, i + CLAIM_GROUP).map((msg) => ({ msg, attempts: (msg.attempts ?? 0) + 1 }));
        const won = await Promise.all(group.map(({ msg, attempts }) => claimAttempt(msg._id.toString(), attempts, t)));
        for (const [k, { msg, attempts }] of group.entries()) {
          const lease = won[k];
          if (!lease) continue; // another worker has this attempt
          if (stopping) {
            await OutboxLease.deleteOne({ _id: lease }).catch(() => undefined); // not started: free it for the next worker
            continue;
          }
          count += 1;
          if (await send(msg, attempts)) await recordSent(msg._id, attempts);
        }
      }
      if (due.length < SCAN_BATCH) break;
    }
    return count;
  }

  async function pruneSent(): Promise<number> {
    const before = new Date(now().getTime() - retentionMs);
    const { deletedCount } = await OutboxMessage.deleteMany({
      status: 'sent',
      sentAt: mongoose.trusted({ $lt: before }),
    });
    // Leases of attempts that long ago: their messages are gone or done (a lease only guards an attempt in flight).
    await OutboxLease.deleteMany({ at: mongoose.trusted({ $lt: before }) });
    return deletedCount;
  }

  return {
    deliverDue,
    pruneSent,
    async stop() {
      stopping = true;
      if (active) await withTimeout(active, options.stopTimeoutMs ?? 5000);
      smtp?.close();
    },
  };
}
