#!/usr/bin/env node
// `npm run dev`: the API with reload (tsx watch) on API_PORT (default 3001) and Vite with hot reload on
// PORT (default 3000), which proxies /api to the API. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// Settings from .env (see .env.example), when there is one; the environment wins.
if (existsSync('.env')) process.loadEnvFile('.env');

const apiPort = process.env.API_PORT ?? '3001';
const webPort = process.env.PORT ?? '3000';
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'backend/server.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, HOST: '127.0.0.1' },
  }),
  spawn('npx', ['vite', '--config', 'frontend/vite.config.ts', '--port', webPort, '--strictPort'], {
    stdio: 'inherit',
    env: { ...process.env, API_PORT: apiPort },
  }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    if (code) {
      stop();
      process.exitCode = code;
    }
  });
