import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { optimizeTour } from './index';
import type { PlanningInstance } from './types';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as PlanningInstance;

describe('optimizeTour and input order', () => {
  it('gives the same plan however schools, requests and trucks are listed', () => {
    const instance = load('example_2.json');
    const reversed: PlanningInstance = {
      ...instance,
      schools: [...instance.schools].reverse(),
      requests: [...instance.requests].reverse(),
      trucks: [...instance.trucks].reverse(),
    };
    const a = optimizeTour(instance, { seed: 3, workBudget: 200_000 });
    const b = optimizeTour(reversed, { seed: 3, workBudget: 200_000 });
    expect(JSON.stringify(b.plan)).to.equal(JSON.stringify(a.plan));
  });
});
