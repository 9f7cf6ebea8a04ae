/*
 * Ejection chains of any length: an augmenting path, as in bipartite matching. With one truck and two
 * visits a day, serving one more school often means: u takes v1's place on day d1, v1 takes v2's place on
 * d2, …, and the last one goes to a day that still has room. The two-step chains in eject.ts see only the
 * first link. This move searches the chains breadth first (shortest first), each request and each
 * truck-day at most once per chain, and makes the one that makes the plan best by compareCost. A chain
 * may also end by leaving its last request out, which serves the same number but can move a visit from
 * an over-served region to an under-served one or raise the served priority.
 */
import type { SearchContext } from '../context';
import { bestInsertion, cheapestWith, indexOfSorted, isMovable, kmWithout, replacedRoute } from '../context';
import { compareCost } from '../cost';
import { figuresOf, setRoute, undoChanges } from '../solution';
import type { CostFigures } from '../types';

/** Longest chain (number of visits pushed to another day). */
const MAX_DEPTH = 6;
/** Requests looked at per search by default (each costs about two route evaluations per candidate day). */
export const MAX_CHAIN_NODES = 90;

/** A request that needs a place; `via` is the route change that put its predecessor where it was. */
interface ChainNode {
  r: number;
  parent: number;
  depth: number;
  via: RouteEdit | null;
}

interface RouteEdit {
  day: number;
  seq: number[];
  km: number;
}

interface Terminal {
  node: number;
  landing: RouteEdit | null;
  figures: CostFigures;
}

/** Route of truck-day d with `out` taken out and `into` put in at its cheapest feasible position, or null. */
function replaced(ctx: SearchContext, d: number, out: number, into: number): RouteEdit | null {
  const best = replacedRoute(ctx, d, out, into);
  return best && { day: d, ...best };
}

function edgesOf(nodes: ChainNode[], at: number): RouteEdit[] {
  const edits: RouteEdit[] = [];
  for (let i = at; i >= 0; i = nodes[i]!.parent) if (nodes[i]!.via) edits.push(nodes[i]!.via!);
  return edits;
}

/** Re-plan mode: how the count of changed visits moves when request r goes from its day to `to`. */
function changeDelta(ctx: SearchContext, r: number, to: number): number {
  const prev = ctx.prevDay ? ctx.prevDay[r]! : -1;
  if (prev < 0) return 0;
  const from = ctx.s.dayOf[r]!;
  return (to !== prev ? 1 : 0) - (from !== prev ? 1 : 0);
}

/** Figures of the plan after a chain from root u to node `at`, ending on `landing` (or leaving nodes[at].r out). */
function chainFigures(ctx: SearchContext, nodes: ChainNode[], at: number, landing: RouteEdit | null): CostFigures {
  const { p, s } = ctx;
  let km = s.totalKm;
  let changes = s.changes;
  for (let i = at; i > 0; i = nodes[i]!.parent) {
    const via = nodes[i]!.via!;
    km += via.km - s.routeKm[via.day]!;
    changes += changeDelta(ctx, nodes[nodes[i]!.parent]!.r, via.day);
  }
  const u = p.requests[nodes[0]!.r]!;
  const last = p.requests[nodes[at]!.r]!;
  const rs = s.regionServed;
  // A served root (relocate) leaves its day through the root edit, counted like any other link.
  const rootIn = s.dayOf[u.index]! < 0 ? 1 : 0;
  const rootVia = nodes[0]!.via;
  // (unless the chain lands back on the root's day: the landing is then that day's whole new route).
  if (rootVia && landing?.day !== rootVia.day) km += rootVia.km - s.routeKm[rootVia.day]!;
  rs[u.region]! += rootIn;
  let priority = s.servedPriority + rootIn * u.priority;
  let served = s.served + rootIn;
  if (landing) {
    km += landing.km - s.routeKm[landing.day]!;
    changes += changeDelta(ctx, last.index, landing.day);
  } else {
    rs[last.region]!--;
    priority -= last.priority;
    served--;
    changes += changeDelta(ctx, last.index, -1);
  }
  const figures = ctx.fairness.figures(priority, served, changes, rs, km);
  rs[u.region]! -= rootIn;
  if (!landing) rs[last.region]!++;
  return figures;
}

/**
 * Serves unassigned request u through the best ejection chain found, when that makes the plan better by
 * compareCost. Returns true when it changed the plan.
 */
