import type { Logger } from '../logger';
import { isDuplicateKey } from './claims';
import { PlainDocumentMismatch } from './batchedInsert';

/**
 * Writes that follow one already acknowledged to the client, and that nobody waits for: the public form's email
 * (services/requests.ts) and its rate-limit count (services/rateLimits.ts). The form's answer leaves after the one
 * write it cannot do without; these follow in lingering batches (insertPlain's `later`), which costs the database
 * a fraction of a write each.
 *
 * A failed attempt is tried again with back-off for as long as the process runs: the database may be away for a
 * while. A duplicate key counts as done (these documents have their `_id` fixed up front, so a retry of a write
 * that did land finds it). flushDeferredWrites() waits for all of it: the shutdown does, for a few seconds at
 * most, and tests do before they count documents. What a hard crash cuts off is recovered where it matters
 * (services/requests.ts, recoverRequestEmails).
 */
const running = new Set<Promise<void>>();
let log: Logger | undefined;

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/** Where failed attempts are reported (the app's logger). */
export function logDeferredWritesTo(logger: Logger): void {
  log = logger;
}

/**
 * Runs `write` now, in the background, until it succeeds (see above); with `retry: false` only once (for a write
 * whose loss costs little, such as a rate-limit count while the database is away). `what` names it in the log.
 */
export function writeLater(what: string, write: () => Promise<unknown>, options: { retry?: boolean } = {}): void {
  const retry = options.retry ?? true;
  const job = (async () => {
    for (let attempt = 1, wait = FIRST_RETRY_MS; ; attempt++, wait = Math.min(MAX_RETRY_MS, wait * 2)) {
      try {
        await write();
        if (attempt > 1) log?.info({ what, attempt }, 'deferred write done after retrying');
        return;
      } catch (err) {
        if (isDuplicateKey(err)) return;
        if (err instanceof PlainDocumentMismatch) {
          log?.error({ what, err: err.message }, 'deferred write refused: a bug in its document builder');
          return;
        }
        const message = err instanceof Error ? err.message : String(err);
        if (!retry) {
          log?.warn({ what, err: message }, 'deferred write failed; not tried again');
          return;
        }
        log?.warn({ what, attempt, err: message, retryInMs: wait }, 'deferred write failed; trying again');
        // unref: a write still failing does not keep a stopping process alive (the server's shutdown waits a
        // few seconds for these, then exits; request emails are then written at the next start).
        await new Promise((done) => setTimeout(done, wait).unref());
      }
    }
  })();
  running.add(job);
  void job.finally(() => running.delete(job));
}

/**
 * Waits until every deferred write so far (and any they start) is done, or `timeoutMs` has passed; returns how
 * many were still running then.
 */
export async function flushDeferredWrites(timeoutMs = Number.POSITIVE_INFINITY): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (running.size > 0 && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => {
      if (Number.isFinite(timeoutMs)) timer = setTimeout(done, Math.max(0, deadline - Date.now()));
    });
    await Promise.race([Promise.allSettled([...running]), timeout]);
    clearTimeout(timer);
  }
  return running.size;
}
