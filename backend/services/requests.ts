import { randomBytes } from 'node:crypto';
import { trusted, Types } from 'mongoose';
import type { Page } from '../../shared/api/common';
import {
  REQUEST_TRANSITIONS,
  SCHOOL_EDITABLE_STATUSES,
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

/** Who acts: a logged-in user, or the holder of a request's secret status link. */
export type Actor =
  | { kind: 'user'; id: string; email: string; role: 'admin' | 'crew' | 'coordinator' | 'school'; schoolIds: string[] }
  | { kind: 'statusLink'; requestId: string }
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
    if (!school) throw new InvalidInputError('Deze school staat niet in de lijst.', [{ path: 'schoolId', message: 'onbekende school' }]);
    if (actor.kind === 'user' && actor.role === 'school' && !actor.schoolIds.includes(input.schoolId)) {
      throw new InvalidInputError('U kunt alleen een bezoek aanvragen voor uw eigen school.', [{ path: 'schoolId', message: 'niet uw school' }]);
    }
    schoolName = school.name;
    region = school.region;
  } else {
    schoolName = input.newSchool!.name;
  }
  const year = now.getUTCFullYear();
  const reference = `TW-${year}-${String(await sequences.next(`request-${year}`)).padStart(4, '0')}`;
  const by = actor.kind === 'user' ? actor.id : null;
  const id = new Types.ObjectId();
  const token = requestLinkToken(id);
  const email = requestReceivedEmail(input.contact.email, { language: input.language, schoolId: input.schoolId ?? null, schoolName, reference }, statusUrlFor(token), now);
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
    if (!request?.statusLinkHash || !safeEqual(hashToken(token), request.statusLinkHash)) throw new NotFoundError('Deze statuslink');
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
    (d) => (!query.from && !query.to) || d.preferredWeeks.some((w) => (!query.to || w.from! <= query.to) && (!query.from || w.to! >= query.from)),
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
export async function updateRequest(id: string, input: UpdateRequestInput, actor: Actor, now = new Date()): Promise<RequestDto> {
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
    const normalised = key === 'excludedDates' ? [...new Set(value as string[])].sort() : key === 'contact' ? { phone: null, ...(value as object) } : value;
    if (JSON.stringify(normalised) !== JSON.stringify((doc as Record<string, unknown>)[key])) set[key] = normalised;
  }
  const start = (set.earliestStart as string | undefined) ?? doc.earliestStart;
  const end = (set.latestEnd as string | undefined) ?? doc.latestEnd;
  if (start >= end) throw new InvalidInputError('De eindtijd moet na de begintijd liggen.', [{ path: 'latestEnd', message: 'voor de begintijd' }]);
  if (Object.keys(set).length === 0) {
    if (version !== doc.version) throw await staleError(doc, version);
    return toRequestDto(doc, await findDuplicate(doc));
  }
  return toRequestDto(await writeVersioned(doc, version, set, Object.keys(set), actorName(actor), now), null);
}

/** Moves a request through its lifecycle, if the transition is allowed for this actor. */
export async function changeRequestStatus(id: string, input: ChangeStatusInput, actor: Actor, appUrl = 'http://localhost:3000', now = new Date()): Promise<RequestDto> {
  const doc = await loadVisible(id, actor);
  const from = doc.status;
  const to = input.status;
  if (!REQUEST_TRANSITIONS[from].includes(to)) {
    throw new InvalidStateError(`Van "${statusLabel(from)}" kan een aanvraag niet naar "${statusLabel(to)}".`, { from, to });
  }
  const isSchool = actor.kind === 'statusLink' || (actor.kind === 'user' && actor.role === 'school');
  if (isSchool && to !== 'cancelled') throw new InvalidStateError('Een school kan haar aanvraag alleen annuleren.', { from, to });
  if ((to === 'declined' || (to === 'cancelled' && from === 'confirmed')) && !input.reason) {
    throw new InvalidInputError('Geef een reden op.', [{ path: 'reason', message: 'verplicht bij afwijzen en bij annuleren van een bevestigd bezoek' }]);
  }
  if ((to === 'planned' || to === 'confirmed' || to === 'done') && !doc.visit) {
    throw new InvalidStateError('Deze aanvraag heeft nog geen ingeplande datum; die komt met het publiceren van een tour.', { from, to });
  }
  const history = [...doc.history, { status: to, at: now, by: actorName(actor), reason: input.reason ?? null }];
  const updated = await writeVersioned(doc, input.version, { status: to, history }, ['status'], actorName(actor), now);
  await recordAudit(
    {
      actor: actor.kind === 'user' ? { id: actor.id, email: actor.email, role: actor.role } : null,
      action: 'request.status_changed',
      target: { type: 'request', id: String(doc._id) },
      before: { status: from },
      after: { status: to, reason: input.reason ?? null, via: actor.kind },
    },
    now,
  );
  // The school is told of every decision that is not its own.
  if (actor.kind === 'user' && actor.role !== 'school') {
    const email = { to: doc.contact!.email, language: doc.language };
    const url = await mintStatusUrl(doc._id, appUrl, now);
    if ((to === 'declined' || to === 'cancelled') && doc.visit?.date) {
      await enqueueEmail({ ...email, kind: 'visit_cancelled', params: { schoolName: doc.schoolName, date: doc.visit.date, reason: input.reason ?? null, url } });
    } else if (to === 'declined') {
      await enqueueEmail({ ...email, kind: 'request_declined', params: { schoolName: doc.schoolName, reference: doc.reference, reason: input.reason!, url } });
    } else if (to === 'accepted' && from === 'submitted') {
      await enqueueEmail({ ...email, kind: 'request_accepted', params: { schoolName: doc.schoolName, reference: doc.reference, url } });
    }
  }
  return toRequestDto(updated, null);
}

/**
 * Writes `set` only if the document is still at `version` (compare-and-set), bumping the version and
 * logging which fields changed. A stale version gets StaleVersionError saying what changed since.
 */
async function writeVersioned(doc: RequestDoc, version: number, set: Record<string, unknown>, fields: string[], by: string | null, now: Date) {
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

const OPEN: readonly RequestStatus[] = ['submitted', 'accepted', 'planned', 'confirmed'];

async function findDuplicate(doc: RequestDoc): Promise<string | null> {
  if (!doc.schoolId) return null;
  const same = await VisitRequest.find({ schoolId: doc.schoolId }, 'reference schoolId status preferredWeeks').lean<RequestDoc[]>();
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
  return actor.kind === 'statusLink' ? 'school (statuslink)' : null;
}

const STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: 'ingediend',
  accepted: 'geaccepteerd',
  planned: 'ingepland',
  confirmed: 'bevestigd',
  done: 'uitgevoerd',
  declined: 'afgewezen',
  cancelled: 'geannuleerd',
};
const statusLabel = (s: RequestStatus) => STATUS_LABELS[s];

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
  return newOutboxMessage({ to, kind: 'request_received', language: r.language, params: { schoolName, reference: r.reference, url } }, now);
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
export async function recoverRequestEmails(appUrl: string, startedAt = new Date()): Promise<{ written: number; failed: number }> {
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
