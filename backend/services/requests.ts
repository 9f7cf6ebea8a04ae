import { randomBytes } from 'node:crypto';
import { trusted, Types } from 'mongoose';
import type { Page } from '../../shared/api/common';
import {
  REQUEST_STATUS_WORDS,
  REQUEST_TRANSITIONS,
  SCHOOL_CONFIRMABLE_STATUSES,
  SCHOOL_EDITABLE_STATUSES,
  VISIT_STATUSES,
  type ChangeStatusInput,
  type CreateRequestInput,
  type ListRequestsQuery,
  type RequestDto,
  type RequestStatus,
  type UpdateRequestInput,
} from '../../shared/api/requests';
import { hashToken, safeEqual } from './accounts/secrets';
import { InvalidInputError, InvalidStateError, NotFoundError, StaleVersionError } from '../errors';
import { claimVersion, isDuplicateKey } from '../db/claims';
import { insertPlain } from '../db/batchedInsert';
import { writeLater } from '../db/deferredWrites';
import { sequences } from '../db/sequences';
import { StatusLink } from '../models/StatusLink';
import { VisitRequest, type VisitRequestFields } from '../models/VisitRequest';
import { toRequestDto } from '../presenters/requests';
import { recordAudit } from './audit';
import { noteRequestWritten, openDuplicateOf } from './openRequests';
import { OutboxMessage } from '../models/OutboxMessage';
import { enqueueEmail, newOutboxMessage } from './outbox/enqueue';
import { schoolNameAndRegion } from './schools';
import { closedDates, earliestPlannableDate, isSchoolDay } from './leadTime';
import { listDates, toDayNumber } from '../../shared/domain/time';
import { User } from '../models/User';
import { flagDay, takeVisitOffDay } from './planning/dayChanges';

/** Who acts: a logged-in user, or the holder of a request's secret status link. */
export type Actor =
  | { kind: 'user'; id: string; email: string; role: 'admin' | 'crew' | 'coordinator' | 'school'; schoolIds: string[] }
  | { kind: 'statusLink'; requestId: string }
  | { kind: 'system'; name: string }
  | { kind: 'anonymous' };

type RequestDoc = VisitRequestFields & { _id: Types.ObjectId };
/** A request as stored (every field, defaults spelled out; see insertPlain). */
type StoredRequest = Omit<Required<VisitRequestFields>, 'preferredWeeks' | 'history' | 'changeLog'> & {
  _id: Types.ObjectId;
  preferredWeeks: Array<{ from: string; to: string }>;
  history: Array<{ status: RequestStatus; at: Date; by: string | null; reason: string | null }>;
  changeLog: Array<{ version: number; at: Date; by: string; fields: string[] }>;
};

const FIELD_LABELS: Record<string, string> = {
  contact: 'contactpersoon',
  pupils: 'aantal leerlingen',
  classes: 'aantal klassen',
  levels: 'niveaus',
  programmes: 'programma',
  sessionLength: 'duur van de sessie',
  preferredWeeks: 'voorkeursweken',
  excludedDates: 'dagen dat het niet kan',
  earliestStart: 'vroegste begintijd',
  latestEnd: 'uiterste eindtijd',
  remarks: 'opmerkingen',
  status: 'status',
  visit: 'ingeplande datum',
};

/**
 * Stores a new request (status "submitted") and returns it with the secret token of its status link. The
 * school's "request received" email is written just after, in the background (db/deferredWrites.ts): the answer
 * waits for the request's write only.
 */
