import { useEffect, useRef, useState } from 'react';
import type { LiveDaySnapshot } from '../../shared/api/live';
import { getLiveSnapshot, liveStreamUrl, parseLiveMessage } from '../api/live';
import { applyLiveMessage, mergeSnapshot } from '../live/liveState';

/** connecting: first load; live: the stream is open; reconnecting: waiting to try again; closed: gave up (e.g. 404). */
export type LiveConnection = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface LiveTruck {
  snapshot: LiveDaySnapshot | null;
  connection: LiveConnection;
  /** The last error (of the snapshot request), if any; kept until a snapshot arrives. */
  error: Error | null;
  /**
   * Why the server refused the stream, when it did (too many viewers from this address: 429, or on the server: 503,
   * or the database away: 503), with when to try again; null while connected or when the stream merely dropped.
   */
  refused: StreamRefusal | null;
}

export interface StreamRefusal {
  status: number;
  code: string | null;
  retryAfterSeconds: number | null;
}

/**
 * An EventSource does not tell why it failed. Asks the stream's address once more with fetch: a refusal (429 or 503,
 * a small JSON answer with Retry-After) is read; a stream that opens is closed again at once (the retry opens it).
 */
async function whyRefused(url: string): Promise<StreamRefusal | null> {
  const controller = new AbortController();
  try {
    const res = await fetch(url, { credentials: 'include', signal: controller.signal });
    if (res.status !== 429 && res.status !== 503) return null;
    const retryAfter = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    return {
      status: res.status,
      code: body?.error?.code ?? null,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    };
  } catch {
    return null; // offline, or the server away altogether: the usual "reconnecting"
  } finally {
    controller.abort();
  }
}

export interface UseLiveTruckOptions {
  /** Read the public variant (no login, no contact data). */
  isPublic?: boolean;
  /** At most one render per this many ms, however fast positions arrive. */
  throttleMs?: number;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
/** Errors after which retrying cannot help: the day does not exist, or the user may not see it. */
const FINAL_STATUSES = [401, 403, 404];

function retryDelay(attempt: number): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  // Jitter, so many viewers do not all reconnect in the same second after a server restart.
  return base / 2 + Math.random() * (base / 2);
}

/**
 * A truck's day, live: loads the snapshot, then follows the SSE stream and merges its updates by `seq`.
 * On a stream error it closes the stream, waits (exponential backoff with jitter), refetches the snapshot and
 * opens the stream again. State changes reach React at most once per `throttleMs`.
 */
export function useLiveTruck(
  truckId: string,
  date: string,
  { isPublic = false, throttleMs = 250 }: UseLiveTruckOptions = {},
): LiveTruck {
  const [view, setView] = useState<LiveTruck>({ snapshot: null, connection: 'connecting', error: null, refused: null });
  const latest = useRef<LiveTruck>(view);

  useEffect(() => {
    let disposed = false;
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let renderTimer: number | undefined;
    let lastRender = 0;
    let attempt = 0;
    const controller = new AbortController();
    latest.current = { snapshot: null, connection: 'connecting', error: null, refused: null };
    setView(latest.current);

    const render = (immediately = false) => {
      if (disposed || renderTimer !== undefined) return;
      const wait = immediately ? 0 : Math.max(0, lastRender + throttleMs - Date.now());
      renderTimer = window.setTimeout(() => {
        renderTimer = undefined;
        lastRender = Date.now();
        if (!disposed) setView(latest.current);
      }, wait);
    };
    const update = (patch: Partial<LiveTruck>, immediately = false) => {
      latest.current = { ...latest.current, ...patch };
      render(immediately);
    };

    const loadSnapshot = async (): Promise<boolean> => {
      try {
        const snapshot = await getLiveSnapshot(truckId, date, { isPublic }, controller.signal);
        if (disposed) return false;
        update({ snapshot: mergeSnapshot(latest.current.snapshot, snapshot), error: null }, true);
        return true;
      } catch (err) {
        if (disposed || controller.signal.aborted) return false;
        const error = err instanceof Error ? err : new Error(String(err));
        const status = (err as { status?: number }).status ?? 0;
        if (FINAL_STATUSES.includes(status)) {
          update({ error, connection: 'closed' }, true);
          return false;
        }
        update({ error }, true);
        return true;
      }
    };

    const open = () => {
      if (disposed) return;
      const url = liveStreamUrl(truckId, date, { isPublic });
      source = new EventSource(url, { withCredentials: true });
      source.addEventListener('open', () => {
        attempt = 0;
        update({ connection: 'live', refused: null }, true);
      });
      source.addEventListener('live', (event) => {
        const message = parseLiveMessage((event as MessageEvent<string>).data, { isPublic });
        if (!message) return;
        const next = applyLiveMessage(latest.current.snapshot, message);
        if (next !== latest.current.snapshot)
          update({ snapshot: next, connection: 'live', ...(message.type === 'snapshot' ? { error: null } : {}) });
      });
      source.addEventListener('error', () => {
        // The browser would retry by itself, but without refetching the snapshot; we do both, with our backoff.
        source?.close();
        source = null;
        if (disposed) return;
        update({ connection: 'reconnecting' }, true);
        const backoff = retryDelay(attempt++);
        void whyRefused(url).then((refused) => {
          if (disposed) return;
          update({ refused }, true);
          // A refusal says when a slot may be free: not sooner than that.
          const delay = Math.max(backoff, (refused?.retryAfterSeconds ?? 0) * 1000);
          retryTimer = window.setTimeout(() => {
            void loadSnapshot().then((retry) => {
              if (retry) open();
            });
          }, delay);
        });
      });
    };

    void loadSnapshot().then((ok) => {
      if (ok) open();
    });

    return () => {
      disposed = true;
      controller.abort();
      source?.close();
      window.clearTimeout(retryTimer);
      window.clearTimeout(renderTimer);
    };
  }, [truckId, date, isPublic, throttleMs]);

  return view;
}
