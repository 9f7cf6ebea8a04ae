import { trusted } from 'mongoose';
import { SESSION_LENGTHS, type SessionLength } from '../../shared/api/requests';
import { validatePlanningInstance, type PlanningInstance } from '../../shared/optimizer';
import { InvalidInputError } from '../errors';
import { CalendarEntry } from '../models/CalendarEntry';
import { School } from '../models/School';
import { Truck } from '../models/Truck';
import { VisitRequest } from '../models/VisitRequest';
import { buildInstance } from './planning/instance';

const LENGTH_BY_MINUTES = new Map<number, SessionLength>(
  Object.entries(SESSION_LENGTHS).map(([k, v]) => [v, k as SessionLength]),
);

/** What an import did, and how the instance the app builds from the database differs from the file. */
export interface ImportReport {
  created: number;
  skipped: number;
  truckDaysOff: number;
  /** Differences between the file's instance and the one "Plan maken" will build (empty: identical). */
  differences: string[];
}

/**
 * Loads a planning instance (exchange format) as real, accepted requests: each keeps the id it has in the
 * file (as `externalId`, used as its id in plans), so "Plan maken" over the file's horizon builds the
 * same instance and, for a seed, the same plan as `npm run plan` on the file. Idempotent: requests
 * already imported (same externalId) are skipped.
 */
export async function importInstance(raw: unknown, now = new Date()): Promise<ImportReport> {
  const instance = validatePlanningInstance(raw);
  const problems: string[] = [];
  const schools = new Set((await School.find({}, '_id').lean<Array<{ _id: string }>>()).map((s) => s._id));
  for (const s of instance.schools) if (!schools.has(s.id)) problems.push(`school ${s.id} staat niet in de database`);
  for (const r of instance.requests) {
    if (!LENGTH_BY_MINUTES.has(r.sessionMinutes))
      problems.push(`${r.id}: sessieduur ${r.sessionMinutes} min is geen 120, 180 of 300`);
    if (r.setupMinutes !== 45 || r.teardownMinutes !== 30)
      problems.push(`${r.id}: opbouw/afbouw ${r.setupMinutes}/${r.teardownMinutes} min, de app rekent met 45/30`);
  }
  for (const t of instance.trucks)
    if (!(await Truck.exists({ _id: t.id }))) problems.push(`truck ${t.id} bestaat niet`);
  if (problems.length > 0)
    throw new InvalidInputError(
      `Dit bestand past niet bij de gegevens van de app: ${problems.slice(0, 5).join('; ')}`,
      problems,
    );

  let truckDaysOff = 0;
  for (const t of instance.trucks) {
    for (const date of t.unavailableDates) {
      const res = await CalendarEntry.updateOne(
        { _id: `truck_unavailable:${t.id}:${date}` },
        {
          $setOnInsert: {
            kind: 'truck_unavailable',
            name: `${t.name} niet beschikbaar`,
            startDate: date,
            endDate: date,
            truckId: t.id,
            note: `uit ${instance.name}`,
          },
        },
        { upsert: true },
      );
      truckDaysOff += res.upsertedCount;
    }
  }

  const existing = new Set(
    (
      await VisitRequest.find({ externalId: trusted({ $ne: null }) }, 'externalId').lean<
        Array<{ externalId: string }>
      >()
    ).map((r) => r.externalId),
  );
  const schoolInfo = new Map(
    (await School.find({}, 'name region').lean<Array<{ _id: string; name: string; region: string }>>()).map((s) => [
      s._id,
      s,
    ]),
  );
  let created = 0;
  for (const r of instance.requests) {
    if (existing.has(r.id)) continue;
    const school = schoolInfo.get(r.school)!;
    const submittedAt = new Date(r.submittedAt);
    await VisitRequest.create({
      reference: `IMP-${r.id}`,
      externalId: r.id,
      schoolId: r.school,
      schoolName: school.name,
      region: school.region,
      contact: { name: 'Geïmporteerd', email: `planning+${r.id}@techniekwagen.invalid`, phone: null },
      pupils: 25,
      classes: 1,
      levels: ['overig'],
      programmes: ['programmeren'],
      sessionLength: LENGTH_BY_MINUTES.get(r.sessionMinutes)!,
      preferredWeeks: r.windows,
      excludedDates: r.excludedDates,
      earliestStart: r.earliestStart,
      latestEnd: r.latestEnd,
      priority: r.priority,
      status: 'accepted',
      history: [
        { status: 'submitted', at: submittedAt, by: null, reason: null },
        { status: 'accepted', at: now, by: null, reason: `geïmporteerd uit ${instance.name}` },
      ],
      submittedAt,
      updatedAt: now,
      version: 0,
    });
    created += 1;
  }
  const built = await buildInstance(
    instance.name,
    instance.horizon.from,
    instance.horizon.to,
    instance.trucks.map((t) => t.id),
  );
  return {
    created,
    skipped: instance.requests.length - created,
    truckDaysOff,
    differences: compareInstances(instance, built.instance),
  };
}

/** Differences that matter for planning between two instances (order of lists does not matter). */
export function compareInstances(a: PlanningInstance, b: PlanningInstance): string[] {
  const x = validatePlanningInstance(a);
  const y = validatePlanningInstance(b);
  const diffs: string[] = [];
  const same = (what: string, p: unknown, q: unknown) => {
    if (JSON.stringify(p) !== JSON.stringify(q)) diffs.push(what);
  };
  same('horizon', x.horizon, y.horizon);
  same('closedDates', x.closedDates, y.closedDates);
  same('travel', x.travel, y.travel);
  same(
    'depots (locations)',
    x.depots.map((d) => [d.id, d.location]),
    y.depots.map((d) => [d.id, d.location]),
  );
  same(
    'trucks',
    x.trucks.map(({ name: _n, ...t }) => t),
    y.trucks.map(({ name: _n, ...t }) => t),
  );
  same(
    'regions (weights)',
    x.regions.map((r) => [r.id, r.weight]),
    y.regions.map((r) => [r.id, r.weight]),
  );
  same(
    'schools (regions and locations)',
    x.schools.map((s) => [s.id, s.region, s.location]),
    y.schools.map((s) => [s.id, s.region, s.location]),
  );
  same('requests', x.requests, y.requests);
  return diffs;
}
