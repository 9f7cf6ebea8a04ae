import type { HealthDto } from '../../shared/api/health';
import { getJson } from './http';

/** `GET /api/health`. The API answers 503 with a HealthDto when degraded, which this reports as ApiError. */
export function getHealth(signal?: AbortSignal): Promise<HealthDto> {
  return getJson<HealthDto>('/api/health', undefined, signal);
}
