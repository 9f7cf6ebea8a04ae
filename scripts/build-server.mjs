#!/usr/bin/env node
// Bundles the server (backend + shared + seed data) into dist/server.js for the production image;
// npm packages stay external and come from the runtime image's node_modules.
import { build } from 'esbuild';

await build({
  // The optimizer's worker thread is its own bundle beside the server (see services/planning/plans.ts).
  entryPoints: { server: 'backend/server.ts', planWorker: 'backend/services/planning/planWorker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'info',
});
