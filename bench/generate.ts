/**
 * Builds benchmark instances from the real seed data (school locations, STO regions, the school
 * holidays of region midden and the public holidays) and writes them to bench/instances/.
 * Seeded and deterministic: the same seed writes byte-identical files.
 * Usage: npx tsx bench/generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, isoWeekday, listDates } from '../shared/domain/time';
import { createRng } from '../shared/optimizer/rng';
import type { Rng } from '../shared/optimizer/rng';
import type { PlanningInstance, Region, School, TourRequest, Truck } from '../shared/optimizer/types';
import { assignRegion } from '../seed/regions';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface SeedSchool {
  vestigingscode: string;
  official_name: string;
  municipality: string;
  maas_bank_approx?: string | null;
  rotterdam_district_approx?: string | null;
  offers_vmbo: boolean;
  coordinates: [number, number];
}

const REGION_NAMES: [string, string][] = [
  ['rotterdam-noord', 'Rotterdam-Noord'],
  ['rotterdam-zuid', 'Rotterdam-Zuid'],
  ['nieuwe-waterweg-noord', 'Nieuwe Waterweg Noord'],
  ['barendrecht-ridderkerk', 'Barendrecht en Ridderkerk'],
  ['capelle-oostland', 'Capelle en Oostland'],
  ['voorne-putten-rozenburg', 'Voorne-Putten en Rozenburg'],
  ['hoeksche-waard-goeree-overflakkee', 'Hoeksche Waard en Goeree-Overflakkee'],
];

/** Returns the STO region of a seed school: the same rule the app's seed uses (seed/regions.ts). */
export function regionOf(s: SeedSchool): string {
  const region = assignRegion(s);
  if (!region) throw new Error(`no STO region for municipality ${s.municipality}`);
  return region;
}

interface GenerateSpec {
  name: string;
  seed: number;
  from: string;
  to: string;
  requests: number;
  trucks: { maxVisitsPerDay: number }[];
  /** Extra request weight of Rotterdam-Noord schools, to make first-come-first-served unfair. */
  noordBoost: number;
}

function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

function closedDates(from: string, to: string): string[] {
  const cal = JSON.parse(readFileSync(join(ROOT, 'seed/data/calendar-nl.json'), 'utf8')) as {
    school_years: { holidays: { regions: Record<string, { start: string; end: string }> }[] }[];
    public_holidays: { holidays: { date: string; date_holidays_type: string }[] };
  };
  const closed = new Set<string>();
  for (const year of cal.school_years) {
    for (const h of year.holidays) {
      const m = h.regions.midden;
      if (m) for (const d of listDates(m.start, m.end)) closed.add(d);
    }
  }
  // Public holidays and Goede Vrijdag/Bevrijdingsdag ("school") close the truck; Oudejaarsavond ("bank") does not.
  for (const h of cal.public_holidays.holidays) if (h.date_holidays_type !== 'bank') closed.add(h.date);
  return [...closed].filter((d) => d >= from && d <= to).sort();
}

