import { z } from 'zod';
import { isoDateSchema } from './common';
import { ALTERNATIVE_KINDS } from '../optimizer/types';
import { scenarioSchema, type Scenario } from '../optimizer/scenarios';
import type { AlternativeKind } from '../optimizer/types';
import type { EvaluationResult, OptimizeStats, Plan, PlanFigures, UnassignedReason, Violation } from '../optimizer';

export const PLAN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** `POST /api/plans`: make a plan for a period with some trucks ("Plan maken"). */
export const createPlanSchema = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    from: isoDateSchema,
    to: isoDateSchema,
    truckIds: z
      .array(z.string().regex(/^[a-z0-9-]{2,40}$/))
      .min(1)
      .max(10),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    timeLimitSeconds: z.number().int().min(1).max(120).default(10),
    fairnessTolerance: z.number().min(0).max(1000).optional(),
    /** Re-plan: start from this plan and keep its pinned visits. */
    basePlanId: z
      .string()
      .regex(/^[a-f0-9]{24}$/)
      .optional(),
    /** Also make the alternatives (eerlijkst, meeste scholen, minste kilometers) beside the balanced plan. */
    alternatives: z.boolean().default(false),
    /** What-if: plan the same requests with this change (a second truck, extra days, longer shifts, a region first); such a plan is never published. */
    scenario: scenarioSchema.optional(),
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'de eerste dag moet op of voor de laatste liggen', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 800 * 86_400_000, {
    message: 'hoogstens 800 dagen',
    path: ['to'],
  });
export type CreatePlanInput = z.infer<typeof createPlanSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const planStopSchema = z
  .object({ request: z.string().min(1).max(60), arrive: hhmm, start: hhmm, end: hhmm, leave: hhmm })
  .strict();
const planRouteSchema = z
  .object({
    truck: z.string().min(1).max(40),
    date: isoDateSchema,
    depart: hhmm,
    return: hhmm,
    stops: z.array(planStopSchema).max(10),
  })
  .strict();

/** `PUT /api/plans/:id/routes`: the crew's edited routes (drag, remove), saved only when every hard rule holds. */
export const editPlanSchema = z
  .object({
    version: z.number().int().min(0),
    routes: z.array(planRouteSchema).max(5000),
    pinned: z.array(z.string().min(1).max(60)).max(5000).default([]),
  })
  .strict();
export type EditPlanInput = z.infer<typeof editPlanSchema>;

/** `POST /api/plans/:id/move`: move one visit to another truck and/or day; the server retimes and checks it. */
export const moveVisitSchema = z
  .object({
    version: z.number().int().min(0),
    request: z.string().min(1).max(60),
    truck: z.string().min(1).max(40),
    date: isoDateSchema,
  })
  .strict();
export type MoveVisitInput = z.infer<typeof moveVisitSchema>;

export const publishPlanSchema = z.object({ version: z.number().int().min(0) }).strict();

