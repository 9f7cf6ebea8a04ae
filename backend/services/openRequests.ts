import type { Types } from 'mongoose';
import type { RequestStatus } from '../../shared/api/requests';
import { VisitRequest } from '../models/VisitRequest';

/** What the duplicate check needs of a request. */
export interface RequestSummary {
  _id: Types.ObjectId;
  reference: string;
  schoolId?: string | null;
  status: RequestStatus;
  preferredWeeks: Array<{ from?: string | null; to?: string | null }>;
}

const OPEN: readonly RequestStatus[] = ['submitted', 'accepted', 'planned', 'confirmed'];
/** A snapshot older than this is reloaded in the background (the old one is used meanwhile). */
const REFRESH_MS = 60_000;

let snapshot: { bySchool: Map<string, RequestSummary[]>; loadStartedAt: number } | null = null;
let loading: Promise<void> | null = null;
/** This process's own writes since the snapshot began loading (newer than the snapshot; they win). */
const recent = new Map<string, { summary: RequestSummary; at: number }>();

async function load(): Promise<void> {
  const started = Date.now();
  const docs = await VisitRequest.find({}, 'reference schoolId status preferredWeeks').lean<RequestSummary[]>();
  const bySchool = new Map<string, RequestSummary[]>();
  for (const d of docs) {
    if (!d.schoolId || !OPEN.includes(d.status)) continue;
    const list = bySchool.get(d.schoolId) ?? [];
    list.push(d);
    bySchool.set(d.schoolId, list);
  }
  snapshot = { bySchool, loadStartedAt: started };
  // A write acknowledged before the scan began is in it; keep a second's margin for the clock.
  for (const [id, r] of recent) if (r.at < started - 1000) recent.delete(id);
}

function refresh(): Promise<void> {
  loading ??= load().finally(() => {
    loading = null;
  });
  return loading;
}

/** Tells the snapshot about a request this process has just written (created, or changed status or weeks). */
export function noteRequestWritten(summary: RequestSummary, at = Date.now()): void {
  recent.set(String(summary._id), {
    summary: {
      _id: summary._id,
      reference: summary.reference,
      schoolId: summary.schoolId ?? null,
      status: summary.status,
      preferredWeeks: summary.preferredWeeks,
    },
    at,
  });
}

/**
 * The reference of another open request of the same school whose preferred weeks overlap, for the
 * duplicate hint in the answer to the request form (the oldest such request, as the database lists
 * them). From a per-instance snapshot of all open requests (one read a minute, in the background)
 * plus this instance's own writes since. On FerretDB 1.24 every query but one on `_id` reads the whole
 * collection, so reading the requests on every submission grew with the collection. The hint can miss
 * a request made through another instance in the last minute; the crew's inbox and
 * GET /api/requests/:id compute duplicates from the database every time.
 */
export async function openDuplicateOf(doc: RequestSummary): Promise<string | null> {
  if (!doc.schoolId || !OPEN.includes(doc.status)) return null;
  if (!snapshot) await refresh();
  else if (Date.now() - snapshot.loadStartedAt > REFRESH_MS) refresh().catch(() => undefined); // the old one serves meanwhile
  const overlaps = (o: RequestSummary) =>
    String(o._id) !== String(doc._id) &&
    o.schoolId === doc.schoolId &&
    OPEN.includes(o.status) &&
    o.preferredWeeks.some((a) => doc.preferredWeeks.some((b) => a.from! <= b.to! && b.from! <= a.to!));
  for (const s of snapshot?.bySchool.get(doc.schoolId) ?? []) {
    const current = recent.get(String(s._id))?.summary ?? s; // this instance may have changed it since
    if (overlaps(current)) return current.reference;
  }
  for (const { summary } of recent.values()) if (overlaps(summary)) return summary.reference;
  return null;
}
