/**
 * Rewrites the golden plans of shared/optimizer/fixtures (see fixtures/golden.ts) from the current optimizer,
 * and writes example_2/example_3 instances from the tiny fixtures. Usage: npx tsx bench/updateGolden.ts
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_CASES } from '../shared/optimizer/fixtures/golden';
import { guardInstance, tinyInstance, tinyRequest } from '../shared/optimizer/fixtures/tiny';
import { optimizeTour } from '../shared/optimizer/index';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, '..', 'shared', 'optimizer', 'fixtures');
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

copyFileSync(join(HERE, 'instances', 'rijnmond-small-3wk-s7.json'), join(FIXTURES, 'example_1.json'));
writeFileSync(join(FIXTURES, 'example_2.json'), json(guardInstance()));
const example3 = tinyInstance(
  [
    tinyRequest('r01', 'near1', { priority: 3 }),
    tinyRequest('r02', 'near2', { sessionMinutes: 240, priority: 2 }),
    tinyRequest('r03', 'south'),
    tinyRequest('r04', 'south', { windows: [{ from: '2027-01-12', to: '2027-01-12' }] }),
    tinyRequest('r05', 'goeree', { windows: [{ from: '2027-02-01', to: '2027-02-05' }] }),
    tinyRequest('r06', 'near1', { excludedDates: ['2027-01-11', '2027-01-15'] }),
    tinyRequest('r07', 'goeree'),
    tinyRequest('r08', 'near2', { earliestStart: '12:30' }),
    tinyRequest('r09', 'near1', { sessionMinutes: 60 }),
    tinyRequest('r10', 'south', { sessionMinutes: 300 }),
    tinyRequest('r11', 'near2'),
  ],
  { name: 'tiny-mixed', closedDates: ['2027-01-13'] },
);
writeFileSync(join(FIXTURES, 'example_3.json'), json(example3));

for (const c of GOLDEN_CASES) {
  const instance: unknown = JSON.parse(readFileSync(join(FIXTURES, `${c.name}.json`), 'utf8'));
  const result = optimizeTour(instance, c.options);
  writeFileSync(join(FIXTURES, `${c.name}_sol.json`), json(result.plan));
  console.log(
    `${c.name}: served ${result.figures.served}/${result.figures.requests}, fairShortfall ${result.figures.fairShortfall}, roadKm ${result.figures.roadKm}`,
  );
}
