import type { LngLat, TravelModel } from '../domain/geo';

/** The instance format tag of PLANNING-FORMAT.md. */
export const INSTANCE_FORMAT = 'techniekwagen-instance/1';
/** The plan format tag of PLANNING-FORMAT.md. */
export const PLAN_FORMAT = 'techniekwagen-plan/1';

/** An inclusive range of ISO dates. */
export interface DateRange {
  from: string;
  to: string;
}

/** A truck depot. */
export interface Depot {
  id: string;
  name: string;
  location: LngLat;
}

/** A truck with its shift ("HH:MM"), ISO weekdays (1 = Monday) and days off. */
export interface Truck {
  id: string;
  name: string;
  depot: string;
  shift: { start: string; end: string };
  weekdays: number[];
  unavailableDates: string[];
  maxVisitsPerDay: number;
}

/** An STO region; its fair share of visits is proportional to `weight`. */
export interface Region {
  id: string;
  name: string;
  weight: number;
}

/** A school location in one region. */
export interface School {
  id: string;
  name: string;
  region: string;
  location: LngLat;
}

/** One school's request for one visit (see PLANNING-FORMAT.md). */
export interface TourRequest {
  id: string;
  school: string;
  submittedAt: string;
  sessionMinutes: number;
  setupMinutes: number;
  teardownMinutes: number;
  windows: DateRange[];
  excludedDates: string[];
  earliestStart: string;
  latestEnd: string;
  priority: number;
}

/** A planning instance in the exchange format "techniekwagen-instance/1". */
export interface PlanningInstance {
  format: typeof INSTANCE_FORMAT;
  name: string;
  horizon: DateRange;
  closedDates: string[];
  travel: TravelModel;
  depots: Depot[];
  trucks: Truck[];
  regions: Region[];
  schools: School[];
  requests: TourRequest[];
}

/** One stop of a route; all times "HH:MM". */
export interface PlanStop {
  request: string;
  arrive: string;
  start: string;
  end: string;
  leave: string;
}

/** One truck's day: depot → stops → depot. */
export interface PlanRoute {
  truck: string;
  date: string;
  depart: string;
  return: string;
  stops: PlanStop[];
}

/** A request left out of the plan; `reason` is Dutch, `reasonEn` and `reasonCode` are extra fields the checker ignores. */
export interface UnassignedEntry {
  request: string;
  reason: string;
  reasonCode?: ReasonCode;
  reasonEn?: string;
}

/** A plan in the exchange format "techniekwagen-plan/1". */
export interface Plan {
  format: typeof PLAN_FORMAT;
  instance: string;
  routes: PlanRoute[];
  unassigned: UnassignedEntry[];
}

/** A confirmed visit the optimizer must keep: this request, on this truck and date, and at `start` ("HH:MM") when given. */
export interface PinnedVisit {
  request: string;
  truck: string;
  date: string;
  start?: string;
}

/** The phases an optimizer run goes through, in order. */
export const OPTIMIZE_PHASES = ['construct', 'improve', 'done'] as const;
/** One phase of an optimizer run. */
export type OptimizePhase = (typeof OPTIMIZE_PHASES)[number];

/** A progress report, sent periodically (by work done, not by time, so runs stay deterministic). */
export interface ProgressReport {
  phase: OptimizePhase;
  iteration: number;
  /** Share of the work budget used, 0..1. */
  fraction: number;
  best: CostFigures;
  elapsedMs: number;
}

/** Options of optimizeTour. Only `seed`, `timeLimitMs`/`workBudget`, `fairnessTolerance`, `pinned`, `previousPlan` and `cancelled` affect the result. */
export interface OptimizeOptions {
  /** Seed of the search's random numbers (default 1). */
  seed?: number;
  /** Time limit in ms (default 10 000). It sets the deterministic work budget; see improve.ts. */
  timeLimitMs?: number;
  /** Explicit work budget in route evaluations; overrides the one derived from timeLimitMs. */
  workBudget?: number;
  /**
   * Fairness guard, in visits: plans are compared first on max(0, fairShortfall − unavoidable − tolerance),
   * and only then on served visits. Default: max(2.5, 1.5 % of the visits served); 0 puts fairness strictly first.
   */
  fairnessTolerance?: number;
  /** Visits that are confirmed and must not move. */
  pinned?: PinnedVisit[];
  /** Re-plan mode: keep this plan's visits where they are as far as possible. */
  previousPlan?: Plan;
  /** Requests cancelled since previousPlan: they are left out (unassigned, reason "cancelled"). */
  cancelled?: string[];
  /** Called with progress reports, e.g. to drive a progress bar. */
  onProgress?: (report: ProgressReport) => void;
  /** Milliseconds clock for the safety stop and reports (e.g. performance.now); without it there is no wall-clock stop. */
  clock?: () => number;
  /** Safety stop in ms of `clock` (default timeLimitMs); a run it cuts is no longer reproducible and says so in stats. */
  hardStopMs?: number;
}

