import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { trusted, Types } from 'mongoose';
import type {
  ChooseAlternativeInput,
  ChosenAlternativeDto,
  CreatePlanInput,
  EditPlanInput,
  MoveVisitInput,
  PlanAlternativeDto,
  PlanCheckDto,
  PlanDto,
  PlanListItemDto,
  PlanRequestInfo,
} from '../../../shared/api/plans';
import { CO2_KG_PER_KM } from '../../../shared/api/dashboard';
import { evaluatePlan, optimizeTour, type Plan, type PlanningInstance } from '../../../shared/optimizer';
import { AppError, InvalidStateError, NotFoundError, StaleVersionError } from '../../errors';
import type { Logger } from '../../logger';
import type { AuthUser } from '../accounts/types';
import { recordAudit } from '../audit';
import { claimVersion } from '../../db/claims';
import { PlanDraft, type PlanDraftFields } from '../../models/PlanDraft';
import { User } from '../../models/User';
import { dayBlocker } from './dayRules';
import { buildInstance } from './instance';
import { earliestPlannableDate } from '../leadTime';
import { formatHhmm, parseHhmm } from '../../../shared/domain/time';
import { travelMinutes } from '../../../shared/domain/geo';
import { SCENARIO_TRUCK_ID, applyScenario, type Scenario } from '../../../shared/optimizer/scenarios';
import type { PlanWorkerInput, PlanWorkerMessage } from './planWorker';

type PlanDoc = PlanDraftFields & { _id: Types.ObjectId };

const running = new Map<string, Worker>();
const planCache = new Map<
  string,
  { json: string; etag: string; version: number; status: string; checkedAt: number; checking?: boolean }
>();
const PLAN_RECHECK_MS = 1000;
const PLAN_CACHE_MAX = 50;
let planForgotten = 0;
const PROGRESS_WRITE_MS = 400;

/** How the worker file is found: the .ts source under tsx, the bundled .js in production. */
function workerUrl(): URL {
  const isSource = import.meta.url.endsWith('.ts');
  return new URL(isSource ? './planWorker.ts' : './planWorker.js', import.meta.url);
}

/** How many plan runs this instance does at once (in all, and per user) and how many may wait their turn. */
export interface PlanRunLimits {
  max: number;
  perUser: number;
  /** Waiting runs in all; beyond: 429. */
  queueMax: number;
  /** Waiting runs of one user; beyond: 429. */
  queuePerUser: number;
  /** The wall-clock safety stop of a run, as a multiple of its time limit (PLAN_SAFETY_STOP_FACTOR). */
  safetyStopFactor: number;
}
// Each run is a worker thread with its own copy of the instance (about 65 MB) that keeps a core busy: twelve at
// once took 780 MB and made every other request 10 to 15 times slower. So two run at a time (one per user), the
// rest wait their turn in order.
const DEFAULT_PLAN_RUN_LIMITS: PlanRunLimits = {
  max: 2,
  perUser: 1,
  queueMax: 20,
  queuePerUser: 5,
  safetyStopFactor: 3,
};
let runLimits: PlanRunLimits = { ...DEFAULT_PLAN_RUN_LIMITS };

/**
 * Sets the limits of plan runs (PLAN_RUNS_MAX, PLAN_RUNS_PER_USER, PLAN_SAFETY_STOP_FACTOR); unset fields keep the
 * default.
 */
export function setPlanRunLimits(limits: Partial<PlanRunLimits>): void {
  runLimits = { ...DEFAULT_PLAN_RUN_LIMITS, ...limits };
}

/** A plan that waits for a free run slot of this instance. */
interface WaitingRun {
  id: string;
  user: string;
  instance: PlanningInstance;
  options: PlanWorkerInput['options'];
  logger: Logger;
  /** Also search the alternatives (eerlijkst, meeste scholen, minste kilometers) after the balanced plan. */
  alternatives: boolean;
  /** The queue position last written to the plan. */
  shownPosition: number | null;
}
const waiting: WaitingRun[] = [];
/** The user of each running plan of this instance. */
const runUsers = new Map<string, string>();

