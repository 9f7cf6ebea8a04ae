// `npm run backup -- --out FILE` and `npm run restore -- --in FILE`: Extended JSON of every collection.
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connection';
import { appDatabase } from '../db/layout';
import { createLogger } from '../logger';
import { backupDatabase, restoreDatabase } from '../services/backup';

const mode = process.argv[2];
try {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { out: { type: 'string' }, in: { type: 'string' } },
    strict: true,
  });
  const file = mode === 'backup' ? values.out : values.in;
  if ((mode !== 'backup' && mode !== 'restore') || !file) {
    throw new Error('Gebruik: npm run backup -- --out BESTAND  of  npm run restore -- --in BESTAND');
  }
  const config = loadConfig();
  const db = await connectDatabase(config, createLogger('warn'));
  try {
    const started = performance.now();
    const app = appDatabase(mongoose.connection.getClient(), mongoose.connection.name, db.ferretDb);
    const counts = mode === 'backup' ? await backupDatabase(app, file) : await restoreDatabase(app, file);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `${mode === 'backup' ? 'Back-up' : 'Herstel'} klaar: ${total} documenten uit ${Object.keys(counts).length} collecties in ${Math.round(performance.now() - started)} ms (${file}).`,
    );
  } finally {
    await db.close();
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
