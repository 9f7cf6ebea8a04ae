// Root hooks for the whole mocha run: the shared test app (FerretDB + API) is stopped after the last test.
import { verifyPlainDocuments } from '../backend/db/batchedInsert';
import { stopTestApp } from './helpers/app';

// Every document written through insertPlain is checked against its model during the tests.
verifyPlainDocuments(true);

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(20_000);
    await stopTestApp();
  },
};
