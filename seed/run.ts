// `npm run seed`: loads the real Rijnmond data into the configured database (idempotent).
import { loadConfig } from '../backend/config';
import { connectDatabase } from '../backend/db/connection';
import { createLogger } from '../backend/logger';
import { ensureIndexes } from '../backend/models';
import { seedDatabase } from './seedDatabase';

const config = loadConfig();
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
try {
  const db = await connectDatabase(config, logger);
  try {
    await ensureIndexes({ embedded: db.ferretDb });
    const started = performance.now();
    const report = await seedDatabase();
    const counts = Object.entries(report.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(
      `Seed klaar in ${Math.round(performance.now() - started)} ms: ${counts}; gewijzigd: ${report.changed}.`,
    );
  } finally {
    await db.close();
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
