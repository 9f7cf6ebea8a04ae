#!/usr/bin/env node
// Bundles the server (backend + shared + seed data) into dist/server.js for the production image;
// npm packages stay external and come from the runtime image's node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['backend/server.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'info',
});
