import { z } from 'zod';
import { isoDateSchema } from './common';

/**
 * Kilograms of CO2 per driven kilometre of the techniekwagen, an assumption for a light diesel truck /
 * large van (N1 class III). Order of magnitude from the Dutch reference list CO2emissiefactoren.nl
 * (category "bestelwagen, diesel"), rounded; not a measurement of this truck. Change it here when the
 * real fuel use is known.
 */
export const CO2_KG_PER_KM = 0.25;

/** `GET /api/dashboard/fairness?from&to` (and its CSV export): a period of at most about two years. */
export const fairnessQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'de eerste dag moet op of voor de laatste liggen', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 800 * 86_400_000, {
    message: 'hoogstens 800 dagen',
    path: ['to'],
  });
export type FairnessQuery = z.infer<typeof fairnessQuerySchema>;

export const FAIRNESS_EXPORT_LEVELS = ['regions', 'municipalities', 'schools'] as const;
export type FairnessExportLevel = (typeof FAIRNESS_EXPORT_LEVELS)[number];

/** `GET /api/dashboard/fairness/export?from&to&level=regions|municipalities|schools`: CSV of one table. */
export const fairnessExportQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, level: z.enum(FAIRNESS_EXPORT_LEVELS).default('regions') })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'de eerste dag moet op of voor de laatste liggen', path: ['to'] });
export type FairnessExportQuery = z.infer<typeof fairnessExportQuerySchema>;

/** Counts shared by every level of the drill-down. */
export interface FairnessCounts {
  /** Requests of the period: accepted, planned, confirmed or done, whose preferred weeks touch the period or that have a visit in it. */
  requests: number;
  /** Visits on published truck-days in the period. */
  planned: number;
  /** Of those, carried out: the request is "done", or the crew reported the visit finished. */
  done: number;
  /** Pupils of the planned visits. */
  pupilsPlanned: number;
  /** Pupils of the visits carried out. */
  pupilsReached: number;
}

/** One STO region: its counts, its fair share of the planned visits and the gap. */
export interface RegionFairnessRow extends FairnessCounts {
  id: string;
  name: string;
  weight: number;
  /**
   * Max-min fair number of visits (water filling, shared/domain/fairness): the period's planned visits split
   * by weight, no region above its requests; the same definition as the planner's.
   */
  fairShare: number;
  /** planned − fairShare: negative means the region got fewer visits than its fair share. */
  gap: number;
}

export interface MunicipalityFairnessRow extends FairnessCounts {
  name: string;
  region: string | null;
}

export interface SchoolFairnessRow extends FairnessCounts {
  id: string;
  name: string;
  municipality: string;
  region: string;
  /** Date of the school's last visit in the period, or null. */
  lastVisit: string | null;
}

/** A vmbo school without any visit on a published truck-day up to the end of the period. */
export interface NeverVisitedSchool {
  id: string;
  name: string;
  municipality: string;
  region: string;
}

/** An open request (submitted or accepted, no visit yet) of the period, oldest first. */
export interface WaitingRequest {
  requestId: string;
  reference: string;
  schoolId: string | null;
  schoolName: string;
  region: string | null;
  status: string;
  submittedAt: string;
  /** Whole days from submission to now. */
  waitingDays: number;
}

/** One published truck-day of the period with its route length. */
export interface TruckDayDistance {
  truckId: string;
  date: string;
  stops: number;
  /** Road km of depot → stops → depot: haversine × road factor (the planner's travel model). */
  km: number;
}

/** The fairness dashboard of a period. */
export interface FairnessDashboard {
  from: string;
  to: string;
  co2KgPerKm: number;
  roadFactor: number;
  totals: FairnessCounts & { truckDays: number; km: number; co2Kg: number };
  regions: RegionFairnessRow[];
  municipalities: MunicipalityFairnessRow[];
  schools: SchoolFairnessRow[];
  neverVisited: NeverVisitedSchool[];
  waitingLongest: WaitingRequest[];
  truckDays: TruckDayDistance[];
}
