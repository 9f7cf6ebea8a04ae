import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { trusted, type Types } from 'mongoose';
import { buildIcs, type IcsEvent } from '../../shared/domain/ical';
import { isDuplicateKey } from '../db/claims';
import { NotFoundError } from '../errors';
import { School } from '../models/School';
import { Setting } from '../models/Setting';
import { VisitRequest, type VisitRequestFields } from '../models/VisitRequest';

export type FeedKind = 'school' | 'truck';
type RequestDoc = VisitRequestFields & { _id: Types.ObjectId };

const PREPARE =
  'Zorg voor: een parkeerplek voor de truck (12 x 4 m) dicht bij de ingang, stroom (230 V, 16 A) en een lokaal voor de nabespreking.';

let cachedSecret: string | undefined;

/** The installation's feed-signing key, made once (a unique insert settles a race between instances). */
async function feedSecret(): Promise<string> {
  if (cachedSecret) return cachedSecret;
  const existing = await Setting.findById('feedSecret').lean<{ value: string }>();
  if (existing) return (cachedSecret = existing.value);
  try {
    await Setting.create({ _id: 'feedSecret', value: randomBytes(32).toString('hex') });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  cachedSecret = (await Setting.findById('feedSecret').lean<{ value: string }>())!.value;
  return cachedSecret;
}

/** The secret key of a feed: a signature of its kind and target, so links need no storage and cannot be guessed. */
export async function feedKey(kind: FeedKind, target: string): Promise<string> {
  return createHmac('sha256', await feedSecret())
    .update(`${kind}:${target}`)
    .digest('base64url');
}

/** Throws NotFoundError unless `key` is the feed's key (compared in constant time). */
export async function assertFeedKey(kind: FeedKind, target: string, key: string): Promise<void> {
  const expected = Buffer.from(await feedKey(kind, target));
  const given = Buffer.from(key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new NotFoundError('Deze agenda');
}

const STATUS: Record<string, IcsEvent['status']> = {
  planned: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  done: 'CONFIRMED',
  cancelled: 'CANCELLED',
  declined: 'CANCELLED',
  accepted: 'CANCELLED', // taken out of the tour at a re-plan
};

/** The calendar event of a request's visit; its UID is the same in every feed and never changes. */
async function toEvents(requests: RequestDoc[], audience: FeedKind): Promise<IcsEvent[]> {
  const schools = new Map(
    (
      await School.find(
        {
          _id: trusted({
            $in: [...new Set(requests.map((r) => r.schoolId).filter((id): id is string => Boolean(id)))],
          }),
        },
        'name address',
      ).lean<
        Array<{
          _id: string;
          name: string;
          address: { street: string | null; houseNumber: string | null; postcode: string | null; place: string };
        }>
      >()
    ).map((s) => [s._id, s]),
  );
  return requests
    .filter((r) => r.visit?.date)
    .map((r) => {
      const school = r.schoolId ? schools.get(r.schoolId) : undefined;
      const a = school?.address;
      const location = a
        ? [[a.street, a.houseNumber].filter(Boolean).join(' '), [a.postcode, a.place].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', ')
        : undefined;
      const details = `${r.pupils} leerlingen, ${r.classes} klas(sen); programma: ${r.programmes.join(', ')}.`;
      return {
        uid: `visit-${String(r._id)}@techniekwagen.glr.nl`,
        date: r.visit!.date!,
        start: audience === 'truck' ? r.visit!.arrive! : r.visit!.start!,
        end: audience === 'truck' ? r.visit!.leave! : r.visit!.end!,
        summary: audience === 'truck' ? `${r.schoolName} (${r.reference})` : `Techniekwagen bij ${r.schoolName}`,
        ...(location ? { location } : {}),
        description:
          audience === 'truck'
            ? `${details}\nContact: ${r.contact?.name} ${r.contact?.phone ?? ''}\n${r.remarks}`
            : `${details}\n${PREPARE}`,
        sequence: r.version,
        status: STATUS[r.status] ?? 'TENTATIVE',
        updatedAt: new Date(r.updatedAt),
      } satisfies IcsEvent;
    })
    .sort((x, y) => (x.date + x.start).localeCompare(y.date + y.start));
}

/** The feed of a school's visits (all its requests that have or had a date). */
export async function schoolFeed(schoolId: string): Promise<string> {
  const school = await School.findById(schoolId, 'name').lean<{ name: string }>();
  if (!school) throw new NotFoundError('Deze school');
  const requests = await VisitRequest.find({ schoolId }).lean<RequestDoc[]>();
  return buildIcs(`Techniekwagen – ${school.name}`, await toEvents(requests, 'school'));
}

/** The feed of a truck's visits, with arrival and departure times. */
export async function truckFeed(truckId: string): Promise<string> {
  const requests = await VisitRequest.find({ 'visit.truckId': truckId }).lean<RequestDoc[]>();
  return buildIcs(`Techniekwagen – ${truckId}`, await toEvents(requests, 'truck'));
}

/** The .ics of one request's visit. */
export async function visitIcs(requestId: string): Promise<string> {
  const r = await VisitRequest.findById(requestId).lean<RequestDoc>();
  if (!r?.visit?.date) throw new NotFoundError('Een ingepland bezoek');
  return buildIcs(`Techniekwagen – ${r.schoolName}`, await toEvents([r], 'school'));
}