const userKey = (userId: string | null) => userId ?? 'anonymous';
const runsOf = (user: string) => [...runUsers.values()].filter((u) => u === user).length;

/** 429: the queue of plan runs is full (in all, or for this user). */
class PlanQueueFullError extends AppError {
  readonly retryAfterSeconds = 60;
  constructor(message: string) {
    super('rate_limited', message, { retryAfterSeconds: 60 });
  }
}

/**
 * Starts the waiting runs that fit (in order, skipping runs of a user at their limit), and writes the new queue
 * position of each run that still waits. Called when a run is queued, ends or is cancelled.
 */
function pumpRuns(): Promise<unknown> {
  for (let i = 0; i < waiting.length && running.size < runLimits.max;) {
    const next = waiting[i]!;
    if (runsOf(next.user) >= runLimits.perUser) {
      i += 1;
      continue;
    }
    waiting.splice(i, 1);
    runUsers.set(next.id, next.user);
    runInWorker(next.id, next.instance, next.options, next.logger, next.alternatives);
  }
  const writes: Array<Promise<unknown>> = [];
  waiting.forEach((run, i) => {
    if (run.shownPosition === i + 1) return;
    run.shownPosition = i + 1;
    forgetPlan(run.id);
    writes.push(
      PlanDraft.updateOne({ _id: run.id, status: 'queued' }, { $set: { progress: queuedProgress(i + 1) } }).catch(
        (err: unknown) => run.logger.error({ err, planId: run.id }, 'could not store the queue position'),
      ),
    );
  });
  return Promise.all(writes);
}

const queuedProgress = (queuePosition: number | null) => ({
  phase: 'queued',
  fraction: 0,
  served: null,
  fairShortfall: null,
  roadKm: null,
  queuePosition,
});

/** Refuses a new run when the queue is full (before any work is done for it). */
function checkQueueRoom(user: string): void {
  const mineWaiting = waiting.filter((w) => w.user === user).length;
  const mustWait = running.size >= runLimits.max || runsOf(user) >= runLimits.perUser;
  if (!mustWait) return;
  if (mineWaiting >= runLimits.queuePerUser) {
    throw new PlanQueueFullError(
      `Er wachten al ${mineWaiting} plannen van jou op hun beurt. Wacht tot er een klaar is, of stop er een.`,
    );
  }
  if (waiting.length >= runLimits.queueMax) {
    throw new PlanQueueFullError(
      `Er wachten al ${waiting.length} plannen op hun beurt. Probeer het over een minuut opnieuw.`,
    );
  }
}

/** Runs of this instance: running and waiting (for tests and the log). */
export function planRunStats(): { running: number; waiting: number } {
  return { running: running.size, waiting: waiting.length };
}

/**
 * Starts "Plan maken": builds the instance from the database, stores a queued plan and runs the optimizer in a
 * worker thread, or, when this instance already runs its maximum (PlanRunLimits), lets it wait its turn (status
 * "queued", with its position in `progress.queuePosition`). Returns at once; progress and the result are written
 * to the plan. 429 when the queue is full.
 */
