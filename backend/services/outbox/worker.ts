import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mongoose from 'mongoose';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../../logger';
import { OutboxMessage } from '../../models';
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
  /** How long a claimed message stays reserved for the worker sending it. */
  leaseMs?: number;
  now?: () => Date;
}

/** A running outbox worker. */
export interface OutboxWorker {
  /** Sends every message that is due now; returns how many were attempted. */
  deliverDue(): Promise<number>;
  /** Stops polling and waits for the current round to finish. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 6 * 60 * 60_000;
const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

/** Starts polling the outbox (and removing expired sessions, links and counters now and then). */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const worker = createOutboxWorker(options);
  const pollMs = options.pollMs ?? 5000;
  let stopped = false;
  let lastHousekeeping = 0;
  let round: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected) return;
    await worker.deliverDue();
    if (Date.now() - lastHousekeeping > HOUSEKEEPING_EVERY_MS) {
      lastHousekeeping = Date.now();
      await removeExpired(new Date());
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    round = round.then(tick).catch((err: unknown) => options.logger.warn({ err }, 'outbox round failed'));
  }, pollMs);
  timer.unref();
  return {
    deliverDue: worker.deliverDue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await round;
      await worker.stop();
    },
  };
}

/** The worker's delivery step without a timer, for tests and for startOutboxWorker. */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const now = options.now ?? (() => new Date());
  const baseBackoffMs = options.baseBackoffMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const smtp: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  async function claim() {
    const t = now();
    // The lease (nextAttemptAt in the future) keeps a second instance from sending it too; findOneAndUpdate is atomic
    // on MongoDB. The embedded FerretDB serves one app process, whose worker claims one message at a time.
    return OutboxMessage.findOneAndUpdate(
      { status: 'queued', nextAttemptAt: mongoose.trusted({ $lte: t }) },
      { $set: { nextAttemptAt: new Date(t.getTime() + leaseMs) }, $inc: { attempts: 1 } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
    ).lean();
  }

  async function deliverDue(): Promise<number> {
    let count = 0;
    for (let msg = await claim(); msg; msg = await claim()) {
      count += 1;
      const mail = { from: options.from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html ?? undefined };
      try {
        if (smtp) {
          await smtp.sendMail(mail);
        } else {
          const info = await files.sendMail(mail);
          await mkdir(options.outboxDir, { recursive: true });
          const stamp = msg.createdAt.toISOString().replace(/[:.]/g, '-');
          await writeFile(join(options.outboxDir, `${stamp}-${msg.kind}-${msg._id.toString()}.eml`), info.message as Buffer);
        }
        await OutboxMessage.updateOne(
          { _id: msg._id },
          { $set: { status: 'sent', sentAt: now(), nextAttemptAt: null, lastError: null, transport: smtp ? 'smtp' : 'file' } },
        );
      } catch (err) {
        const attempts = msg.attempts ?? 1;
        const failed = attempts >= maxAttempts;
        const wait = Math.min(baseBackoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
        options.logger.warn({ outboxId: msg._id.toString(), attempts, failed, err: (err as Error).message }, 'email not sent');
        await OutboxMessage.updateOne(
          { _id: msg._id },
          {
            $set: {
              status: failed ? 'failed' : 'queued',
              nextAttemptAt: failed ? null : new Date(now().getTime() + wait),
              lastError: String((err as Error).message ?? err).slice(0, 500),
            },
          },
        );
      }
    }
    return count;
  }

  return {
    deliverDue,
    async stop() {
      smtp?.close();
    },
  };
}
