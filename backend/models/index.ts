import type { CreateIndexesOptions } from 'mongodb';
import { CalendarEntry } from './CalendarEntry';
import { Claim } from './Claim';
import { Counter } from './Counter';
import { Depot } from './Depot';
import { Municipality } from './Municipality';
import { PlanDraft } from './PlanDraft';
import { Region } from './Region';
import { School } from './School';
import { Setting } from './Setting';
import { StatusLink } from './StatusLink';
import { Truck } from './Truck';
import { TruckDay } from './TruckDay';
import { VisitRequest } from './VisitRequest';
import { AuditEntry } from './AuditEntry';
import { LinkToken } from './LinkToken';
import { OutboxLease } from './OutboxLease';
import { OutboxMessage } from './OutboxMessage';
import { RateLimit } from './RateLimit';
import { Session } from './Session';
import { User } from './User';
import { LiveChange } from './LiveChange';
import { TruckEvent } from './TruckEvent';
import { TruckPosition } from './TruckPosition';
import { DayFlag } from './DayFlag';

export {
  CalendarEntry,
  Claim,
  Counter,
  Depot,
  Municipality,
  PlanDraft,
  Region,
  School,
  Setting,
  StatusLink,
  Truck,
  TruckDay,
  VisitRequest,
};
export { AuditEntry, LinkToken, OutboxLease, OutboxMessage, RateLimit, Session, User };
export { LiveChange, TruckEvent, TruckPosition };
export { DayFlag };

/** Every model of the app, for index creation at start-up and for backup. */
export const ALL_MODELS = [
  School,
  Region,
  Municipality,
  Depot,
  Truck,
  CalendarEntry,
  Counter,
  VisitRequest,
  StatusLink,
  TruckDay,
  PlanDraft,
  Claim,
  Setting,
  User,
  Session,
  LinkToken,
  RateLimit,
  OutboxMessage,
  OutboxLease,
  AuditEntry,
  TruckPosition,
  TruckEvent,
  LiveChange,
  DayFlag,
] as const;

/**
 * Creates the indexes the app relies on; safe to run on every start (mongoose's autoIndex is off, see
 * db/connection.ts). On MongoDB: every index of every schema. On the embedded FerretDB: only the unique ones,
 * which keep request references and user e-mail addresses single (truck days, claims and counters are single
 * by their `_id`, which needs no index of ours). Its SQLite backend pushes nothing but
 * `_id` equality down to SQLite, so a secondary index never serves a read there and only adds its own b-tree to
 * every commit (what that cost the form: docs/PERFORMANCE.md). A data folder made before keeps no such index
 * either: they are dropped.
 */
export async function ensureIndexes({ embedded }: { embedded: boolean }): Promise<void> {
  for (const m of ALL_MODELS) {
    if (!embedded) {
      await m.createIndexes();
      continue;
    }
    for (const [fields, options] of m.schema.indexes()) {
      if (options.unique)
        await m.collection.createIndex(
          fields as Record<string, 1 | -1>,
          { ...options, unique: true } as CreateIndexesOptions,
        );
    }
    const existing = await m.collection.indexes().catch(() => []); // a collection not written yet has none
    for (const index of existing) {
      if (index.name && index.name !== '_id_' && !index.unique) await m.collection.dropIndex(index.name);
    }
  }
}