export async function createRequest(
  input: CreateRequestInput,
  actor: Actor,
  statusUrlFor: (token: string) => string,
  now = new Date(),
  options: { store?: boolean } = {},
): Promise<{ request: RequestDto; token: string }> {
  let schoolName: string;
  let region: string | null = null;
  if (input.schoolId) {
    const school = await schoolNameAndRegion(input.schoolId);
    if (!school)
      throw new InvalidInputError('Deze school staat niet in de lijst.', [
        { path: 'schoolId', message: 'onbekende school' },
      ]);
    if (actor.kind === 'user' && actor.role === 'school' && !actor.schoolIds.includes(input.schoolId)) {
      throw new InvalidInputError('U kunt alleen een bezoek aanvragen voor uw eigen school.', [
        { path: 'schoolId', message: 'niet uw school' },
      ]);
    }
    schoolName = school.name;
    region = school.region;
  } else {
    schoolName = input.newSchool!.name;
  }
  // Against the real clock: `now` may be a backdated submission time (imports, tests of history).
  await checkPreferredWeeks(input.preferredWeeks, input.excludedDates);
  const year = now.getUTCFullYear();
  const reference = `TW-${year}-${String(await sequences.next(`request-${year}`)).padStart(4, '0')}`;
  const by = actor.kind === 'user' ? actor.id : null;
  const id = new Types.ObjectId();
  const token = requestLinkToken(id);
  const email = requestReceivedEmail(
    input.contact.email,
    { language: input.language, schoolId: input.schoolId ?? null, schoolName, reference },
    statusUrlFor(token),
    now,
  );
  const request: StoredRequest = {
    _id: id,
    reference,
    externalId: null,
    schoolId: input.schoolId ?? null,
    schoolName,
    region,
    newSchool: input.newSchool ? { ...input.newSchool } : null,
    contact: { name: input.contact.name, email: input.contact.email, phone: input.contact.phone ?? null },
    pupils: input.pupils,
    classes: input.classes,
    levels: [...input.levels],
    programmes: [...input.programmes],
    sessionLength: input.sessionLength,
    preferredWeeks: input.preferredWeeks.map((w) => ({ from: w.from, to: w.to })),
    excludedDates: [...new Set(input.excludedDates)].sort(),
    earliestStart: input.earliestStart,
    latestEnd: input.latestEnd,
    remarks: input.remarks,
    language: input.language,
    priority: 1,
    status: 'submitted',
    history: [{ status: 'submitted', at: now, by, reason: null }],
    visit: null,
    changeLog: [],
    statusLinkHash: hashToken(token),
    receivedEmailId: email._id,
    submittedAt: now,
    updatedAt: now,
    version: 0,
  };
  // store: false (the honeypot's answer to a bot): everything as for a real request, its checks, reference number
  // and duplicate check included, but nothing written.
  const store = options.store ?? true;
  if (store) {
    await insertPlain(VisitRequest, request);
    writeLater(`request_received email of ${reference}`, () => insertPlain(OutboxMessage, email, { later: true }));
  }
  const lean = request as unknown as RequestDoc;
  const duplicateOf = await openDuplicateOf(lean).catch(() => null);
  if (store) noteRequestWritten(lean);
  return { request: toRequestDto(lean, duplicateOf), token };
}

/** The longest period one preferred range may span: a school term (13 weeks). */
export const MAX_RANGE_DAYS = 91;

/**
 * Time is real: refuses preferred weeks that can never be planned, with a Dutch message and an English one
 * (`messageEn` in the details): every range past (ending before the earliest plannable date, leadTime.ts), every
 * school day of them a holiday (or excluded), or a range longer than a term.
 */
export async function checkPreferredWeeks(
  weeks: Array<{ from: string; to: string }>,
  excluded: string[],
  now = new Date(),
): Promise<void> {
  const long = weeks.findIndex((w) => toDayNumber(w.to) - toDayNumber(w.from) + 1 > MAX_RANGE_DAYS);
  if (long >= 0) {
    throw new InvalidInputError(
      `Een periode mag hoogstens ${MAX_RANGE_DAYS / 7} weken (een schoolperiode) beslaan; kies kortere periodes.`,
      [
        {
          path: `preferredWeeks.${long}.to`,
          message: `hoogstens ${MAX_RANGE_DAYS / 7} weken per periode`,
          messageEn: `at most ${MAX_RANGE_DAYS / 7} weeks per period (one school term)`,
        },
      ],
    );
  }
  const earliest = await earliestPlannableDate(now);
  const future = weeks.filter((w) => w.to >= earliest);
  if (future.length === 0) {
    throw new InvalidInputError(
      `Alle gekozen weken liggen in het verleden of te dichtbij: het eerste bezoek kan op ${earliest}. Kies latere weken.`,
      [
        {
          path: 'preferredWeeks',
          message: `alle weken liggen vóór ${earliest}`,
          messageEn: `every week is before ${earliest}, the first day a visit can still be planned; choose later weeks`,
        },
      ],
    );
  }
  const from = future.map((w) => (w.from < earliest ? earliest : w.from)).sort()[0]!;
  const to = future
    .map((w) => w.to)
    .sort()
    .at(-1)!;
  const closed = await closedDates(from, to);
  const skip = new Set(excluded);
  const open = future.some((w) =>
    listDates(w.from < earliest ? earliest : w.from, w.to).some((d) => isSchoolDay(d, closed) && !skip.has(d)),
  );
  if (!open) {
    throw new InvalidInputError(
      'In de gekozen weken zit geen enkele schooldag: ze vallen in het weekend, in een vakantie of op een feestdag (of u sloot ze uit). Kies andere weken.',
      [
        {
          path: 'preferredWeeks',
          message: 'geen schooldag in deze weken',
          messageEn: 'these weeks hold no school day: weekends, holidays or excluded days only; choose other weeks',
        },
      ],
    );
  }
}

