import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALTERNATIVE_KINDS, dominates, optimizeAlternatives, optimizeTour } from './index';
import type { AlternativesResult, PlanFigures, PlanningInstance } from './index';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHECKER = join(ROOT, 'bench', 'vendor', 'check-plan.mjs');
const TERM = join(ROOT, 'bench', 'instances', 'rijnmond-term-q1-s11.json');
const SMALL = join(ROOT, 'bench', 'instances', 'rijnmond-small-3wk-s7.json');

/** Runs the vendored independent checker on a plan; returns its verdict and figures. */
function check(instancePath: string, plan: unknown): { valid: boolean; errors: string[]; figures: PlanFigures } {
  const dir = mkdtempSync(join(tmpdir(), 'alternatives-'));
  const planPath = join(dir, 'plan.json');
  writeFileSync(planPath, JSON.stringify(plan));
  const run = spawnSync(process.execPath, [CHECKER, '--json', instancePath, planPath], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(run.stdout) as { valid: boolean; errors: string[]; figures: PlanFigures };
}

describe('alternatives: four plans on the schools / fairness / km frontier', function () {
  this.timeout(120_000);
  const term = JSON.parse(readFileSync(TERM, 'utf8')) as PlanningInstance;
  const options = { seed: 1, workBudget: 400_000 };
  let result: AlternativesResult;

  before(() => {
    result = optimizeAlternatives(term, options);
  });

  it("gives each alternative as a valid plan by the independent checker, with the checker's figures", () => {
    expect(result.alternatives.length).to.be.within(2, 4);
    for (const a of result.alternatives) {
      const c = check(TERM, a.plan);
      expect(c.valid, `${a.kind}: ${c.errors.join('; ')}`).to.equal(true);
      expect(a.figures.served).to.equal(c.figures.served);
      expect(a.figures.roadKm).to.equal(c.figures.roadKm);
      expect(a.figures.fairShortfall).to.equal(c.figures.fairShortfall);
    }
  });

  it('leaves no alternative that another one in the set dominates, and says why it left one out', () => {
    for (const a of result.alternatives) {
      for (const b of result.alternatives)
        if (a !== b) expect(dominates(b.figures, a.figures), `${b.kind} dominates ${a.kind}`).to.equal(false);
    }
    const kinds = [...result.alternatives.map((a) => a.kind), ...result.dropped.map((d) => d.kind)];
    expect([...kinds].sort()).to.deep.equal([...ALTERNATIVE_KINDS].sort());
    for (const d of result.dropped)
      expect(result.alternatives.map((a) => a.kind).concat(result.dropped.map((x) => x.kind))).to.include(d.by);
  });

  it('keeps the balanced plan equal to optimizeTour for the same input and seed (npm run plan)', () => {
    const today = optimizeTour(term, options);
    expect(JSON.stringify(result.balanced.plan)).to.equal(JSON.stringify(today.plan));
    const balanced = result.alternatives.find((a) => a.kind === 'balanced');
    expect(balanced, 'balanced is in the set').to.not.equal(undefined);
    expect(JSON.stringify(balanced!.plan)).to.equal(JSON.stringify(today.plan));
  });

  it('spans the frontier on term-q1: the fairest has the least shortfall, most schools the most served, fewest km the least km at no fewer served than balanced', () => {
    const by = (k: string): PlanFigures | undefined => result.alternatives.find((a) => a.kind === k)?.figures;
    const balanced = by('balanced')!;
    const all = result.alternatives.map((a) => a.figures);
    const fairest = by('fairest');
    const most = by('most-schools');
    const km = by('fewest-km');
    expect(fairest && most && km, JSON.stringify(result.dropped)).to.not.equal(undefined);
    expect(fairest!.fairShortfall).to.equal(Math.min(...all.map((f) => f.fairShortfall)));
    expect(most!.served).to.equal(Math.max(...all.map((f) => f.served)));
    expect(most!.served).to.be.above(balanced.served);
    expect(km!.served).to.be.at.least(balanced.served);
    expect(km!.servedPriority).to.be.at.least(balanced.servedPriority);
    expect(km!.roadKm).to.equal(Math.min(...all.filter((f) => f.served >= balanced.served).map((f) => f.roadKm)));
    expect(km!.roadKm).to.be.below(balanced.roadKm);
  });

  it('is deterministic: the same input and seed give the same alternatives', () => {
    const again = optimizeAlternatives(term, options);
    expect(JSON.stringify(again.alternatives.map((a) => a.plan))).to.equal(
      JSON.stringify(result.alternatives.map((a) => a.plan)),
    );
  });

  it('prints a JSON array of labelled plans with `npm run plan -- --alternatives`', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'backend', 'cli', 'plan.ts'),
        '--instance',
        SMALL,
        '--time-limit',
        '0.5',
        '--alternatives',
      ],
      {
        encoding: 'utf8',
        cwd: ROOT,
        maxBuffer: 64 << 20,
      },
    );
    expect(run.status, run.stderr).to.equal(0);
    const list = JSON.parse(run.stdout) as {
      label: string;
      kind: string;
      figures: PlanFigures;
      format: string;
      routes: unknown[];
    }[];
    expect(list.length).to.be.within(1, 4);
    expect(list.map((a) => a.label)).to.include('gebalanceerd');
    for (const a of list) {
      expect(a.format).to.equal('techniekwagen-plan/1');
      const c = check(SMALL, a);
      expect(c.valid, `${a.label}: ${c.errors.join('; ')}`).to.equal(true);
      expect(a.figures.roadKm).to.equal(c.figures.roadKm);
    }
    const bad = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'backend', 'cli', 'plan.ts'),
        '--instance',
        SMALL,
        '--alternative-time-limit',
        '1',
      ],
      { encoding: 'utf8', cwd: ROOT },
    );
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.contain('--alternative-time-limit needs --alternatives');
  });
});
