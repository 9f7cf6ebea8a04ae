import type { Model } from 'mongoose';
import { CalendarEntry, Depot, Municipality, Region, School, Truck } from '../backend/models';
import { REGION_IDS, REGION_NAMES } from '../shared/types/regions';
import { loadSeedData } from './loadSeedData';
import { dissolve, regionParts, regionWeights } from './regions';

/** What a seed run found and changed, per collection. */
export interface SeedReport {
  counts: Record<string, number>;
  /** Documents inserted or modified; 0 when the database already held exactly this data. */
  changed: number;
}

type SeedDoc = { _id: string } & Record<string, unknown>;

/**
 * Writes the real Rijnmond data (schools, regions, municipalities, depot, truck, calendar), keyed on
 * natural ids, so running it twice changes nothing. Only documents that differ are written (FerretDB
 * writes are slow enough that rewriting 300 equal documents costs seconds). Never deletes anything.
 */
export async function seedDatabase(): Promise<SeedReport> {
  const data = loadSeedData();
  const parts = regionParts(data.municipalities, data.districts);
  const weights = regionWeights(data.schools);
  const { depot } = data;

  let changed = 0;
  changed += await upsertChanged(School, data.schools as unknown as SeedDoc[]);
  changed += await upsertChanged(
    Region,
    REGION_IDS.map((id, order) => {
      const notes = data.regionNotes.get(id);
      return {
        _id: id,
        name: REGION_NAMES[id],
        weight: weights.get(id) ?? 0,
        order,
        municipalities: notes?.municipalities ?? [],
        assumption: notes?.assumption ?? null,
        geometryJson: JSON.stringify(dissolve(parts.get(id) ?? [])),
      };
    }),
  );
  changed += await upsertChanged(
    Municipality,
    data.municipalities.features.map((f) => ({
      _id: f.properties.statcode,
      name: f.properties.statnaam,
      group: f.properties.group,
      geometryJson: JSON.stringify(f.geometry),
    })),
  );
  changed += await upsertChanged(Depot, [
    { _id: depot.id, name: depot.name, address: depot.address, location: depot.location },
  ]);
  changed += await upsertChanged(CalendarEntry, data.calendar as unknown as SeedDoc[]);
  // The truck the GLR has. Its settings are the crew's to change, so it is only created, never reset.
  const truck = await Truck.updateOne(
    { _id: 'wagen-1' },
    {
      $setOnInsert: {
        name: 'Techniekwagen 1',
        depotId: depot.id,
        shift: { start: '07:30', end: '17:00' },
        weekdays: [1, 2, 3, 4, 5],
        maxVisitsPerDay: 2,
        active: true,
      },
    },
    { upsert: true },
  );
  changed += truck.upsertedCount;

  const [schools, regions, municipalities, depots, trucks, calendar] = await Promise.all([
    School.countDocuments(),
    Region.countDocuments(),
    Municipality.countDocuments(),
    Depot.countDocuments(),
    Truck.countDocuments(),
    CalendarEntry.countDocuments(),
  ]);
  return { counts: { schools, regions, municipalities, depots, trucks, calendar }, changed };
}

/** True when the database has no schools yet, i.e. a first start that should seed. */
export async function isDatabaseEmpty(): Promise<boolean> {
  return (await School.estimatedDocumentCount()) === 0;
}

const BATCH = 25;

/** Upserts (`$set` of the seed's fields) the documents that are missing or differ; returns how many. */
// Mongoose's Model generics are invariant, so one helper for every model takes Model<any>.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function upsertChanged(model: Model<any>, docs: SeedDoc[]): Promise<number> {
  const fields = [...new Set(docs.flatMap((d) => Object.keys(d)))];
  const existing = await model.find({}, fields.join(' ')).lean<SeedDoc[]>();
  const byId = new Map(existing.map((d) => [d._id, d]));
  const stale = docs.filter((d) => {
    const current = byId.get(d._id);
    return !current || fields.some((f) => !sameValue(current[f], d[f]));
  });
  for (let i = 0; i < stale.length; i += BATCH) {
    await model.bulkWrite(
      stale.slice(i, i + BATCH).map(({ _id, ...rest }) => ({
        updateOne: { filter: { _id }, update: { $set: rest }, upsert: true },
      })),
    );
  }
  return stale.length;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
