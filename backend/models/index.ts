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
import { OutboxMessage } from './OutboxMessage';
import { RateLimit } from './RateLimit';
import { Session } from './Session';
import { User } from './User';
import { LiveChange } from './LiveChange';
import { TruckEvent } from './TruckEvent';
import { TruckPosition } from './TruckPosition';

export { CalendarEntry, Claim, Counter, Depot, Municipality, PlanDraft, Region, School, Setting, StatusLink, Truck, TruckDay, VisitRequest };
export { AuditEntry, LinkToken, OutboxMessage, RateLimit, Session, User };
export { LiveChange, TruckEvent, TruckPosition };

/** Every model of the app, for index creation at start-up and for backup. */
export const ALL_MODELS = [School, Region, Municipality, Depot, Truck, CalendarEntry, Counter, VisitRequest, StatusLink, TruckDay, PlanDraft, Claim, Setting,
  User, Session, LinkToken, RateLimit, OutboxMessage, AuditEntry, TruckPosition, TruckEvent, LiveChange] as const;

/** Creates the indexes every query relies on (unique keys included); safe to run on every start. */
export async function ensureIndexes(): Promise<void> {
  for (const m of ALL_MODELS) await m.createIndexes();
}