function isoTimestamp(rng: Rng, from: string, days: number): string {
  const date = addDays(from, rng.int(Math.max(1, days)));
  const secs = rng.int(86_400);
  const hh = String(Math.floor(secs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secs % 3600) / 60)).padStart(2, '0');
  const ss = String(secs % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}:${ss}Z`;
}

/** Returns a generated instance; deterministic in the spec (its seed included). */
export function generateInstance(spec: GenerateSpec): PlanningInstance {
  const rng = createRng(spec.seed);
  const seed = JSON.parse(readFileSync(join(ROOT, 'seed/data/schools-rijnmond.json'), 'utf8')) as {
    depot: { name: string; coordinates: [number, number] };
    schools: SeedSchool[];
  };
  const weights = new Map<string, number>(REGION_NAMES.map(([id]) => [id, 0]));
  for (const s of seed.schools) if (s.offers_vmbo) weights.set(regionOf(s), (weights.get(regionOf(s)) ?? 0) + 1);
  const regions: Region[] = REGION_NAMES.map(([id, name]) => ({ id, name, weight: weights.get(id) ?? 0 }));
  const schools: School[] = seed.schools.map((s) => ({
    id: s.vestigingscode.toLowerCase(),
    name: s.official_name,
    region: regionOf(s),
    location: s.coordinates,
  }));
  const closed = closedDates(spec.from, spec.to);
  const closedSet = new Set(closed);
  const workdays = listDates(spec.from, spec.to).filter((d) => isoWeekday(d) <= 5 && !closedSet.has(d));
  const trucks: Truck[] = spec.trucks.map((t, i) => ({
    id: `wagen-${i + 1}`,
    name: `Techniekwagen ${i + 1}`,
    depot: 'glr',
    shift: { start: '07:30', end: '17:00' },
    weekdays: [1, 2, 3, 4, 5],
    unavailableDates: [
      ...new Set(Array.from({ length: Math.ceil(workdays.length / 60) }, () => workdays[rng.int(workdays.length)]!)),
    ].sort(),
    maxVisitsPerDay: t.maxVisitsPerDay,
  }));

  const schoolWeights = seed.schools.map(
    (s, i) => [i, (s.offers_vmbo ? 3 : 1) * (regionOf(s) === 'rotterdam-noord' ? spec.noordBoost : 1)] as const,
  );
  const requests: TourRequest[] = [];
  for (let k = 0; k < spec.requests; k++) {
    const school = schools[pickWeighted(rng, schoolWeights)]!;
    const anchor = workdays[rng.int(workdays.length)]!;
    const windows = [];
    const windowCount = 1 + rng.int(3);
    for (let w = 0; w < windowCount; w++) {
      const from = addDays(anchor, w === 0 ? -rng.int(4) : rng.int(30) - 10);
      const to = addDays(from, 4 + rng.int(21));
      windows.push({ from: from < spec.from ? spec.from : from, to: to > spec.to ? spec.to : to });
    }
    const validWindows = windows.filter((w) => w.from <= w.to);
    const inWindows = [...new Set(validWindows.flatMap((w) => listDates(w.from, w.to)))].sort();
    const excludedDates = [
      ...new Set(Array.from({ length: rng.int(3) }, () => inWindows[rng.int(inWindows.length)]!)),
    ].sort();
    const earliestWindow = validWindows.reduce((a, w) => (w.from < a ? w.from : a), spec.to);
    const sessionMinutes = pickWeighted(rng, [
      [120, 35],
      [180, 45],
      [300, 20],
    ] as const);
    // As in the sample instances, a 300-minute programme is never asked to end by 12:30.
    const latestEnd =
      sessionMinutes === 300
        ? pickWeighted(rng, [
            ['15:30', 80],
            ['16:00', 20],
          ] as const)
        : pickWeighted(rng, [
            ['12:30', 25],
            ['15:30', 45],
            ['16:00', 30],
          ] as const);
    requests.push({
      id: `req-${String(k + 1).padStart(4, '0')}`,
      school: school.id,
      submittedAt: isoTimestamp(rng, addDays(earliestWindow, -150), 140),
      sessionMinutes,
      setupMinutes: 45,
      teardownMinutes: 30,
      windows: validWindows,
      excludedDates,
      earliestStart: pickWeighted(rng, [
        ['08:30', 70],
        ['09:00', 30],
      ] as const),
      latestEnd,
      priority: rng.next() < 0.12 ? 2 : 1,
    });
  }
  const usedSchools = new Set(requests.map((r) => r.school));
  return {
    format: 'techniekwagen-instance/1',
    name: spec.name,
    horizon: { from: spec.from, to: spec.to },
    closedDates: closed,
    travel: { model: 'haversine', roadFactor: 1.35, speedKmh: 30 },
    depots: [{ id: 'glr', name: 'Grafisch Lyceum Rotterdam, Heer Bokelweg', location: seed.depot.coordinates }],
    trucks,
    regions,
    schools: schools.filter((s) => usedSchools.has(s.id)),
    requests,
  };
}

/** Returns the instance as JSON with one school or request per line (small diffs, readable). */
export function formatInstance(inst: PlanningInstance): string {
  const lines = Object.entries(inst).map(([key, value]) => {
    if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
      return `  ${JSON.stringify(key)}: [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** The generated benchmark instances. */
export const SPECS: GenerateSpec[] = [
  {
    name: 'rijnmond-schoolyear-2627-s23',
    seed: 23,
    from: '2026-08-31',
    to: '2027-07-16',
    requests: 800,
    trucks: [{ maxVisitsPerDay: 2 }, { maxVisitsPerDay: 3 }],
    noordBoost: 1.5,
  },
  {
    name: 'rijnmond-2yr-3000-s5',
    seed: 5,
    from: '2026-08-31',
    to: '2028-07-07',
    requests: 3000,
    trucks: [{ maxVisitsPerDay: 2 }, { maxVisitsPerDay: 2 }, { maxVisitsPerDay: 3 }],
    noordBoost: 1.5,
  },
  {
    // Added with the alternatives (issue #14) and kept unseen while tuning: one truck, an autumn term.
    name: 'rijnmond-autumn-2026-s31',
    seed: 31,
    from: '2026-08-31',
    to: '2026-12-18',
    requests: 180,
    trucks: [{ maxVisitsPerDay: 2 }],
    noordBoost: 1.5,
  },
];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const spec of SPECS) {
    const path = join(ROOT, 'bench/instances', `${spec.name}.json`);
    const text = formatInstance(generateInstance(spec));
    writeFileSync(path, text);
    process.stderr.write(`generate: wrote ${path} (${(text.length / 1024).toFixed(0)} KiB)\n`);
  }
}
