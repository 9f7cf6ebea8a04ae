import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_CASES } from './fixtures/golden';
import { evaluatePlan, optimizeTour } from './index';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('golden instances and plans (fixtures/example_N.json → example_N_sol.json)', () => {
  for (const c of GOLDEN_CASES) {
    it(`reproduces ${c.name} byte for byte (${c.what})`, () => {
      const instance: unknown = JSON.parse(readFileSync(join(FIXTURES, `${c.name}.json`), 'utf8'));
      const expected = readFileSync(join(FIXTURES, `${c.name}_sol.json`), 'utf8');
      const result = optimizeTour(instance, c.options);
      expect(evaluatePlan(instance, result.plan).valid).to.equal(true);
      expect(`${JSON.stringify(result.plan, null, 2)}\n`).to.equal(expected);
    });
  }
});
