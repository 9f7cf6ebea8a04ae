// `npm run import:instance -- --instance FILE`: loads a planning instance as accepted requests.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connection';
import { createLogger } from '../logger';
import { ensureIndexes } from '../models';
import { importInstance } from '../services/importInstance';
import { isDatabaseEmpty, seedDatabase } from '../../seed/seedDatabase';

try {
  const { values } = parseArgs({ options: { instance: { type: 'string' } }, strict: true });
  if (!values.instance) throw new Error('Gebruik: npm run import:instance -- --instance BESTAND.json');
  const raw = JSON.parse(readFileSync(values.instance, 'utf8')) as unknown;
  const db = await connectDatabase(loadConfig(), createLogger('warn'));
  try {
    await ensureIndexes({ embedded: db.ferretDb });
    if (await isDatabaseEmpty()) await seedDatabase();
    const report = await importInstance(raw);
    console.log(
      `Geïmporteerd: ${report.created} aanvragen (${report.skipped} waren er al), ${report.truckDaysOff} dagen zonder truck.`,
    );
    console.log(
      report.differences.length === 0
        ? 'De app bouwt voor deze periode hetzelfde planprobleem als het bestand.'
        : `Verschillen met het bestand: ${report.differences.join(', ')}`,
    );
  } finally {
    await db.close();
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
