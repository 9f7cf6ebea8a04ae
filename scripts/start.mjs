#!/usr/bin/env node
// `npm start`: builds the frontend when dist/frontend is missing, then runs the server in this process
// (so Ctrl-C and SIGTERM reach it directly and it can stop the embedded database cleanly).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

// Settings from .env (see .env.example), when there is one; the environment wins.
if (existsSync('.env')) process.loadEnvFile('.env');

if (!existsSync('dist/frontend/index.html')) {
  console.log('Frontend nog niet gebouwd: npm run build:web ...');
  const build = spawnSync('npx', ['vite', 'build', '--config', 'frontend/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('Het bouwen van de frontend is mislukt (zie hierboven). Probeer `npm install` opnieuw.');
    process.exit(1);
  }
}
register();
await import('../backend/server.ts');
