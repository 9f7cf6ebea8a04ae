import type { AuditEntryDto, ListAuditQuery } from '../../shared/api/audit';
import type { Page } from '../../shared/api/common';
import { insertBatched } from '../db/batchedInsert';
import { AuditEntry } from '../models';
import type { AuditEntryFields } from '../models/AuditEntry';
import type { AuthUser } from './accounts/types';

/** What to record: who (null for the system or an anonymous visitor) did what to which record. */
export interface AuditInput {
  actor: Pick<AuthUser, 'id' | 'email' | 'role'> | null;
  /** Dotted verb, e.g. "user.role_changed", "request.status_changed", "visit.moved", "plan.published". */
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
}

/** Appends one entry to the audit log (`auditLog`); values are kept as JSON text. Concurrent entries are written together. */
export async function recordAudit(input: AuditInput, now: Date = new Date()): Promise<void> {
  await insertBatched(AuditEntry, {
    at: now,
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? null,
    actorRole: input.actor?.role ?? null,
    action: input.action,
    targetType: input.target.type,
    targetId: input.target.id,
    beforeJson: input.before === undefined ? null : JSON.stringify(input.before),
    afterJson: input.after === undefined ? null : JSON.stringify(input.after),
  });
}

/** One page of the audit log, newest first, optionally for one target. */
export async function listAudit(query: ListAuditQuery): Promise<Page<AuditEntryDto>> {
  const filter: Record<string, string> = {};
  if (query.targetType) filter.targetType = query.targetType;
  if (query.targetId) filter.targetId = query.targetId;
  const [docs, total] = await Promise.all([
    AuditEntry.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean(),
    AuditEntry.countDocuments(filter),
  ]);
  return { items: docs.map(toAuditEntryDto), total, page: query.page, pageSize: query.pageSize };
}

function toAuditEntryDto(d: AuditEntryFields & { _id: { toString(): string } }): AuditEntryDto {
  return {
    id: d._id.toString(),
    at: d.at.toISOString(),
    actor: d.actorId ? { id: d.actorId, email: d.actorEmail ?? null, role: d.actorRole ?? null } : null,
    action: d.action,
    target: { type: d.targetType, id: d.targetId },
    before: d.beforeJson ? JSON.parse(d.beforeJson) : null,
    after: d.afterJson ? JSON.parse(d.afterJson) : null,
  };
}
