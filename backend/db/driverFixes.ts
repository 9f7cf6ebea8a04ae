import { createRequire } from 'node:module';

/**
 * A fix for a hang in the MongoDB Node.js driver (7.8, `lib/cmap/connection.js`), applied once at start.
 *
 * `Connection.writeCommand` writes a command to the socket and, when `socket.write` returns false, waits for the
 * socket's `drain` (or `error`) event. When the server dies, a connection can be checked out after its peer has
 * closed but before the driver has seen the socket's `close`: the write returns false, the socket closes without an
 * `error`, the driver's clean-up only fails readers, and the writer waits for a `drain` that never comes. With
 * client-wide `timeoutMS` gone from driver 7 and the socket timer stopped by the close, nothing ends that wait: the
 * operation never settles, and neither does the HTTP request or the insert batch (db/batchedInsert.ts) waiting on
 * it. Seen in about one run in ten of the lifecycle test that kills the embedded database under 160 form posts:
 * a `find` on such a connection was pending 25 s later.
 *
 * The fix: the write also ends when the connection closes (the driver emits `close` on the connection in its
 * clean-up), with the error the driver recorded, a MongoNetworkError, which the API answers as 503 (database away).
 * Applies to MongoDB and FerretDB alike (a TCP peer that resets gives the same race). Should a driver update change
 * these internals, nothing is patched and connectDatabase logs a warning.
 */
interface DriverConnection {
  closed: boolean;
  error: Error | null;
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
  writeCommand(command: unknown, options: unknown): Promise<void>;
}

let applied: boolean | null = null;

/** Patches the driver once; true when the fix is in place. */
export function applyDriverFixes(): boolean {
  if (applied !== null) return applied;
  applied = false;
  const require = createRequire(import.meta.url);
  let Connection: { prototype: DriverConnection; CLOSE?: unknown };
  let NetworkError: new (message: string) => Error;
  try {
    ({ Connection } = require('mongodb/lib/cmap/connection') as { Connection: typeof Connection });
    ({ MongoNetworkError: NetworkError } = require('mongodb') as { MongoNetworkError: typeof NetworkError });
  } catch {
    return false;
  }
  const original = Connection.prototype.writeCommand;
  if (typeof original !== 'function' || Connection.CLOSE !== 'close') return false;
  Connection.prototype.writeCommand = function writeCommandUntilClosed(
    this: DriverConnection,
    command: unknown,
    options: unknown,
  ): Promise<void> {
    const closedError = () => this.error ?? new NetworkError('connection closed while a command was being written');
    if (this.closed) return Promise.reject(closedError());
    let onClose: () => void = () => undefined;
    const closed = new Promise<never>((_, reject) => {
      onClose = () => reject(closedError());
      this.once('close', onClose);
    });
    return Promise.race([original.call(this, command, options), closed]).finally(() => this.off('close', onClose));
  };
  applied = true;
  return true;
}