/**
 * A new secret status link for a request (emails carry one: the first token is shown once and never
 * stored, so a later email gets its own). Returns the URL.
 */
export async function mintStatusUrl(requestId: Types.ObjectId, appUrl: string, now = new Date()): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await StatusLink.create({ _id: hashToken(token), requestId, createdAt: now });
  return `${appUrl.replace(/\/$/, '')}/status/${token}`;
}

/** Bytes of a request's own status-link token: its id (12) and 18 random ones; 40 characters as base64url. */
const REQUEST_LINK_BYTES = 30;

/**
 * The status link the form answers with: the request's id followed by 144 random bits, so that it is found
 * by `_id` and its hash is kept in the request itself (one write for both). Links minted later are random
 * tokens in statusLinks (32 characters), as were all links before.
 */
function requestLinkToken(id: Types.ObjectId): string {
  return Buffer.concat([id.id, randomBytes(REQUEST_LINK_BYTES - 12)]).toString('base64url');
}

/** The request behind a status link; NotFoundError for an unknown or malformed token. */
export async function requestIdForToken(token: string): Promise<string> {
  if (!/^[\w-]{20,64}$/.test(token)) throw new NotFoundError('Deze statuslink');
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length === REQUEST_LINK_BYTES) {
    const id = new Types.ObjectId(bytes.subarray(0, 12));
    const request = await VisitRequest.findById(id, { statusLinkHash: 1 }).lean<{ statusLinkHash?: string | null }>();
    if (!request?.statusLinkHash || !safeEqual(hashToken(token), request.statusLinkHash))
      throw new NotFoundError('Deze statuslink');
    return String(id);
  }
  const link = await StatusLink.findById(hashToken(token)).lean<{ requestId: Types.ObjectId }>();
  if (!link) throw new NotFoundError('Deze statuslink');
  return String(link.requestId);
}

