import { expect } from 'chai';
import type { SearchContext } from '../context';
import { FairnessTable } from '../cost';
import { tinyInstance, tinyRequest } from '../fixtures/tiny';
import { evaluatePlan } from '../index';
import { buildProblem } from '../input';
import { toPlan } from '../output';
import { createRng } from '../rng';
import { routeKm } from '../route';
import { emptySolution, setRoute } from '../solution';
import type { PlanningInstance } from '../types';
import { chainInsert, chainRelocate } from './chain';
import { ejectInsert } from './eject';
import { regroupDescent } from './regroup';

const MON = '2027-01-11';
const TUE = '2027-01-12';
const WED = '2027-01-13';
const THU = '2027-01-14';

function contextFor(instance: PlanningInstance): SearchContext {
  const p = buildProblem(instance);
  return {
    p,
    s: emptySolution(p),
    fairness: new FairnessTable(p, 100),
    prevDay: null,
    log: [],
    rng: createRng(1),
    scratch: new Int32Array(p.maxVisits + 2),
  };
}

/** Puts the given requests (by id) on the truck-day of `date`, in that order. */
function place(ctx: SearchContext, date: string, ids: string[]): void {
  const d = ctx.p.days.findIndex((x) => x.date === date);
  const seq = ids.map((id) => ctx.p.requests.findIndex((r) => r.id === id));
  const km = routeKm(ctx.p, ctx.p.days[d]!, seq, seq.length);
  expect(km, `${ids.join(',')} on ${date}`).to.be.at.least(0);
  setRoute(ctx.p, ctx.s, null, d, seq, km, null);
}

const indexOf = (ctx: SearchContext, id: string): number => ctx.p.requests.findIndex((r) => r.id === id);
const dateOf = (ctx: SearchContext, id: string): string | null => {
  const d = ctx.s.dayOf[indexOf(ctx, id)]!;
  return d < 0 ? null : ctx.p.days[d]!.date;
};

describe('ejection chains of any length', () => {
  // One visit a day. u can only go on Monday; each planned visit can only move one day on; Thursday is free.
  const oneADay = (): PlanningInstance => {
    const inst = tinyInstance([
      tinyRequest('u', 'near1', { windows: [{ from: MON, to: MON }] }),
      tinyRequest('v1', 'near2', { windows: [{ from: MON, to: TUE }] }),
      tinyRequest('v2', 'near1', { windows: [{ from: TUE, to: WED }] }),
      tinyRequest('v3', 'near2', { windows: [{ from: WED, to: THU }] }),
    ]);
    inst.trucks[0]!.maxVisitsPerDay = 1;
    return inst;
  };

  it('serves a request by pushing three visits one day on, where a two-step chain finds nothing', () => {
    const instance = oneADay();
    const ctx = contextFor(instance);
    place(ctx, MON, ['v1']);
    place(ctx, TUE, ['v2']);
    place(ctx, WED, ['v3']);
    expect(ejectInsert(ctx, indexOf(ctx, 'u'))).to.equal(false);
    expect(chainInsert(ctx, indexOf(ctx, 'u'))).to.equal(true);
    expect([dateOf(ctx, 'u'), dateOf(ctx, 'v1'), dateOf(ctx, 'v2'), dateOf(ctx, 'v3')]).to.deep.equal([
      MON,
      TUE,
      WED,
      THU,
    ]);
    expect(ctx.s.served).to.equal(4);
    expect(evaluatePlan(instance, toPlan(ctx.p, ctx.s, [])).valid).to.equal(true);
  });

  it('changes nothing when no chain ends on a day with room and leaving a visit out is worse', () => {
    const instance = oneADay();
    instance.requests[3]!.windows = [{ from: WED, to: WED }];
    // Planned visits of higher priority: a chain that ends by leaving one out (served the same) loses priority.
    for (const r of instance.requests.slice(1)) r.priority = 2;
    const ctx = contextFor(instance);
    place(ctx, MON, ['v1']);
    place(ctx, TUE, ['v2']);
    place(ctx, WED, ['v3']);
    expect(chainInsert(ctx, indexOf(ctx, 'u'))).to.equal(false);
    expect([dateOf(ctx, 'u'), dateOf(ctx, 'v1'), dateOf(ctx, 'v2'), dateOf(ctx, 'v3')]).to.deep.equal([
      null,
      MON,
      TUE,
      WED,
    ]);
    expect(ctx.log).to.have.length(0);
  });

  it('closes a cycle: a relocate chain may end on the day its first visit left, when that saves km', () => {
    // Two visits a day. Monday holds a near and a far visit, Tuesday a near and a far one: pairing near with
    // near and far with far saves km, and every visit may go on either day.
    const instance = tinyInstance([
      tinyRequest('n1', 'near1', { windows: [{ from: MON, to: TUE }], sessionMinutes: 60 }),
      tinyRequest('f1', 'goeree', { windows: [{ from: MON, to: TUE }], sessionMinutes: 90, latestEnd: '12:30' }),
      tinyRequest('n2', 'near2', { windows: [{ from: MON, to: TUE }], sessionMinutes: 60 }),
      tinyRequest('f2', 'goeree', { windows: [{ from: MON, to: TUE }], sessionMinutes: 90, earliestStart: '13:00' }),
    ]);
    const ctx = contextFor(instance);
    place(ctx, MON, ['f1', 'n1']);
    place(ctx, TUE, ['n2', 'f2']);
    const before = ctx.s.totalKm;
    expect(chainRelocate(ctx, indexOf(ctx, 'n1'))).to.equal(true);
    expect(ctx.s.totalKm).to.be.below(before - 1);
    expect(dateOf(ctx, 'n1')).to.equal(dateOf(ctx, 'n2'));
    expect(dateOf(ctx, 'f1')).to.equal(dateOf(ctx, 'f2'));
    expect(evaluatePlan(instance, toPlan(ctx.p, ctx.s, [])).valid).to.equal(true);
  });
});

