import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '../../backend/db/embeddedFerretDb';

/** The real server (backend/server.ts) as a child process, as `npm start` runs it. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Spawns the server with the given environment; does not wait for it to listen. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/server.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'test', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Polls until `check` passes or the time is up; returns how long it took in ms. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Waits until the server answers /api/health with 200. A first start seeds the database: on a busy machine, with
 * the other test groups running beside it, that can take half a minute.
 */
export function waitForHealthy(server: ServerProcess, timeoutMs = 60_000): Promise<number> {
  return waitFor(
    async () => (await fetch(`${server.baseUrl}/api/health`)).status === 200,
    timeoutMs,
    'a healthy server',
  );
}

/** The pid of the embedded FerretDB that the server started in this data folder. */
export function ferretDbPid(dataDir: string): number {
  return Number.parseInt(readFileSync(join(dataDir, 'ferretdb', 'ferretdb.pid'), 'utf8'), 10);
}

/** True while a process with this pid exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a FerretDB still running in this data folder (after a test that killed its app on purpose). */
export function stopLeftoverFerretDb(dataDir: string): void {
  if (!existsSync(join(dataDir, 'ferretdb', 'ferretdb.pid'))) return;
  const pid = ferretDbPid(dataDir);
  if (Number.isInteger(pid) && isRunning(pid)) process.kill(pid, 'SIGKILL');
}
