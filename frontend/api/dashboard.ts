import type { FairnessDashboard, FairnessExportLevel } from '../../shared/api/dashboard';
import { buildUrl, getJson } from './http';

/** `GET /api/dashboard/fairness?from&to`: the fairness dashboard of a period. */
export function getFairness(from: string, to: string, signal?: AbortSignal): Promise<FairnessDashboard> {
  return getJson<FairnessDashboard>('/api/dashboard/fairness', { from, to }, signal);
}

/** The URL of the CSV export of one table (`GET /api/dashboard/fairness/export`), for a plain download link. */
export function fairnessExportUrl(from: string, to: string, level: FairnessExportLevel): string {
  return buildUrl('/api/dashboard/fairness/export', { from, to, level });
}
