import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger';

/** A start-up problem with one sentence telling the user what to do. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** A running FerretDB child process (SQLite backend) and how to reach and stop it. */
export interface EmbeddedFerretDb {
  uri: string;
  /** The Unix socket FerretDB listens on (no TCP port: see startEmbeddedFerretDb). */
  socketPath: string;
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period) and removes the lock file. */
  stop(): Promise<void>;
  /** Kills the child at once, e.g. to simulate a crash in tests; it is not restarted. */
  kill(): void;
}

export interface EmbeddedFerretDbOptions {
  binary: string;
  dataDir: string;
  logger?: Logger;
  /** Restart the server when it dies unexpectedly (the app's API then recovers by itself). */
  restartOnCrash?: boolean;
}

const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 8_000;

/** The longest Unix socket path that fits every platform's sockaddr_un (104 bytes on macOS, 108 on Linux). */
const MAX_SOCKET_PATH = 100;

/**
 * Starts FerretDB v1.24 with its SQLite backend, data in `<dataDir>/ferretdb`. It listens on a Unix socket in that
 * folder, not on a TCP port: FerretDB has no authentication here, so a port on 127.0.0.1 let any local user (or
 * any process of another user) read the sessions and password hashes. The folder is made private (0700), which
 * closes both the socket and the SQLite files to other users. Should the folder's path be too long for a socket,
 * the socket goes into a private (0700) temporary folder of its own.
 */
export async function startEmbeddedFerretDb(options: EmbeddedFerretDbOptions): Promise<EmbeddedFerretDb> {
  const { logger } = options;
  const binary = resolve(options.binary); // the child runs in the data folder, so no relative path
  if (!existsSync(binary)) {
    throw new StartupError(
      `De ingebouwde database (FerretDB) is niet gebouwd (${binary} ontbreekt): installeer Go 1.22 of nieuwer en voer \`npm run setup:db\` uit, of zet MONGODB_URI op een MongoDB-server.`,
    );
  }
  const dir = join(options.dataDir, 'ferretdb');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // also a folder made by an earlier version, with the default 0755
  const lock = claimDataDir(dir);
  let socketDir: string | null = null;
  let socketPath = join(dir, 'ferretdb.sock');
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    socketDir = mkdtempSync(join(tmpdir(), 'techniekwagen-db-')); // 0700
    socketPath = join(socketDir, 'ferretdb.sock');
  }

  let child: ChildProcess | undefined;
  let stopping = false;

  // Bring a crashed server back on the same port and folder, with back-off, until it runs or we stop.
  const scheduleRestart = (attempt: number) => {
    setTimeout(
      () => {
        if (stopping) return;
        launch()
          .then((p) => {
            child = p;
            logger?.info({ socketPath, attempt }, 'embedded database restarted');
          })
          .catch((e: unknown) => {
            logger?.error(
              { err: (e as Error).message, attempt },
              'embedded database could not be restarted; trying again',
            );
            scheduleRestart(attempt + 1);
          });
      },
      Math.min(10_000, 1000 * attempt),
    ).unref();
  };

  const launch = async (): Promise<ChildProcess> => {
    rmSync(socketPath, { force: true }); // left behind by a FerretDB that was killed
    const proc = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--state-dir=${dir}`,
        '--listen-addr=', // no TCP listener
        `--listen-unix=${socketPath}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=warn',
      ],
      // Own process group: a Ctrl-C in the terminal reaches only the app, which stops this child after
      // the last request is answered, so no acknowledged write is cut off.
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, detached: true },
    );
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        logger?.debug({ ferretdb: line }, 'ferretdb');
      }
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    writeFileSync(join(dir, 'ferretdb.pid'), String(proc.pid ?? ''));
    try {
      await waitForSocket(socketPath, proc, READY_TIMEOUT_MS);
    } catch (err) {
      proc.kill('SIGKILL');
      throw new StartupError(
        `De ingebouwde database (FerretDB) start niet: ${(err as Error).message}. Laatste uitvoer: ${tail.slice(-3).join(' | ') || '(geen)'}`,
      );
    }
    proc.once('exit', (code, signal) => {
      if (stopping || proc !== child) return;
      logger?.error({ code, signal }, 'embedded database stopped unexpectedly');
      if (options.restartOnCrash) scheduleRestart(1);
    });
    return proc;
  };

  child = await launch();
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    uri: `mongodb://${encodeURIComponent(socketPath)}/techniekwagen`,
    socketPath,
    pid: child.pid ?? -1,
    kill() {
      stopping = true;
      child?.kill('SIGKILL');
    },
    async stop() {
      stopping = true;
      process.off('exit', killOnExit);
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(join(dir, 'ferretdb.pid'), { force: true });
      rmSync(socketPath, { force: true });
      if (socketDir) rmSync(socketDir, { recursive: true, force: true });
      lock.release();
    },
  };
}

/**
 * Makes sure no other running app uses this data folder (SQLite files must have one server), and
 * ends a FerretDB left behind by an app that was killed without a chance to stop it.
 */
function claimDataDir(dir: string): { release(): void } {
  const lockFile = join(dir, 'app.lock');
  const ownerPid = readPid(lockFile);
  if (ownerPid !== null && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new StartupError(
      `De datamap ${dir} is al in gebruik door een ander draaiend proces (pid ${ownerPid}): stop dat eerst, of kies een andere map met DATA_DIR.`,
    );
  }
  const orphan = readPid(join(dir, 'ferretdb.pid'));
  if (orphan !== null && isAlive(orphan) && isFerretDb(orphan)) process.kill(orphan, 'SIGKILL');
  writeFileSync(lockFile, String(process.pid));
  return { release: () => rmSync(lockFile, { force: true }) };
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isFerretDb(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ferretdb');
  } catch {
    return false; // no /proc (macOS): leave it alone rather than kill a stranger
  }
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForSocket(path: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`het proces stopte meteen (exitcode ${code})`));
    proc.once('exit', onExit);
    proc.once('error', (err) => reject(err));
    const attempt = () => {
      const socket = createConnection({ path });
      socket.once('connect', () => {
        socket.destroy();
        proc.off('exit', onExit);
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`geen verbinding op ${path} binnen ${timeoutMs / 1000} s`));
        else if (proc.exitCode === null) setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}
