import { expect } from 'chai';
import { createRequire } from 'node:module';
import { Duplex } from 'node:stream';
import { applyDriverFixes } from '../../backend/db/driverFixes';

const require = createRequire(import.meta.url);
const { Connection } = require('mongodb/lib/cmap/connection') as {
  Connection: new (
    stream: Duplex,
    options: Record<string, unknown>,
  ) => { writeCommand(command: unknown, options: unknown): Promise<void>; closed: boolean };
};

/** A socket whose peer has gone: it takes no more bytes (write returns false) and then closes without an error. */
function deadSocket(): Duplex {
  return new Duplex({
    writableHighWaterMark: 1,
    read() {},
    write() {}, // never done: the buffer stays full, no 'drain'
  });
}

const command = { toBin: async () => [Buffer.from('a command')] };

/** Settles like `p`, or rejects when `p` is still pending after `ms`. */
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)),
  ]);

describe('the MongoDB driver fix (db/driverFixes.ts)', () => {
  before(() => {
    expect(applyDriverFixes(), 'the driver internals the fix patches').to.equal(true);
  });

  it('ends a write that waits for drain when its connection closes, with a network error (the API answers 503)', async () => {
    const socket = deadSocket();
    const connection = new Connection(socket, { id: 1, socketTimeoutMS: 0 });
    const written = connection.writeCommand(command, { agreedCompressor: 'none' });
    setTimeout(() => socket.destroy(), 20); // closes without an error event, as a Unix socket whose server died
    const err = await within(written, 2000).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.name).to.equal('MongoNetworkError');
    expect(connection.closed).to.equal(true);
  });

  it('refuses a write on a connection that is already closed, and lets a normal write through', async () => {
    const socket = deadSocket();
    const connection = new Connection(socket, { id: 2, socketTimeoutMS: 0 });
    socket.destroy();
    await new Promise((r) => setImmediate(r));
    const err = await within(connection.writeCommand(command, { agreedCompressor: 'none' }), 2000).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.name).to.equal('MongoNetworkError');

    const chunks: Buffer[] = [];
    const open = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    await within(
      new Connection(open, { id: 3, socketTimeoutMS: 0 }).writeCommand(command, { agreedCompressor: 'none' }),
      2000,
    );
    expect(Buffer.concat(chunks).toString()).to.equal('a command');
  });
});