export async function startPlan(
  input: CreatePlanInput,
  userId: string | null,
  logger: Logger,
  now = new Date(),
): Promise<PlanDto> {
  const user = userKey(userId);
  checkQueueRoom(user);
  const name = input.name ?? `Tour ${input.from} – ${input.to}`;
  const built = await buildInstance(name, input.from, input.to, input.truckIds);
  let previousPlan: Plan | undefined;
  let pinnedIds = built.pinned.map((p) => p.request);
  const pinned = [...built.pinned];
  if (input.basePlanId) {
    const base = await loadPlan(input.basePlanId);
    if (!base.planJson) throw new InvalidStateError('Het basisplan heeft nog geen uitkomst.');
    previousPlan = JSON.parse(base.planJson) as Plan;
    const known = new Set(built.instance.requests.map((r) => r.id));
    for (const route of previousPlan.routes) {
      for (const stop of route.stops) {
        if (base.pinned.includes(stop.request) && known.has(stop.request) && !pinnedIds.includes(stop.request)) {
          pinned.push({ request: stop.request, truck: route.truck, date: route.date, start: stop.start });
        }
      }
    }
    pinnedIds = pinned.map((p) => p.request);
    previousPlan = { ...previousPlan, instance: name };
  }
  if (input.scenario) {
    try {
      built.instance = applyScenario(built.instance, input.scenario);
    } catch (err) {
      throw new AppError('validation_failed', (err as Error).message);
    }
  }
  const doc = await PlanDraft.create({
    name: input.scenario ? `Wat als – ${name}` : name,
    from: input.from,
    to: input.to,
    truckIds: input.scenario?.kind === 'second-truck' ? [...input.truckIds, SCENARIO_TRUCK_ID] : input.truckIds,
    scenario: input.scenario ?? null,
    seed: input.seed,
    timeLimitSeconds: input.timeLimitSeconds,
    fairnessTolerance: input.fairnessTolerance ?? null,
    status: 'queued',
    progress: queuedProgress(null),
    instanceJson: JSON.stringify(built.instance),
    requestsJson: JSON.stringify(built.requests),
    pinned: pinnedIds,
    basePlanId: input.basePlanId ? new Types.ObjectId(input.basePlanId) : null,
    createdBy: userId,
    createdAt: now,
    version: 0,
  });
  const id = String(doc._id);
  const options: PlanWorkerInput['options'] = {
    seed: input.seed,
    timeLimitMs: input.timeLimitSeconds * 1000,
    // The time limit sets a deterministic work budget (same data and seed, same plan); the wall clock is
    // only a safety stop, with room for a busy server, so a slow moment does not change the plan.
    hardStopMs: input.timeLimitSeconds * 1000 * runLimits.safetyStopFactor,
    pinned,
    ...(input.fairnessTolerance !== undefined ? { fairnessTolerance: input.fairnessTolerance } : {}),
    ...(previousPlan ? { previousPlan } : {}),
  };
  const run: WaitingRun = {
    id,
    user,
    instance: built.instance,
    options,
    logger,
    alternatives: input.alternatives ?? false,
    shownPosition: null,
  };
  waiting.push(run);
  await pumpRuns();
  const dto = toPlanDto(doc.toObject() as PlanDoc);
  return run.shownPosition !== null && waiting.includes(run)
    ? { ...dto, progress: queuedProgress(run.shownPosition) }
    : dto;
}

