// Root hooks for the whole mocha run: the shared test app (FerretDB + API) is stopped after the last test.
import { verifyPlainDocuments } from '../backend/db/batchedInsert';
import { flushDeferredWrites } from '../backend/db/deferredWrites';
import { stopTestApp } from './helpers/app';

// Every document written through insertPlain is checked against its model during the tests.
verifyPlainDocuments(true);

export const mochaHooks = {
  // Writes that follow an answer (the form's email and rate-limit count, db/deferredWrites.ts) land within the
  // test that caused them, never in the middle of the next one's counts.
  async afterEach() {
    const left = await flushDeferredWrites(10_000);
    if (left > 0)
      throw new Error(`${left} deferred writes still failing 10 s after the test (see db/deferredWrites.ts)`);
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(20_000);
    await stopTestApp();
  },
};