/** The figures plans are compared on, best first: fairExcess, servedPriority, served, (re-plan) changes, fairShortfall, roadKm. */
export interface CostFigures {
  /** The fairness guard: how many visits fairShortfall is above its unavoidable part plus the tolerance (0 when within). */
  fairExcess: number;
  servedPriority: number;
  served: number;
  /** Re-plan mode only: previously planned visits that moved to another truck or date, or were dropped. */
  changes: number;
  fairShortfall: number;
  roadKm: number;
}

/** Figures of a plan, as check-plan.mjs prints them (roadKm rounded to 0.1, fairShortfall to 0.01). */
export interface PlanFigures {
  requests: number;
  served: number;
  servedPriority: number;
  unassigned: number;
  roadKm: number;
  fairShortfall: number;
  routes: number;
  servedByRegion: Record<string, { served: number; fair: number; demand: number }>;
}

/** Stable codes of the reasons a request is left unassigned. */
export const REASON_CODES = [
  'cancelled',
  'no_window_in_horizon',
  'all_days_closed',
  'all_days_excluded',
  'no_truck_on_days',
  'session_exceeds_window',
  'out_of_reach',
  'days_full',
  'no_room_in_days',
  'outranked',
] as const;
/** A reason code; see reasons.ts for what each means. */
export type ReasonCode = (typeof REASON_CODES)[number];

/** Why a request is unassigned, for the UI: a code, its parameters and the text in Dutch and English. */
export interface UnassignedReason {
  request: string;
  code: ReasonCode;
  params: Record<string, string | number>;
  nl: string;
  en: string;
}

/** What stopped the improvement phase: the work budget (reproducible) or the wall-clock safety stop (not reproducible). */
export type StopCause = 'budget' | 'clock';

/** Statistics of a run; they are not part of the plan. */
export interface OptimizeStats {
  iterations: number;
  workUnits: number;
  workBudget: number;
  /** Work units the construction phase used (the rest went to improvement). */
  constructWorkUnits: number;
  elapsedMs: number;
  /** Clock time of the construction phase (0 without a clock). */
  constructMs: number;
  /** Clock time of the improvement phase (0 without a clock). */
  improveMs: number;
  stoppedBy: StopCause;
  constructed: CostFigures;
  best: CostFigures;
  /** The fairness tolerance in visits the guard allowed the final plan (the option, or the default for its served count). */
  fairnessTolerance: number;
  /** The part of the final plan's fairShortfall no plan with as many visits can avoid (requests no truck-day can take). */
  unavoidableShortfall: number;
  /** Re-plan mode: previously planned (not cancelled) visits now on another truck/date or unassigned. */
  movedVisits: number;
  /** Re-plan mode: previously planned visits on the same truck and date whose start time changed. */
  retimedVisits: number;
}

/** What optimizeTour returns: the plan, its figures, structured reasons and run statistics. */
export interface OptimizeResult {
  plan: Plan;
  figures: PlanFigures;
  reasons: UnassignedReason[];
  stats: OptimizeStats;
}

/** The numbered hard rules of PLANNING-FORMAT.md; 0 is the plan's own header (format, instance name). */
export type RuleNumber = 0 | 1 | 2 | 3 | 4;

/** One broken hard rule found by evaluatePlan. */
export interface Violation {
  rule: RuleNumber;
  message: string;
}

/** What evaluatePlan returns: whether the plan is valid, its violations and its figures. */
export interface EvaluationResult {
  valid: boolean;
  violations: Violation[];
  figures: PlanFigures;
}

/** The kinds of alternative, in the order they are returned. */
export const ALTERNATIVE_KINDS = ['fairest', 'balanced', 'most-schools', 'fewest-km'] as const;
/** One kind of alternative. */
export type AlternativeKind = (typeof ALTERNATIVE_KINDS)[number];

/** Dutch labels of the alternatives, as the planning board and the CLI name them. */
export const ALTERNATIVE_LABELS: Record<AlternativeKind, string> = {
  fairest: 'eerlijkst',
  balanced: 'gebalanceerd',
  'most-schools': 'meeste scholen',
  'fewest-km': 'minste kilometers',
};