function runInWorker(
  id: string,
  instance: PlanningInstance,
  options: PlanWorkerInput['options'],
  logger: Logger,
  alternatives = false,
): void {
  const url = workerUrl();
  const workerData = { instance, options, alternatives } satisfies PlanWorkerInput;
  // Under tsx (development, tests) the worker registers tsx itself before loading the TypeScript file.
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`,
        { eval: true, workerData },
      )
    : new Worker(url, { workerData });
  running.set(id, worker);
  let lastWrite = 0;
  let finished = false;
  // One write at a time, in order: FerretDB's updates are not atomic, so a progress write still under way
  // could otherwise put "running" back over "done" (a lost update) and the plan would never finish.
  let writes: Promise<unknown> = Promise.resolve();
  const write = (update: () => Promise<unknown>) => {
    writes = writes
      .then(update)
      .catch((err: unknown) => logger.error({ err, planId: id }, 'could not store plan progress'));
  };
  const settle = (update: Record<string, unknown>) => {
    finished = true;
    running.delete(id);
    runUsers.delete(id);
    write(() =>
      PlanDraft.updateOne(
        { _id: id, status: trusted({ $in: ['queued', 'running'] }) },
        { $set: { ...update, finishedAt: new Date() }, $inc: { version: 1 } },
      ),
    );
    void pumpRuns(); // the next waiting run takes the slot
  };
  worker.on('message', (msg: PlanWorkerMessage) => {
    if (msg.type === 'progress') {
      const nowMs = Date.now();
      if (nowMs - lastWrite < PROGRESS_WRITE_MS && msg.phase !== 'done') return;
      lastWrite = nowMs;
      const { type: _type, ...progress } = msg;
      write(() =>
        PlanDraft.updateOne(
          { _id: id, status: trusted({ $in: ['queued', 'running'] }) },
          { $set: { status: 'running', progress } },
        ),
      );
    } else if (msg.type === 'done') {
      const { plan, figures, reasons, stats } = msg.result;
      settle({
        status: 'done',
        progress: {
          phase: 'done',
          fraction: 1,
          served: figures.served,
          fairShortfall: figures.fairShortfall,
          roadKm: figures.roadKm,
        },
        planJson: JSON.stringify(plan),
        figuresJson: JSON.stringify(figures),
        reasonsJson: JSON.stringify(reasons),
        statsJson: JSON.stringify({
          iterations: stats.iterations,
          movedVisits: stats.movedVisits,
          stoppedBy: stats.stoppedBy,
        }),
        ...(msg.alternatives
          ? {
              alternativesJson: JSON.stringify(
                msg.alternatives.map((a): PlanAlternativeDto => ({
                  ...a,
                  drivingHours: Math.round((a.figures.roadKm / instance.travel.speedKmh) * 10) / 10,
                  co2Kg: Math.round(a.figures.roadKm * CO2_KG_PER_KM),
                })),
              ),
            }
          : {}),
      });
    } else {
      settle({ status: 'failed', error: msg.message });
    }
  });
  worker.on('error', (err) => {
    logger.error({ err, planId: id }, 'plan worker failed');
    if (!finished) settle({ status: 'failed', error: 'Het plannen is mislukt door een interne fout.' });
  });
  worker.on('exit', () => {
    if (!finished) settle({ status: 'cancelled' });
  });
}

/**
 * Makes one of the plan's alternatives its plan (the one "Publiceren" publishes), with the crew's note on
 * why; recorded in the audit log. Only while the plan is done (not published) and at the version seen.
 */
export async function chooseAlternative(
  id: string,
  input: ChooseAlternativeInput,
  user: AuthUser,
  now = new Date(),
): Promise<PlanDto> {
  const doc = await loadEditable(id, input.version);
  const alternatives = JSON.parse(doc.alternativesJson ?? '[]') as PlanAlternativeDto[];
  const alt = alternatives.find((a) => a.kind === input.kind);
  if (!alt) {
    throw new InvalidStateError(
      alternatives.length === 0
        ? 'Dit plan is gemaakt zonder alternatieven.'
        : `Dit plan heeft geen alternatief "${input.kind}".`,
    );
  }
  if (!(await claimVersion('plan', id, input.version, now))) throw staleplan(await loadPlan(id), input.version);
  const chosen: ChosenAlternativeDto = {
    kind: alt.kind,
    label: alt.label,
    note: input.note,
    by: user.id,
    at: now.toISOString(),
  };
  const saved = await PlanDraft.findOneAndUpdate(
    { _id: doc._id, version: input.version },
    {
      $set: {
        planJson: JSON.stringify(alt.plan),
        figuresJson: JSON.stringify(alt.figures),
        reasonsJson: JSON.stringify(alt.reasons),
        chosenAlternative: chosen,
      },
      $inc: { version: 1 },
    },
    { returnDocument: 'after' },
  ).lean<PlanDoc>();
  forgetPlan(id);
  if (!saved) throw staleplan(doc, input.version);
  const before = (doc.chosenAlternative as ChosenAlternativeDto | null)?.kind ?? null;
  const f = alt.figures;
  await recordAudit(
    {
      actor: user,
      action: 'plan.alternative_chosen',
      target: { type: 'plan', id },
      before: { alternative: before },
      after: {
        alternative: alt.kind,
        label: alt.label,
        note: input.note,
        served: f.served,
        fairShortfall: f.fairShortfall,
        roadKm: f.roadKm,
      },
    },
    now,
  );
  return toPlanDto(saved);
}

/** Stops a running plan; it ends as "cancelled". */
export async function cancelPlan(id: string): Promise<PlanDto> {
  const doc = await loadPlan(id);
  const worker = running.get(id);
  const queuedAt = waiting.findIndex((w) => w.id === id);
  if (worker) await worker.terminate();
  else if (queuedAt >= 0) {
    waiting.splice(queuedAt, 1);
    await PlanDraft.updateOne(
      { _id: id, status: 'queued' },
      { $set: { status: 'cancelled', finishedAt: new Date() }, $inc: { version: 1 } },
    );
    await pumpRuns(); // the ones behind it move up
  } else if (doc.status === 'queued' || doc.status === 'running') {
    // Started by an instance that stopped (or another one): mark it, nothing is running here.
    await PlanDraft.updateOne(
      { _id: id },
      { $set: { status: 'cancelled', finishedAt: new Date() }, $inc: { version: 1 } },
    );
  }
  return getPlan(id);
}

/** Plans that were running when the server stopped can never finish: mark them failed at start-up. */
export async function failInterruptedPlans(): Promise<number> {
  const res = await PlanDraft.updateMany(
    { status: trusted({ $in: ['queued', 'running'] }) },
    {
      $set: { status: 'failed', error: 'De server is gestopt terwijl dit plan werd gemaakt. Maak het plan opnieuw.' },
      $inc: { version: 1 },
    },
  );
  return res.modifiedCount;
}

/** Stops every running plan (graceful shutdown). */
export async function stopAllPlans(): Promise<void> {
  waiting.length = 0; // marked failed at the next start (failInterruptedPlans)
  await Promise.all([...running.values()].map((w) => w.terminate()));
}

/** The plans, newest first, without their large parts. */
export async function listPlans(): Promise<PlanListItemDto[]> {
  const docs = await PlanDraft.find({}, '-instanceJson -planJson -requestsJson -reasonsJson -alternativesJson')
    .sort({ createdAt: -1 })
    .limit(100)
    .lean<PlanDoc[]>();
  // The creators' names, so plans of the same period can be told apart ("Plan openen", "Vergelijken met").
  const creatorIds = [
    ...new Set(docs.map((d) => d.createdBy).filter((id): id is string => Boolean(id && Types.ObjectId.isValid(id)))),
  ];
  const users = creatorIds.length
    ? await User.find({ _id: trusted({ $in: creatorIds.map((id) => new Types.ObjectId(id)) }) }, 'name email').lean<
        Array<{ _id: Types.ObjectId; name?: string | null; email: string }>
      >()
    : [];
  const names = new Map(users.map((u) => [String(u._id), u.name || u.email]));
  return docs.map((d) => {
    const { plan: _p, requests: _r, reasons: _x, alternatives: _a, ...rest } = toPlanDto(d);
    return { ...rest, createdByName: d.createdBy ? (names.get(d.createdBy) ?? null) : null };
  });
}

export async function getPlan(id: string): Promise<PlanDto> {
  return toPlanDto(await loadPlan(id));
}

/**
 * A plan as JSON text for GET /api/plans/:id, from a per-instance cache of finished plans. Building the
 * answer reads the whole stored plan with its instance (FerretDB decodes all of it even for a projection;
 * sizes in docs/PERFORMANCE.md) and parses and re-serialises three JSON fields. A finished plan (not queued or running,
 * whose progress changes without a new version) only changes with a new version, or a new status:
 * so the text is kept per plan with the version and status it was made from. This instance's own
 * changes drop it at once (forgetPlan); whether another instance changed the plan is checked with a
 * small read of version and status at most once a second (for a plan read often, in the background
 * while the kept answer goes out), so there a change shows within one to two seconds.
 * Every write still checks the version in the database (409 on a stale one).
 */
export async function getPlanJson(id: string, nowMs = Date.now()): Promise<{ json: string; etag: string }> {
  if (!/^[a-f0-9]{24}$/.test(id)) throw new AppError('invalid_id', `"${id}" is geen geldige plan-id.`);
  const hit = planCache.get(id);
  const age = hit ? nowMs - hit.checkedAt : Infinity;
  if (hit && age < PLAN_RECHECK_MS) return hit;
  if (hit && age < 2 * PLAN_RECHECK_MS) {
    // Read often: checked in the background, the kept answer goes out meanwhile (at most two seconds old).
    if (!hit.checking) {
      hit.checking = true;
      PlanDraft.findById(id, 'version status')
        .lean<{ version: number; status: string }>()
        .then(
          (stamp) => {
            if (stamp && stamp.version === hit.version && stamp.status === hit.status) hit.checkedAt = Date.now();
            else if (planCache.get(id) === hit) planCache.delete(id);
          },
          () => planCache.get(id) === hit && planCache.delete(id),
        )
        .finally(() => {
          hit.checking = false;
        });
    }
    return hit;
  }
  if (hit) {
    // Not read for a while: checked before answering.
    const stamp = await PlanDraft.findById(id, 'version status').lean<{ version: number; status: string }>();
    if (stamp && stamp.version === hit.version && stamp.status === hit.status) {
      hit.checkedAt = nowMs;
      return hit;
    }
    planCache.delete(id);
  }
  const generation = planForgotten;
  const doc = await loadPlan(id);
  const json = JSON.stringify(toPlanDto(doc));
  // A queued or running plan changes its progress (and queue position) without a new version: its ETag names that too.
  const live =
    doc.status === 'queued' || doc.status === 'running'
      ? `-${createHash('sha1')
          .update(JSON.stringify(doc.progress ?? null))
          .digest('base64url')
          .slice(0, 12)}`
      : '';
  const entry = {
    json,
    etag: `W/"plan-${id}-${doc.version}-${doc.status}${live}"`,
    version: doc.version,
    status: doc.status as string,
    checkedAt: nowMs,
  };
  // Not kept when this instance changed a plan while it was being read (the read may be the older one).
  if (doc.status !== 'queued' && doc.status !== 'running' && generation === planForgotten) {
    if (planCache.size >= PLAN_CACHE_MAX) planCache.delete(planCache.keys().next().value!); // the oldest entry
    planCache.set(id, entry);
  }
  return entry;
}

/** Drops a plan's cached answer (after this instance changed it). */
export function forgetPlan(id: string): void {
  planForgotten += 1;
  planCache.delete(id);
}

/** Checks edited routes against every hard rule; saves them only when all hold. */
export async function editPlan(id: string, input: EditPlanInput): Promise<{ plan: PlanDto; check: PlanCheckDto }> {
  const doc = await loadEditable(id, input.version);
  const instance = JSON.parse(doc.instanceJson) as PlanningInstance;
  const previous = JSON.parse(doc.planJson!) as Plan;
  const planned = new Set(input.routes.flatMap((r) => r.stops.map((s) => s.request)));
  const unassigned = instance.requests
    .filter((r) => !planned.has(r.id))
    .map(
      (r) =>
        previous.unassigned.find((u) => u.request === r.id) ?? {
          request: r.id,
          reason: 'door de crew uit de planning gehaald',
          reasonEn: 'removed from the plan by the crew',
        },
    );
  const plan: Plan = {
    format: 'techniekwagen-plan/1',
    instance: instance.name,
    routes: input.routes.filter((r) => r.stops.length > 0).map((r) => retimeRoute(instance, r)),
    unassigned,
  };
  const check = evaluatePlan(instance, plan);
  if (!check.valid)
    return { plan: toPlanDto(doc), check: { valid: false, violations: check.violations, figures: check.figures } };
  if (!(await claimVersion('plan', id, input.version))) throw staleplan((await loadPlan(id)) ?? doc, input.version);
  const saved = await PlanDraft.findOneAndUpdate(
    { _id: doc._id, version: input.version },
    {
      $set: { planJson: JSON.stringify(plan), figuresJson: JSON.stringify(check.figures), pinned: input.pinned },
      $inc: { version: 1 },
    },
    { returnDocument: 'after' },
  ).lean<PlanDoc>();
  forgetPlan(id);
  if (!saved) throw staleplan(doc, input.version);
  return { plan: toPlanDto(saved), check: { valid: true, violations: [], figures: check.figures } };
}

/**
 * Moves one visit to another truck/day: the optimizer re-plans with every other visit pinned where it is
 * and this one pinned to the new day, so times are recomputed and every hard rule is checked. Refused
 * with the reason when it does not fit; nothing is saved then.
 */
export async function moveVisit(id: string, input: MoveVisitInput): Promise<{ plan: PlanDto; check: PlanCheckDto }> {
  const doc = await loadEditable(id, input.version);
  const instance = JSON.parse(doc.instanceJson) as PlanningInstance;
  const current = JSON.parse(doc.planJson!) as Plan;
  if (!instance.requests.some((r) => r.id === input.request))
    throw new NotFoundError(`Aanvraag ${input.request} in dit plan`);
  const earliest = await earliestPlannableDate();
  const refusal =
    input.date < earliest
      ? {
          rule: 2 as const,
          nl: `${input.date} ligt vóór de eerste dag die nog gepland kan worden (${earliest}).`,
          en: `${input.date} is before the first day a visit can still be planned (${earliest}).`,
        }
      : whyNotOnDay(instance, current, input);
  if (refusal) {
    return {
      plan: toPlanDto(doc),
      check: {
        valid: false,
        violations: [{ rule: refusal.rule, message: refusal.nl, messageEn: refusal.en }],
        figures: JSON.parse(doc.figuresJson!),
      },
    };
  }
  const pinned = current.routes.flatMap((route) =>
    route.stops
      .filter((s) => s.request !== input.request)
      .map((s) => ({ request: s.request, truck: route.truck, date: route.date })),
  );
  pinned.push({ request: input.request, truck: input.truck, date: input.date });
  // Only the visits of the plan take part, all pinned to their day: the optimizer then only retimes
  // the days (and refuses a day they do not fit on); it adds nothing else to the plan.
  const planned = new Set(pinned.map((p) => p.request));
  const reduced: PlanningInstance = { ...instance, requests: instance.requests.filter((r) => planned.has(r.id)) };
  let result;
  try {
    result = optimizeTour(reduced, { seed: doc.seed, workBudget: 0, pinned });
  } catch (err) {
    const detail = (err as { issues?: string[] }).issues?.join('; ') ?? (err as Error).message;
    return {
      plan: toPlanDto(doc),
      check: {
        valid: false,
        violations: [
          {
            rule: 4,
            message: `Past niet op ${input.date}: met de reistijd, opbouw en afbouw van de andere bezoeken van die dag is er geen tijd binnen de diensttijd en de tijden van de school.`,
            messageEn: `Does not fit on ${input.date}: with the travel, set-up and teardown of that day's other visits there is no time within the shift and the school's hours.`,
            detail,
          },
        ],
        figures: JSON.parse(doc.figuresJson!),
      },
    };
  }
  const routes = result.plan.routes;
  return editPlan(id, {
    version: input.version,
    routes,
    pinned: doc.pinned.includes(input.request) ? doc.pinned : [...doc.pinned, input.request],
  });
}

/**
 * A route's departure and return follow its stops, as the optimizer times them (route.ts): the drive from the
 * depot ends at the first arrival, the drive back starts at the last departure. An edit that removes a visit
 * ("Weghalen") or moves one thus re-times its day and its figures (no return at 16:21 after the last stop went).
 */
function retimeRoute(instance: PlanningInstance, route: Plan['routes'][number]): Plan['routes'][number] {
  const truck = instance.trucks.find((t) => t.id === route.truck);
  const depot = instance.depots.find((d) => d.id === truck?.depot)?.location;
  const locate = (request: string) =>
    instance.schools.find((s) => s.id === instance.requests.find((r) => r.id === request)?.school)?.location;
  const first = route.stops[0];
  const last = route.stops.at(-1);
  const a = first && locate(first.request);
  const b = last && locate(last.request);
  if (!depot || !first || !last || !a || !b) return route;
  return {
    ...route,
    depart: formatHhmm(Math.max(0, parseHhmm(first.arrive) - travelMinutes(depot, a, instance.travel))),
    return: formatHhmm(Math.min(24 * 60 - 1, parseHhmm(last.leave) + travelMinutes(b, depot, instance.travel))),
  };
}

async function loadEditable(id: string, version: number): Promise<PlanDoc> {
  const doc = await loadPlan(id);
  if (doc.status !== 'done')
    throw new InvalidStateError(
      doc.status === 'published'
        ? 'Een gepubliceerd plan wordt niet meer gewijzigd; maak een nieuw plan vanaf dit plan.'
        : 'Dit plan is nog niet klaar.',
    );
  if (doc.version !== version) throw staleplan(doc, version);
  return doc;
}

function staleplan(doc: PlanDoc, seen: number): StaleVersionError {
  return new StaleVersionError(
    `Dit plan is intussen gewijzigd door iemand anders (u zag versie ${seen}, nu ${doc.version}). Laad het plan opnieuw.`,
    {
      currentVersion: doc.version,
    },
  );
}

export async function loadPlan(id: string): Promise<PlanDoc> {
  if (!/^[a-f0-9]{24}$/.test(id)) throw new AppError('invalid_id', `"${id}" is geen geldige plan-id.`);
  const doc = await PlanDraft.findById(id).lean<PlanDoc>();
  if (!doc) throw new NotFoundError('Dit plan');
  return doc;
}

/** A stored plan as the planning board shows it. */
export function toPlanDto(d: PlanDoc): PlanDto {
  const parse = <T>(json: string | null | undefined, fallback: T): T => (json ? (JSON.parse(json) as T) : fallback);
  return {
    id: String(d._id),
    name: d.name,
    from: d.from,
    to: d.to,
    truckIds: d.truckIds,
    seed: d.seed,
    timeLimitSeconds: d.timeLimitSeconds,
    status: d.status,
    progress: (d.progress as PlanDto['progress']) ?? null,
    error: d.error ?? null,
    plan: parse(d.planJson, null),
    figures: parse(d.figuresJson, null),
    reasons: parse(d.reasonsJson, []),
    stats: parse(d.statsJson, null),
    pinned: d.pinned,
    requests: parse<PlanRequestInfo[]>(d.requestsJson, []),
    createdAt: new Date(d.createdAt).toISOString(),
    createdBy: d.createdBy ?? null,
    basePlanId: d.basePlanId ? String(d.basePlanId) : null,
    fairnessTolerance: d.fairnessTolerance ?? null,
    finishedAt: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
    publishedAt: d.publishedAt ? new Date(d.publishedAt).toISOString() : null,
    version: d.version,
    alternatives: parse<PlanAlternativeDto[]>(d.alternativesJson, []),
    chosenAlternative: (d.chosenAlternative as ChosenAlternativeDto | null) ?? null,
    scenario: (d.scenario as Scenario | null) ?? null,
  };
}

const weekdayOf = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Why a visit cannot go to that truck and day at all (before any timing), in Dutch and English; null when it might. */
export function whyNotOnDay(
  instance: PlanningInstance,
  current: Plan,
  move: { request: string; truck: string; date: string },
): { rule: 2 | 3; nl: string; en: string } | null {
  const request = instance.requests.find((r) => r.id === move.request)!;
  const truck = instance.trucks.find((t) => t.id === move.truck);
  const d = move.date;
  if (!truck)
    return {
      rule: 2,
      nl: `Truck ${move.truck} hoort niet bij dit plan.`,
      en: `Truck ${move.truck} is not part of this plan.`,
    };
  if (d < instance.horizon.from || d > instance.horizon.to)
    return { rule: 2, nl: `${d} valt buiten de periode van dit plan.`, en: `${d} is outside this plan's period.` };
  const blocker = dayBlocker({
    date: d,
    isClosed: instance.closedDates.includes(d),
    truckName: truck.name,
    truckWorks: truck.weekdays.includes(weekdayOf(d)),
    truckUnavailable: truck.unavailableDates.includes(d),
    outsideWeeks: !request.windows.some((w) => w.from <= d && d <= w.to),
    schoolExcluded: request.excludedDates.includes(d),
  });
  if (blocker)
    return { rule: blocker.reason === 'outside_weeks' || blocker.reason === 'school_blocked' ? 3 : 2, ...blocker };
  const day = current.routes.find((r) => r.truck === move.truck && r.date === d);
  const others = day ? day.stops.filter((s) => s.request !== move.request).length : 0;
  if (others >= truck.maxVisitsPerDay)
    return {
      rule: 2,
      nl: `Deze dag is vol: hoogstens ${truck.maxVisitsPerDay} bezoeken per dag.`,
      en: `This day is full: at most ${truck.maxVisitsPerDay} visits a day.`,
    };
  return null;
}
