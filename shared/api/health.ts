/** `GET /api/health`: 200 when the database answers, 503 when it does not. */
export interface HealthDto {
  status: 'ok' | 'degraded';
  database: { state: 'connected' | 'connecting' | 'disconnected'; embedded: boolean; latencyMs: number | null };
  version: string;
  uptimeSeconds: number;
}
