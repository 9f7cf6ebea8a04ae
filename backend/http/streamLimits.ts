import type { Request, Response } from 'express';
import { AppError, RateLimitedError } from '../errors';

/** How many anonymous live streams this instance keeps open: per client IP and in all. */
export interface StreamLimits {
  perIp: number;
  total: number;
}

/** Seconds a refused viewer is asked to wait: streams end when people close the page, so slots come free quickly. */
const RETRY_AFTER_SECONDS = 30;

/** The server has no room for more of something (all live-stream slots taken); try again after `retryAfterSeconds`. */
export class ServerBusyError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('server_busy', message, { retryAfterSeconds });
  }
}

/**
 * Counts the open anonymous streams of this instance, per IP and in all. Each open stream holds a socket and about
 * 80 KB of memory until the viewer leaves, so without a cap one client could open thousands and stall the server.
 */
export class StreamLimiter {
  private readonly byIp = new Map<string, number>();
  private open = 0;

  constructor(private readonly limits: StreamLimits) {}

  /**
   * Takes a slot for `ip`, released when `res` closes: 429 `rate_limited` when this IP has `perIp` streams open, 503
   * `server_busy` when the instance has `total`; both with Retry-After.
   */
  acquire(ip: string, res: Response): void {
    const mine = this.byIp.get(ip) ?? 0;
    if (mine >= this.limits.perIp) {
      const err = new RateLimitedError(RETRY_AFTER_SECONDS);
      err.message = `Er staan al ${this.limits.perIp} live-verbindingen open vanaf dit adres. Sluit er een of probeer het over ${RETRY_AFTER_SECONDS} seconden opnieuw.`;
      throw err;
    }
    if (this.open >= this.limits.total) {
      throw new ServerBusyError(
        `De live-weergave is even vol (${this.limits.total} kijkers). Probeer het over ${RETRY_AFTER_SECONDS} seconden opnieuw.`,
        RETRY_AFTER_SECONDS,
      );
    }
    this.byIp.set(ip, mine + 1);
    this.open += 1;
    let released = false;
    res.once('close', () => {
      if (released) return;
      released = true;
      this.open -= 1;
      const left = (this.byIp.get(ip) ?? 1) - 1;
      if (left <= 0) this.byIp.delete(ip);
      else this.byIp.set(ip, left);
    });
  }

  stats(): { open: number; ips: number } {
    return { open: this.open, ips: this.byIp.size };
  }
}

/** The client's IP as the limiter counts it. */
export const streamClientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