/** Requests the actor may see, newest first, with filters and paging. */
export async function listRequests(query: ListRequestsQuery, actor: Actor): Promise<Page<RequestDto>> {
  const filter: Record<string, unknown> = {};
  if (query.status) filter.status = query.status;
  if (query.schoolId) filter.schoolId = query.schoolId;
  if (actor.kind === 'user' && actor.role === 'school') {
    const own = query.schoolId ? actor.schoolIds.filter((id) => id === query.schoolId) : actor.schoolIds;
    filter.schoolId = trusted({ $in: own });
  }
  const docs = await VisitRequest.find(filter).sort({ submittedAt: -1, _id: -1 }).lean<RequestDoc[]>();
  // Period filter on the preferred weeks, in code: arrays of ranges do not index well on FerretDB.
  const inPeriod = docs.filter(
    (d) =>
      (!query.from && !query.to) ||
      d.preferredWeeks.some((w) => (!query.to || w.from! <= query.to) && (!query.from || w.to! >= query.from)),
  );
  const start = (query.page - 1) * query.pageSize;
  const items = inPeriod.slice(start, start + query.pageSize);
  return {
    items: items.map((d) => toRequestDto(d, duplicateAmong(d, docs))),
    total: inPeriod.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One request, if the actor may see it; a school contact asking for another school's gets 404. */
export async function getRequest(id: string, actor: Actor): Promise<RequestDto> {
  const doc = await loadVisible(id, actor);
  return toRequestDto(doc, await findDuplicate(doc));
}

/** Changes the wishes of a request; the school may do so until the visit is confirmed. */
export async function updateRequest(
  id: string,
  input: UpdateRequestInput,
  actor: Actor,
  now = new Date(),
): Promise<RequestDto> {
  const doc = await loadVisible(id, actor);
  const isSchool = actor.kind === 'statusLink' || (actor.kind === 'user' && actor.role === 'school');
  if (isSchool && !SCHOOL_EDITABLE_STATUSES.includes(doc.status)) {
    throw new InvalidStateError('Dit bezoek is al bevestigd; neem contact op met de crew om iets te wijzigen.');
  }
  if (doc.status === 'done' || doc.status === 'declined' || doc.status === 'cancelled') {
    throw new InvalidStateError(`Een ${statusLabel(doc.status)} aanvraag kan niet meer worden gewijzigd.`);
  }
  const { version, ...changes } = input;
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const normalised =
      key === 'excludedDates'
        ? [...new Set(value as string[])].sort()
        : key === 'contact'
          ? { phone: null, ...(value as object) }
          : value;
    if (JSON.stringify(normalised) !== JSON.stringify((doc as Record<string, unknown>)[key])) set[key] = normalised;
  }
  if (set.preferredWeeks || set.excludedDates) {
    await checkPreferredWeeks(
      (set.preferredWeeks as Array<{ from: string; to: string }> | undefined) ??
        (doc.preferredWeeks as Array<{ from: string; to: string }>),
      (set.excludedDates as string[] | undefined) ?? doc.excludedDates,
      now,
    );
  }
  const start = (set.earliestStart as string | undefined) ?? doc.earliestStart;
  const end = (set.latestEnd as string | undefined) ?? doc.latestEnd;
  if (start >= end)
    throw new InvalidInputError('De eindtijd moet na de begintijd liggen.', [
      { path: 'latestEnd', message: 'voor de begintijd' },
    ]);
  if (Object.keys(set).length === 0) {
    if (version !== doc.version) throw await staleError(doc, version);
    return toRequestDto(doc, await findDuplicate(doc));
  }
  return toRequestDto(await writeVersioned(doc, version, set, Object.keys(set), actorName(actor), now), null);
}

/** Moves a request through its lifecycle, if the transition is allowed for this actor (see transitionRequest). */
export async function changeRequestStatus(
  id: string,
  input: ChangeStatusInput,
  actor: Actor,
  appUrl = 'http://localhost:3000',
  now = new Date(),
): Promise<RequestDto> {
  const doc = await loadVisible(id, actor);
  return toRequestDto(await transitionRequest(doc, input, actor, appUrl, now), null);
}

/** Who acts, as the state machine sees it. */
function sideOf(actor: Actor): 'school' | 'crew' | 'system' | 'none' {
  if (actor.kind === 'statusLink' || (actor.kind === 'user' && actor.role === 'school')) return 'school';
  if (actor.kind === 'user') return 'crew';
  return actor.kind === 'system' ? 'system' : 'none';
}

/**
 * Why `actor` may not move a request from `from` to `to` (Dutch, for the 409), or null when it may. The one
 * rule book of the lifecycle: REQUEST_TRANSITIONS says which step may follow which, this says who may take it.
 * A school may cancel, and confirm a planned (or moved) visit; the crew may take every step of the table except
 * placing a visit on a date, which only publishing a plan (the system) does; the system may take every step.
 */
export function transitionRefusal(
  actor: Actor,
  from: RequestStatus,
  to: RequestStatus,
  hasVisit: boolean,
): string | null {
  if (!REQUEST_TRANSITIONS[from].includes(to))
    return `Van "${statusLabel(from)}" kan een aanvraag niet naar "${statusLabel(to)}".`;
  const side = sideOf(actor);
  if (side === 'none') return 'Alleen de school en de crew kunnen de status van een aanvraag wijzigen.';
  if (side === 'school' && to !== 'cancelled' && !(to === 'confirmed' && SCHOOL_CONFIRMABLE_STATUSES.includes(from))) {
    return 'Een school kan haar aanvraag alleen annuleren of het ingeplande bezoek bevestigen.';
  }
  if (side === 'crew' && (to === 'moved' || (to === 'planned' && !VISIT_STATUSES.includes(from)))) {
    return 'Een datum komt met het publiceren van een tour; maak en publiceer een plan.';
  }
  if ((VISIT_STATUSES.includes(to) || to === 'done') && !hasVisit) {
    return 'Deze aanvraag heeft nog geen ingeplande datum; die komt met het publiceren van een tour.';
  }
  return null;
}

/** Extra fields a step writes with the status (publishing: the visit). */
export interface TransitionExtras {
  set?: Record<string, unknown>;
  /** Sends no emails and flags no day (the caller does: publishing reports its own). */
  quiet?: boolean;
}

/**
 * The one place a request's status changes. Checks the step (REQUEST_TRANSITIONS and who may take it), then
 * writes it version-checked (claims, see writeVersioned: a stale `input.version` gets 409, never a silent
 * overwrite), then carries out what the step means: a published visit that ends (cancelled, declined, taken
 * off) leaves its truck's day, the day is re-timed and flagged on the planning board, the crew is told (inbox
 * and email) when the school or the system did it, and the school gets its confirmation or notice.
 * Confirming a confirmed visit, marking a done visit done and cancelling a cancelled request change nothing
 * and answer the request as it is (one click twice is one click).
 */
export async function transitionRequest(
  doc: RequestDoc,
  input: ChangeStatusInput,
  actor: Actor,
  appUrl: string,
  now = new Date(),
  extras: TransitionExtras = {},
): Promise<RequestDoc> {
  const from = doc.status;
  const to = input.status;
  if (from === to && !extras.set && (to === 'confirmed' || to === 'done' || to === 'cancelled')) return doc;
  if (from !== to || !extras.set) {
    const hasVisit = Boolean(
      (extras.set && 'visit' in extras.set ? extras.set.visit : doc.visit) as { date?: string } | null | undefined,
    );
    const refusal = transitionRefusal(actor, from, to, hasVisit);
    if (refusal) throw new InvalidStateError(refusal, { from, to });
  }
  if (
    sideOf(actor) !== 'system' &&
    (to === 'declined' || (to === 'cancelled' && from === 'confirmed')) &&
    !input.reason
  ) {
    throw new InvalidInputError('Geef een reden op.', [
      { path: 'reason', message: 'verplicht bij afwijzen en bij annuleren van een bevestigd bezoek' },
    ]);
  }
  const history =
    from === to
      ? doc.history
      : [...doc.history, { status: to, at: now, by: actorName(actor), reason: input.reason ?? null }];
  const set: Record<string, unknown> = { status: to, history, ...(extras.set ?? {}) };
  // A visit taken back to "geaccepteerd" loses its date (it waits for the next plan); a cancelled or declined one
  // keeps it, so calendars get the cancellation of that date.
  if (to === 'accepted' && VISIT_STATUSES.includes(from) && !('visit' in set)) set.visit = null;
  const fields = from === to ? Object.keys(extras.set ?? {}) : ['status', ...Object.keys(extras.set ?? {})];
  const updated = await writeVersioned(doc, input.version, set, fields, actorName(actor), now);
  if (from !== to) {
    await recordAudit(
      {
        actor: actor.kind === 'user' ? { id: actor.id, email: actor.email, role: actor.role } : null,
        action: 'request.status_changed',
        target: { type: 'request', id: String(doc._id) },
        before: { status: from },
        after: {
          status: to,
          reason: input.reason ?? null,
          via: actor.kind === 'system' ? `system:${actor.name}` : actor.kind,
        },
      },
      now,
    );
  }
  if (!extras.quiet && from !== to) await afterTransition(doc, updated, actor, input.reason ?? null, appUrl, now);
  return updated;
}

/** Active crew members (and admins), who get the crew's emails. */
async function crewRecipients(): Promise<Array<{ email: string; language: 'nl' | 'en' }>> {
  const users = await User.find({ role: trusted({ $in: ['crew', 'admin'] }), status: 'active' }, 'email language').lean<
    Array<{ email: string; language?: string | null }>
  >();
  return users.map((u) => ({ email: u.email, language: u.language === 'en' ? 'en' : 'nl' }));
}

/** What a step means outside the request itself: the truck's day, the planning board, the crew and the school. */
async function afterTransition(
  before: RequestDoc,
  after: RequestDoc,
  actor: Actor,
  reason: string | null,
  appUrl: string,
  now: Date,
): Promise<void> {
  const from = before.status;
  const to = after.status;
  const side = sideOf(actor);
  const visit = before.visit?.date && before.visit.truckId && VISIT_STATUSES.includes(from) ? before.visit : null;
  const email = { to: before.contact!.email, language: before.language };
  const url = await (side === 'school' || side === 'crew'
    ? mintStatusUrl(before._id, appUrl, now)
    : Promise.resolve(null));
  if (visit && (to === 'cancelled' || to === 'declined' || to === 'accepted')) {
    const off = await takeVisitOffDay(visit.truckId!, visit.date!, String(before._id), now);
    await flagDay(
      {
        truckId: visit.truckId!,
        date: visit.date!,
        kind: to === 'accepted' ? 'unplanned' : to,
        requestId: String(before._id),
        reference: before.reference,
        schoolName: before.schoolName,
        freedFrom: off?.removed.arrive ?? visit.arrive ?? null,
        freedTo: off?.removed.leave ?? visit.leave ?? null,
        reason,
      },
      now,
    );
    if (side !== 'crew' && to !== 'accepted') {
      const board = `${appUrl.replace(/\/$/, '')}/planning?from=${visit.date}&to=${visit.date}`;
      for (const crew of await crewRecipients()) {
        await enqueueEmail(
          {
            to: crew.email,
            kind: 'crew_visit_changed',
            language: crew.language,
            params: {
              schoolName: before.schoolName,
              reference: before.reference,
              date: visit.date!,
              truckId: visit.truckId!,
              slot: `${visit.arrive}–${visit.leave}`,
              what: to,
              reason,
              url: board,
            },
          },
          now,
        );
      }
    }
  }
  if (side === 'school') {
    if (to === 'cancelled')
      await enqueueEmail(
        {
          ...email,
          kind: 'cancellation_received',
          params: { schoolName: before.schoolName, reference: before.reference, date: visit?.date ?? null, url },
        },
        now,
      );
    return;
  }
  if (side !== 'crew') return;
  if ((to === 'declined' || to === 'cancelled') && visit) {
    await enqueueEmail(
      { ...email, kind: 'visit_cancelled', params: { schoolName: before.schoolName, date: visit.date!, reason, url } },
      now,
    );
  } else if (to === 'accepted' && visit) {
    await enqueueEmail(
      {
        ...email,
        kind: 'visit_cancelled',
        params: {
          schoolName: before.schoolName,
          date: visit.date!,
          reason: reason ?? 'de crew zoekt een nieuwe datum',
          url,
        },
      },
      now,
    );
  } else if (to === 'declined') {
    await enqueueEmail(
      {
        ...email,
        kind: 'request_declined',
        params: { schoolName: before.schoolName, reference: before.reference, reason: reason!, url },
      },
      now,
    );
  } else if (to === 'accepted' && from === 'submitted') {
    await enqueueEmail(
      {
        ...email,
        kind: 'request_accepted',
        params: { schoolName: before.schoolName, reference: before.reference, url },
      },
      now,
    );
  }
}

/**
 * A crew "Klaar" (finished) event of a published visit, or the crew's day sheet: the visit is carried out. Retried
 * on a concurrent change; a request that is not (or no longer) planned is left as it is. Returns the new status.
 */
export async function markVisitDone(
  requestId: string,
  by: string,
  now = new Date(),
  appUrl = 'http://localhost:3000',
): Promise<RequestStatus | null> {
  if (!Types.ObjectId.isValid(requestId)) return null;
  for (let attempt = 0; attempt < 6; attempt++) {
    const doc = await VisitRequest.findById(requestId).lean<RequestDoc>();
    if (!doc) return null;
    if (doc.status === 'done') return 'done';
    if (!VISIT_STATUSES.includes(doc.status) || !doc.visit?.date) return doc.status;
    try {
      return (
        await transitionRequest(
          doc,
          { version: doc.version, status: 'done' },
          { kind: 'system', name: by },
          appUrl,
          now,
        )
      ).status;
    } catch (err) {
      if (!(err instanceof StaleVersionError)) throw err;
    }
  }
  return null;
}

/**
 * Writes `set` only if the document is still at `version` (compare-and-set), bumping the version and
 * logging which fields changed. A stale version gets StaleVersionError saying what changed since.
 */
async function writeVersioned(
  doc: RequestDoc,
  version: number,
  set: Record<string, unknown>,
  fields: string[],
  by: string | null,
  now: Date,
) {
  if (version !== doc.version) throw await staleError(doc, version);
  // Claiming the next version is the compare-and-set (FerretDB's conditional updates are not atomic).
  if (!(await claimVersion('request', String(doc._id), version, now))) throw await staleError(doc, version);
  const changeLog = [...(doc.changeLog ?? []), { version: version + 1, at: now, by, fields }].slice(-50);
  const updated = await VisitRequest.findOneAndUpdate(
    { _id: doc._id, version },
    { $set: { ...set, changeLog, updatedAt: now }, $inc: { version: 1 } },
    { returnDocument: 'after', runValidators: true },
  ).lean<RequestDoc>();
  if (!updated) throw await staleError(doc, version);
  noteRequestWritten(updated);
  return updated;
}

async function staleError(doc: RequestDoc, seen: number): Promise<StaleVersionError> {
  const current = (await VisitRequest.findById(doc._id).lean<RequestDoc>()) ?? doc;
  const since = (current.changeLog ?? []).filter((c) => (c.version ?? 0) > seen);
  const fields = [...new Set(since.flatMap((c) => c.fields ?? []))].map((f) => FIELD_LABELS[f] ?? f);
  const what = fields.length > 0 ? `gewijzigd: ${fields.join(', ')}` : 'gewijzigd';
  return new StaleVersionError(
    `Deze aanvraag is intussen door iemand anders ${what} (u zag versie ${seen}, nu versie ${current.version}). Uw invoer is niet opgeslagen; bekijk de nieuwe gegevens en probeer het opnieuw.`,
    { currentVersion: current.version, changedFields: fields, current: toRequestDto(current, null) },
  );
}

async function loadVisible(id: string, actor: Actor): Promise<RequestDoc> {
  if (!Types.ObjectId.isValid(id) || !/^[a-f0-9]{24}$/i.test(id)) throw new NotFoundError('Deze aanvraag');
  if (actor.kind === 'statusLink' && actor.requestId !== id) throw new NotFoundError('Deze aanvraag');
  const doc = await VisitRequest.findById(id).lean<RequestDoc>();
  if (!doc) throw new NotFoundError('Deze aanvraag');
  if (actor.kind === 'user' && actor.role === 'school' && !actor.schoolIds.includes(doc.schoolId ?? '')) {
    throw new NotFoundError('Deze aanvraag');
  }
  return doc;
}

const OPEN: readonly RequestStatus[] = ['submitted', 'accepted', 'planned', 'moved', 'confirmed'];

async function findDuplicate(doc: RequestDoc): Promise<string | null> {
  if (!doc.schoolId) return null;
  const same = await VisitRequest.find({ schoolId: doc.schoolId }, 'reference schoolId status preferredWeeks').lean<
    RequestDoc[]
  >();
  return duplicateAmong(doc, same);
}

/** The reference of another open request of the same school whose weeks overlap this one's. */
function duplicateAmong(doc: RequestDoc, others: RequestDoc[]): string | null {
  if (!doc.schoolId || !OPEN.includes(doc.status)) return null;
  const overlap = others.find(
    (o) =>
      String(o._id) !== String(doc._id) &&
      o.schoolId === doc.schoolId &&
      OPEN.includes(o.status) &&
      o.preferredWeeks.some((a) => doc.preferredWeeks.some((b) => a.from! <= b.to! && b.from! <= a.to!)),
  );
  return overlap?.reference ?? null;
}

function actorName(actor: Actor): string | null {
  if (actor.kind === 'user') return actor.id;
  if (actor.kind === 'system') return `systeem (${actor.name})`;
  return actor.kind === 'statusLink' ? 'school (statuslink)' : null;
}

const statusLabel = (s: RequestStatus) => REQUEST_STATUS_WORDS.nl[s];

/** The "request received" email to the school's contact `to` (not yet stored), with the status link `url`. */
/** "your school" in the request-received email, in place of a school name that the requester typed. */
const YOUR_SCHOOL = { nl: 'uw school', en: 'your school' } as const;

/**
 * The "request received" email. It goes to an address nobody has checked yet, so it carries nothing the requester
 * typed (a school name of their own, their name, remarks): only the school's name from our list, the reference,
 * the status link and fixed text. Otherwise anyone could have us send GLR-branded mail with their text to anyone.
 */
function requestReceivedEmail(
  to: string,
  r: { language: 'nl' | 'en'; schoolId?: string | null; schoolName: string; reference: string },
  url: string,
  now: Date,
) {
  const schoolName = r.schoolId ? r.schoolName : YOUR_SCHOOL[r.language];
  return newOutboxMessage(
    { to, kind: 'request_received', language: r.language, params: { schoolName, reference: r.reference, url } },
    now,
  );
}

/** How far back recoverRequestEmails looks. */
const RECOVERY_LOOKBACK_MS = 7 * 24 * 3600 * 1000;

/**
 * Writes the "request received" emails that a crash cut off (createRequest writes them just after their request):
 * every request from the form submitted in the 7 days before `startedAt` (this process's start) whose email is
 * not in the outbox gets it now, with a newly minted status link (the form's own link is in the school's browser
 * only). The email keeps the id the request names, so it is written once, also should another instance still be
 * writing it. A request that fails is reported and the others are still done. The server runs it at start-up, in
 * the background.
 */
export async function recoverRequestEmails(
  appUrl: string,
  startedAt = new Date(),
): Promise<{ written: number; failed: number }> {
  const since = new Date(startedAt.getTime() - RECOVERY_LOOKBACK_MS);
  const candidates = await VisitRequest.find(
    { receivedEmailId: trusted({ $ne: null }), submittedAt: trusted({ $gte: since, $lt: startedAt }) },
    { receivedEmailId: 1, reference: 1, schoolId: 1, schoolName: 1, contact: 1, language: 1 },
  ).lean();
  let written = 0;
  let failed = 0;
  for (const r of candidates) {
    try {
      if (!r.contact?.email || (await OutboxMessage.exists({ _id: r.receivedEmailId }))) continue;
      const email = requestReceivedEmail(r.contact.email, r, await mintStatusUrl(r._id, appUrl), new Date());
      await insertPlain(OutboxMessage, { ...email, _id: r.receivedEmailId! });
      written += 1;
    } catch (err) {
      if (!isDuplicateKey(err)) failed += 1; // a duplicate: written meanwhile by the instance that took the request
    }
  }
  return { written, failed };
}

/** The reason a request that aged out is closed with (the crew's inbox shows it). */
export const EXPIRED_REASON = 'Verlopen: alle voorkeursweken zijn voorbij zonder dat het bezoek kon worden ingepland.';

/**
 * Requests waiting for a plan (ingediend, geaccepteerd) whose preferred weeks all end before the earliest plannable
 * date can never be planned: they are closed ("afgewezen", with EXPIRED_REASON, by the system), the crew sees them
 * with the reason in the inbox, and the school gets an email. A request changed meanwhile is left for the next run.
 * The server runs it at start-up and every hour. Returns how many were closed.
 */
export async function expireWaitingRequests(appUrl: string, now = new Date()): Promise<number> {
  const earliest = await earliestPlannableDate(now);
  const waiting = await VisitRequest.find({ status: trusted({ $in: ['submitted', 'accepted'] }) }).lean<RequestDoc[]>();
  let closed = 0;
  for (const r of waiting) {
    if (r.preferredWeeks.length === 0 || r.preferredWeeks.some((w) => w.to! >= earliest)) continue;
    try {
      await transitionRequest(
        r,
        { version: r.version, status: 'declined', reason: EXPIRED_REASON },
        { kind: 'system', name: 'verlopen' },
        appUrl,
        now,
      );
    } catch (err) {
      if (err instanceof StaleVersionError) continue;
      throw err;
    }
    closed += 1;
    if (r.contact?.email) {
      await enqueueEmail(
        {
          to: r.contact.email,
          kind: 'request_expired',
          language: r.language,
          params: { schoolName: r.schoolName, reference: r.reference, url: await mintStatusUrl(r._id, appUrl, now) },
        },
        now,
      );
    }
  }
  return closed;
}
