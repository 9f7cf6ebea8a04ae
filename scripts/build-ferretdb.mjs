#!/usr/bin/env node
// Builds the embedded database server, FerretDB v1.24.2, into .tools/bin/ferretdb (git-ignored).
// Runs as npm's postinstall step; `npm run setup:db` runs it again (--force rebuilds).
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` compiles under Go 1.26, but the binary
// panics at start-up ("Invalid build/version/version.txt file content"): the published module lacks the
// generated build/version/version.txt that FerretDB's own build writes (`bin/task gen-version`). So this
// script fetches the same module through the Go module proxy (`go mod download`), copies it to
// .tools/src, writes that one file, and builds the unchanged source there.
//
// The install never fails because of this step: without Go, the app still runs against MONGODB_URI,
// and `npm start` explains what to do when neither is there.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = 'v1.24.2';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const binary = join(toolsDir, 'bin', process.platform === 'win32' ? 'ferretdb.exe' : 'ferretdb');
const force = process.argv.includes('--force');
const say = (msg) => console.log(`[ferretdb] ${msg}`);

if (process.env.MONGODB_URI && !force) {
  say('MONGODB_URI is set, so the embedded database is not needed; skipping its build.');
  process.exit(0);
}
if (existsSync(binary) && !force) {
  say(`already built: ${binary}`);
  process.exit(0);
}

const go = spawnSync('go', ['version'], { encoding: 'utf8' });
if (go.error || go.status !== 0) {
  say('Go was not found, so the embedded database (FerretDB) was not built.');
  say('Install Go 1.22 or newer and run `npm run setup:db`, or set MONGODB_URI to a MongoDB server (see README).');
  process.exit(0);
}
say(`building FerretDB ${VERSION} with ${go.stdout.trim()} (takes a few minutes the first time)...`);

const goEnv = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
const download = spawnSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${VERSION}`], {
  encoding: 'utf8',
  env: goEnv,
  cwd: toolsDir_ensure(),
});
if (download.status !== 0) fail(`go mod download failed:\n${download.stderr || download.stdout}`);
const moduleDir = JSON.parse(download.stdout).Dir;

const srcDir = join(toolsDir, 'src', `ferretdb-${VERSION}`);
rmSync(srcDir, { recursive: true, force: true });
cpSync(moduleDir, srcDir, { recursive: true });
makeWritable(srcDir); // the module cache is read-only
writeFileSync(join(srcDir, 'build', 'version', 'version.txt'), `${VERSION}\n`);
writeFileSync(join(srcDir, 'build', 'version', 'package.txt'), 'techniekwagen\n');

mkdirSync(dirname(binary), { recursive: true });
const build = spawnSync('go', ['build', '-trimpath', '-ldflags', '-s -w', '-o', binary, './cmd/ferretdb'], {
  cwd: srcDir,
  env: goEnv,
  stdio: 'inherit',
});
if (build.status !== 0) fail('go build failed (see above).');
rmSync(join(toolsDir, 'src'), { recursive: true, force: true });
say(`built ${binary}`);

function toolsDir_ensure() {
  mkdirSync(toolsDir, { recursive: true });
  return toolsDir;
}

function makeWritable(dir) {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) makeWritable(path);
    else chmodSync(path, 0o644);
  }
}

function fail(message) {
  say(message);
  say(
    'The embedded database could not be built. Run `npm run setup:db` to try again, or set MONGODB_URI (see README).',
  );
  process.exit(0);
}