export function chainInsert(ctx: SearchContext, u: number, maxNodes = MAX_CHAIN_NODES): boolean {
  if (ctx.s.dayOf[u]! >= 0 || !isMovable(ctx.p, u)) return false;
  return searchChain(ctx, u, null, maxNodes);
}

/**
 * Moves planned request r along the best ejection chain found: r takes a place on another day, the visit it
 * pushes out goes on, and the last one lands on a day with room, r's old day included (a cyclic exchange
 * of visits between days). Served visits stay the same; it is made only when the plan gets better by
 * compareCost, in practice when it saves km. Returns true when it changed the plan.
 */
export function chainRelocate(ctx: SearchContext, r: number, maxNodes = MAX_CHAIN_NODES): boolean {
  const { p, s } = ctx;
  const from = s.dayOf[r]!;
  if (from < 0 || !isMovable(p, r)) return false;
  return searchChain(
    ctx,
    r,
    { day: from, seq: s.routes[from]!.filter((x) => x !== r), km: kmWithout(ctx, from, r) },
    maxNodes,
  );
}

function searchChain(ctx: SearchContext, root: number, rootEdit: RouteEdit | null, maxNodes: number): boolean {
  const { p, s } = ctx;
  const before = figuresOf(s, ctx.fairness);
  const nodes: ChainNode[] = [{ r: root, parent: -1, depth: 0, via: rootEdit }];
  const seen = new Set<number>([root]);
  let best: Terminal | null = null;
  const consider = (node: number, landing: RouteEdit | null): void => {
    // Walking the chain and scoring the regions costs about what three route evaluations do.
    p.meter.work += 3;
    const figures = chainFigures(ctx, nodes, node, landing);
    if (compareCost(figures, best ? best.figures : before) < 0) best = { node, landing, figures };
  };
  for (let i = 0; i < nodes.length && i < maxNodes; i++) {
    const node = nodes[i]!;
    p.meter.work += 2 + (p.requests[node.r]!.candidateDays.length >> 2);
    const chainDays = new Set(edgesOf(nodes, i).map((e) => e.day));
    if (i > 0) consider(i, null);
    // Close the cycle: the last visit of a relocate chain may take the room its root left.
    if (
      rootEdit &&
      i > 0 &&
      rootEdit.seq.length < p.days[rootEdit.day]!.maxVisits &&
      indexOfSorted(p.requests[node.r]!.candidateDays, rootEdit.day) >= 0
    ) {
      const back = inserted(ctx, rootEdit, node.r);
      if (back) consider(i, back);
    }
    for (const d of p.requests[node.r]!.candidateDays) {
      if (chainDays.has(d) || d === s.dayOf[node.r]) continue;
      const route = s.routes[d]!;
      if (route.length < p.days[d]!.maxVisits) {
        const ins = bestInsertion(ctx, node.r, d);
        if (ins.deltaKm !== Infinity) {
          const seq = [...route.slice(0, ins.pos), node.r, ...route.slice(ins.pos)];
          consider(i, { day: d, seq, km: s.routeKm[d]! + ins.deltaKm });
          continue;
        }
      }
      if (node.depth >= MAX_DEPTH) continue;
      for (const v of route) {
        if (seen.has(v) || !isMovable(p, v)) continue;
        const edit = replaced(ctx, d, v, node.r);
        if (!edit) continue;
        seen.add(v);
        nodes.push({ r: v, parent: i, depth: node.depth + 1, via: edit });
      }
    }
  }
  if (!best) return false;
  const chosen: Terminal = best;
  const edits = edgesOf(nodes, chosen.node);
  // A landing on the root's day replaces the root edit (it is that edit with one more visit).
  const all = chosen.landing ? [...edits.filter((e) => e.day !== chosen.landing!.day), chosen.landing] : edits;
  const mark = ctx.log.length;
  // Empty every day of the chain first, so no request is ever on two days at once.
  for (const e of all) setRoute(p, s, ctx.prevDay, e.day, [], 0, ctx.log);
  for (const e of all) setRoute(p, s, ctx.prevDay, e.day, e.seq, e.km, ctx.log);
  if (compareCost(figuresOf(s, ctx.fairness), before) < 0) return true;
  const tail = ctx.log.splice(mark);
  undoChanges(p, s, ctx.prevDay, tail);
  return false;
}

/** The edited route with request r put in at its cheapest feasible position, or null. */
function inserted(ctx: SearchContext, edit: RouteEdit, r: number): RouteEdit | null {
  const best = cheapestWith(ctx, edit.day, edit.seq, r);
  return best && { day: edit.day, ...best };
}