describe('regrouping days with bipartite matching', () => {
  it('pairs near with near and far with far, moving a group to another date so every group keeps a day', () => {
    // Monday and Tuesday hold mixed pairs; the far pair can only be on Wednesday or Monday, the near pair on
    // Monday or Tuesday; so the new groups need the dates handed out again.
    const instance = tinyInstance([
      tinyRequest('n1', 'near1', { windows: [{ from: MON, to: TUE }], sessionMinutes: 60 }),
      tinyRequest('f1', 'goeree', { windows: [{ from: MON, to: WED }], sessionMinutes: 90, latestEnd: '12:30' }),
      tinyRequest('n2', 'near2', { windows: [{ from: MON, to: TUE }], sessionMinutes: 60 }),
      tinyRequest('f2', 'goeree', {
        windows: [
          { from: MON, to: MON },
          { from: WED, to: WED },
        ],
        sessionMinutes: 90,
        earliestStart: '13:00',
      }),
    ]);
    const ctx = contextFor(instance);
    place(ctx, MON, ['f1', 'n1']);
    place(ctx, TUE, ['n2']);
    place(ctx, WED, ['f2']);
    const before = ctx.s.totalKm;
    expect(regroupDescent(ctx, Number.MAX_SAFE_INTEGER)).to.equal(true);
    expect(ctx.s.totalKm).to.be.below(before - 1);
    expect(dateOf(ctx, 'n1')).to.equal(dateOf(ctx, 'n2'));
    expect(dateOf(ctx, 'f1')).to.equal(dateOf(ctx, 'f2'));
    expect(ctx.s.served).to.equal(4);
    expect(evaluatePlan(instance, toPlan(ctx.p, ctx.s, [])).valid).to.equal(true);
  });

  it('serves an unassigned request by pairing it with a visit that was alone, when the days can be matched', () => {
    const instance = tinyInstance([
      tinyRequest('a', 'near1', { windows: [{ from: MON, to: MON }] }),
      tinyRequest('b', 'near2', { windows: [{ from: MON, to: MON }] }),
    ]);
    const ctx = contextFor(instance);
    place(ctx, MON, ['a']);
    expect(regroupDescent(ctx, Number.MAX_SAFE_INTEGER)).to.equal(true);
    expect([dateOf(ctx, 'a'), dateOf(ctx, 'b')]).to.deep.equal([MON, MON]);
  });
});
