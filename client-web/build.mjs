// Builds the browser client into one folder the server can serve: app.js (src/main.js bundled by esbuild with
// @msgpack/msgpack), app.js.map, index.html and style.css.
//
//   node build.mjs --out <dir>
//
// Restores node_modules first when it is missing or older than package-lock.json (`npm ci`, under a lock so two
// builds of different artifacts paths never run it at once), then writes the bundle into a temporary sibling of
// <dir> and renames it into place, so a concurrent reader never sees half a bundle. The Host's MSBuild target runs
// this only when a source is newer than the bundle.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf('--out');
if (outIndex < 0 || !process.argv[outIndex + 1]) {
  console.error('usage: node build.mjs --out <dir>');
  process.exit(2);
}
const outDir = resolve(process.argv[outIndex + 1]);

await withLock(join(here, 'node_modules.lock'), restoreIfStale);
await bundle();

function restoreIfStale() {
  const lockFile = join(here, 'package-lock.json');
  const installed = join(here, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockFile).mtimeMs) {
    return;
  }
  console.log('client-web: npm ci (node_modules is missing or older than package-lock.json)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`npm ci failed (${result.error?.message ?? `exit code ${result.status}`})`);
  }
}

async function bundle() {
  const { build } = await import('esbuild');
  mkdirSync(dirname(outDir), { recursive: true });
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await build({
      entryPoints: [join(here, 'src', 'main.js')],
      outfile: join(staging, 'app.js'),
      bundle: true,
      format: 'esm',
      target: ['es2022'],
      sourcemap: 'linked',
      minify: true,
      legalComments: 'linked',
      logLevel: 'warning',
    });
    for (const name of readdirSync(join(here, 'public'))) {
      cpSync(join(here, 'public', name), join(staging, name), { recursive: true });
    }
    rmSync(outDir, { recursive: true, force: true });
    try {
      renameSync(staging, outDir);
    } catch (error) {
      // A concurrent build of the same output won the race and wrote the same files: keep its bundle.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') {
        throw error;
      }
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  console.log(`client-web: bundle written to ${outDir}`);
}

// A directory is created atomically, so it serves as a cross-process lock; a lock older than five minutes is left
// over from a killed build and is broken.
async function withLock(path, action) {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(path);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') {
        throw error;
      }
      if (Date.now() - safeMtime(path) > 5 * 60_000) {
        rmSync(path, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${path}`);
      }
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  try {
    return action();
  } finally {
    rmdirSync(path);
  }
}

function safeMtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}