/** `POST /api/plans/:id/choose`: make one of the plan's alternatives the plan to publish, with why. */
export const chooseAlternativeSchema = z
  .object({
    version: z.number().int().min(0),
    kind: z.enum(ALTERNATIVE_KINDS),
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type ChooseAlternativeInput = z.infer<typeof chooseAlternativeSchema>;

/** One alternative of a plan ("Plan maken" with alternatives), with what the comparison shows of it. */
export interface PlanAlternativeDto {
  kind: AlternativeKind;
  /** Dutch label: eerlijkst, gebalanceerd, meeste scholen, minste kilometers. */
  label: string;
  plan: Plan;
  figures: PlanFigures;
  reasons: UnassignedReason[];
  /** Hours on the road: road km at the instance's travel speed. */
  drivingHours: number;
  /** Estimated CO2 in kg (road km × CO2_KG_PER_KM). */
  co2Kg: number;
}

/** Which alternative the crew picked, and why. */
export interface ChosenAlternativeDto {
  kind: AlternativeKind;
  label: string;
  note: string;
  by: string | null;
  at: string;
}

/** Progress of a running plan, for the progress bar. */
export interface PlanProgress {
  phase: string;
  fraction: number;
  served: number | null;
  fairShortfall: number | null;
  roadKm: number | null;
  /** While the plan waits for a free run slot (status "queued"): its place in the queue, 1 = next. */
  queuePosition?: number | null;
}

/** A plan request id mapped to what the UI shows of it. */
export interface PlanRequestInfo {
  id: string;
  requestId: string;
  reference: string;
  schoolId: string | null;
  schoolName: string;
  region: string | null;
  location: [number, number] | null;
  sessionMinutes: number;
  /** The request's version when the plan was made: publishing writes the request only if it is still at it. */
  version?: number;
}

/** A plan (draft or published) as the planning board shows it. */
export interface PlanDto {
  id: string;
  name: string;
  from: string;
  to: string;
  truckIds: string[];
  seed: number;
  timeLimitSeconds: number;
  status: PlanStatus;
  progress: PlanProgress | null;
  error: string | null;
  plan: Plan | null;
  figures: PlanFigures | null;
  reasons: UnassignedReason[];
  /** `stoppedBy: 'clock'` means the safety stop cut the search: the plan may differ from a rerun. */
  stats: Pick<OptimizeStats, 'iterations' | 'movedVisits' | 'stoppedBy'> | null;
  pinned: string[];
  requests: PlanRequestInfo[];
  createdAt: string;
  /** The user who started it (id), the plan it was re-planned from, and its own fairness tolerance: what-if settings. */
  createdBy: string | null;
  basePlanId: string | null;
  fairnessTolerance: number | null;
  finishedAt: string | null;
  publishedAt: string | null;
  version: number;
  /** The alternatives made with the plan (empty when it was made without). */
  alternatives: PlanAlternativeDto[];
  /** The alternative the crew chose as the plan; null while the balanced plan stands unchosen. */
  chosenAlternative: ChosenAlternativeDto | null;
  /** What-if plans: the change they were made with (they are compared, never published); null for a real plan. */
  scenario: Scenario | null;
}

/** A plan in the list of `GET /api/plans` (no plan, requests or reasons), with its creator's name. */
export type PlanListItemDto = Omit<PlanDto, 'plan' | 'requests' | 'reasons' | 'alternatives'> & {
  createdByName: string | null;
};

/** A refused edit: the hard rules it breaks, in words. */
export interface PlanCheckDto extends Pick<EvaluationResult, 'valid' | 'figures'> {
  /** `message` is Dutch; `messageEn` the English text where the server has one; `detail` technical. */
  violations: Array<Violation & { messageEn?: string; detail?: string }>;
}

/** A truck's published day (the authority on what the truck does that date). */
export interface TruckDayDto {
  id: string;
  truckId: string;
  date: string;
  depart: string | null;
  return: string | null;
  stops: Array<{ requestId: string; arrive: string; start: string; end: string; leave: string; pinned?: boolean }>;
  version: number;
}

/** What a publication changed. */
export interface PublishReportDto {
  plan: PlanDto;
  daysWritten: number;
  planned: number;
  moved: number;
  unplanned: number;
  emails: number;
  /**
   * Requests that changed since the plan was made (cancelled, declined, edited): publishing left them as they
   * are, and did not put them on a day. Make a new plan to place them again.
   */
  conflicts: Array<{
    requestId: string;
    reference: string;
    schoolName: string;
    status: string;
    reason: string;
    reasonEn: string;
  }>;
}

/** A truck as the planning board and the request form see it. */
export interface TruckDto {
  id: string;
  name: string;
  depotId: string;
  shift: { start: string; end: string };
  weekdays: number[];
  maxVisitsPerDay: number;
  active: boolean;
}

/** `GET /api/availability?from&to`: how full the truck(s) are per ISO week (public; no school names). */
export interface WeekAvailabilityDto {
  week: number;
  year: number;
  from: string;
  to: string;
  /** Visits the active trucks can make that week (working, non-closed days × visits per day). */
  capacity: number;
  /** Published visits that week. */
  booked: number;
}

/** A published truck-day that changed after publishing (a visit cancelled, declined or taken off): flagged on the planning board. */
export interface DayFlagDto {
  id: string;
  truckId: string;
  date: string;
  kind: 'cancelled' | 'declined' | 'unplanned' | 'publish_conflict';
  requestId: string;
  reference: string;
  schoolName: string;
  /** The slot the visit left free (truck on site), HH:mm. */
  freedFrom: string | null;
  freedTo: string | null;
  reason: string | null;
  at: string;
}

/** "Inplannen" from a flagged day (`POST /api/tour/flags/:id/fill`): which waiting request goes into the free slot. */
export const fillSlotSchema = z.object({ requestId: z.string().regex(/^[a-f0-9]{24}$/, 'een aanvraag-id') }).strict();

/** What `POST /api/tour/flags/:id/fill` did: the request is planned on the day at these times. */
export interface FillSlotResultDto {
  requestId: string;
  reference: string;
  schoolName: string;
  truckId: string;
  date: string;
  start: string;
  end: string;
  /** The truck-day's version after the booking. */
  dayVersion: number;
}

/** A waiting request that fits a flagged day's free slot, timed by the optimizer (`GET /api/tour/flags/:id/candidates`). */
export interface SlotCandidateDto {
  requestId: string;
  reference: string;
  schoolName: string;
  arrive: string;
  start: string;
  end: string;
  leave: string;
  /** Road km of the day with this visit added. */
  dayKm: number;
}
