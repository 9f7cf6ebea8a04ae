/*
 * Regrouping: which visits share a day, with the days handed out again by bipartite matching.
 *
 * On truck-days of two visits that start from the same depot with the same shift, a day's km depends only
 * on which visits share it, not on its date: the date only has to lie in every member's candidate days.
 * So the km of such a tour is a question of grouping (pairs and single visits), and a regrouping is
 * possible when the new groups can still each get a day of their own. This descent tries, for every two
 * groups, the other ways to pair their visits ((a,b)(c,d) → (a,c)(b,d) or (a,d)(b,c); (a,b)(c) → (a,c)(b)
 * or (b,c)(a); (a)(c) → (a,c)) and keeps one when it saves km and the days can be matched again (Kuhn's
 * augmenting paths over the current matching, so other groups may move to other dates to make room).
 * Moves that change days one by one (relocate, swap, chains) only reach such groupings when every
 * intermediate step is feasible too.
 */
import type { SearchContext } from '../context';
import { isMovable } from '../context';
import { compareCost } from '../cost';
import type { TruckDay } from '../input';
import { routeKm } from '../route';
import { figuresOf, setRoute, undoChanges } from '../solution';

interface Group {
  members: number[];
  km: number;
  /** Class-local days this group may take (sorted). */
  days: number[];
}

/** Truck-days of one class: same depot and shift, two visits at most, no pinned visit. */
interface DayClass {
  days: number[];
  rep: TruckDay;
}

function dayClasses(ctx: SearchContext): DayClass[] {
  const { p, s } = ctx;
  const byKey = new Map<string, DayClass>();
  for (let d = 0; d < p.days.length; d++) {
    const day = p.days[d]!;
    if (day.maxVisits !== 2 || s.routes[d]!.some((x) => !isMovable(p, x))) continue;
    const key = `${day.depotLoc}|${day.shiftStart}|${day.shiftEnd}`;
    const c = byKey.get(key) ?? { days: [], rep: day };
    c.days.push(d);
    byKey.set(key, c);
  }
  return [...byKey.values()];
}

/**
 * Runs the regrouping descent on every class of truck-days until no regrouping saves km or the work
 * runs out; the result is made only when the plan gets better by compareCost. Returns true when it changed the plan.
 */
export function regroupDescent(ctx: SearchContext, workLimit: number): boolean {
  let changed = false;
  for (const c of dayClasses(ctx)) if (regroupClass(ctx, c, workLimit)) changed = true;
  return changed;
}

