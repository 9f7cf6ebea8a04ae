import { expect } from 'chai';
import { isDatabaseDown } from '../../backend/http/errorHandler';

const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(Object.assign(new Error(name), { name }), extra);
const errno = (code: string, syscall: string) => Object.assign(new Error(`${syscall} ${code}`), { code, syscall });

describe('isDatabaseDown: which errors answer 503 with Retry-After', () => {
  it('knows the driver errors of a lost or closed connection, also wrapped in a bulk-write error', () => {
    expect(isDatabaseDown(named('MongoNetworkError'))).to.equal(true);
    expect(isDatabaseDown(named('MongoServerSelectionError'))).to.equal(true);
    expect(isDatabaseDown(named('MongoBulkWriteError', { errorResponse: named('MongoNetworkError') }))).to.equal(true);
    expect(isDatabaseDown(named('MongoServerError', { code: 91 }))).to.equal(true);
  });

  it('knows a raw socket error the driver passes on (write EPIPE on the Unix socket of a database that just died)', () => {
    expect(isDatabaseDown(errno('EPIPE', 'write'))).to.equal(true);
    expect(isDatabaseDown(errno('ECONNRESET', 'read'))).to.equal(true);
    expect(isDatabaseDown(new Error('wrapped', { cause: errno('ECONNREFUSED', 'connect') }))).to.equal(true);
  });

  it('leaves other errors to the 500 handler: bugs, duplicate keys, a missing file', () => {
    expect(isDatabaseDown(new TypeError('x is undefined'))).to.equal(false);
    expect(isDatabaseDown(named('MongoServerError', { code: 11000 }))).to.equal(false);
    expect(isDatabaseDown(errno('ENOENT', 'open'))).to.equal(false);
    expect(isDatabaseDown(Object.assign(new Error('EPIPE without a syscall'), { code: 'EPIPE' }))).to.equal(false);
  });
});
