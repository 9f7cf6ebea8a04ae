// Root hooks for the whole mocha run: the shared test app (FerretDB + API) is stopped after the last test.
import { stopTestApp } from './helpers/app';

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(20_000);
    await stopTestApp();
  },
};