function regroupClass(ctx: SearchContext, cls: DayClass, workLimit: number): boolean {
  const { p, s } = ctx;
  const local = new Map<number, number>();
  cls.days.forEach((d, i) => local.set(d, i));
  const candidates = (members: number[]): number[] => {
    let out: number[] | null = null;
    for (const r of members) {
      const mine: number[] = [];
      for (const d of p.requests[r]!.candidateDays) {
        const i = local.get(d);
        if (i !== undefined) mine.push(i);
      }
      out = out === null ? mine : out.filter((i) => mine.includes(i));
    }
    for (const r of members) p.meter.work += 1 + (p.requests[r]!.candidateDays.length >> 2);
    return out ?? [];
  };
  const groups: Group[] = [];
  const dayOfGroup: number[] = [];
  const groupOfDay = new Int32Array(cls.days.length).fill(-1);
  cls.days.forEach((d, i) => {
    const route = s.routes[d]!;
    if (route.length === 0) return;
    groupOfDay[i] = groups.length;
    dayOfGroup.push(i);
    groups.push({ members: route.slice(), km: s.routeKm[d]!, days: candidates(route) });
  });

  // Kuhn's augmenting path: gives group g a day, moving other groups along a path of free-able days.
  const seen = new Int32Array(cls.days.length);
  let stamp = 0;
  const augment = (g: number): boolean => {
    for (const i of groups[g]!.days) {
      if (seen[i] === stamp) continue;
      seen[i] = stamp;
      p.meter.work++;
      const other = groupOfDay[i]!;
      if (other < 0 || augment(other)) {
        groupOfDay[i] = g;
        dayOfGroup[g] = i;
        return true;
      }
    }
    return false;
  };
  const pairKm = (a: number, b: number): { seq: number[]; km: number } | null => {
    const k1 = routeKm(p, cls.rep, [a, b], 2);
    const k2 = routeKm(p, cls.rep, [b, a], 2);
    if (k1 < 0 && k2 < 0) return null;
    return k1 >= 0 && (k2 < 0 || k1 <= k2) ? { seq: [a, b], km: k1 } : { seq: [b, a], km: k2 };
  };
  const singleKm = (a: number): number => routeKm(p, cls.rep, [a], 1);

  /** Tries to replace groups g and h by the given new groups (one or two); keeps it when the days match. */
  const tryRegroup = (g: number, h: number, next: { seq: number[]; km: number }[]): boolean => {
    const savedGroupOfDay = groupOfDay.slice();
    const savedDayOfGroup = dayOfGroup.slice();
    const savedG = groups[g]!;
    const savedH = groups[h]!;
    groupOfDay[dayOfGroup[g]!] = -1;
    groupOfDay[dayOfGroup[h]!] = -1;
    groups[g] = { members: next[0]!.seq, km: next[0]!.km, days: candidates(next[0]!.seq) };
    groups[h] = next[1]
      ? { members: next[1].seq, km: next[1].km, days: candidates(next[1].seq) }
      : { members: [], km: 0, days: [] };
    stamp++;
    let ok = augment(g);
    if (ok && next[1]) {
      stamp++;
      ok = augment(h);
    }
    if (ok) {
      if (!next[1]) dayOfGroup[h] = -1;
      return true;
    }
    groupOfDay.set(savedGroupOfDay);
    for (let i = 0; i < savedDayOfGroup.length; i++) dayOfGroup[i] = savedDayOfGroup[i]!;
    groups[g] = savedG;
    groups[h] = savedH;
    return false;
  };

  /**
   * Serves unassigned requests where the grouping allows: u alone on a day, u with a visit that is alone,
   * or u with one visit of a pair whose other visit then goes alone, each time with the days matched again.
   * Taken when the plan gets better by compareCost (served first, within the fairness guard).
   */
  function insertUnassigned(): boolean {
    const rs = s.regionServed.slice();
    let figures = figuresOf(s, ctx.fairness);
    let any = false;
    for (let u = 0; u < p.requests.length && p.meter.work < workLimit; u++) {
      const req = p.requests[u]!;
      if (s.dayOf[u]! >= 0 || !isMovable(p, u) || candidates([u]).length === 0) continue;
      rs[req.region]!++;
      const optionFigures = (km: number) =>
        ctx.fairness.figures(figures.servedPriority + req.priority, figures.served + 1, s.changes, rs, km);
      const alone = singleKm(u);
      const options: { host: number; next: { seq: number[]; km: number }[]; delta: number }[] = [];
      if (alone >= 0) options.push({ host: -1, next: [{ seq: [u], km: alone }], delta: alone });
      groups.forEach((g, gi) => {
        if (g.members.length === 1) {
          const joined = pairKm(g.members[0]!, u);
          if (joined) options.push({ host: gi, next: [joined], delta: joined.km - g.km });
        } else if (g.members.length === 2) {
          for (const [x, y] of [
            [g.members[0]!, g.members[1]!],
            [g.members[1]!, g.members[0]!],
          ] as [number, number][]) {
            const joined = pairKm(x, u);
            const kmY = joined ? singleKm(y) : -1;
            if (joined && kmY >= 0)
              options.push({ host: gi, next: [joined, { seq: [y], km: kmY }], delta: joined.km + kmY - g.km });
          }
        }
      });
      options.sort((a, b) => a.delta - b.delta || a.host - b.host);
      let placed = false;
      for (const o of options) {
        const cand = optionFigures(figures.roadKm + o.delta);
        if (compareCost(cand, figures) >= 0) break;
        if (addGroups(o.host, o.next)) {
          figures = cand;
          placed = true;
          break;
        }
      }
      if (placed) any = true;
      else rs[req.region]!--;
    }
    return any;
  }

  /** Replaces group `host` (or nothing, -1) by the new groups and matches them to days; undoes when it cannot. */
  function addGroups(host: number, next: { seq: number[]; km: number }[]): boolean {
    const savedGroupOfDay = groupOfDay.slice();
    const savedDayOfGroup = dayOfGroup.slice();
    const savedLength = groups.length;
    const savedHost = host >= 0 ? groups[host]! : null;
    const ids: number[] = [];
    if (host >= 0) {
      groupOfDay[dayOfGroup[host]!] = -1;
      groups[host] = { members: next[0]!.seq, km: next[0]!.km, days: candidates(next[0]!.seq) };
      ids.push(host);
    }
    for (const n of next.slice(host >= 0 ? 1 : 0)) {
      ids.push(groups.length);
      groups.push({ members: n.seq, km: n.km, days: candidates(n.seq) });
      dayOfGroup.push(-1);
    }
    let ok = true;
    for (const g of ids) {
      stamp++;
      if (!augment(g)) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
    groupOfDay.set(savedGroupOfDay);
    groups.length = savedLength;
    dayOfGroup.length = 0;
    dayOfGroup.push(...savedDayOfGroup.slice(0, savedLength));
    if (host >= 0) groups[host] = savedHost!;
    return false;
  }

  let improvedAny = insertUnassigned();
  let improved = true;
  while (improved && p.meter.work < workLimit) {
    improved = false;
    for (let g = 0; g < groups.length && p.meter.work < workLimit; g++) {
      for (let h = g + 1; h < groups.length; h++) {
        const A = groups[g]!;
        const B = groups[h]!;
        if (A.members.length === 0 || B.members.length === 0) continue;
        const before = A.km + B.km;
        const options: { seq: number[]; km: number }[][] = [];
        if (A.members.length === 2 && B.members.length === 2) {
          const [a, b] = A.members as [number, number];
          const [c, d] = B.members as [number, number];
          const pairings: [number, number, number, number][] = [
            [a, c, b, d],
            [a, d, b, c],
          ];
          for (const [x, y, z, w] of pairings) {
            const one = pairKm(x, y);
            const two = one && pairKm(z, w);
            if (one && two) options.push([one, two]);
          }
        } else if (A.members.length + B.members.length === 3) {
          const pair = A.members.length === 2 ? A.members : B.members;
          const lone = A.members.length === 2 ? B.members[0]! : A.members[0]!;
          const splits: [number, number][] = [
            [pair[0]!, pair[1]!],
            [pair[1]!, pair[0]!],
          ];
          for (const [x, y] of splits) {
            const joined = pairKm(lone, x);
            const kmY = joined && singleKm(y);
            if (joined && kmY !== null && kmY >= 0) options.push([joined, { seq: [y], km: kmY }]);
          }
        } else {
          const joined = pairKm(A.members[0]!, B.members[0]!);
          if (joined) options.push([joined]);
        }
        options.sort((x, y) => x.reduce((t, o) => t + o.km, 0) - y.reduce((t, o) => t + o.km, 0));
        for (const next of options) {
          if (next.reduce((t, o) => t + o.km, 0) >= before - 1e-6) break;
          if (tryRegroup(g, h, next)) {
            improved = true;
            improvedAny = true;
            break;
          }
        }
      }
    }
  }
  if (!improvedAny) return false;
  const before = figuresOf(s, ctx.fairness);
  const mark = ctx.log.length;
  for (const d of cls.days) if (s.routes[d]!.length > 0) setRoute(p, s, ctx.prevDay, d, [], 0, ctx.log);
  groups.forEach((grp, gi) => {
    if (grp.members.length > 0) setRoute(p, s, ctx.prevDay, cls.days[dayOfGroup[gi]!]!, grp.members, grp.km, ctx.log);
  });
  if (compareCost(figuresOf(s, ctx.fairness), before) < 0) return true;
  undoChanges(p, s, ctx.prevDay, ctx.log.splice(mark));
  return false;
}
